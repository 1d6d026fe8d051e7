//! Period labels in time order.

mod common;

use keyaccount::portfolio::{chronological_order, PeriodKey, PeriodKind, PeriodProblem};
use keyaccount::Error;
use proptest::prelude::*;

fn sorted<'a>(labels: &[&'a str]) -> Vec<&'a str> {
    let order = chronological_order(labels, None).unwrap_or_else(|e| panic!("{e}"));
    order.iter().map(|&i| labels[i]).collect()
}

fn problems(labels: &[&str], explicit: Option<&[String]>) -> Vec<PeriodProblem> {
    match chronological_order(labels, explicit) {
        Err(Error::PeriodOrder { problems }) => problems,
        other => panic!("expected a period error, got {other:?}"),
    }
}

fn strings(labels: &[&str]) -> Vec<String> {
    labels.iter().map(|l| (*l).to_owned()).collect()
}

#[test]
fn each_format_orders_in_time() {
    let cases: [&[&str]; 9] = [
        &["2025", "2023", "2024"],
        &["FY2024", "FY2023", "fy 2025"],
        &["H2 2024", "H1 2025", "h1-2024"],
        &["Q1-2025", "Q4-2024", "2024-Q3", "Q2 2025", "2025Q3"],
        &["2024-10", "2024-9", "2023-12", "2025-01"],
        &["2024-10-01", "2024-9-30", "2024-02-29", "2023-12-31"],
        &["10", "9", "1", "2"],
        &["2024/10", "2024/02"],
        &["Q1 2024"],
    ];
    let expected: [&[&str]; 9] = [
        &["2023", "2024", "2025"],
        &["FY2023", "FY2024", "fy 2025"],
        &["h1-2024", "H2 2024", "H1 2025"],
        &["2024-Q3", "Q4-2024", "Q1-2025", "Q2 2025", "2025Q3"],
        &["2023-12", "2024-9", "2024-10", "2025-01"],
        &["2023-12-31", "2024-02-29", "2024-9-30", "2024-10-01"],
        &["1", "2", "9", "10"],
        &["2024/02", "2024/10"],
        &["Q1 2024"],
    ];
    for (labels, expected) in cases.iter().zip(expected) {
        assert_eq!(sorted(labels), expected, "{labels:?}");
    }
}

#[test]
fn the_pairs_of_the_issue() {
    assert_eq!(sorted(&["Q1-2025", "Q4-2024"]), ["Q4-2024", "Q1-2025"]);
    assert_eq!(sorted(&["2024-10", "2024-9"]), ["2024-9", "2024-10"]);
    assert_eq!(sorted(&["FY2024", "FY2023"]), ["FY2023", "FY2024"]);
    assert_eq!(sorted(&["H2 2024", "H1 2024"]), ["H1 2024", "H2 2024"]);
    assert_eq!(
        sorted(&["2025-01-01", "2024-12-31"]),
        ["2024-12-31", "2025-01-01"]
    );
}

#[test]
fn labels_of_different_kinds_are_mixed() {
    assert_eq!(
        problems(&["2024-Q1", "2024-03", "2024-Q2", "2024"], None),
        [PeriodProblem::Mixed {
            kinds: vec![
                (PeriodKind::Year, strings(&["2024"])),
                (PeriodKind::Quarter, strings(&["2024-Q1", "2024-Q2"])),
                (PeriodKind::Month, strings(&["2024-03"])),
            ]
        }]
    );
    // A fiscal year need not be the calendar year; a period index is no year.
    assert!(matches!(
        problems(&["FY2024", "2024"], None).as_slice(),
        [PeriodProblem::Mixed { .. }]
    ));
    assert!(matches!(
        problems(&["202403", "2024"], None).as_slice(),
        [PeriodProblem::Mixed { .. }]
    ));
}

#[test]
fn unparseable_labels_are_listed_once_each() {
    let err = chronological_order(&["spring", "2024", "autumn", "spring", ""], None).unwrap_err();
    assert_eq!(
        err,
        Error::PeriodOrder {
            problems: vec![PeriodProblem::Unparseable {
                labels: strings(&["spring", "autumn", ""])
            }]
        }
    );
    assert_eq!(
        err.to_string(),
        "period labels cannot be put in time order:\n  \
         - \"spring\", \"autumn\", \"\": not a period format that has an order (2024, FY2024, \
         H1 2024, 2024-Q1, Q1 2024, 2024-03, 2024-03-31, or a period number 1, 2, ...)\n  \
         give the periods in time order as period_order in [input]"
    );
}

#[test]
fn one_period_written_two_ways_is_an_error() {
    assert_eq!(
        problems(&["2024-3", "2024-04", "2024-03", "Q1 2024"], None),
        [
            PeriodProblem::Mixed {
                kinds: vec![
                    (PeriodKind::Quarter, strings(&["Q1 2024"])),
                    (
                        PeriodKind::Month,
                        strings(&["2024-3", "2024-04", "2024-03"])
                    ),
                ]
            },
            PeriodProblem::SamePeriod {
                labels: strings(&["2024-3", "2024-03"])
            },
        ]
    );
}

#[test]
fn one_label_needs_no_order() {
    assert_eq!(chronological_order(&[], None).unwrap(), Vec::<usize>::new());
    assert_eq!(chronological_order(&["anything"], None).unwrap(), [0]);
    assert_eq!(chronological_order(&["", "", ""], None).unwrap(), [0, 1, 2]);
}

#[test]
fn an_explicit_order_overrides_and_is_checked() {
    let order = strings(&["winter", "spring", "summer", "autumn"]);
    let labels = ["autumn", "spring", "autumn", "winter"];
    assert_eq!(
        chronological_order(&labels, Some(&order)).unwrap(),
        [3, 1, 0, 2]
    );
    // It also wins over labels that have a known format.
    let reversed = strings(&["2025", "2024"]);
    assert_eq!(
        chronological_order(&["2024", "2025"], Some(&reversed)).unwrap(),
        [1, 0]
    );

    let bad = strings(&["spring", "summer", "spring", "summer", "winter"]);
    let err =
        chronological_order(&["autumn", "spring", "Autumn", "autumn"], Some(&bad)).unwrap_err();
    assert_eq!(
        err,
        Error::PeriodOrder {
            problems: vec![
                PeriodProblem::NotInOrder {
                    labels: strings(&["autumn", "Autumn"])
                },
                PeriodProblem::DuplicateInOrder {
                    labels: strings(&["spring", "summer"])
                },
            ]
        }
    );
    assert_eq!(
        err.to_string(),
        "period labels cannot be put in time order:\n  \
         - \"autumn\", \"Autumn\": not listed in period_order\n  \
         - \"spring\", \"summer\": listed more than once in period_order"
    );
}

#[test]
fn keys_of_one_kind_compare_in_time() {
    let key = |l| PeriodKey::parse(l).unwrap();
    assert!(key("Q4-2024") < key("Q1 2025"));
    assert!(key("2024-12-31") < key("2025-01-01"));
    assert!(key("H2 2023") < key("H1 2024"));
    assert_eq!(key("q1 2024"), key("2024Q1"));
}

fn same_kind_labels() -> impl Strategy<Value = Vec<String>> {
    let year = 1990_u32..2040;
    prop_oneof![
        prop::collection::vec(year.clone().prop_map(|y| y.to_string()), 0..12),
        prop::collection::vec(
            (year.clone(), 1_u32..=4, any::<bool>()).prop_map(|(y, q, first)| if first {
                format!("Q{q}-{y}")
            } else {
                format!("{y} Q{q}")
            }),
            0..12
        ),
        prop::collection::vec(
            (year.clone(), 1_u32..=12).prop_map(|(y, m)| format!("{y}-{m}")),
            0..12
        ),
        prop::collection::vec(
            (year, 1_u32..=12, 1_u32..=28).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
            0..12
        ),
    ]
}

proptest! {
    #![proptest_config(common::proptest_config())]

    #[test]
    fn ordering_is_a_stable_permutation(labels in same_kind_labels()) {
        let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
        // Two spellings of one quarter are an error; that is tested above.
        let keys: Vec<PeriodKey> = labels.iter().map(|l| PeriodKey::parse(l).unwrap()).collect();
        let spelt_twice = labels.iter().zip(&keys).any(|(l, k)| {
            labels.iter().zip(&keys).any(|(m, j)| k == j && l != m)
        });
        match chronological_order(&labels, None) {
            Ok(order) => {
                prop_assert!(!spelt_twice);
                let mut seen = order.clone();
                seen.sort_unstable();
                prop_assert_eq!(seen, (0..labels.len()).collect::<Vec<_>>());
                for w in order.windows(2) {
                    let (a, b) = (w[0], w[1]);
                    prop_assert!(keys[a] < keys[b] || (keys[a] == keys[b] && a < b));
                }
            }
            Err(err) => {
                prop_assert!(spelt_twice, "{}", err);
            }
        }
    }

    #[test]
    fn an_explicit_order_is_followed(
        order in Just((0..8).map(|i| format!("p{i}")).collect::<Vec<String>>()).prop_shuffle(),
        picks in prop::collection::vec(0_usize..8, 0..16),
    ) {
        let labels: Vec<&str> = picks.iter().map(|&i| order[i].as_str()).collect();
        let result = chronological_order(&labels, Some(&order)).unwrap();
        let rank = |i: usize| order.iter().position(|o| o == labels[i]).unwrap();
        for w in result.windows(2) {
            prop_assert!(rank(w[0]) < rank(w[1]) || (rank(w[0]) == rank(w[1]) && w[0] < w[1]));
        }
        prop_assert_eq!(result.len(), labels.len());
    }

    #[test]
    fn any_labels_never_panic(labels in prop::collection::vec("[0-9QqHhFfYy /-]{0,10}|\\PC{0,6}", 0..8)) {
        let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
        match chronological_order(&labels, None) {
            Ok(order) => {
                let mut seen = order;
                seen.sort_unstable();
                prop_assert_eq!(seen, (0..labels.len()).collect::<Vec<_>>());
            }
            Err(err) => {
                let ok = matches!(&err, Error::PeriodOrder { problems } if !problems.is_empty());
                prop_assert!(ok, "{}", err);
            }
        }
    }
}
