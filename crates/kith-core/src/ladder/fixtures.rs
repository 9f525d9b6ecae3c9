//! Small builders for the ladder tests, on the insight tests' fixed "now".

use super::*;
use crate::insights::fixtures::{ago, at};
use crate::settings::LadderSettings;
use crate::{AttemptId, Mode, StepId};
use std::sync::atomic::{AtomicU64, Ordering};

static NEXT: AtomicU64 = AtomicU64::new(1);

pub fn bytes() -> [u8; 16] {
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let mut b = [7u8; 16];
    b[..8].copy_from_slice(&n.to_be_bytes());
    b
}

pub fn settings() -> LadderSettings {
    LadderSettings::defaults()
}

pub fn step(title: &str, difficulty: i64) -> Step {
    Step {
        id: StepId::from_random_bytes(bytes()),
        title: StepTitle::parse(title).expect("valid"),
        person: None,
        mode: Mode::InPerson,
        difficulty: Difficulty::new(difficulty).expect("valid"),
        status: StepStatus::Active,
        created_at: "2026-01-01T00:00:00Z".parse().expect("valid"),
        set_aside_at: None,
    }
}

/// A prediction made `days` ago at 10:00, still open.
pub fn predicted(s: &Step, days: i64, anxiety: i64) -> Attempt {
    Attempt {
        id: AttemptId::from_random_bytes(bytes()),
        step: s.id,
        predicted_at: at(ago(days), 10),
        predicted_anxiety: Anxiety::new(anxiety).expect("valid"),
        expected: None,
        fear: None,
        emotions_before: vec![],
        outcome: AttemptOutcome::Open,
        outcome_at: None,
        emotions_after: vec![],
    }
}

/// A try `days` ago: predicted at 10:00, done at 12:00.
pub fn done(s: &Step, days: i64, predicted_anxiety: i64, felt: i64) -> Attempt {
    Attempt {
        outcome: AttemptOutcome::Done(Done {
            felt_anxiety: Anxiety::new(felt).expect("valid"),
            went: None,
            felt: None,
            happened: None,
            interaction: None,
        }),
        outcome_at: Some(at(ago(days), 12)),
        ..predicted(s, days, predicted_anxiety)
    }
}

/// A try `days` ago that was let go.
pub fn let_go(s: &Step, days: i64, predicted_anxiety: i64) -> Attempt {
    Attempt {
        outcome: AttemptOutcome::NotThisTime,
        outcome_at: Some(at(ago(days), 12)),
        ..predicted(s, days, predicted_anxiety)
    }
}
