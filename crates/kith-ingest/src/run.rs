//! One import: the people loaded once, the map checked, the file read and matched, the
//! records written through the caller's transaction.

use crate::matcher::{self, Matcher};
use crate::report::Match;
use crate::{Format, IngestError, Merge, Options, Report, Result, chats, records};
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
    /// Imported before and brought up to date by a newer export: plans moved or cancelled by
    /// a newer version of their event, chat days grown in a longer export.
    pub updated: usize,
    pub birthdays: usize,
    pub outside_window: usize,
    pub merges: Vec<Merge>,
    pub skipped: Vec<Skip>,
    pub warnings: Vec<Skip>,
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
        interactions: outcome.interactions,
        plans: outcome.plans,
        already_present: outcome.already_present,
        updated: outcome.updated,
        birthdays: outcome.birthdays,
        outside_window: outcome.outside_window,
        merges: outcome.merges,
        skipped: outcome.skipped,
        warnings: outcome.warnings,
    })
}

/// The whole file as text, the one way every format is read: UTF-8 with or without a byte
/// order mark, UTF-16 either way round, and Windows-1252 lines (old vCards) decoded
/// ([`kith_import::text::decode`]).
pub(crate) fn read_text(input: impl Read) -> Result<String> {
    Ok(decode(read_bytes(input)?))
}

/// The whole file as bytes (a zip archive is read before its members are).
pub(crate) fn read_bytes(mut input: impl Read) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    input.read_to_end(&mut bytes).map_err(IngestError::Read)?;
    Ok(bytes)
}

/// Bytes as text, decoded as [`read_text`] says.
pub(crate) fn decode(bytes: Vec<u8>) -> String {
    kith_import::text::decode_owned(bytes)
}

/// The file as a UTF-8 stream, for the formats read as they stream in (SMS backups).
pub(crate) fn read_stream<'r>(input: impl Read + Send + 'r) -> Result<Box<dyn Read + Send + 'r>> {
    kith_import::text::utf8_reader(input).map_err(IngestError::Read)
}

/// A parser's error, as the file's error.
pub(crate) fn bad_file(error: ImportError, format: Format) -> IngestError {
    IngestError::File { format, error }
}

pub(crate) use kith_core::id::random_bytes;
