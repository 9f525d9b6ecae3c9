//! Steps and tries: the records of the ladder. A try is recorded in two halves, the
//! prediction before and the outcome after, so the prediction can never be rewritten with
//! hindsight.

use crate::person::one_of;
use crate::text::shorten;
use crate::{AttemptId, Felt, InteractionId, Invalid, Mode, Moment, Note, PersonId, StepId};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::fmt;

use super::Emotion;

macro_rules! zero_to {
    ($(#[$doc:meta])* $name:ident, $max:expr, $field:expr, $words:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "i64", into = "i64")]
        pub struct $name(u8);

        impl $name {
            /// The largest value.
            pub const MAX: i64 = $max;

            /// Makes a value.
            ///
            /// # Errors
            /// Outside 0 to [`Self::MAX`].
            pub fn new(value: i64) -> Result<Self, Invalid> {
                match u8::try_from(value) {
                    Ok(v) if value <= $max => Ok(Self(v)),
                    _ => Err(Invalid::new($field, value, $words)),
                }
            }

            /// Parses typed text.
            ///
            /// # Errors
            /// When it is not a whole number in range.
            pub fn parse(raw: &str) -> Result<Self, Invalid> {
                let n = crate::invalid::int_in($field, raw, 0..=$max)
                    .map_err(|e| Invalid { expected: $words.into(), ..e })?;
                Self::new(n)
            }

            /// The value.
            pub fn get(self) -> i64 {
                i64::from(self.0)
            }
        }

        impl TryFrom<i64> for $name {
            type Error = Invalid;
            fn try_from(v: i64) -> Result<Self, Invalid> {
                Self::new(v)
            }
        }

        impl From<$name> for i64 {
            fn from(v: $name) -> i64 {
                v.get()
            }
        }
    };
}

zero_to!(
    /// How hard a step feels now, from 0 (easy) to 10 (the hardest thing imaginable).
    Difficulty, 10, "difficulty", "a whole number from 0 (easy) to 10 (very hard)"
);
zero_to!(
    /// Anxiety, from 0 (none) to 10 (as anxious as you have ever been).
    Anxiety, 10, "anxiety", "a whole number from 0 (calm) to 10 (extremely anxious)"
);
zero_to!(
    /// How well something is expected to go, or went: 0 (very badly) to 10 (very well).
    Expectation, 10, "expect", "a whole number from 0 (very badly) to 10 (very well)"
);

zero_to!(
    /// How strongly a thought is believed, from 0 (not at all) to 100 (completely).
    Belief, 100, "belief", "a whole number from 0 (not at all) to 100 (completely)"
);

/// A step's title: short, one line.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct StepTitle(String);

impl StepTitle {
    /// The longest title, in characters.
    pub const MAX_CHARS: usize = 200;

    /// Parses a title; surrounding white space is trimmed.
    ///
    /// # Errors
    /// When empty, longer than [`Self::MAX_CHARS`], or holding line breaks or control
    /// characters.
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let t = raw.trim();
        let ok = !t.is_empty() && t.chars().count() <= Self::MAX_CHARS && !t.chars().any(char::is_control);
        if ok {
            Ok(Self(t.to_owned()))
        } else {
            Err(Invalid::new("title", shorten(raw), "one line of 1 to 200 characters"))
        }
    }

    /// The title.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for StepTitle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for StepTitle {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Invalid> {
        Self::parse(&s)
    }
}

impl From<StepTitle> for String {
    fn from(t: StepTitle) -> String {
        t.0
    }
}

/// Whether a step is on the ladder or set aside by the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    Active,
    /// Taken off the ladder by the person; kept with its history.
    SetAside,
}

impl StepStatus {
    /// Every status.
    pub const ALL: [StepStatus; 2] = [StepStatus::Active, StepStatus::SetAside];

    /// The stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            StepStatus::Active => "active",
            StepStatus::SetAside => "set_aside",
        }
    }

    /// Parses a stable name.
    ///
    /// # Errors
    /// When `raw` names no status.
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        Self::ALL
            .into_iter()
            .find(|s| s.as_str() == raw.trim())
            .ok_or_else(|| Invalid::new("status", raw, one_of(Self::ALL.iter().map(|s| s.as_str()))))
    }
}

/// A re-engagement step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub id: StepId,
    pub title: StepTitle,
    /// The person it is with, when it is with someone in particular.
    pub person: Option<PersonId>,
    pub mode: Mode,
    /// How hard it felt when it was added.
    pub difficulty: Difficulty,
    pub status: StepStatus,
    pub created_at: Timestamp,
    /// When it was set aside, while it is.
    pub set_aside_at: Option<Timestamp>,
}

impl Step {
    /// A step just added: active, and not set aside.
    pub fn new(
        id: StepId,
        title: StepTitle,
        person: Option<PersonId>,
        mode: Mode,
        difficulty: Difficulty,
        created_at: Timestamp,
    ) -> Self {
        Self {
            id,
            title,
            person,
            mode,
            difficulty,
            status: StepStatus::Active,
            created_at,
            set_aside_at: None,
        }
    }
}

/// The second half of a try that happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Done {
    /// Anxiety felt during it.
    pub felt_anxiety: Anxiety,
    /// How well it went, when rated.
    pub went: Option<Expectation>,
    /// How the time felt, -2 (draining) .. +2 (energising), as for interactions.
    pub felt: Option<Felt>,
    /// What happened, in the person's words.
    pub happened: Option<Note>,
    /// The interaction it was logged as, when the step is with someone.
    pub interaction: Option<InteractionId>,
}

/// How a try ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum AttemptOutcome {
    /// Predicted, not yet done.
    Open,
    /// It happened.
    Done(Done),
    /// The person decided not to this time: allowed, and kept without judgement.
    NotThisTime,
}

impl AttemptOutcome {
    /// The stable name.
    pub fn as_str(&self) -> &'static str {
        match self {
            AttemptOutcome::Open => "open",
            AttemptOutcome::Done(_) => "done",
            AttemptOutcome::NotThisTime => "not_this_time",
        }
    }
}

/// One try of a step: the prediction before, and how it went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attempt {
    pub id: AttemptId,
    pub step: StepId,
    /// When the prediction was made.
    pub predicted_at: Moment,
    /// Anxiety expected.
    pub predicted_anxiety: Anxiety,
    /// How well it is expected to go, when rated.
    pub expected: Option<Expectation>,
    /// What the person fears will happen.
    pub fear: Option<Note>,
    pub emotions_before: Vec<Emotion>,
    pub outcome: AttemptOutcome,
    /// When the outcome was recorded (it happened, or was let go).
    pub outcome_at: Option<Moment>,
    pub emotions_after: Vec<Emotion>,
}

impl Attempt {
    /// The outcome, when the try happened.
    pub fn done(&self) -> Option<&Done> {
        match &self.outcome {
            AttemptOutcome::Done(d) => Some(d),
            _ => None,
        }
    }

    /// Whether it went better than predicted: rated higher than expected when both were
    /// rated, otherwise less anxious than expected. `None` unless it happened.
    pub fn went_better(&self) -> Option<std::cmp::Ordering> {
        let d = self.done()?;
        Some(match (self.expected, d.went) {
            (Some(e), Some(w)) => w.cmp(&e),
            _ => self.predicted_anxiety.cmp(&d.felt_anxiety),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_run_from_zero_to_ten() {
        assert_eq!(Difficulty::parse("0").expect("valid").get(), 0);
        assert_eq!(Anxiety::parse(" 10 ").expect("valid").get(), 10);
        let err = Anxiety::parse("11").expect_err("too high");
        assert_eq!((err.field, err.value.as_str()), ("anxiety", "11"));
        assert!(Difficulty::new(-1).is_err());
        assert!(Expectation::parse("lots").is_err());
    }

    #[test]
    fn a_title_is_one_short_line() {
        assert_eq!(StepTitle::parse("  Text Sam ").expect("valid").as_str(), "Text Sam");
        assert!(StepTitle::parse("").is_err());
        assert!(StepTitle::parse("two\nlines").is_err());
        assert!(StepTitle::parse(&"x".repeat(201)).is_err());
    }

    #[test]
    fn step_statuses_parse_by_their_stable_names() {
        assert_eq!(StepStatus::parse("set_aside").expect("valid"), StepStatus::SetAside);
        assert!(StepStatus::parse("abandoned").expect_err("unknown").expected.contains("active"));
    }
}
