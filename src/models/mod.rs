//! The four models, one file each.

pub mod bensaou;
pub mod four_s;
pub mod millman_wilson;
pub mod webster;

/// Where a point falls in a two-by-two matrix cut at `(x_cut, y_cut)`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Quadrant {
    pub high_x: bool,
    pub high_y: bool,
    /// Distance to the nearer of the two cut lines.
    pub margin: f64,
}

/// A value exactly on a cut goes to the high side.
#[inline]
pub(crate) fn quadrant(x: f64, x_cut: f64, y: f64, y_cut: f64) -> Quadrant {
    Quadrant {
        high_x: x >= x_cut,
        high_y: y >= y_cut,
        margin: (x - x_cut).abs().min((y - y_cut).abs()),
    }
}

/// `a` is below `b` in a two-by-two matrix when it is a different cell that is no higher on
/// either axis.
pub(crate) const fn cell_below(a: (bool, bool), b: (bool, bool)) -> bool {
    (a.0 != b.0 || a.1 != b.1) && (!a.0 || b.0) && (!a.1 || b.1)
}
