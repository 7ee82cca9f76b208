//! A keyed hasher for the maps the crate builds over ids and other small keys.
//!
//! The standard library's SipHash costs a fifth of building a national model (tens of
//! millions of lookups of 16-byte ids). Ids are UUIDs; those of a file from elsewhere
//! are chosen by its author, so the hash must not let anyone who writes a file pick
//! keys that all fall together: each map gets two secret 64-bit keys from the
//! standard library's random source, and every word is mixed with them by a folded
//! 64 × 64 → 128-bit multiply, as in the well-studied "folded multiply" hashes.

use std::collections::hash_map::RandomState;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hasher};

/// A map over ids (or other small keys) with the keyed hasher.
pub(crate) type FastMap<K, V> = HashMap<K, V, FastState>;

/// A set of ids (or other small keys) with the keyed hasher.
pub(crate) type FastSet<K> = HashSet<K, FastState>;

/// A map with room for `n` entries.
pub(crate) fn map_with_capacity<K, V>(n: usize) -> FastMap<K, V> {
    HashMap::with_capacity_and_hasher(n, FastState::default())
}

/// A set with room for `n` entries.
pub(crate) fn set_with_capacity<K>(n: usize) -> FastSet<K> {
    HashSet::with_capacity_and_hasher(n, FastState::default())
}

const MIX: u64 = 0x9e37_79b9_7f4a_7c15;

/// 64 × 64 → 128 bits, the halves folded together.
fn folded(a: u64, b: u64) -> u64 {
    let p = u128::from(a).wrapping_mul(u128::from(b));
    (p as u64) ^ ((p >> 64) as u64)
}

/// The secret keys of one map.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FastState {
    k0: u64,
    k1: u64,
}

impl Default for FastState {
    fn default() -> Self {
        let random = RandomState::new();
        Self {
            k0: random.hash_one(0x5eed_u64),
            k1: random.hash_one(0xfeed_u64) | 1,
        }
    }
}

impl BuildHasher for FastState {
    type Hasher = FastHasher;

    fn build_hasher(&self) -> FastHasher {
        FastHasher {
            k0: self.k0,
            k1: self.k1,
            h: self.k0 ^ MIX,
        }
    }
}

/// The state of one hash.
pub(crate) struct FastHasher {
    k0: u64,
    k1: u64,
    h: u64,
}

impl FastHasher {
    fn word(&mut self, w: u64) {
        self.h = folded(self.h ^ w ^ self.k0, self.k1 ^ MIX).rotate_left(23);
    }

    fn pair(&mut self, a: u64, b: u64) {
        self.h = folded(a ^ self.k0 ^ self.h, b ^ self.k1).rotate_left(23);
    }
}

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        folded(self.h, self.k1 ^ MIX)
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(16);
        for c in &mut chunks {
            let (a, b) = c.split_at(8);
            let word = |s: &[u8]| u64::from_le_bytes(s.try_into().unwrap_or([0; 8]));
            self.pair(word(a), word(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut a = [0u8; 8];
            let mut b = [0u8; 8];
            let (x, y) = rest.split_at(rest.len().min(8));
            a.iter_mut().zip(x).for_each(|(to, from)| *to = *from);
            b.iter_mut().zip(y).for_each(|(to, from)| *to = *from);
            // The length keeps "a" and "a\0" apart.
            self.pair(
                u64::from_le_bytes(a),
                u64::from_le_bytes(b) ^ (rest.len() as u64) << 56,
            );
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.word(u64::from(i));
    }

    fn write_u16(&mut self, i: u16) {
        self.word(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.word(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.word(i);
    }

    fn write_u128(&mut self, i: u128) {
        self.pair(i as u64, (i >> 64) as u64);
    }

    fn write_usize(&mut self, i: usize) {
        self.word(i as u64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::Hash;

    fn hash_of<T: Hash>(state: &FastState, value: &T) -> u64 {
        state.hash_one(value)
    }

    #[test]
    fn equal_keys_hash_equal_and_near_keys_apart() {
        let state = FastState::default();
        let id = crate::MemberId::from_key("DV00000017");
        assert_eq!(hash_of(&state, &id), hash_of(&state, &id));
        let near: Vec<u64> = (0..1000u32)
            .map(|i| hash_of(&state, &crate::MemberId::from_key(&format!("DV{i:08}"))))
            .collect();
        let distinct: HashSet<u64> = near.iter().copied().collect();
        assert_eq!(distinct.len(), near.len());
        // Texts that differ by a trailing zero byte or a length differ.
        assert_ne!(hash_of(&state, &"a"), hash_of(&state, &"a\0"));
        assert_ne!(hash_of(&state, &(1u8, 2u8)), hash_of(&state, &(2u8, 1u8)));
    }

    /// Ids that differ only where a careless fold would cancel them out (the two
    /// halves xored together), spread over a map's buckets as random ids do.
    #[test]
    fn ids_chosen_to_cancel_still_spread() {
        let state = FastState::default();
        let buckets = 1024u64;
        let mut counts = vec![0u32; buckets as usize];
        for i in 0..100_000u64 {
            let v = (u128::from(i) << 64) | u128::from(i);
            counts[(hash_of(&state, &v) % buckets) as usize] += 1;
        }
        let most = counts.iter().copied().max().unwrap_or(0);
        // ~98 a bucket on average; a fold that cancels would put all in one.
        assert!(most < 200, "{most}");
    }

    #[test]
    fn each_map_has_its_own_keys() {
        let (a, b) = (FastState::default(), FastState::default());
        let id = crate::UnitId::from_key("HN.GL");
        assert_ne!(hash_of(&a, &id), hash_of(&b, &id));
    }
}
