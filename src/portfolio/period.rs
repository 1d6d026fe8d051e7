//! The order of period labels. Placeholder for the chronological ordering of the input work:
//! it sorts labels as strings.

use crate::error::Result;

/// Indexes of `labels` in chronological order (here: as sorted strings), or in the order
/// `explicit` gives.
///
/// # Errors
///
/// None in this version; mixed or unparseable labels will be errors.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::chronological_order;
///
/// assert_eq!(chronological_order(&["2025", "2024"], None)?, [1, 0]);
/// # Ok::<(), keyaccount::Error>(())
/// ```
pub fn chronological_order(labels: &[&str], explicit: Option<&[String]>) -> Result<Vec<usize>> {
    let mut order: Vec<usize> = (0..labels.len()).collect();
    match explicit {
        Some(given) => order.sort_by_key(|&i| given.iter().position(|g| g == labels[i])),
        None => order.sort_by_key(|&i| labels[i]),
    }
    Ok(order)
}
