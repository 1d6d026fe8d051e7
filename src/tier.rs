//! The common key-account tier scale and the mapping of a model's native classes onto it.

use std::fmt;
use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::classifier::NativeClass;
use crate::error::{Error, Result};

/// The common key-account tier scale that every model maps its native classes onto, so that
/// models can be swapped and compared.
///
/// Ordered with `Key` highest: `Tier::Key > Tier::Development > Tier::Maintenance >
/// Tier::Transactional`.
///
/// # Examples
///
/// ```
/// use keyaccount::Tier;
///
/// assert!(Tier::Key > Tier::Development);
/// assert_eq!(Tier::Key.number(), 1);
/// assert_eq!(Tier::Maintenance.to_string(), "Maintenance");
/// assert_eq!(Tier::Transactional.strategy(), "standard service at the lowest cost to serve");
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// Tier 4: standard service.
    #[default]
    Transactional,
    /// Tier 3: keep efficiently.
    Maintenance,
    /// Tier 2: invest selectively.
    Development,
    /// Tier 1: key account, invest.
    Key,
}

impl Tier {
    /// All tiers from the highest (`Key`) to the lowest.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::Tier;
    ///
    /// assert!(Tier::ALL.windows(2).all(|w| w[0] > w[1]));
    /// ```
    pub const ALL: [Tier; 4] = [
        Tier::Key,
        Tier::Development,
        Tier::Maintenance,
        Tier::Transactional,
    ];

    /// The tier's number, 1 for `Key` to 4 for `Transactional`.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(keyaccount::Tier::Transactional.number(), 4);
    /// ```
    #[must_use]
    pub const fn number(self) -> u8 {
        match self {
            Tier::Key => 1,
            Tier::Development => 2,
            Tier::Maintenance => 3,
            Tier::Transactional => 4,
        }
    }

    /// The tier with the given number (1 to 4), or `None`.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::Tier;
    /// assert_eq!(Tier::from_number(2), Some(Tier::Development));
    /// assert_eq!(Tier::from_number(5), None);
    /// ```
    #[must_use]
    pub const fn from_number(n: u8) -> Option<Tier> {
        match n {
            1 => Some(Tier::Key),
            2 => Some(Tier::Development),
            3 => Some(Tier::Maintenance),
            4 => Some(Tier::Transactional),
            _ => None,
        }
    }

    /// The tier's name.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(keyaccount::Tier::Key.label(), "Key");
    /// ```
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Tier::Key => "Key",
            Tier::Development => "Development",
            Tier::Maintenance => "Maintenance",
            Tier::Transactional => "Transactional",
        }
    }

    /// The tier's management strategy in one line.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(keyaccount::Tier::Key.strategy(), "invest: dedicated team and joint plans");
    /// ```
    #[must_use]
    pub const fn strategy(self) -> &'static str {
        match self {
            Tier::Key => "invest: dedicated team and joint plans",
            Tier::Development => "invest selectively to build the position",
            Tier::Maintenance => "maintain efficiently and protect the business",
            Tier::Transactional => "standard service at the lowest cost to serve",
        }
    }
}

impl fmt::Display for Tier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.label())
    }
}

/// The mapping from a model's native classes to the common [`Tier`] scale.
///
/// Every native class has exactly one tier: a mapping that leaves a class out or names one
/// twice cannot be built. Serialized as a map from class to tier; deserialization checks it
/// like [`TierMap::new`].
///
/// # Examples
///
/// ```
/// use keyaccount::{FourSClass, Tier, TierMap};
///
/// let map = TierMap::<FourSClass>::default().with(FourSClass::Status, Tier::Development);
/// assert_eq!(map.tier(FourSClass::Status), Tier::Development);
/// assert_eq!(map.tier(FourSClass::Strategic), Tier::Key);
/// ```
pub struct TierMap<C> {
    tiers: Vec<Tier>,
    class: PhantomData<fn() -> C>,
}

impl<C> Clone for TierMap<C> {
    fn clone(&self) -> Self {
        TierMap {
            tiers: self.tiers.clone(),
            class: PhantomData,
        }
    }
}

impl<C> PartialEq for TierMap<C> {
    fn eq(&self, other: &Self) -> bool {
        self.tiers == other.tiers
    }
}

impl<C> Eq for TierMap<C> {}

impl<C: NativeClass> fmt::Debug for TierMap<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<C: NativeClass> Default for TierMap<C> {
    /// The model's documented default mapping.
    fn default() -> Self {
        TierMap {
            tiers: C::ALL.iter().map(|c| c.default_tier()).collect(),
            class: PhantomData,
        }
    }
}

impl<C: NativeClass> TierMap<C> {
    /// A mapping from `(class, tier)` pairs that name every native class exactly once.
    ///
    /// # Errors
    ///
    /// [`Error::DuplicateTier`] if a class is named twice; [`Error::MissingTier`] if a class
    /// is left out.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{BensaouClass, Tier, TierMap};
    ///
    /// let map = TierMap::new([
    ///     (BensaouClass::StrategicPartnership, Tier::Key),
    ///     (BensaouClass::CaptiveSupplier, Tier::Key),
    ///     (BensaouClass::CaptiveBuyer, Tier::Maintenance),
    ///     (BensaouClass::MarketExchange, Tier::Transactional),
    /// ])?;
    /// assert_eq!(map.tier(BensaouClass::CaptiveSupplier), Tier::Key);
    ///
    /// let partial = TierMap::new([(BensaouClass::MarketExchange, Tier::Transactional)]);
    /// assert!(partial.is_err());
    /// # Ok::<(), keyaccount::Error>(())
    /// ```
    pub fn new(pairs: impl IntoIterator<Item = (C, Tier)>) -> Result<Self> {
        let mut tiers: Vec<Option<Tier>> = vec![None; C::ALL.len()];
        for (class, tier) in pairs {
            let slot = &mut tiers[class.index()];
            if slot.is_some() {
                return Err(Error::DuplicateTier {
                    model: C::MODEL,
                    class: class.to_string(),
                });
            }
            *slot = Some(tier);
        }
        let tiers = tiers
            .into_iter()
            .zip(C::ALL)
            .map(|(tier, class)| {
                tier.ok_or_else(|| Error::MissingTier {
                    model: C::MODEL,
                    class: class.to_string(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(TierMap {
            tiers,
            class: PhantomData,
        })
    }

    /// The tier of `class`.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{Tier, TierMap, WebsterClass};
    ///
    /// let map = TierMap::<WebsterClass>::default();
    /// assert_eq!(map.tier(WebsterClass::StrategicAlliance), Tier::Key);
    /// ```
    #[inline]
    #[must_use]
    pub fn tier(&self, class: C) -> Tier {
        self.tiers[class.index()]
    }

    /// The mapping with `class` sent to `tier`.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{MillmanWilsonStage, Tier, TierMap};
    ///
    /// let map = TierMap::default().with(MillmanWilsonStage::MidKam, Tier::Key);
    /// assert_eq!(map.tier(MillmanWilsonStage::MidKam), Tier::Key);
    /// ```
    #[must_use]
    pub fn with(mut self, class: C, tier: Tier) -> Self {
        self.tiers[class.index()] = tier;
        self
    }

    /// The `(class, tier)` pairs in the order of [`NativeClass::ALL`].
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{FourSClass, TierMap};
    ///
    /// assert_eq!(TierMap::<FourSClass>::default().iter().count(), 4);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (C, Tier)> + '_ {
        C::ALL.iter().copied().zip(self.tiers.iter().copied())
    }

    /// Whether a higher native class (in the order of [`NativeClass::ALL`], lowest first) never
    /// has a lower tier. The default mappings are monotone; a monotone mapping is needed for the
    /// promise that raising a score never lowers the tier.
    ///
    /// # Examples
    ///
    /// ```
    /// use keyaccount::{FourSClass, Tier, TierMap};
    ///
    /// assert!(TierMap::<FourSClass>::default().is_monotone());
    /// let odd = TierMap::default().with(FourSClass::Streamline, Tier::Key);
    /// assert!(!odd.is_monotone());
    /// ```
    #[must_use]
    pub fn is_monotone(&self) -> bool {
        C::ALL.iter().all(|&a| {
            C::ALL
                .iter()
                .all(|&b| !a.is_below(b) || self.tier(a) <= self.tier(b))
        })
    }
}

impl<C: NativeClass + Serialize> Serialize for TierMap<C> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de, C: NativeClass + DeserializeOwned> Deserialize<'de> for TierMap<C> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        // Pairs are collected in order rather than into a map so that a class named twice is
        // reported instead of the later entry silently winning.
        struct Pairs<C>(PhantomData<fn() -> C>);

        impl<'de, C: NativeClass + DeserializeOwned> Visitor<'de> for Pairs<C> {
            type Value = TierMap<C>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "a map from each {} class to its tier", C::MODEL)
            }

            fn visit_map<A: MapAccess<'de>>(
                self,
                mut access: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                let mut pairs = Vec::with_capacity(C::ALL.len());
                while let Some(pair) = access.next_entry::<C, Tier>()? {
                    pairs.push(pair);
                }
                TierMap::new(pairs).map_err(serde::de::Error::custom)
            }
        }

        deserializer.deserialize_map(Pairs(PhantomData))
    }
}
