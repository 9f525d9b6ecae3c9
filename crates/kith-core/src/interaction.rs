//! An interaction: a moment of contact with one or more people, by some mode, for some
//! time, and how it felt.

use crate::person::one_of;
use crate::text::shorten;
use crate::{InteractionId, Invalid, Moment, Note, PersonId, PlanId};
use serde::{Deserialize, Serialize};
use std::fmt;

/// How the contact happened. Order matters: richest first (quality over quantity).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    InPerson,
    Voice,
    Video,
    Text,
    Social,
}

impl Mode {
    /// Every mode, richest first.
    pub const ALL: [Mode; 5] = [Mode::InPerson, Mode::Voice, Mode::Video, Mode::Text, Mode::Social];

    /// The stable name used on the command line, in JSON and in storage.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::InPerson => "in_person",
            Mode::Voice => "voice",
            Mode::Video => "video",
            Mode::Text => "text",
            Mode::Social => "social",
        }
    }

    /// Plain words for people.
    pub fn label(self) -> &'static str {
        match self {
            Mode::InPerson => "in person",
            Mode::Voice => "voice call",
            Mode::Video => "video call",
            Mode::Text => "messages",
            Mode::Social => "social media",
        }
    }

    /// Text and social media happen on a screen; the rest is spoken.
    pub fn is_online(self) -> bool {
        matches!(self, Mode::Text | Mode::Social)
    }

    /// The other words people use for each mode, which [`Mode::parse`] accepts too.
    pub const WORDS: [(Mode, &'static [&'static str]); 5] = [
        (Mode::InPerson, &["inperson", "irl", "meet", "meet_up", "meetup", "visit", "face_to_face"]),
        (Mode::Voice, &["call", "phone", "phone_call", "voice_call", "rang"]),
        (Mode::Video, &["video_call", "facetime", "zoom", "teams", "skype"]),
        (Mode::Text, &["message", "messages", "sms", "chat", "texting", "dm", "email"]),
        (Mode::Social, &["social_media", "comment", "post"]),
    ];

    /// Parses a mode by its name (`in_person`, `in-person`, `In person`) or one of the
    /// [`Mode::WORDS`] people use (`call`, `zoom`, `sms`, `irl`...).
    ///
    /// # Errors
    /// When `raw` names no mode.
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let key = raw.split_whitespace().collect::<Vec<_>>().join("_").to_lowercase().replace('-', "_");
        Self::ALL
            .into_iter()
            .find(|m| m.as_str() == key)
            .or_else(|| Self::WORDS.iter().find(|(_, words)| words.contains(&key.as_str())).map(|(m, _)| *m))
            .ok_or_else(|| {
                let expected = format!(
                    "{}; or words such as call, zoom, sms, irl",
                    one_of(Self::ALL.iter().map(|m| m.as_str()))
                );
                Invalid::new("mode", raw, expected)
            })
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who reached out first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Initiator {
    Me,
    Them,
}

impl Initiator {
    /// The stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            Initiator::Me => "me",
            Initiator::Them => "them",
        }
    }

    /// Parses `me` or `them`.
    ///
    /// # Errors
    /// For anything else.
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        match raw.trim().to_lowercase().as_str() {
            "me" => Ok(Initiator::Me),
            "them" => Ok(Initiator::Them),
            _ => Err(Invalid::new("by", raw, "me or them")),
        }
    }
}

/// How time with someone felt, from -2 (draining) through 0 (neutral) to +2 (energising).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct Felt(i8);

impl Felt {
    /// Makes a rating.
    ///
    /// # Errors
    /// Outside -2..=2.
    pub fn new(value: i64) -> Result<Self, Invalid> {
        if (-2..=2).contains(&value) {
            Ok(Self(i8::try_from(value).unwrap_or(0)))
        } else {
            Err(Invalid::new("felt", value, "a whole number from -2 (draining) to +2 (energising)"))
        }
    }

    /// Parses `--felt` text such as `-1`, `+2` or `0`.
    ///
    /// # Errors
    /// When it is not a whole number from -2 to 2.
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let n = crate::invalid::int_in("felt", raw.trim().trim_start_matches('+'), -2..=2).map_err(|e| {
            Invalid {
                value: raw.to_owned(),
                expected: "a whole number from -2 (draining) to +2 (energising)".into(),
                ..e
            }
        })?;
        Self::new(n)
    }

    /// The rating.
    pub fn value(self) -> i64 {
        i64::from(self.0)
    }
}

impl TryFrom<i64> for Felt {
    type Error = Invalid;
    fn try_from(v: i64) -> Result<Self, Invalid> {
        Self::new(v)
    }
}

impl From<Felt> for i64 {
    fn from(f: Felt) -> i64 {
        f.value()
    }
}

/// A duration in whole minutes, up to a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct Minutes(u16);

impl Minutes {
    /// The longest single interaction: a whole day.
    pub const MAX: i64 = 1440;

    /// Makes a duration for `field`.
    ///
    /// # Errors
    /// Outside 0..=1440.
    pub fn new(field: &'static str, value: i64) -> Result<Self, Invalid> {
        if (0..=Self::MAX).contains(&value) {
            Ok(Self(u16::try_from(value).unwrap_or(0)))
        } else {
            Err(Invalid::new(field, value, format!("a number of minutes from 0 to {}", Self::MAX)))
        }
    }

    /// Parses minutes typed for `field`.
    ///
    /// # Errors
    /// When it is not a whole number of minutes in range.
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, Invalid> {
        let expected = format!("a number of minutes from 0 to {}", Self::MAX);
        let n = crate::invalid::int_in(field, raw, 0..=Self::MAX).map_err(|e| Invalid { expected, ..e })?;
        Self::new(field, n)
    }

    /// The minutes.
    pub fn get(self) -> i64 {
        i64::from(self.0)
    }
}

impl TryFrom<i64> for Minutes {
    type Error = Invalid;
    fn try_from(v: i64) -> Result<Self, Invalid> {
        Self::new("minutes", v)
    }
}

impl From<Minutes> for i64 {
    fn from(m: Minutes) -> i64 {
        m.get()
    }
}

/// An activity tag (`walk`, `climbing`, `helped`): lower case, no spaces, at most 40
/// characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Tag(String);

impl Tag {
    /// Parses a tag; it is lower-cased, and a leading `#` is dropped.
    ///
    /// # Errors
    /// When it is empty, too long, or holds spaces, commas or control characters.
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let tag = raw.trim().trim_start_matches('#').to_lowercase();
        let ok = !tag.is_empty()
            && tag.chars().count() <= 40
            && !tag.chars().any(|c| c.is_whitespace() || c.is_control() || c == ',');
        if ok {
            Ok(Self(tag))
        } else {
            Err(Invalid::new(
                "tag",
                shorten(raw),
                "one word of 1 to 40 characters, such as walk or board-games",
            ))
        }
    }

    /// The tag.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Tag {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Invalid> {
        Self::parse(&s)
    }
}

impl From<Tag> for String {
    fn from(t: Tag) -> String {
        t.0
    }
}

/// Where a record came from: typed in by the user, or an importer with the source's own id
/// for it, so that importing the same file twice never duplicates anything.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Source {
    /// `manual`, or the importer's format name (`ics`, `whatsapp`, ...).
    pub kind: String,
    /// The record's id in its source; `None` for manual records.
    pub id: Option<String>,
}

impl Source {
    /// A record typed in by the user.
    pub fn manual() -> Self {
        Self { kind: "manual".into(), id: None }
    }
}

/// One moment of contact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Interaction {
    pub id: InteractionId,
    /// When it started, with the UTC offset the user was at.
    pub at: Moment,
    pub minutes: Option<Minutes>,
    pub mode: Mode,
    pub initiator: Option<Initiator>,
    /// At least one person.
    pub people: Vec<PersonId>,
    pub felt: Option<Felt>,
    /// True unless the user marked it trivial; only meaningful contact counts toward one a day.
    pub meaningful: bool,
    pub tags: Vec<Tag>,
    pub note: Option<Note>,
    /// Messages from them that were left without a reply (filled by chat importers).
    pub unanswered: u32,
    pub source: Source,
    /// The plan this interaction fulfilled, when it came from `plan done`.
    pub plan: Option<PlanId>,
}

/// A change to a logged interaction: each `Some` replaces that part, `None` keeps it. What
/// `kith log edit`, the web's edit form and the API's `PATCH` all apply.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InteractionChanges {
    pub at: Option<Moment>,
    pub minutes: Option<Option<Minutes>>,
    pub mode: Option<Mode>,
    pub initiator: Option<Option<Initiator>>,
    pub people: Option<Vec<PersonId>>,
    pub felt: Option<Option<Felt>>,
    pub meaningful: Option<bool>,
    pub tags: Option<Vec<Tag>>,
    pub note: Option<Option<Note>>,
}

impl InteractionChanges {
    /// Whether nothing would change.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// `i` with these changes; its id, source, plan and unanswered count stay.
    pub fn applied_to(&self, i: &Interaction) -> Interaction {
        Interaction {
            at: self.at.unwrap_or(i.at),
            minutes: self.minutes.unwrap_or(i.minutes),
            mode: self.mode.unwrap_or(i.mode),
            initiator: self.initiator.unwrap_or(i.initiator),
            people: self.people.clone().unwrap_or_else(|| i.people.clone()),
            felt: self.felt.unwrap_or(i.felt),
            meaningful: self.meaningful.unwrap_or(i.meaningful),
            tags: self.tags.clone().unwrap_or_else(|| i.tags.clone()),
            note: self.note.clone().unwrap_or_else(|| i.note.clone()),
            ..i.clone()
        }
    }
}

impl Interaction {
    /// An interaction typed in by hand, meaningful, with nothing but when, how and who:
    /// the caller sets the rest (length, feeling, tags, note) on the value returned.
    pub fn logged(id: InteractionId, at: Moment, mode: Mode, people: Vec<PersonId>) -> Self {
        Self {
            id,
            at,
            minutes: None,
            mode,
            initiator: None,
            people,
            felt: None,
            meaningful: true,
            tags: Vec::new(),
            note: None,
            unanswered: 0,
            source: Source::manual(),
            plan: None,
        }
    }

    /// Minutes after logging during which an entry can be taken back with undo, and a
    /// second identical entry is taken for a slip of the finger.
    pub const REPEAT_MINUTES: i64 = 10;

    /// Whether `other` says the same as this one: the same people (in any order), mode,
    /// length, feeling, tags and note, starting within the same minute. Logging the same
    /// thing twice by mistake gives such a pair.
    pub fn repeats(&self, other: &Interaction) -> bool {
        let sorted = |ids: &[PersonId]| {
            let mut v = ids.to_vec();
            v.sort();
            v
        };
        (self.at.epoch_seconds() - other.at.epoch_seconds()).abs() < 60
            && self.mode == other.mode
            && self.minutes == other.minutes
            && self.felt == other.felt
            && self.tags == other.tags
            && self.note == other.note
            && self.meaningful == other.meaningful
            && sorted(&self.people) == sorted(&other.people)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn felt_accepts_signed_numbers_in_range_only() {
        assert_eq!(Felt::parse("+2").expect("valid").value(), 2);
        assert_eq!(Felt::parse("-2").expect("valid").value(), -2);
        let err = Felt::parse("3").expect_err("out of range");
        assert_eq!((err.field, err.value.as_str()), ("felt", "3"));
        assert!(Felt::parse("lots").is_err());
    }

    #[test]
    fn mode_accepts_common_spellings_and_names_the_choices() {
        assert_eq!(Mode::parse("in-person").expect("valid"), Mode::InPerson);
        assert_eq!(Mode::parse("Voice").expect("valid"), Mode::Voice);
        assert_eq!(Mode::parse("In person").expect("valid"), Mode::InPerson);
        let err = Mode::parse("carrier pigeon").expect_err("unknown");
        assert!(err.expected.contains("in_person") && err.expected.contains("call"), "{err}");
    }

    #[test]
    fn mode_accepts_the_words_people_use() {
        let cases = [
            (Mode::Voice, ["call", "Phone", "phone call", "voice call"].as_slice()),
            (Mode::Video, &["FaceTime", "zoom", "Teams", "video call"]),
            (Mode::Text, &["message", "SMS", "chat"]),
            (Mode::InPerson, &["irl", "meet", "meet-up", "meet up", "visit"]),
        ];
        for (mode, words) in cases {
            for word in words {
                assert_eq!(Mode::parse(word).ok(), Some(mode), "{word}");
            }
        }
        // Every word belongs to one mode only, and none shadows a mode's own name.
        let mut seen = std::collections::HashSet::new();
        for (_, words) in Mode::WORDS {
            for word in words {
                assert!(seen.insert(*word), "{word} is listed twice");
                assert!(Mode::ALL.iter().all(|m| m.as_str() != *word), "{word} is a mode's own name");
            }
        }
    }

    #[test]
    fn minutes_are_bounded_by_a_day() {
        assert!(Minutes::parse("minutes", "1441").is_err());
        assert!(Minutes::parse("minutes", "-5").is_err());
        assert_eq!(Minutes::parse("minutes", "90").expect("valid").get(), 90);
    }

    #[test]
    fn tags_are_single_lower_case_words() {
        assert_eq!(Tag::parse("#Walk").expect("valid").as_str(), "walk");
        assert!(Tag::parse("long walk").is_err());
    }

    /// A 20-minute call that felt good, with `people`, starting at `at` (Unix seconds).
    fn call(people: &[PersonId], at: i64) -> Interaction {
        use crate::insights::fixtures::{InteractionExt, met, person, today};
        let mut call = met(&person("anyone"), today()).by(Mode::Voice).minutes(20).felt(1);
        call.people = people.to_vec();
        call.at = Moment::from_parts(at, 3600).expect("valid");
        call
    }

    #[test]
    fn a_repeat_is_the_same_thing_within_a_minute_whoever_comes_first() {
        let (sam, ana) = (PersonId::from_random_bytes([1; 16]), PersonId::from_random_bytes([2; 16]));
        let first = call(&[sam, ana], 1_800_000_000);
        assert!(first.repeats(&call(&[ana, sam], 1_800_000_030)));
        assert!(!first.repeats(&call(&[sam, ana], 1_800_000_090)), "two calls a minute and a half apart");
        assert!(!first.repeats(&call(&[sam], 1_800_000_000)), "not the same people");
        let mut longer = call(&[sam, ana], 1_800_000_000);
        longer.minutes = Some(Minutes::new("minutes", 40).expect("valid"));
        assert!(!first.repeats(&longer));
    }

    #[test]
    fn changes_replace_only_what_they_name() {
        let sam = PersonId::from_random_bytes([1; 16]);
        let before = call(&[sam], 1_800_000_000);
        assert_eq!(InteractionChanges::default().applied_to(&before), before);
        let changes = InteractionChanges {
            mode: Some(Mode::InPerson),
            felt: Some(None),
            note: Some(Some(Note::parse("note", "a long walk").expect("valid"))),
            ..InteractionChanges::default()
        };
        let after = changes.applied_to(&before);
        assert_eq!((after.mode, after.felt, after.minutes), (Mode::InPerson, None, before.minutes));
        assert_eq!(after.note.as_ref().map(Note::as_str), Some("a long walk"));
        assert_eq!((after.id, after.at, after.people.clone()), (before.id, before.at, before.people.clone()));
    }
}
