//! Where every default setting comes from: the literature, or a convention of this crate.
//!
//! "Literature" means the value or the rule follows from the cited source; "convention" means
//! the source names the construct but gives no number, and the crate chose one for the reason
//! given. Every default can be overridden. [`defaults`] returns this table as data, and
//! [`explain`](super::explain) says for each setting in force which row it comes from (or
//! that the user set it).
//!
//! Sources: Webster (1992), Millman and Wilson (1995, 1996), Bensaou (1999), Woodburn and
//! McDonald (2011), McDonald and Rogers (1998); full citations in the crate docs.
//!
#![doc = include_str!("defaults.md")]

use serde::Serialize;

use crate::axis::AxisWeights;
use crate::classifier::NativeClass;
use crate::tier::TierMap;
use crate::ModelKind;

/// Where a default comes from.
///
/// # Examples
///
/// ```
/// use keyaccount::explain::{defaults, Source};
///
/// assert!(defaults().iter().any(|d| matches!(d.source, Source::Literature(_))));
/// assert!(defaults().iter().any(|d| matches!(d.source, Source::Convention(_))));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Taken from the literature: the citation, and how the value follows from it.
    Literature(&'static str),
    /// A convention of this crate: the reason for it.
    Convention(&'static str),
}

impl Source {
    /// "literature: ..." or "convention of this crate: ...".
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::explain::Source;
    ///
    /// assert_eq!(Source::Convention("why").describe(), "convention of this crate: why");
    /// ```
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            Source::Literature(s) => format!("literature: {s}"),
            Source::Convention(s) => format!("convention of this crate: {s}"),
        }
    }
}

/// One default setting and its source: a row of the defaults table.
///
/// # Examples
///
/// ```
/// use keyaccount::explain::defaults;
/// use keyaccount::ModelKind;
///
/// let row = defaults()
///     .iter()
///     .find(|d| d.model == Some(ModelKind::FourS) && d.setting == "attractiveness weights")
///     .unwrap();
/// assert_eq!(row.value, "revenue share 0.2, strategic fit 0.8, relationship strength 0");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DefaultSource {
    /// The model the setting belongs to; `None` for settings shared by all models.
    pub model: Option<ModelKind>,
    /// The setting's name, as in [`Classifier::settings`](crate::Classifier::settings).
    pub setting: &'static str,
    /// The default value, as text.
    pub value: &'static str,
    /// Where it comes from.
    pub source: Source,
}

/// Every default of the crate with its source, model by model in the order of
/// [`ModelKind::ALL`], then the settings shared by all models.
///
/// # Examples
///
/// ```
/// use keyaccount::explain::defaults;
/// use keyaccount::{AnyModel, Classifier};
///
/// // Every setting of every model has a row.
/// for model in AnyModel::all() {
///     for s in model.settings() {
///         assert!(defaults().iter().any(|d| d.model == Some(model.kind()) && d.setting == s.name));
///     }
/// }
/// ```
#[must_use]
pub fn defaults() -> &'static [DefaultSource] {
    DEFAULTS
}

/// The row for `setting` of `model` (or a shared setting), if any.
pub(crate) fn lookup(model_name: &str, setting: &str) -> Option<&'static DefaultSource> {
    DEFAULTS
        .iter()
        .find(|d| d.setting == setting && d.model.map_or(true, |m| m.label() == model_name))
}

const DEFAULTS: &[DefaultSource] = &[
    DefaultSource {
        model: Some(ModelKind::Webster),
        setting: "relationship intensity weights",
        value: "revenue share 0.2, strategic fit 0.2, relationship strength 0.6",
        source: Source::Convention(
            "Webster (1992) orders relationships by how closely buyer and seller are bound, \
             not by size, and gives no measure; relationship strength (contacts, contract \
             length, trust) carries most of it, revenue share and fit the rest, because \
             partnerships and alliances form with accounts that matter to the supplier",
        ),
    },
    DefaultSource {
        model: Some(ModelKind::Webster),
        setting: "thresholds",
        value: "0.2, 0.35, 0.5, 0.65, 0.8",
        source: Source::Convention(
            "Webster (1992) names the six relationship types in order without cut points; \
             equal steps of 0.15 above a wider band for single transactions",
        ),
    },
    DefaultSource {
        model: Some(ModelKind::Webster),
        setting: "tier map",
        value: "Network organization: Key, Strategic alliance: Key, Buyer-seller partnership: \
                Development, Long-term relationship: Maintenance, Repeated transactions: \
                Transactional, Transaction: Transactional",
        source: Source::Convention(
            "Webster (1992) describes the continuum, not an investment rule; the types with \
             joint goals get the dedicated team, the partnership selective investment, the \
             contract relationship efficient maintenance, transactions standard service",
        ),
    },
    DefaultSource {
        model: Some(ModelKind::MillmanWilson),
        setting: "nature of relationship weights",
        value: "revenue share 0, strategic fit 0.2, relationship strength 0.8",
        source: Source::Convention(
            "Millman and Wilson (1995) run the horizontal axis from transactional to \
             collaborative without a measure; relationship strength is the crate's measure \
             of collaboration, strategic fit adds the shared intent",
        ),
    },
    DefaultSource {
        model: Some(ModelKind::MillmanWilson),
        setting: "level of involvement weights",
        value: "revenue share 0.5, strategic fit 0.3, relationship strength 0.2",
        source: Source::Convention(
            "Millman and Wilson (1995) run the vertical axis from simple to complex without a \
             measure; the number of functions and levels involved grows with the account's \
             size (revenue share) and strategic weight (fit)",
        ),
    },
    DefaultSource {
        model: Some(ModelKind::MillmanWilson),
        setting: "development",
        value: "(nature + involvement) / 2",
        source: Source::Convention(
            "Millman and Wilson (1995) draw the stages along the diagonal of the two axes \
             without a formula; the mean is the position projected onto the diagonal, both \
             axes counting equally",
        ),
    },
    DefaultSource {
        model: Some(ModelKind::MillmanWilson),
        setting: "thresholds",
        value: "0.2, 0.4, 0.6, 0.8",
        source: Source::Convention(
            "Millman and Wilson (1995, 1996) name five positional stages in order without cut \
             points; five equal bands of development",
        ),
    },
    DefaultSource {
        model: Some(ModelKind::MillmanWilson),
        setting: "balance tolerance",
        value: "0.2",
        source: Source::Convention(
            "the literature says stages lie on the diagonal but not how far off it an account \
             may sit; 0.2 is one stage band",
        ),
    },
    DefaultSource {
        model: Some(ModelKind::MillmanWilson),
        setting: "uncoupling drop",
        value: "0.2",
        source: Source::Convention(
            "Millman and Wilson (1995) describe Uncoupling-KAM as disengagement from any \
             stage, without a size; a fall of one stage band since the previous assessment",
        ),
    },
    DefaultSource {
        model: Some(ModelKind::MillmanWilson),
        setting: "tier map",
        value: "Synergistic-KAM: Key, Partnership-KAM: Key, Mid-KAM: Development, Early-KAM: \
                Maintenance, Pre-KAM: Transactional, Uncoupling-KAM: Transactional",
        source: Source::Convention(
            "follows the stages' order in Millman and Wilson (1995); Pre-KAM stays \
             Transactional: they describe it as identifying accounts with key-account \
             potential, but here every account with development under 0.2 falls in it, \
             screened or not, so the tier is standard service while the potential is \
             qualified at low cost (the stage's strategy); users who screen accounts first \
             map Pre-KAM to Maintenance",
        ),
    },
    DefaultSource {
        model: Some(ModelKind::Bensaou),
        setting: "buyer's investment weights",
        value: "revenue share 0, strategic fit 0, relationship strength 1",
        source: Source::Convention(
            "Bensaou (1999) measures the buyer's relationship-specific investments (dedicated \
             processes, training, joint design); of the three scores only relationship \
             strength, as the customer sees it (share of wallet, contract length, contacts), \
             shows the customer's lock-in; revenue share measures the supplier's dependence, \
             which Bensaou puts on the supplier's side, so it no longer enters (was 0.3)",
        ),
    },
    DefaultSource {
        model: Some(ModelKind::Bensaou),
        setting: "supplier's investment weights",
        value: "revenue share 0.6, strategic fit 0.4, relationship strength 0",
        source: Source::Convention(
            "a supplier invests specifically in the accounts it depends on (revenue share; \
             Bensaou's (1999) captive supplier is the dependent side) and in those it means \
             to develop (strategic fit); no longer the weights of 4S attractiveness (was 0.4 \
             and 0.6), which built agreement between the two models into the defaults",
        ),
    },
    DefaultSource {
        model: Some(ModelKind::Bensaou),
        setting: "buyer's investment threshold",
        value: "0.5",
        source: Source::Convention(
            "Bensaou (1999) splits each side into high and low without a number; the middle \
             of the scale",
        ),
    },
    DefaultSource {
        model: Some(ModelKind::Bensaou),
        setting: "supplier's investment threshold",
        value: "0.5",
        source: Source::Convention(
            "Bensaou (1999) splits each side into high and low without a number; the middle \
             of the scale",
        ),
    },
    DefaultSource {
        model: Some(ModelKind::Bensaou),
        setting: "tier map",
        value: "Strategic partnership: Key, Captive supplier: Maintenance, Captive buyer: \
                Development, Market exchange: Transactional",
        source: Source::Literature(
            "Bensaou (1999): in a captive-supplier relationship the supplier's specific \
             investments are exposed to a buyer who has not invested, so more investment \
             deepens the exposure: protect what is invested (Maintenance) until the customer \
             commits; a captive buyer has committed already, and matching it moves the \
             relationship towards strategic partnership (Development); the two were the \
             other way round before",
        ),
    },
    DefaultSource {
        model: Some(ModelKind::FourS),
        setting: "attractiveness weights",
        value: "revenue share 0.2, strategic fit 0.8, relationship strength 0",
        source: Source::Literature(
            "Woodburn and McDonald (2011) define account attractiveness by the account's \
             future potential to the supplier, not its current revenue; potential enters \
             through the strategic-fit scorecard (growth, profitability), so fit carries 0.8 \
             and revenue share keeps 0.2 for the size of the purchase budget (was 0.4); \
             potential is not a fourth score yet: feed it to the fit scorecard as a factor",
        ),
    },
    DefaultSource {
        model: Some(ModelKind::FourS),
        setting: "relative strength weights",
        value: "revenue share 0, strategic fit 0, relationship strength 1",
        source: Source::Literature(
            "Woodburn and McDonald (2011): the supplier's strength relative to competitors as \
             the customer sees it, which is what the relationship-strength score rates",
        ),
    },
    DefaultSource {
        model: Some(ModelKind::FourS),
        setting: "attractiveness threshold",
        value: "0.5",
        source: Source::Convention(
            "the matrix is split at the middle of each axis without a number; calibrate moves \
             the cuts to give the 15 to 35 key accounts of practice",
        ),
    },
    DefaultSource {
        model: Some(ModelKind::FourS),
        setting: "relative strength threshold",
        value: "0.5",
        source: Source::Convention(
            "the matrix is split at the middle of each axis without a number; calibrate moves \
             the cuts to give the 15 to 35 key accounts of practice",
        ),
    },
    DefaultSource {
        model: Some(ModelKind::FourS),
        setting: "tier map",
        value: "Strategic: Key, Star: Development, Status: Maintenance, Streamline: \
                Transactional",
        source: Source::Literature(
            "Woodburn and McDonald (2011) strategies (invest, invest selectively, maintain, \
             reduce cost to serve); McDonald and Rogers (1998) names: key account, key \
             development, key maintenance, key opportunistic",
        ),
    },
    DefaultSource {
        model: None,
        setting: "revenue share scale",
        value: "logarithmic, 0.1% of revenue scores 0, 10% scores 1",
        source: Source::Convention(
            "raw shares are tiny in large portfolios and the top accounts differ by orders of \
             magnitude (top-5 customers bring 14% to 76% of sales in Cranfield's figures); \
             equal steps per tenfold, saturating at 10%",
        ),
    },
];

/// Weights as text, in the order of the scores.
pub(crate) fn show_weights(w: &AxisWeights) -> String {
    w.pairs()
        .iter()
        .map(|(f, v)| format!("{f} {v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Numbers as a comma-separated list.
pub(crate) fn show_list(values: &[f64]) -> String {
    values
        .iter()
        .map(f64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A tier map as text, highest class first.
pub(crate) fn show_tiers<C: NativeClass>(map: &TierMap<C>) -> String {
    let pairs: Vec<String> = map.iter().map(|(c, t)| format!("{c}: {t}")).collect();
    pairs.into_iter().rev().collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AnyModel, Classifier};

    #[test]
    fn default_values_match_the_models() {
        for model in AnyModel::all() {
            for s in model.settings() {
                let row = lookup(model.name(), s.name)
                    .unwrap_or_else(|| panic!("{} {}", model.name(), s.name));
                assert_eq!(row.value, s.value, "{} {}", model.name(), s.name);
            }
        }
    }
}
