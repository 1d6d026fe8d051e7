//! Shared, immutable text for ids and names: stored once, cloned by reference count.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Deref;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An id or a name, stored once and shared by every step that reports the account: a clone
/// copies a pointer, not the text.
///
/// It reads like a `&str` (`Deref<Target = str>`, `as_str`, `==` with `&str` and `String`)
/// and serializes as a plain string.
///
/// # Examples
///
/// ```
/// use keyaccount::portfolio::Text;
///
/// let id = Text::from("ACME-DE");
/// let again = id.clone(); // no copy of the text
/// assert_eq!(again, "ACME-DE");
/// assert_eq!(id.as_str().len(), 7);
/// assert!(id.starts_with("ACME"));
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(Arc<str>);

impl Text {
    /// The text as a string slice.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(keyaccount::portfolio::Text::from("A").as_str(), "A");
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for Text {
    fn default() -> Self {
        Text::from("")
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text(Arc::from(s))
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text(Arc::from(s))
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Self {
        Text(Arc::from(s.as_str()))
    }
}

impl From<Text> for String {
    fn from(t: Text) -> Self {
        t.0.as_ref().to_owned()
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        &*self.0 == other.as_str()
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        *self == &*other.0
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        self == &*other.0
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == &*other.0
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Text::from)
    }
}

/// A map from ids to dense indexes, hashed with [`IdHasher`].
pub(crate) type IdMap<V> = std::collections::HashMap<Text, V, BuildHasherDefault<IdHasher>>;

/// An empty [`IdMap`] with room for `n` ids.
pub(crate) fn id_map<V>(n: usize) -> IdMap<V> {
    IdMap::with_capacity_and_hasher(n, BuildHasherDefault::default())
}

/// A folded-multiply hash for ids (eight bytes a step, the high half of each 128-bit product
/// folded into the low half, as in foldhash): several times faster than the standard SipHash
/// on millions of short keys, and unlike a plain multiply (FxHash) its low bits, which pick
/// the bucket, depend on every byte, so ids differing only in their last digits spread. It is
/// not keyed, so crafted ids could make look-ups slow (HashDoS); a CRM export is the
/// analyst's own, trusted input.
#[derive(Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);

const SEED: u64 = 0x9E37_79B9_7F4A_7C15;
const MIX: u64 = 0x2d35_8dcc_aa6c_78a5;

impl IdHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        let product = u128::from(self.0 ^ word ^ SEED) * u128::from(MIX);
        #[allow(clippy::cast_possible_truncation)]
        let folded = (product as u64) ^ ((product >> 64) as u64);
        self.0 = folded;
    }
}

impl Hasher for IdHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(c);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word) ^ (rest.len() as u64) << 59);
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::IdHasher;
    use std::collections::HashSet;
    use std::hash::{Hash, Hasher};

    fn hash(s: &str) -> u64 {
        let mut h = IdHasher::default();
        s.hash(&mut h);
        h.finish()
    }

    #[test]
    fn ids_differing_in_their_last_digits_spread_over_the_low_bits() {
        // The bucket is picked by the low bits: 100,000 numbered ids fill most of 2^17 buckets.
        for format in [
            |i: u32| format!("A{i:07}"),
            |i: u32| format!("{i}"),
            |i: u32| format!("CUSTOMER-{i:010}"),
        ] {
            let buckets: HashSet<u64> = (0..100_000).map(|i| hash(&format(i)) & 0x1_ffff).collect();
            assert!(buckets.len() > 60_000, "{}", buckets.len());
        }
        assert_ne!(hash("A"), hash("A\0"));
        assert_ne!(hash(""), hash("\0"));
    }
}
