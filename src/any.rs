//! Any of the four models as one value, for code that loops over models or picks one from a
//! configuration.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::axis::{Axis, AxisWeights};
use crate::classifier::{Assessment, Classifier, CutPoint, DecisionAxis, NativeClass, Setting};
use crate::models::bensaou::{Bensaou, BensaouClass, BensaouPosition};
use crate::models::four_s::{FourS, FourSClass, FourSPosition};
use crate::models::millman_wilson::{MillmanWilson, MillmanWilsonPosition, MillmanWilsonStage};
use crate::models::webster::{Webster, WebsterClass, WebsterPosition};
use crate::scores::Scores;
use crate::tier::Tier;

/// Which of the four models.
///
/// # Examples
///
/// ```
/// use keyaccount::ModelKind;
///
/// assert_eq!(ModelKind::FourS.to_string(), "4S");
/// assert_eq!(ModelKind::ALL.len(), 4);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModelKind {
    /// [`Webster`].
    Webster,
    /// [`MillmanWilson`].
    MillmanWilson,
    /// [`Bensaou`].
    Bensaou,
    /// [`FourS`].
    FourS,
}

impl ModelKind {
    /// The four models in a fixed order.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::ModelKind;
    ///
    /// assert_eq!(ModelKind::ALL[3], ModelKind::FourS);
    /// ```
    pub const ALL: [ModelKind; 4] = [
        ModelKind::Webster,
        ModelKind::MillmanWilson,
        ModelKind::Bensaou,
        ModelKind::FourS,
    ];

    /// The model's name as people write it.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(keyaccount::ModelKind::MillmanWilson.label(), "Millman and Wilson");
    /// ```
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            ModelKind::Webster => WebsterClass::MODEL,
            ModelKind::MillmanWilson => MillmanWilsonStage::MODEL,
            ModelKind::Bensaou => BensaouClass::MODEL,
            ModelKind::FourS => FourSClass::MODEL,
        }
    }

    /// The model with its default settings.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{AnyModel, FourS, ModelKind};
    ///
    /// assert_eq!(ModelKind::FourS.default_model(), AnyModel::FourS(FourS::default()));
    /// ```
    #[must_use]
    pub fn default_model(self) -> AnyModel {
        match self {
            ModelKind::Webster => AnyModel::Webster(Webster::default()),
            ModelKind::MillmanWilson => AnyModel::MillmanWilson(MillmanWilson::default()),
            ModelKind::Bensaou => AnyModel::Bensaou(Bensaou::default()),
            ModelKind::FourS => AnyModel::FourS(FourS::default()),
        }
    }
}

impl fmt::Display for ModelKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.label())
    }
}

/// The native class of any of the four models.
///
/// # Examples
///
/// ```
/// use keyaccount::{Class, FourSClass, ModelKind, NativeClass, Tier};
///
/// let c = Class::from(FourSClass::Star);
/// assert_eq!(c.to_string(), "Star");
/// assert_eq!(c.model(), ModelKind::FourS);
/// assert_eq!(c.default_tier(), Tier::Development);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// A Webster relationship type.
    Webster(WebsterClass),
    /// A Millman and Wilson stage.
    MillmanWilson(MillmanWilsonStage),
    /// A Bensaou cell.
    Bensaou(BensaouClass),
    /// A 4S cell.
    FourS(FourSClass),
}

impl Class {
    /// The model the class belongs to.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{BensaouClass, Class, ModelKind};
    ///
    /// assert_eq!(Class::from(BensaouClass::CaptiveBuyer).model(), ModelKind::Bensaou);
    /// ```
    #[must_use]
    pub const fn model(self) -> ModelKind {
        match self {
            Class::Webster(_) => ModelKind::Webster,
            Class::MillmanWilson(_) => ModelKind::MillmanWilson,
            Class::Bensaou(_) => ModelKind::Bensaou,
            Class::FourS(_) => ModelKind::FourS,
        }
    }
}

/// Every class of every model, model by model, each model's classes lowest first.
const ALL_CLASSES: [Class; 20] = [
    Class::Webster(WebsterClass::Transaction),
    Class::Webster(WebsterClass::RepeatedTransactions),
    Class::Webster(WebsterClass::LongTermRelationship),
    Class::Webster(WebsterClass::BuyerSellerPartnership),
    Class::Webster(WebsterClass::StrategicAlliance),
    Class::Webster(WebsterClass::NetworkOrganization),
    Class::MillmanWilson(MillmanWilsonStage::UncouplingKam),
    Class::MillmanWilson(MillmanWilsonStage::PreKam),
    Class::MillmanWilson(MillmanWilsonStage::EarlyKam),
    Class::MillmanWilson(MillmanWilsonStage::MidKam),
    Class::MillmanWilson(MillmanWilsonStage::PartnershipKam),
    Class::MillmanWilson(MillmanWilsonStage::SynergisticKam),
    Class::Bensaou(BensaouClass::MarketExchange),
    Class::Bensaou(BensaouClass::CaptiveBuyer),
    Class::Bensaou(BensaouClass::CaptiveSupplier),
    Class::Bensaou(BensaouClass::StrategicPartnership),
    Class::FourS(FourSClass::Streamline),
    Class::FourS(FourSClass::Status),
    Class::FourS(FourSClass::Star),
    Class::FourS(FourSClass::Strategic),
];

macro_rules! dispatch_class {
    ($self:expr, $c:ident => $e:expr) => {
        match $self {
            Class::Webster($c) => $e,
            Class::MillmanWilson($c) => $e,
            Class::Bensaou($c) => $e,
            Class::FourS($c) => $e,
        }
    };
}

impl NativeClass for Class {
    const MODEL: &'static str = "any model";
    const ALL: &'static [Self] = &ALL_CLASSES;

    fn index(self) -> usize {
        let offset = match self {
            Class::Webster(_) => 0,
            Class::MillmanWilson(_) => WebsterClass::ALL.len(),
            Class::Bensaou(_) => WebsterClass::ALL.len() + MillmanWilsonStage::ALL.len(),
            Class::FourS(_) => {
                WebsterClass::ALL.len() + MillmanWilsonStage::ALL.len() + BensaouClass::ALL.len()
            }
        };
        offset + dispatch_class!(self, c => c.index())
    }

    fn label(self) -> &'static str {
        dispatch_class!(self, c => c.label())
    }

    fn strategy(self) -> &'static str {
        dispatch_class!(self, c => c.strategy())
    }

    fn default_tier(self) -> Tier {
        dispatch_class!(self, c => c.default_tier())
    }

    /// Classes of different models are never below one another.
    fn is_below(self, other: Self) -> bool {
        match (self, other) {
            (Class::Webster(a), Class::Webster(b)) => a.is_below(b),
            (Class::MillmanWilson(a), Class::MillmanWilson(b)) => a.is_below(b),
            (Class::Bensaou(a), Class::Bensaou(b)) => a.is_below(b),
            (Class::FourS(a), Class::FourS(b)) => a.is_below(b),
            _ => false,
        }
    }
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.label())
    }
}

/// Where an account sits on the axes of any of the four models.
///
/// # Examples
///
/// ```
/// use keyaccount::{AnyModel, Classifier, Position, Scores};
///
/// let a = AnyModel::all()[3].classify(&Scores::new(0.5, 0.5, 0.5)?);
/// assert!(matches!(a.position, Position::FourS(_)));
/// # Ok::<(), keyaccount::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    /// On Webster's continuum.
    Webster(WebsterPosition),
    /// In Millman and Wilson's plane.
    MillmanWilson(MillmanWilsonPosition),
    /// In Bensaou's portfolio.
    Bensaou(BensaouPosition),
    /// In the 4S matrix.
    FourS(FourSPosition),
}

macro_rules! into_any {
    ($($ty:ty => $enum:ident :: $variant:ident),* $(,)?) => {
        $(
            impl From<$ty> for $enum {
                fn from(v: $ty) -> Self {
                    $enum::$variant(v)
                }
            }
        )*
    };
}

into_any!(
    WebsterClass => Class::Webster,
    MillmanWilsonStage => Class::MillmanWilson,
    BensaouClass => Class::Bensaou,
    FourSClass => Class::FourS,
    WebsterPosition => Position::Webster,
    MillmanWilsonPosition => Position::MillmanWilson,
    BensaouPosition => Position::Bensaou,
    FourSPosition => Position::FourS,
    Webster => AnyModel::Webster,
    MillmanWilson => AnyModel::MillmanWilson,
    Bensaou => AnyModel::Bensaou,
    FourS => AnyModel::FourS,
);

/// The assessment of any of the four models.
///
/// # Examples
///
/// ```
/// use keyaccount::{AnyAssessment, AnyModel, Classifier, Scores, Tier};
///
/// let a: AnyAssessment = AnyModel::all()[0].classify(&Scores::new(0.9, 0.9, 0.9)?);
/// assert_eq!(a.tier, Tier::Key);
/// # Ok::<(), keyaccount::Error>(())
/// ```
pub type AnyAssessment = Assessment<Class, Position>;

/// Any of the four models, with its settings.
///
/// It implements [`Classifier`], so a collection of models is a `Vec<AnyModel>` (or an array)
/// looped over with the same code. Serialized with a `model` tag naming the model next to its
/// settings; deserialization validates the settings like the model's constructor.
///
/// # Examples
///
/// ```
/// use keyaccount::{AnyModel, Classifier, Scores, Tier};
///
/// let s = Scores::new(0.9, 0.9, 0.9)?;
/// let tiers: Vec<Tier> = AnyModel::all().iter().map(|m| m.tier(&s)).collect();
/// assert_eq!(tiers, vec![Tier::Key; 4]);
///
/// let model: AnyModel = serde_json::from_str(
///     r#"{ "model": "four_s", "attractiveness_threshold": 0.6 }"#,
/// )?;
/// assert_eq!(model.kind(), keyaccount::ModelKind::FourS);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "model", rename_all = "snake_case")]
pub enum AnyModel {
    /// Webster's relationship continuum.
    Webster(Webster),
    /// Millman and Wilson's relational development model.
    MillmanWilson(MillmanWilson),
    /// Bensaou's buyer-supplier portfolio.
    Bensaou(Bensaou),
    /// The 4S matrix.
    FourS(FourS),
}

macro_rules! dispatch_model {
    ($self:expr, $m:ident => $e:expr) => {
        match $self {
            AnyModel::Webster($m) => $e,
            AnyModel::MillmanWilson($m) => $e,
            AnyModel::Bensaou($m) => $e,
            AnyModel::FourS($m) => $e,
        }
    };
}

impl AnyModel {
    /// The four models with their default settings, in the order of [`ModelKind::ALL`].
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{AnyModel, Classifier};
    ///
    /// let names: Vec<&str> = AnyModel::all().iter().map(|m| m.name()).collect();
    /// assert_eq!(names, ["Webster", "Millman and Wilson", "Bensaou", "4S"]);
    /// ```
    #[must_use]
    pub fn all() -> [AnyModel; 4] {
        ModelKind::ALL.map(ModelKind::default_model)
    }

    /// Which model this is.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{AnyModel, ModelKind, Webster};
    ///
    /// assert_eq!(AnyModel::from(Webster::default()).kind(), ModelKind::Webster);
    /// ```
    #[must_use]
    pub const fn kind(&self) -> ModelKind {
        match self {
            AnyModel::Webster(_) => ModelKind::Webster,
            AnyModel::MillmanWilson(_) => ModelKind::MillmanWilson,
            AnyModel::Bensaou(_) => ModelKind::Bensaou,
            AnyModel::FourS(_) => ModelKind::FourS,
        }
    }
}

impl Classifier for AnyModel {
    type Class = Class;
    type Position = Position;

    fn name(&self) -> &'static str {
        dispatch_model!(self, m => m.name())
    }

    fn citation(&self) -> &'static str {
        dispatch_model!(self, m => m.citation())
    }

    fn classify(&self, scores: &Scores) -> AnyAssessment {
        dispatch_model!(self, m => m.classify(scores).into_any())
    }

    /// The tier of `class`; a class of another model gets its own model's default tier.
    fn tier_of(&self, class: Class) -> Tier {
        match (self, class) {
            (AnyModel::Webster(m), Class::Webster(c)) => m.tier_of(c),
            (AnyModel::MillmanWilson(m), Class::MillmanWilson(c)) => m.tier_of(c),
            (AnyModel::Bensaou(m), Class::Bensaou(c)) => m.tier_of(c),
            (AnyModel::FourS(m), Class::FourS(c)) => m.tier_of(c),
            (_, c) => c.default_tier(),
        }
    }

    fn cut_points(&self) -> Vec<CutPoint> {
        dispatch_model!(self, m => m.cut_points())
    }

    fn tier(&self, scores: &Scores) -> Tier {
        dispatch_model!(self, m => m.tier(scores))
    }

    fn axis_weights(&self) -> Vec<(Axis, AxisWeights)> {
        dispatch_model!(self, m => m.axis_weights())
    }

    fn decision_axes(&self) -> Vec<DecisionAxis> {
        dispatch_model!(self, m => m.decision_axes())
    }

    fn decision_values(&self, scores: &Scores) -> Vec<f64> {
        dispatch_model!(self, m => m.decision_values(scores))
    }

    fn class_at(&self, bands: &[usize]) -> Class {
        dispatch_model!(self, m => m.class_at(bands).into())
    }

    fn settings(&self) -> Vec<Setting> {
        dispatch_model!(self, m => m.settings())
    }
}
