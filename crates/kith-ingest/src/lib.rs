//! kith's import engine, shared by `kith import` and the web app's upload (docs/import.md):
//! it takes what kith-import's pure parsers read from a file, finds the people behind each
//! name, number and address, and writes plans, interactions and people through a [`Repo`].
//!
//! The caller owns the transaction: it begins one, calls [`run`], and commits, or drops it
//! for a dry run (the preview does all the same work and keeps none of it). The caller also
//! owns the file: it hands [`run`] a way to open it, so the command line can show a
//! progress line and the web app can read its private upload.

mod chats;
mod matcher;
mod records;

use jiff::Zoned;
use kith_import::whatsapp::DateOrder;
use kith_import::{ImportError, Place, Skip};
use kith_store::{Repo, StoreError};
use matcher::Matcher;
use serde_json::{Value, json};
use std::io::Read;

/// The formats kith imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// iCalendar (.ics): events with people become plans.
    Ics,
    /// vCard (.vcf): contacts become people, or add aliases to people already here.
    Vcf,
    /// WhatsApp "Export chat" (.txt): one text interaction per chat per day.
    Whatsapp,
    /// Android "SMS Backup & Restore" (.xml): texts per contact per day, and calls.
    Sms,
    /// Telegram Desktop export (result.json): one text interaction per chat per day.
    Telegram,
}

impl Format {
    pub const ALL: [Format; 5] = [Format::Ics, Format::Vcf, Format::Whatsapp, Format::Sms, Format::Telegram];

    /// The name used on the command line, in the API's path and in `--json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Ics => "ics",
            Format::Vcf => "vcf",
            Format::Whatsapp => "whatsapp",
            Format::Sms => "sms",
            Format::Telegram => "telegram",
        }
    }

    /// The format named `name` (as [`Format::as_str`] writes it, any case).
    pub fn parse(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.as_str().eq_ignore_ascii_case(name.trim()))
    }

    /// What the file is, in words.
    pub fn label(self) -> &'static str {
        match self {
            Format::Ics => "Calendar (iCalendar .ics)",
            Format::Vcf => "Contacts (vCard .vcf)",
            Format::Whatsapp => "WhatsApp chat export (.txt)",
            Format::Sms => "SMS Backup & Restore (.xml, texts or calls)",
            Format::Telegram => "Telegram Desktop export (result.json)",
        }
    }

    /// A best guess from the file's name and its first bytes; `None` when neither tells.
    /// The contents win over the name, since downloads are often renamed.
    pub fn guess(file_name: &str, head: &[u8]) -> Option<Format> {
        let text = String::from_utf8_lossy(&head[..head.len().min(4096)]);
        let start = text.trim_start_matches('\u{feff}').trim_start();
        let upper = start.get(..start.len().min(600)).unwrap_or(start).to_ascii_uppercase();
        if upper.starts_with("BEGIN:VCALENDAR") {
            return Some(Format::Ics);
        }
        if upper.starts_with("BEGIN:VCARD") {
            return Some(Format::Vcf);
        }
        if start.starts_with("<?xml") || start.starts_with('<') {
            if text.contains("<smses") || text.contains("<calls") {
                return Some(Format::Sms);
            }
        } else if start.starts_with('{') {
            return Some(Format::Telegram);
        }
        let lower = file_name.to_ascii_lowercase();
        let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
        match ext {
            "ics" | "ical" | "ifb" => Some(Format::Ics),
            "vcf" | "vcard" => Some(Format::Vcf),
            "txt" => Some(Format::Whatsapp),
            "xml" => Some(Format::Sms),
            "json" => Some(Format::Telegram),
            _ => None,
        }
    }
}

/// How to import: the command line's flags, the web form's options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub format: Format,
    /// `Name in the file=Person in kith` entries.
    pub map: Vec<String>,
    /// Add a person for each chat member, contact number or attendee that matches no one.
    pub create_people: bool,
    /// Calendar events that have already happened count as attended.
    pub assume_attended: bool,
    /// The order of day, month and year in a WhatsApp export, when the file cannot tell.
    pub date_order: Option<DateOrder>,
    /// The user's own name in a group export, when kith cannot tell.
    pub me: Option<String>,
    /// Hours after which a message from them without a reply counts as unanswered.
    pub unanswered_after: u32,
}

impl Options {
    /// The defaults of `kith import FORMAT FILE` without flags.
    pub fn new(format: Format) -> Self {
        Self {
            format,
            map: Vec::new(),
            create_people: false,
            assume_attended: false,
            date_order: None,
            me: None,
            unanswered_after: 48,
        }
    }
}

/// Why an import could not be done. Nothing was written: the caller rolls back.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The file is not the format it was said to be, is cut short, or leaves something only
    /// the person can settle (the date order).
    #[error("{error}")]
    File { format: Format, error: ImportError },
    /// A map entry is not `Name=Person`.
    #[error("invalid map entry {entry:?}")]
    BadMap { entry: String },
    /// A map entry names someone who is not in kith (`target` as a name key).
    #[error("the map names {target:?}, who is not in kith")]
    UnknownPerson { target: String },
    /// A group export where kith cannot tell which sender is the user.
    #[error("cannot tell which sender is you: {}", quoted(.senders))]
    WhoIsMe { senders: Vec<String> },
    #[error("could not open the file: {0}")]
    Open(#[source] std::io::Error),
    #[error("could not read the file: {0}")]
    Read(#[source] std::io::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// `"A", "B"`: names as the messages quote them.
pub fn quoted(names: &[String]) -> String {
    names.iter().map(|s| format!("{s:?}")).collect::<Vec<_>>().join(", ")
}

pub type Result<T, E = IngestError> = std::result::Result<T, E>;

/// What an import did, or would do in a dry run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub format: Format,
    /// Names of the people added, given new aliases, and matched, in the order met.
    pub created: Vec<String>,
    pub merged: Vec<String>,
    pub matched: Vec<String>,
    pub interactions: usize,
    pub plans: usize,
    pub already_present: usize,
    pub birthdays: usize,
    pub skipped: Vec<Skip>,
}

impl Report {
    /// The document of `kith import --json` (docs/cli-json.md), which the API answers too.
    pub fn to_json(&self, file: &str, dry_run: bool) -> Value {
        let skipped: Vec<_> = self
            .skipped
            .iter()
            .map(|s| {
                let (line, record) = match s.at {
                    Place::Line(n) => (Some(n), None),
                    Place::Record(n) => (None, Some(n)),
                };
                json!({"line": line, "record": record, "reason": s.reason})
            })
            .collect();
        json!({
            "format": self.format.as_str(),
            "file": file,
            "dry_run": dry_run,
            "people": {"created": self.created, "merged": self.merged, "matched": self.matched},
            "interactions": self.interactions,
            "plans": self.plans,
            "already_present": self.already_present,
            "birthdays": self.birthdays,
            "skipped": skipped,
        })
    }
}

/// What the format's importer did, before people are named.
#[derive(Debug, Default)]
struct Outcome {
    interactions: usize,
    plans: usize,
    already_present: usize,
    birthdays: usize,
    skipped: Vec<Skip>,
}

/// Imports the file `open` gives into `repo` as `options` say, with `now` in the zone the
/// file's times are read in. Writes go through `repo` (the caller's transaction); on an error
/// the caller must roll back, and nothing is written.
///
/// # Errors
/// A bad map entry, a file that is not `options.format` or cannot be read, a question only
/// the person can answer (which sender is you, the date order), or the store failing.
pub async fn run<R, I>(
    repo: &mut R,
    options: &Options,
    open: impl FnOnce() -> std::io::Result<I> + Send,
    now: &Zoned,
) -> Result<Report>
where
    R: Repo,
    I: Read + Send,
{
    let map = matcher::parse_map(&options.map)?;
    let mut people = Matcher::load(repo, map.clone(), now.timestamp()).await?;
    for target in map.values() {
        if !people.names().any(|(k, _)| &k == target) {
            return Err(IngestError::UnknownPerson { target: target.clone() });
        }
    }
    let input = open().map_err(IngestError::Open)?;
    let outcome = match options.format {
        Format::Ics => records::ics(options, input, repo, &mut people, now).await?,
        Format::Vcf => records::vcf(options, input, repo, &mut people).await?,
        Format::Whatsapp | Format::Sms | Format::Telegram => {
            chats::import(options, input, repo, &mut people, now).await?
        }
    };
    let names = |list: &[usize]| list.iter().map(|i| people.name(*i)).collect::<Vec<_>>();
    Ok(Report {
        format: options.format,
        created: names(&people.created),
        merged: names(&people.merged),
        matched: names(&people.matched),
        interactions: outcome.interactions,
        plans: outcome.plans,
        already_present: outcome.already_present,
        birthdays: outcome.birthdays,
        skipped: outcome.skipped,
    })
}

/// The whole file as text. Old vCards and chat exports are not always UTF-8: keep what can
/// be read.
fn read_text(mut input: impl Read) -> Result<String> {
    let mut bytes = Vec::new();
    input.read_to_end(&mut bytes).map_err(IngestError::Read)?;
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

/// A parser's error, as the file's error.
fn bad_file(error: ImportError, format: Format) -> IngestError {
    IngestError::File { format, error }
}

/// A fresh random id for a new record.
fn random_bytes() -> [u8; 16] {
    *uuid::Uuid::new_v4().as_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_guess_reads_the_contents_before_the_name() {
        assert_eq!(Format::guess("x.txt", b"BEGIN:VCARD\r\nVERSION:3.0"), Some(Format::Vcf));
        assert_eq!(Format::guess("cal.ics", b"\xef\xbb\xbfBEGIN:VCALENDAR"), Some(Format::Ics));
        assert_eq!(Format::guess("a", b"<?xml version='1.0'?>\n<smses count=\"1\">"), Some(Format::Sms));
        assert_eq!(Format::guess("result.json", b"{\"name\": \"Sam\"}"), Some(Format::Telegram));
        assert_eq!(
            Format::guess("WhatsApp Chat with Sam.txt", b"12/01/2026, 09:00 - Sam: hi"),
            Some(Format::Whatsapp)
        );
        assert_eq!(Format::guess("notes", b"hello"), None);
        assert_eq!(Format::parse("VCF"), Some(Format::Vcf));
        assert_eq!(Format::parse("csv"), None);
    }
}
