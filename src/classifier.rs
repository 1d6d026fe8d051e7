//! The trait every model implements, the native-class trait, and the result of classifying
//! one account.

use std::fmt::{Debug, Display};
use std::hash::Hash;

use serde::{Deserialize, Serialize};

use crate::axis::{Axis, AxisWeights};
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

/// An axis the class is read from: a non-negative combination of the model's weighted axes
/// (see [`Classifier::axis_weights`]), cut by increasing thresholds.
///
/// Most models cut their own axes (`parts` is one axis with coefficient 1); Millman and
/// Wilson cut development, the mean of nature and involvement.
///
/// # Examples
///
/// ```
/// use keyaccount::{Axis, Classifier, MillmanWilson};
///
/// let d = &MillmanWilson::default().decision_axes()[0];
/// assert_eq!(d.axis, Axis::Development);
/// assert_eq!(d.parts, vec![(Axis::RelationshipNature, 0.5), (Axis::Involvement, 0.5)]);
/// assert_eq!(d.thresholds, vec![0.2, 0.4, 0.6, 0.8]);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecisionAxis {
    /// The axis.
    pub axis: Axis,
    /// The weighted axes it combines, each with its non-negative coefficient.
    pub parts: Vec<(Axis, f64)>,
    /// The thresholds, strictly increasing: a value at or above `thresholds[i]` is past cut `i`.
    pub thresholds: Vec<f64>,
}

/// One setting of a model with the value in force, for explanations.
///
/// `name` matches a row of [`defaults`](crate::explain::defaults()), which says where the
/// default comes from.
///
/// # Examples
///
/// ```
/// use keyaccount::{Classifier, FourS, FourSParams};
///
/// let s = FourS::default().settings();
/// assert!(s.iter().all(|s| s.is_default));
/// let m = FourSParams { strength_threshold: 0.6, ..Default::default() }.build()?;
/// let changed = m.settings().into_iter().find(|s| !s.is_default).unwrap();
/// assert_eq!(changed.name, "relative strength threshold");
/// assert_eq!(changed.value, "0.6");
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Setting {
    /// The setting's name.
    pub name: &'static str,
    /// Its value in force, as text.
    pub value: String,
    /// Whether the value is the crate's default.
    pub is_default: bool,
}

impl Setting {
    /// A setting whose value is compared with the default.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::Setting;
    ///
    /// let s = Setting::compare("threshold", &0.5, &0.5, |v| v.to_string());
    /// assert!(s.is_default);
    /// ```
    pub fn compare<T: PartialEq>(
        name: &'static str,
        value: &T,
        default: &T,
        show: impl Fn(&T) -> String,
    ) -> Self {
        Setting {
            name,
            value: show(value),
            is_default: value == default,
        }
    }
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

    /// The model's weighted axes: how each is built from the three scores, in the order of
    /// the position's fields.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{Axis, Classifier, Webster};
    ///
    /// let axes = Webster::default().axis_weights();
    /// assert_eq!(axes[0].0, Axis::RelationshipIntensity);
    /// assert_eq!(axes[0].1.relationship_strength, 0.6);
    /// ```
    fn axis_weights(&self) -> Vec<(Axis, AxisWeights)>;

    /// The axes the class is read from, with their thresholds, in the order of
    /// [`Classifier::cut_points`].
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{Axis, Classifier, FourS};
    ///
    /// let d = FourS::default().decision_axes();
    /// assert_eq!(d[0].axis, Axis::Attractiveness);
    /// assert_eq!(d[0].thresholds, vec![0.5]);
    /// ```
    fn decision_axes(&self) -> Vec<DecisionAxis>;

    /// The values of [`Classifier::decision_axes`] for `scores`, by the same arithmetic as
    /// [`Classifier::classify`] (so a value compared with a threshold here gives the same
    /// answer as there).
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{Classifier, MillmanWilson, Scores};
    ///
    /// let v = MillmanWilson::default().decision_values(&Scores::new(0.5, 0.5, 0.5)?);
    /// approx::assert_relative_eq!(v[0], 0.5);
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    fn decision_values(&self, scores: &Scores) -> Vec<f64>;

    /// The class of an account that lies in band `bands[k]` of decision axis `k` (band `i`:
    /// past `i` thresholds). Band indices past the last threshold are read as the last band,
    /// missing ones as band 0.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{Classifier, FourS, FourSClass};
    ///
    /// // High attractiveness (past its one cut), low relative strength.
    /// assert_eq!(FourS::default().class_at(&[1, 0]), FourSClass::Star);
    /// ```
    fn class_at(&self, bands: &[usize]) -> Self::Class;

    /// Every setting of the model with its value in force; see
    /// [`defaults`](crate::explain::defaults()) for where each default comes from.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{Classifier, Webster};
    ///
    /// let names: Vec<&str> = Webster::default().settings().iter().map(|s| s.name).collect();
    /// assert_eq!(names, ["relationship intensity weights", "thresholds", "tier map"]);
    /// ```
    fn settings(&self) -> Vec<Setting>;

    /// The native class of one account.
    fn class(&self, scores: &Scores) -> Self::Class {
        self.classify(scores).class
    }

    /// The common tier of one account.
    fn tier(&self, scores: &Scores) -> Tier {
        self.classify(scores).tier
    }
}
