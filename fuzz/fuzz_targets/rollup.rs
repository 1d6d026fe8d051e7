//! Any parent graph: rolling up never panics, an error names a real unknown parent or a real
//! cycle, and a roll-up accounts for every record and its revenue.
#![no_main]

use std::collections::{BTreeMap, BTreeSet};

use arbitrary::Arbitrary;
use keyaccount::portfolio::{AccountRecord, Portfolio};
use keyaccount::Error;
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Node {
    id: u8,
    parent: Option<u8>,
    revenue: u32,
    location: Option<(u8, u8)>,
}

fn id(n: u8) -> String {
    format!("a{n}")
}

fuzz_target!(|nodes: Vec<Node>| {
    let records: Vec<AccountRecord> = nodes
        .iter()
        .map(|n| {
            let mut r = AccountRecord::new(id(n.id), format!("Account {}", n.id), n.revenue.into());
            if let Some(p) = n.parent {
                r = r.with_parent(id(p));
            }
            if let Some((country, region)) = n.location {
                r = r.with_location(format!("C{}", country % 4), format!("R{}", region % 4));
            }
            r
        })
        .collect();
    let portfolio = match Portfolio::new(records) {
        Ok(p) => p,
        Err(Error::EmptyPortfolio | Error::DuplicateAccount { .. } | Error::ZeroTotalRevenue) => {
            return
        }
        Err(e) => panic!("unexpected error {e}"),
    };
    let parent: BTreeMap<String, Option<String>> =
        nodes.iter().map(|n| (id(n.id), n.parent.map(id))).collect();
    match portfolio.roll_up() {
        Ok(rolled) => {
            let heads: BTreeSet<&String> = parent
                .iter()
                .filter(|(_, p)| p.is_none())
                .map(|(a, _)| a)
                .collect();
            assert_eq!(rolled.groups().len(), heads.len());
            assert_eq!(rolled.portfolio().len(), heads.len());
            // Every record is in exactly one group, the group of its top-most ancestor.
            let mut seen = BTreeSet::new();
            for g in rolled.groups() {
                assert!(heads.contains(&g.id));
                let mut revenue = 0.0;
                for m in &g.members {
                    assert!(seen.insert(m.clone()), "{m} is in two groups");
                    assert_eq!(rolled.group_of(m), Some(g.id.as_str()));
                    let mut top = m;
                    while let Some(Some(p)) = parent.get(top) {
                        top = p;
                    }
                    assert_eq!(top, &g.id);
                    revenue += nodes
                        .iter()
                        .find(|n| &id(n.id) == m)
                        .map_or(0.0, |n| f64::from(n.revenue));
                }
                // Integer revenues below 2^53 add up exactly in any order.
                let record = rolled.portfolio().get(&g.id).expect("group record");
                assert_eq!(record.revenue, revenue, "revenue of group {}", g.id);
            }
            assert_eq!(seen.len(), parent.len(), "records left out of the roll-up");
            assert_eq!(
                rolled.portfolio().total_revenue(),
                portfolio.total_revenue()
            );
        }
        Err(Error::UnknownParent { account, parent: p }) => {
            assert_eq!(parent.get(&account), Some(&Some(p.clone())));
            assert!(!parent.contains_key(&p));
        }
        Err(Error::ParentCycle { account, cycle }) => {
            assert!(cycle.len() >= 2);
            assert_eq!(cycle.first(), Some(&account));
            assert_eq!(cycle.last(), Some(&account));
            for pair in cycle.windows(2) {
                assert_eq!(
                    parent.get(&pair[0]),
                    Some(&Some(pair[1].clone())),
                    "{cycle:?}"
                );
            }
        }
        Err(e) => panic!("unexpected error {e}"),
    }
});
