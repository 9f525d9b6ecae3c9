//! How likely a count is under the person's usual pattern. A signal is raised only when
//! ordinary variation would rarely produce what the recent window shows (setting
//! `signals.max_chance`), so a quiet fortnight or two unlucky evenings stay quiet.

/// The usual rate from a baseline of `k` out of `n`, nudged toward the middle (add half of
/// each, the Jeffreys prior), so that a baseline with no cancellations does not make a
/// single one look impossible.
pub(crate) fn usual_share(k: usize, n: usize) -> f64 {
    (k as f64 + 0.5) / (n as f64 + 1.0)
}

/// The usual share taken at its cautious upper end: one standard error above
/// [`usual_share`]. Feelings come in runs (a hard week colours every evening in it), so
/// shares of how things felt vary more than a coin would; this keeps an unlucky fortnight
/// from looking like a change.
pub(crate) fn cautious_share(k: usize, n: usize) -> f64 {
    let p = usual_share(k, n);
    (p + (p * (1.0 - p) / (n as f64 + 1.0)).sqrt()).min(1.0)
}

/// The chance of `k` or more out of `n` when each happens with chance `p`.
/// Hits out of answers in the recent window and in the baseline.
pub(crate) struct Tally {
    pub recent: (usize, usize),
    pub baseline: (usize, usize),
}

/// The bar a share must clear: enough answers in each window, at least `share` recently,
/// `rise` above the baseline's share, and rarer than `max_chance` under the baseline.
pub(crate) struct Bar {
    pub min_answers: u32,
    pub share: f64,
    pub rise: f64,
    pub max_chance: f64,
}

impl Tally {
    /// The chance of so high a recent share under the baseline, when the share rose past
    /// `bar`'s counts and steps and that chance is at most `bar.max_chance`.
    pub(crate) fn rose_past(&self, bar: &Bar) -> Option<f64> {
        let ((hits, answers), (base_hits, base_answers)) = (self.recent, self.baseline);
        let min = usize::try_from(bar.min_answers).unwrap_or(usize::MAX);
        if answers < min || base_answers < min {
            return None;
        }
        let recent_share = hits as f64 / answers as f64;
        let base_share = base_hits as f64 / base_answers as f64;
        let chance = at_least(hits, answers, cautious_share(base_hits, base_answers));
        (recent_share >= bar.share && recent_share >= base_share + bar.rise && chance <= bar.max_chance)
            .then_some(chance)
    }
}

/// Fisher's method: the chance that independent tests, each with chance `p`, would together
/// look this unusual (the chi-square tail with two degrees of freedom per test, which has a
/// closed form).
pub(crate) fn combined(ps: &[f64]) -> f64 {
    if ps.is_empty() {
        return 1.0;
    }
    let half: f64 = ps.iter().map(|p| -p.clamp(1e-300, 1.0).ln()).sum();
    let (mut term, mut total) = (1.0, 0.0);
    for j in 0..ps.len() {
        if j > 0 {
            term *= half / j as f64;
        }
        total += term;
    }
    ((-half).exp() * total).min(1.0)
}

pub(crate) fn at_least(k: usize, n: usize, p: f64) -> f64 {
    if k == 0 {
        return 1.0;
    }
    if k > n || p <= 0.0 {
        return 0.0;
    }
    if p >= 1.0 {
        return 1.0;
    }
    // Sum the tail in log space: exact for the small counts a fortnight holds.
    let (lp, lq) = (p.ln(), (1.0 - p).ln());
    let mut log_term = ln_choose(n, k) + k as f64 * lp + (n - k) as f64 * lq;
    let mut total = 0.0;
    for i in k..=n {
        total += log_term.exp();
        log_term += ((n - i) as f64).ln() - ((i + 1) as f64).ln() + lp - lq;
    }
    total.min(1.0)
}

/// The chance of `k` or fewer when `expected` happen on average (Poisson).
pub(crate) fn at_most(k: usize, expected: f64) -> f64 {
    if expected <= 0.0 {
        return 1.0;
    }
    let mut log_term = -expected;
    let mut total = 0.0;
    for i in 0..=k {
        total += log_term.exp();
        log_term += expected.ln() - ((i + 1) as f64).ln();
    }
    total.min(1.0)
}

/// The chance of `k` or fewer when `expected` happen on average and the rate itself varies
/// from week to week (negative binomial with `size`; a Poisson count when `size` is
/// infinite). Real weeks vary more than a fixed rate allows: a smaller `size` means more
/// spread, so a quiet stretch is less surprising.
pub(crate) fn at_most_spread(k: usize, expected: f64, size: f64) -> f64 {
    if expected <= 0.0 {
        return 1.0;
    }
    if !size.is_finite() || size <= 0.0 {
        return at_most(k, expected);
    }
    let q = expected / (size + expected);
    let mut log_term = size * (size / (size + expected)).ln();
    let mut total = 0.0;
    for i in 0..=k {
        total += log_term.exp();
        log_term += ((size + i as f64) / (i as f64 + 1.0)).ln() + q.ln();
    }
    total.min(1.0)
}

fn ln_choose(n: usize, k: usize) -> f64 {
    let k = k.min(n - k);
    (0..k).map(|i| ((n - i) as f64).ln() - ((i + 1) as f64).ln()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn binomial_tails_match_hand_computed_values() {
        // 3 or more heads in 4 fair tosses: (4 + 1) / 16.
        assert!(close(at_least(3, 4, 0.5), 5.0 / 16.0));
        assert!(close(at_least(0, 4, 0.5), 1.0));
        assert!(close(at_least(5, 4, 0.5), 0.0));
        assert!(at_least(4, 10, 0.05) < 0.002);
    }

    #[test]
    fn poisson_lower_tails_match_hand_computed_values() {
        // P(X <= 1 | 2) = e^-2 (1 + 2).
        assert!(close(at_most(1, 2.0), 3.0 * (-2.0f64).exp()));
        assert!(at_most(10, 28.0) < 0.001);
        assert!(at_most(20, 21.0) > 0.4);
    }

    #[test]
    fn fisher_combines_two_modest_chances_into_a_small_one() {
        // One test: the combined chance is its own.
        assert!(close(combined(&[0.03]), 0.03));
        // Two tests at 0.01: X = -2 ln(1e-4) = 18.42, tail with 4 df = e^-9.21 (1 + 9.21).
        let x = -(1e-4f64).ln();
        assert!(close(combined(&[0.01, 0.01]), (-x).exp() * (1.0 + x)));
        assert!(combined(&[0.02, 0.02, 0.02]) < 0.001);
        assert!(combined(&[0.5, 0.5]) > 0.5);
    }

    #[test]
    fn spread_makes_a_quiet_stretch_less_surprising() {
        // Negative binomial P(X = 0) = (size / (size + mean))^size.
        assert!(close(at_most_spread(0, 4.0, 4.0), 0.5f64.powi(4)));
        assert!(at_most_spread(2, 8.0, 5.0) > at_most(2, 8.0));
        assert!((at_most_spread(3, 6.0, 1e9) - at_most(3, 6.0)).abs() < 1e-6);
        assert!(close(at_most_spread(3, 6.0, f64::INFINITY), at_most(3, 6.0)));
    }

    #[test]
    fn an_empty_baseline_is_not_taken_as_certainty() {
        assert!(close(usual_share(0, 0), 0.5));
        assert!(usual_share(0, 40) > 0.0);
        assert!(cautious_share(2, 50) > usual_share(2, 50));
        // One standard error above 2.5 / 51: sqrt(p (1 - p) / 51).
        let p: f64 = 2.5 / 51.0;
        assert!(close(cautious_share(2, 50), p + (p * (48.5 / 51.0) / 51.0).sqrt()));
        // Never above certainty: with nothing to go on, 0.5 + 0.5.
        assert!(close(cautious_share(0, 0), 1.0));
        assert!(close(cautious_share(9, 9), 1.0));
        assert!(cautious_share(2, 50) - usual_share(2, 50) > cautious_share(20, 500) - usual_share(20, 500));
    }
}
