//! The daily check-in: a few numbers about how the day is going, one per local day.

use crate::person::one_of;
use crate::{CheckInId, Invalid, Minutes, Moment, Note};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// A 1-5 answer (energy, mood, stress).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct Scale(u8);

impl Scale {
    /// Makes an answer for `field`.
    ///
    /// # Errors
    /// Outside 1..=5.
    pub fn new(field: &'static str, value: i64) -> Result<Self, Invalid> {
        if (1..=5).contains(&value) {
            Ok(Self(u8::try_from(value).unwrap_or(1)))
        } else {
            Err(Invalid::new(field, value, "a whole number from 1 (low) to 5 (high)"))
        }
    }

    /// Parses typed text for `field`.
    ///
    /// # Errors
    /// When it is not a whole number from 1 to 5.
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, Invalid> {
        let n = crate::invalid::int_in(field, raw, 1..=5)
            .map_err(|e| Invalid { expected: "a whole number from 1 (low) to 5 (high)".into(), ..e })?;
        Self::new(field, n)
    }

    /// The answer.
    pub fn get(self) -> i64 {
        i64::from(self.0)
    }
}

impl TryFrom<i64> for Scale {
    type Error = Invalid;
    fn try_from(v: i64) -> Result<Self, Invalid> {
        Self::new("scale", v)
    }
}

impl From<Scale> for i64 {
    fn from(s: Scale) -> i64 {
        s.get()
    }
}

/// Social capacity, the "social battery": 0 (nothing left) to 5 (full).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct Capacity(u8);

impl Capacity {
    /// Makes a capacity.
    ///
    /// # Errors
    /// Outside 0..=5.
    pub fn new(value: i64) -> Result<Self, Invalid> {
        if (0..=5).contains(&value) {
            Ok(Self(u8::try_from(value).unwrap_or(0)))
        } else {
            Err(Invalid::new("capacity", value, "a whole number from 0 (nothing left) to 5 (full)"))
        }
    }

    /// Parses typed text.
    ///
    /// # Errors
    /// When it is not a whole number from 0 to 5.
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let n = crate::invalid::int_in("capacity", raw, 0..=5).map_err(|e| Invalid {
            expected: "a whole number from 0 (nothing left) to 5 (full)".into(),
            ..e
        })?;
        Self::new(n)
    }

    /// The capacity.
    pub fn get(self) -> i64 {
        i64::from(self.0)
    }
}

impl TryFrom<i64> for Capacity {
    type Error = Invalid;
    fn try_from(v: i64) -> Result<Self, Invalid> {
        Self::new(v)
    }
}

impl From<Capacity> for i64 {
    fn from(c: Capacity) -> i64 {
        c.get()
    }
}

/// Which parts of daily life the person felt were affected today. These four are what the
/// support card watches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Affected {
    pub sleep: bool,
    pub eating: bool,
    pub mood: bool,
    pub motivation: bool,
}

impl Affected {
    /// Nothing affected.
    pub const NONE: Affected = Affected { sleep: false, eating: false, mood: false, motivation: false };
    /// The words `--affected` accepts.
    pub const WORDS: [&'static str; 4] = ["sleep", "eating", "mood", "motivation"];

    /// Parses a comma-separated list such as `sleep,mood`; `none` or an empty list means
    /// nothing is affected.
    ///
    /// # Errors
    /// When a word is not one of [`Affected::WORDS`].
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let mut out = Self::NONE;
        for word in raw.split(',').map(|w| w.trim().to_lowercase()).filter(|w| !w.is_empty() && w != "none") {
            match word.as_str() {
                "sleep" => out.sleep = true,
                "eating" => out.eating = true,
                "mood" => out.mood = true,
                "motivation" => out.motivation = true,
                _ => {
                    let expected =
                        format!("a comma-separated list of {}, or none", one_of(Self::WORDS.into_iter()));
                    return Err(Invalid::new("affected", raw, expected));
                }
            }
        }
        Ok(out)
    }

    /// The affected parts, as words.
    pub fn words(self) -> Vec<&'static str> {
        let flags = [self.sleep, self.eating, self.mood, self.motivation];
        Self::WORDS.into_iter().zip(flags).filter(|(_, on)| *on).map(|(w, _)| w).collect()
    }

    /// Whether anything is affected.
    pub fn any(self) -> bool {
        self != Self::NONE
    }
}

/// Time spent alone today, and whether it restored the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AloneTime {
    pub minutes: Option<Minutes>,
    pub restored: Option<bool>,
}

/// One day's check-in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckIn {
    pub id: CheckInId,
    /// The local day it is about; one check-in per day.
    pub date: Date,
    /// When it was recorded.
    pub at: Moment,
    /// Left out by a quick check-in, which asks only mood and the social battery.
    pub energy: Option<Scale>,
    pub mood: Scale,
    /// Left out by a quick check-in.
    pub stress: Option<Scale>,
    pub capacity: Capacity,
    pub alone: AloneTime,
    /// `None` when the question was not asked (a quick check-in), which is not the same as
    /// nothing affected.
    pub affected: Option<Affected>,
    pub note: Option<Note>,
}

/// A change to a saved check-in: each `Some` replaces that answer (`Some(None)` leaves an
/// optional one unanswered), `None` keeps it. What `kith checkin edit` and the API's `PATCH`
/// both apply.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CheckInChanges {
    pub mood: Option<Scale>,
    pub capacity: Option<Capacity>,
    pub energy: Option<Option<Scale>>,
    pub stress: Option<Option<Scale>>,
    pub alone_minutes: Option<Option<Minutes>>,
    pub restored: Option<Option<bool>>,
    pub affected: Option<Option<Affected>>,
    pub note: Option<Option<Note>>,
}

impl CheckInChanges {
    /// `c` with these changes; its id, day and time recorded stay.
    pub fn applied_to(&self, c: &CheckIn) -> CheckIn {
        CheckIn {
            mood: self.mood.unwrap_or(c.mood),
            capacity: self.capacity.unwrap_or(c.capacity),
            energy: self.energy.unwrap_or(c.energy),
            stress: self.stress.unwrap_or(c.stress),
            alone: AloneTime {
                minutes: self.alone_minutes.unwrap_or(c.alone.minutes),
                restored: self.restored.unwrap_or(c.alone.restored),
            },
            affected: self.affected.unwrap_or(c.affected),
            note: self.note.clone().unwrap_or_else(|| c.note.clone()),
            ..c.clone()
        }
    }
}

/// Parses `yes`/`no` answers for `field`.
///
/// # Errors
/// For anything but yes, no, y, n, true or false.
pub fn parse_yes_no(field: &'static str, raw: &str) -> Result<bool, Invalid> {
    match raw.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" => Ok(true),
        "no" | "n" | "false" => Ok(false),
        _ => Err(Invalid::new(field, raw, "yes or no")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn affected_reads_a_list_and_rejects_unknown_words() {
        let a = Affected::parse("sleep, Mood").expect("valid");
        assert_eq!(a.words(), vec!["sleep", "mood"]);
        assert_eq!(Affected::parse("none").expect("valid"), Affected::NONE);
        let err = Affected::parse("sleep,appetite").expect_err("unknown word");
        assert!(err.expected.contains("motivation"), "{err}");
    }

    #[test]
    fn scales_name_their_range() {
        let err = Scale::parse("energy", "6").expect_err("out of range");
        assert_eq!(err.field, "energy");
        assert!(Capacity::parse("0").is_ok());
        assert!(Capacity::parse("-1").is_err());
    }

    #[test]
    fn changes_replace_only_the_answers_they_name() {
        let saved = crate::insights::fixtures::checkin(jiff::civil::date(2026, 11, 23), 2, 1);
        assert_eq!(CheckInChanges::default().applied_to(&saved), saved);
        let changed = CheckInChanges {
            mood: Some(Scale::new("mood", 4).expect("valid")),
            energy: Some(None),
            ..CheckInChanges::default()
        }
        .applied_to(&saved);
        assert_eq!((changed.mood.get(), changed.energy, changed.stress), (4, None, saved.stress));
        assert_eq!((changed.id, changed.date, changed.capacity), (saved.id, saved.date, saved.capacity));
    }
}
