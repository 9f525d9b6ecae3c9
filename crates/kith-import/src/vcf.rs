//! vCard files (2.1, 3.0 and 4.0; many cards per file, as phones, Google, Apple and Outlook
//! export them), read with calcard (it handles QUOTED-PRINTABLE, charsets and folded lines).
//! Each card becomes a contact: a name, phone numbers and email addresses (the aliases
//! importers match by), and a birthday when the card has one, with or without its year.
//! Cards kith wrote itself (`kith export vcf`) also give back the circle, cadence, note and
//! other aliases.

use crate::report::{ImportError, Place, Skip};
use calcard::vcard::{VCard, VCardParameterName, VCardProperty, VCardValue};
use calcard::{Entry, Parser};
use kith_core::Birthdate;

const FORMAT: &str = "vCard (.vcf)";

/// A card, reduced to what kith keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// Which card in the file, from 1.
    pub record: usize,
    pub name: String,
    pub phones: Vec<String>,
    pub emails: Vec<String>,
    /// The birthday, without its year when the card has none (`--0203`, or Apple's
    /// `X-APPLE-OMIT-YEAR`).
    pub birthday: Option<Birthdate>,
    /// What kith's own export wrote (`X-KITH-*`, and its `CATEGORIES` and `NOTE`); `None`
    /// for cards from anywhere else, whose categories and notes mean something else.
    pub kith: Option<KithCard>,
}

/// What `kith export vcf` keeps about a person beyond the name, numbers and addresses.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KithCard {
    pub circle: Option<String>,
    /// Days, as written.
    pub cadence: Option<String>,
    pub note: Option<String>,
    /// Aliases that are neither numbers nor addresses (chat names).
    pub aliases: Vec<String>,
}

/// Every card of a file, and the ones skipped.
#[derive(Debug, Clone, Default)]
pub struct Contacts {
    pub contacts: Vec<Contact>,
    pub skipped: Vec<Skip>,
}

/// Parses every card in `text`.
///
/// # Errors
/// When the file holds no vCard at all, or a card is cut short.
pub fn parse(text: &str) -> Result<Contacts, ImportError> {
    crate::report::check_blocks(text, "VCARD", FORMAT)?;
    let mut out = Contacts::default();
    let mut parser = Parser::new(text);
    let mut record = 0;
    loop {
        match parser.entry() {
            Entry::VCard(card) => {
                record += 1;
                match contact(&card, record) {
                    Ok(c) => out.contacts.push(c),
                    Err(reason) => out.skipped.push(Skip::new(Place::Record(record), reason)),
                }
            }
            Entry::Eof => break,
            Entry::UnterminatedComponent(_) => {
                let at = Place::Record(record + 1);
                return Err(ImportError::wrong(
                    FORMAT,
                    at,
                    "the card has BEGIN:VCARD but no END:VCARD; the file may be cut short",
                ));
            }
            Entry::ICalendar(_) if record == 0 => {
                return Err(ImportError::wrong(
                    FORMAT,
                    Place::Record(1),
                    "this is an iCalendar file; import it as ics",
                ));
            }
            Entry::InvalidLine(_) if record == 0 && out.skipped.len() > 20 => break,
            Entry::InvalidLine(_) => {
                out.skipped.push(Skip::new(Place::Record(record + 1), "a line outside any card"))
            }
            _ => out.skipped.push(Skip::new(Place::Record(record + 1), "something other than a card")),
        }
    }
    if record == 0 {
        return Err(ImportError::wrong(
            FORMAT,
            Place::Line(1),
            "no BEGIN:VCARD ... END:VCARD card was found",
        ));
    }
    Ok(out)
}

fn contact(card: &VCard, record: usize) -> Result<Contact, String> {
    let texts = |prop: VCardProperty| -> Vec<String> {
        card.properties(&prop)
            .filter_map(|e| e.values.first())
            .filter_map(|v| match v {
                VCardValue::Text(t) => Some(t.clone()),
                VCardValue::Component(parts) => parts.first().cloned(),
                VCardValue::Binary(d) => Some(d.to_unwrapped_string()),
                _ => None,
            })
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect()
    };
    let formatted = texts(VCardProperty::Fn).into_iter().next();
    let name =
        formatted.or_else(|| structured_name(card)).or_else(|| texts(VCardProperty::Org).into_iter().next());
    let name = name.map(|n| n.replace(',', " ").split_whitespace().collect::<Vec<_>>().join(" "));
    let Some(name) = name.filter(|n| !n.is_empty()) else {
        return Err("the card has no name (FN, N or ORG)".into());
    };
    let phones = dedupe(texts(VCardProperty::Tel).into_iter().map(|t| strip_scheme(&t, "tel:")).collect());
    let emails =
        dedupe(texts(VCardProperty::Email).into_iter().map(|t| strip_scheme(&t, "mailto:")).collect());
    Ok(Contact { record, name, phones, emails, birthday: birthday(card), kith: kith_card(card, &texts) })
}

/// The `X-KITH-*` properties, and with them `CATEGORIES` and `NOTE`, of a card kith wrote.
fn kith_card(card: &VCard, texts: &dyn Fn(VCardProperty) -> Vec<String>) -> Option<KithCard> {
    let other = |name: &str| -> Vec<String> {
        card.entries
            .iter()
            .filter(|e| matches!(&e.name, VCardProperty::Other(n) if n.eq_ignore_ascii_case(name)))
            .filter_map(|e| e.values.first())
            .filter_map(|v| match v {
                VCardValue::Text(t) => Some(t.trim().to_owned()),
                VCardValue::Component(parts) => Some(parts.join(",").trim().to_owned()),
                _ => None,
            })
            .filter(|t| !t.is_empty())
            .collect()
    };
    let mark = other("X-KITH-CIRCLE");
    if mark.is_empty() {
        return None;
    }
    Some(KithCard {
        circle: mark.into_iter().next(),
        cadence: other("X-KITH-CADENCE").into_iter().next(),
        note: texts(VCardProperty::Note).into_iter().next(),
        aliases: other("X-KITH-ALIAS"),
    })
}

/// `N:Lee;Sam;;;` → "Sam Lee".
fn structured_name(card: &VCard) -> Option<String> {
    let entry = card.property(&VCardProperty::N)?;
    let part = |i: usize| -> String {
        match entry.values.get(i) {
            Some(VCardValue::Text(t)) => t.clone(),
            Some(VCardValue::Component(c)) => c.join(" "),
            _ => String::new(),
        }
    };
    let name = [part(3), part(1), part(2), part(0), part(4)]
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    (!name.is_empty()).then_some(name)
}

fn birthday(card: &VCard) -> Option<Birthdate> {
    let entry = card.property(&VCardProperty::Bday)?;
    let dt = entry.values.first()?.as_partial_date_time()?;
    let (month, day) = (i8::try_from(dt.month?).ok()?, i8::try_from(dt.day?).ok()?);
    // Apple keeps a birthday without a year as 1604 (a leap year), and says so.
    let omitted = entry.params.iter().any(
        |p| matches!(&p.name, VCardParameterName::Other(n) if n.eq_ignore_ascii_case("X-APPLE-OMIT-YEAR")),
    ) || dt.year == Some(1604);
    match dt.year {
        Some(year) if !omitted => {
            jiff::civil::Date::new(i16::try_from(year).ok()?, month, day).ok().map(Birthdate::full)
        }
        _ => Birthdate::without_year(month, day).ok(),
    }
}

fn strip_scheme(value: &str, scheme: &str) -> String {
    let v = value.trim();
    match v.get(..scheme.len()) {
        Some(head) if head.eq_ignore_ascii_case(scheme) => v[scheme.len()..].trim().to_owned(),
        _ => v.to_owned(),
    }
}

fn dedupe(mut values: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    values.retain(|v| seen.insert(v.to_lowercase()));
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cards_of_every_version_in_one_file_are_read() {
        let text = "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen;;;\r\n\
TEL;CELL:+49 170 1234567\r\nEND:VCARD\r\n\
BEGIN:VCARD\nVERSION:3.0\nFN:Sam Lee\nEMAIL;TYPE=INTERNET:sam@example.org\nBDAY:1990-04-02\nEND:VCARD\n\
BEGIN:VCARD\nVERSION:4.0\nFN:Ana\nTEL;VALUE=uri:tel:+1-555-0100\nBDAY:--0203\nEND:VCARD\n";
        let got = parse(text).expect("parses");
        let names: Vec<&str> = got.contacts.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Jürgen Müller", "Sam Lee", "Ana"]);
        assert_eq!(got.contacts[0].phones, ["+49 170 1234567"]);
        assert_eq!(got.contacts[1].birthday.map(|d| d.to_string()).as_deref(), Some("1990-04-02"));
        assert_eq!(got.contacts[2].phones, ["+1-555-0100"]);
        assert_eq!(got.contacts[2].birthday.map(|d| d.to_string()).as_deref(), Some("--02-03"));
    }

    #[test]
    fn a_card_without_a_name_is_skipped_with_its_number() {
        let text =
            "BEGIN:VCARD\nVERSION:3.0\nTEL:123456\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Sam\nEND:VCARD\n";
        let got = parse(text).expect("parses");
        assert_eq!(got.contacts.len(), 1);
        assert_eq!(got.skipped[0].at, Place::Record(1));
    }

    #[test]
    fn apple_birthdays_without_a_year_keep_no_year() {
        // As Contacts on a Mac and iCloud write them.
        let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//macOS 14.0//EN\r\nN:Lee;Sam;;;\r\n\
FN:Sam Lee\r\nBDAY;X-APPLE-OMIT-YEAR=1604:1604-04-15\r\nEND:VCARD\r\n\
BEGIN:VCARD\r\nVERSION:3.0\r\nN:Ng;Ana;;;\r\nFN:Ana Ng\r\nBDAY;VALUE=date:--0415\r\nEND:VCARD\r\n\
BEGIN:VCARD\r\nVERSION:3.0\r\nN:Ito;Kai;;;\r\nFN:Kai Ito\r\nBDAY;VALUE=date:1988-04-15\r\nEND:VCARD\r\n";
        let got = parse(text).expect("parses");
        let days: Vec<String> =
            got.contacts.iter().map(|c| c.birthday.map(|b| b.to_string()).unwrap_or_default()).collect();
        assert_eq!(days, ["--04-15", "--04-15", "1988-04-15"]);
    }

    #[test]
    fn a_truncated_file_is_an_error() {
        let err = parse("BEGIN:VCARD\nVERSION:3.0\nFN:Sam\n").expect_err("cut short");
        assert!(err.to_string().contains("vCard"), "{err}");
    }
}
