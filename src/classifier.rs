//! The trait every model implements, the native-class trait, and the result of classifying
//! one account.

use std::fmt::{Debug, Display};
use std::hash::Hash;

use serde::{Deserialize, Serialize};

use crate::axis::Axis;
use crate::scores::Scores;
use crate::tier::Tier;

/// A model's own classes, with the literature's labels.
///
/// `ALL` lists the classes from the lowest to the highest; [`NativeClass::is_below`] says which
/// class an account can move up to by raising its scores.
///
/// # Examples
///
/// ```
/// use keyaccount::{FourSClass, NativeClass, Tier};
///
/// assert_eq!(FourSClass::ALL.len(), 4);
/// assert_eq!(FourSClass::Star.label(), "Star");
/// assert_eq!(FourSClass::Star.default_tier(), Tier::Development);
/// assert!(FourSClass::Streamline.is_below(FourSClass::Star));
/// assert!(!FourSClass::Status.is_below(FourSClass::Star));
/// ```
pub trait NativeClass: Copy + Eq + Ord + Hash + Debug + Display + Send + Sync + 'static {
    /// The name of the model the classes belong to.
    const MODEL: &'static str;

    /// Every class, lowest first. `ALL[c.index()] == c`.
    const ALL: &'static [Self];

    /// The position of the class in [`NativeClass::ALL`].
    fn index(self) -> usize;

    /// The class's label as people write it (also its `Display`).
    fn label(self) -> &'static str;

    /// The recommended management strategy of the class, in one line.
    fn strategy(self) -> &'static str;

    /// The class's tier in the model's documented default mapping.
    fn default_tier(self) -> Tier;

    /// Whether an account in `self` can reach `other` by raising its scores (and not the other
    /// way round). The default is the order of [`NativeClass::ALL`]; a two-axis model with
    /// incomparable cells overrides it.
    fn is_below(self, other: Self) -> bool {
        self.index() < other.index()
    }
}

/// A threshold actually applied by a model: the axis it cuts and where.
///
/// # Examples
///
/// ```
/// use keyaccount::{Axis, Classifier, CutPoint, FourS};
///
/// let cuts = FourS::default().cut_points();
/// assert_eq!(cuts[0], CutPoint { axis: Axis::Attractiveness, value: 0.5 });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CutPoint {
    /// The axis the threshold cuts.
    pub axis: Axis,
    /// The threshold: values at or above it go to the higher class.
    pub value: f64,
}

/// The result of classifying one account with one model.
///
/// `C` is the model's native class, `P` where the account sits on the model's own axes.
///
/// # Examples
///
/// ```
/// use keyaccount::{Classifier, FourS, FourSClass, Scores, Tier};
///
/// let a = FourS::default().classify(&Scores::new(0.9, 0.8, 0.3)?);
/// assert_eq!(a.class, FourSClass::Star);
/// assert_eq!(a.tier, Tier::Development);
/// assert_eq!(a.strategy(), "invest selectively to build the position");
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment<C, P> {
    /// The model's native class.
    pub class: C,
    /// The class's tier on the common scale, by the model's tier mapping.
    pub tier: Tier,
    /// Where the account sits on the model's own axes.
    pub position: P,
    /// Distance, in axis units, from the account's position to the nearest class boundary
    /// (0 on a boundary). Small values mark borderline accounts.
    pub margin: f64,
}

impl<C: NativeClass, P> Assessment<C, P> {
    /// The recommended management strategy of the class, in one line.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{Classifier, FourS, Scores};
    ///
    /// let a = FourS::default().classify(&Scores::new(0.1, 0.1, 0.1)?);
    /// assert_eq!(a.strategy(), "reduce cost to serve and standardise");
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn strategy(&self) -> &'static str {
        self.class.strategy()
    }

    /// Whether the account lies within `distance` of a class boundary.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{Classifier, FourS, Scores};
    ///
    /// let a = FourS::default().classify(&Scores::new(0.9, 0.9, 0.52)?);
    /// assert!(a.is_borderline(0.05));
    /// assert!(!a.is_borderline(0.01));
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn is_borderline(&self, distance: f64) -> bool {
        self.margin <= distance
    }

    /// The same assessment with the class and position as the model-independent
    /// [`Class`](crate::Class) and [`Position`](crate::Position).
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{Class, Classifier, FourS, FourSClass, Scores};
    ///
    /// let a = FourS::default().classify(&Scores::new(0.9, 0.9, 0.9)?).into_any();
    /// assert_eq!(a.class, Class::FourS(FourSClass::Strategic));
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    #[must_use]
    pub fn into_any(self) -> crate::AnyAssessment
    where
        C: Into<crate::Class>,
        P: Into<crate::Position>,
    {
        Assessment {
            class: self.class.into(),
            tier: self.tier,
            position: self.position.into(),
            margin: self.margin,
        }
    }
}

/// A key-account classification model: scores in, native class and common tier out.
///
/// Every model of the crate implements it ([`Webster`](crate::Webster),
/// [`MillmanWilson`](crate::MillmanWilson), [`Bensaou`](crate::Bensaou),
/// [`FourS`](crate::FourS)), and so does [`AnyModel`](crate::AnyModel), which holds any of them,
/// so that code can be written once for all models, generically or over a collection.
///
/// Classification is total: every valid [`Scores`] gets exactly one class, and a score exactly
/// on a threshold goes to the higher class.
///
/// # Examples
///
/// One model generically:
///
/// ```
/// use keyaccount::{Classifier, FourS, Scores, Tier, Webster};
///
/// fn is_key<C: Classifier>(model: &C, scores: &Scores) -> bool {
///     model.tier(scores) == Tier::Key
/// }
///
/// let s = Scores::new(0.9, 0.9, 0.9)?;
/// assert!(is_key(&FourS::default(), &s));
/// assert!(is_key(&Webster::default(), &s));
/// # Ok::<(), keyaccount::Error>(())
/// ```
///
/// All four in one loop:
///
/// ```
/// use keyaccount::{AnyModel, Classifier, Scores};
///
/// let s = Scores::new(0.6, 0.7, 0.4)?;
/// for model in AnyModel::all() {
///     let a = model.classify(&s);
///     println!("{:<20} {:<24} {}", model.name(), a.class, a.tier);
/// }
/// # Ok::<(), keyaccount::Error>(())
/// ```
pub trait Classifier {
    /// The model's native classes.
    type Class: NativeClass;
    /// Where an account sits on the model's own axes.
    type Position: Copy + Debug + PartialEq;

    /// The model's name as people write it.
    fn name(&self) -> &'static str;

    /// The model's source in the literature, as a full citation.
    fn citation(&self) -> &'static str;

    /// Classifies one account.
    fn classify(&self, scores: &Scores) -> Assessment<Self::Class, Self::Position>;

    /// The tier `class` maps to under this model's tier mapping.
    fn tier_of(&self, class: Self::Class) -> Tier;

    /// The thresholds the model applies, for reporting and plotting.
    fn cut_points(&self) -> Vec<CutPoint>;

    /// The native class of one account.
    fn class(&self, scores: &Scores) -> Self::Class {
        self.classify(scores).class
    }

    /// The common tier of one account.
    fn tier(&self, scores: &Scores) -> Tier {
        self.classify(scores).tier
    }
}
