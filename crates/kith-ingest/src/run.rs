//! One import: the people loaded once, the map checked, the file read and matched, the
//! records written through the caller's transaction.

use crate::matcher::{self, Matcher};
use crate::report::Match;
use crate::{Format, IngestError, Options, Report, Result, chats, records};
use jiff::Zoned;
use kith_import::{ImportError, Skip};
use kith_store::Repo;
use std::io::Read;

/// What the format's importer did, before people are named.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    pub interactions: usize,
    pub plans: usize,
    pub already_present: usize,
    /// Imported before and brought up to date by a newer export.
    pub updated: usize,
    pub birthdays: usize,
    pub skipped: Vec<Skip>,
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
        Format::Vcf => records::vcf(input, &mut people)?,
        Format::Whatsapp
        | Format::Sms
        | Format::Telegram
        | Format::Messenger
        | Format::GoogleChat
        | Format::GoogleVoice => chats::import(options, input, repo, &mut people, now).await?,
    };
    people.write(repo).await?;
    let names = |list: &[usize]| list.iter().map(|i| people.name(*i)).collect::<Vec<_>>();
    Ok(Report {
        format: options.format,
        created: names(&people.created),
        merged: names(&people.merged),
        matched: names(&people.matched),
        matches: people
            .how
            .iter()
            .map(|(label, i, how)| Match {
                in_file: label.clone(),
                person: people.name(*i),
                how: how.as_str(),
            })
            .collect(),
        updated: outcome.updated,
        interactions: outcome.interactions,
        plans: outcome.plans,
        already_present: outcome.already_present,
        birthdays: outcome.birthdays,
        skipped: outcome.skipped,
    })
}

/// The whole file as text. Old vCards and chat exports are not always UTF-8: keep what can
/// be read.
pub(crate) fn read_text(input: impl Read) -> Result<String> {
    Ok(decode(read_bytes(input)?))
}

/// The whole file as bytes (a zip archive is read before its members are).
pub(crate) fn read_bytes(mut input: impl Read) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    input.read_to_end(&mut bytes).map_err(IngestError::Read)?;
    Ok(bytes)
}

/// Bytes as text, keeping what can be read.
pub(crate) fn decode(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

/// A parser's error, as the file's error.
pub(crate) fn bad_file(error: ImportError, format: Format) -> IngestError {
    IngestError::File { format, error }
}

/// A fresh random id for a new record.
pub(crate) fn random_bytes() -> [u8; 16] {
    *uuid::Uuid::new_v4().as_bytes()
}
