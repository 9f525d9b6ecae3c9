//! A person in the user's life: their name, which circle they belong to, how often the
//! user would like to be in touch, and the aliases importers match them by.

use crate::text::shorten;
use crate::{Invalid, Note, PersonId};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The longest display name, in characters.
pub const NAME_MAX_CHARS: usize = 80;

/// A display name: unique per account regardless of case, without commas (commas separate
/// names on the command line) or control characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PersonName(String);

impl PersonName {
    /// Parses a display name; surrounding and repeated inner spaces are tidied.
    ///
    /// # Errors
    /// When the name is empty, longer than [`NAME_MAX_CHARS`], or holds a comma or a
    /// control character.
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        let expected = format!("a name of 1 to {NAME_MAX_CHARS} characters, without commas");
        if name.is_empty() || name.chars().count() > NAME_MAX_CHARS {
            return Err(Invalid::new("name", shorten(raw), expected));
        }
        if name.contains(',') || name.chars().any(char::is_control) {
            return Err(Invalid::new("name", shorten(raw), expected));
        }
        Ok(Self(name))
    }

    /// The name as the user wrote it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The case-insensitive key names are unique by.
    pub fn key(&self) -> String {
        name_key(&self.0)
    }
}

/// The case-insensitive form of a name or an alias, used for uniqueness and look-ups.
pub fn name_key(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for PersonName {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Invalid> {
        Self::parse(&s)
    }
}

impl From<PersonName> for String {
    fn from(n: PersonName) -> String {
        n.0
    }
}

/// Which part of the user's life a person belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Circle {
    Family,
    Friend,
    Partner,
    Colleague,
    Community,
    Professional,
    Other,
}

impl Circle {
    /// Every circle, in the order lists show them.
    pub const ALL: [Circle; 7] = [
        Circle::Partner,
        Circle::Family,
        Circle::Friend,
        Circle::Colleague,
        Circle::Community,
        Circle::Professional,
        Circle::Other,
    ];

    /// The stable name used on the command line, in JSON and in storage.
    pub fn as_str(self) -> &'static str {
        match self {
            Circle::Family => "family",
            Circle::Friend => "friend",
            Circle::Partner => "partner",
            Circle::Colleague => "colleague",
            Circle::Community => "community",
            Circle::Professional => "professional",
            Circle::Other => "other",
        }
    }

    /// Parses a circle name.
    ///
    /// # Errors
    /// When `raw` names no circle.
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let key = raw.trim().to_lowercase();
        Self::ALL
            .into_iter()
            .find(|c| c.as_str() == key)
            .ok_or_else(|| Invalid::new("circle", raw, one_of(Self::ALL.iter().map(|c| c.as_str()))))
    }
}

impl fmt::Display for Circle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Lists allowed words for an error message: "one of a, b or c".
pub(crate) fn one_of<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let words: Vec<&str> = words.collect();
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("one of {} or {last}", rest.join(", ")),
        Some((last, _)) => (*last).to_owned(),
        None => String::new(),
    }
}

/// How often the user would like to be in touch with someone, in days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct Cadence(u16);

impl Cadence {
    /// The longest cadence: two years.
    pub const MAX_DAYS: i64 = 730;

    /// Makes a cadence of `days`.
    ///
    /// # Errors
    /// When `days` is not between 1 and [`Cadence::MAX_DAYS`].
    pub fn from_days(days: i64) -> Result<Self, Invalid> {
        if (1..=Self::MAX_DAYS).contains(&days) {
            Ok(Self(u16::try_from(days).unwrap_or(u16::MAX)))
        } else {
            Err(Invalid::new("cadence", days, format!("a number of days from 1 to {}", Self::MAX_DAYS)))
        }
    }

    /// Parses the text of a `--cadence` flag.
    ///
    /// # Errors
    /// When the text is not a whole number of days in range.
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let days = crate::invalid::int_in("cadence", raw, 1..=Self::MAX_DAYS)?;
        Self::from_days(days)
    }

    /// The cadence in days.
    pub fn days(self) -> i64 {
        i64::from(self.0)
    }
}

impl TryFrom<i64> for Cadence {
    type Error = Invalid;
    fn try_from(days: i64) -> Result<Self, Invalid> {
        Self::from_days(days)
    }
}

impl From<Cadence> for i64 {
    fn from(c: Cadence) -> i64 {
        c.days()
    }
}

/// Another way a person shows up in the user's data: a phone number, an email address or a
/// chat name. Importers match people by these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Alias(String);

impl Alias {
    /// Parses an alias.
    ///
    /// # Errors
    /// When it is empty, longer than 200 characters, or holds control characters.
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let text = raw.trim();
        if text.is_empty() || text.chars().count() > 200 || text.chars().any(char::is_control) {
            return Err(Invalid::new(
                "alias",
                shorten(raw),
                "a phone number, email address or chat name of 1 to 200 characters",
            ));
        }
        Ok(Self(text.to_owned()))
    }

    /// The alias as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form aliases are matched by: phone numbers keep only `+` and digits, everything
    /// else is compared without regard to case.
    pub fn key(&self) -> String {
        let looks_like_phone = self.0.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c))
            && self.0.chars().filter(char::is_ascii_digit).count() >= 5;
        if looks_like_phone {
            self.0.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect()
        } else {
            name_key(&self.0)
        }
    }
}

impl TryFrom<String> for Alias {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Invalid> {
        Self::parse(&s)
    }
}

impl From<Alias> for String {
    fn from(a: Alias) -> String {
        a.0
    }
}

/// A person the user keeps in touch with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub id: PersonId,
    pub name: PersonName,
    pub circle: Circle,
    pub cadence: Option<Cadence>,
    pub aliases: Vec<Alias>,
    pub note: Option<Note>,
    pub archived: bool,
    /// Reach-out suggestions stay quiet about this person until this local day.
    pub snoozed_until: Option<Date>,
    pub created_at: Timestamp,
}

impl Person {
    /// Someone new in `circle`, added at `created_at`: no cadence, aliases or note yet,
    /// not archived or snoozed.
    pub fn new(id: PersonId, name: PersonName, circle: Circle, created_at: Timestamp) -> Self {
        Self {
            id,
            name,
            circle,
            cadence: None,
            aliases: Vec::new(),
            note: None,
            archived: false,
            snoozed_until: None,
            created_at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_tidied_and_compared_without_case() {
        let name = PersonName::parse("  Sam   Lee ").expect("valid");
        assert_eq!(name.as_str(), "Sam Lee");
        assert_eq!(name.key(), PersonName::parse("SAM LEE").expect("valid").key());
    }

    #[test]
    fn a_name_with_a_comma_is_refused_because_commas_separate_names() {
        let err = PersonName::parse("Lee, Sam").expect_err("comma");
        assert_eq!(err.field, "name");
    }

    #[test]
    fn an_unknown_circle_lists_the_allowed_ones() {
        let err = Circle::parse("buddy").expect_err("unknown");
        assert!(err.expected.contains("family") && err.expected.contains("other"), "{err}");
    }

    #[test]
    fn phone_aliases_match_whatever_the_punctuation() {
        let a = Alias::parse("+44 (0)20 7946-0958").expect("valid");
        let b = Alias::parse("+4402079460958").expect("valid");
        assert_eq!(a.key(), b.key());
        assert_eq!(Alias::parse("Sam@Example.org").expect("valid").key(), "sam@example.org");
    }

    #[test]
    fn cadence_is_bounded() {
        assert!(Cadence::from_days(0).is_err());
        assert!(Cadence::from_days(731).is_err());
        assert_eq!(Cadence::parse("14").expect("valid").days(), 14);
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn a_parsed_name_parses_again_to_itself(raw in "\\PC{0,100}") {
            if let Ok(name) = PersonName::parse(&raw) {
                prop_assert_eq!(PersonName::parse(name.as_str()), Ok(name.clone()));
                prop_assert!(!name.as_str().contains(','));
                prop_assert!(name.as_str().chars().count() <= NAME_MAX_CHARS);
            }
        }

        #[test]
        fn alias_keys_never_panic_and_are_stable(raw in "\\PC{0,60}") {
            if let Ok(alias) = Alias::parse(&raw) {
                let again = Alias::parse(alias.as_str()).expect("a parsed alias parses again");
                prop_assert_eq!(again.key(), alias.key());
            }
        }
    }
}

/// A birthday: a day of the year, and the year of birth when it is known. Phones keep
/// birthdays without a year (`BDAY:--0415`); kith keeps them that way rather than invent one.
/// Written `1990-04-15`, or `--04-15` without a year (the vCard 4.0 form).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Birthdate {
    year: Option<i16>,
    month: i8,
    day: i8,
}

impl Birthdate {
    /// A birthday with its year.
    pub fn full(date: Date) -> Self {
        Self { year: Some(date.year()), month: date.month(), day: date.day() }
    }

    /// A birthday without a year; the 29th of February is one.
    ///
    /// # Errors
    /// When there is no such day in any year.
    pub fn without_year(month: i8, day: i8) -> Result<Self, Invalid> {
        // 2000 was a leap year, so every day that can be a birthday is a date in it.
        Date::new(2000, month, day)
            .map(|_| Self { year: None, month, day })
            .map_err(|_| Invalid::new("birthday", format!("--{month:02}-{day:02}"), "a day of the year"))
    }

    /// The year of birth, when known.
    pub fn year(self) -> Option<i16> {
        self.year
    }

    pub fn month(self) -> i8 {
        self.month
    }

    pub fn day(self) -> i8 {
        self.day
    }

    /// The date of birth, when the year is known.
    pub fn date(self) -> Option<Date> {
        Date::new(self.year?, self.month, self.day).ok()
    }

    /// Reads `1990-04-15` or `--04-15`.
    ///
    /// # Errors
    /// When it is neither, or names no real day.
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let text = raw.trim();
        let expected = "a date such as 1990-04-15, or --04-15 without the year";
        if let Some(rest) = text.strip_prefix("--") {
            let (m, d) = rest.split_once('-').ok_or_else(|| Invalid::new("birthday", raw, expected))?;
            let (Ok(m), Ok(d)) = (m.parse::<i8>(), d.parse::<i8>()) else {
                return Err(Invalid::new("birthday", raw, expected));
            };
            return Self::without_year(m, d);
        }
        text.parse::<Date>().map(Self::full).map_err(|_| Invalid::new("birthday", raw, expected))
    }
}

impl fmt::Display for Birthdate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.year {
            Some(y) => write!(f, "{y:04}-{:02}-{:02}", self.month, self.day),
            None => write!(f, "--{:02}-{:02}", self.month, self.day),
        }
    }
}

impl TryFrom<String> for Birthdate {
    type Error = Invalid;
    fn try_from(raw: String) -> Result<Self, Invalid> {
        Self::parse(&raw)
    }
}

impl From<Birthdate> for String {
    fn from(b: Birthdate) -> String {
        b.to_string()
    }
}

#[cfg(test)]
mod birthdate_tests {
    use super::*;

    #[test]
    fn a_birthday_reads_back_with_or_without_its_year() {
        for raw in ["1990-04-15", "--04-15", "--02-29"] {
            assert_eq!(Birthdate::parse(raw).expect("valid").to_string(), raw);
        }
        assert_eq!(Birthdate::parse("--04-15").expect("valid").date(), None);
        assert!(Birthdate::parse("--02-30").is_err());
        assert!(Birthdate::parse("1991-02-29").is_err());
        assert!(Birthdate::parse("April").is_err());
    }
}
