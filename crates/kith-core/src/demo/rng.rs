//! A tiny seeded random number generator (SplitMix64), so that the same seed always gives
//! the same demo data, byte for byte, on every platform. Not for anything secret.

use crate::{CheckInId, InteractionId, PersonId, PlanId};

/// SplitMix64 (Steele, Lea and Flood 2014): one 64-bit word of state, good enough
/// statistics for made-up data, and no dependency.
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    /// A generator for `seed`. Each use of the demo mixes in its own `stream`, so that
    /// adding a draw in one part does not reshuffle the others.
    pub(crate) fn new(seed: u64, stream: u64) -> Self {
        let mut rng = Self(seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03));
        rng.next_u64();
        rng
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`; 0 when `n` is 0. Lemire's multiply-shift: no modulo bias worth
    /// speaking of at these sizes.
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `lo..=hi`; `lo` when the range is empty.
    pub(crate) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        let span = hi.abs_diff(lo).saturating_add(1);
        lo.saturating_add_unsigned(self.below(span))
    }

    /// A number in `[0, 1)`.
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One item of `items`, or `None` when it is empty.
    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(usize::try_from(self.below(items.len() as u64)).unwrap_or(0))
    }

    /// Sixteen random bytes, for ids.
    pub(crate) fn bytes(&mut self) -> [u8; 16] {
        let mut out = [0; 16];
        out[..8].copy_from_slice(&self.next_u64().to_le_bytes());
        out[8..].copy_from_slice(&self.next_u64().to_le_bytes());
        out
    }

    pub(crate) fn person_id(&mut self) -> PersonId {
        PersonId::from_random_bytes(self.bytes())
    }

    pub(crate) fn interaction_id(&mut self) -> InteractionId {
        InteractionId::from_random_bytes(self.bytes())
    }

    pub(crate) fn plan_id(&mut self) -> PlanId {
        PlanId::from_random_bytes(self.bytes())
    }

    pub(crate) fn checkin_id(&mut self) -> CheckInId {
        CheckInId::from_random_bytes(self.bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_numbers_and_another_seed_does_not() {
        let draw = |seed| {
            let mut rng = Rng::new(seed, 1);
            (0..8).map(|_| rng.next_u64()).collect::<Vec<_>>()
        };
        assert_eq!(draw(7), draw(7));
        assert_ne!(draw(7), draw(8));
    }

    #[test]
    fn ranges_are_inclusive_and_stay_inside() {
        let mut rng = Rng::new(1, 0);
        let seen: std::collections::BTreeSet<i64> = (0..1000).map(|_| rng.range(-2, 2)).collect();
        assert_eq!(seen.into_iter().collect::<Vec<_>>(), vec![-2, -1, 0, 1, 2]);
        assert_eq!(rng.range(5, 5), 5);
        assert_eq!(rng.below(0), 0);
    }
}
