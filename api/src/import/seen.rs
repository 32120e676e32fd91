//! Keys (external ids, personnummer) seen earlier in an import file, to report a duplicate with
//! the line of its first occurrence.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::{BuildHasherDefault, DefaultHasher, Hash, Hasher};

/// Line of the first row with each key. Keys are kept as 64-bit hashes, not as strings, so a
/// million-row file costs a few megabytes (a hash collision would report a false duplicate with
/// odds of about one in ten million at a million rows).
#[derive(Default)]
pub struct SeenKeys(HashMap<u64, u64, BuildHasherDefault<AlreadyHashed>>);

impl SeenKeys {
    /// The earlier line with `key`, or `None` after remembering `line` as its first.
    pub fn first_seen(&mut self, key: &str, line: u64) -> Option<u64> {
        let mut hasher = DefaultHasher::new();
        key.hash(&mut hasher);
        match self.0.entry(hasher.finish()) {
            Entry::Occupied(e) => Some(*e.get()),
            Entry::Vacant(e) => {
                e.insert(line);
                None
            }
        }
    }
}

/// The map's keys are SipHash values already: hashing them again (a map's default) showed up as
/// 4 % of a PostgreSQL import's profile.
#[derive(Default)]
pub struct AlreadyHashed(u64);

impl Hasher for AlreadyHashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is called for `u64` keys; anything else is folded in all the same.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_line_of_a_key_is_remembered() {
        let mut seen = SeenKeys::default();
        assert_eq!(seen.first_seen("X-1", 2), None);
        assert_eq!(seen.first_seen("X-2", 3), None);
        assert_eq!(seen.first_seen("X-1", 9), Some(2));
        assert_eq!(seen.first_seen("X-1", 12), Some(2));
        assert_eq!(
            seen.first_seen("x-1", 13),
            None,
            "keys are compared exactly"
        );
    }
}
