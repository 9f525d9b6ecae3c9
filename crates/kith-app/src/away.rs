//! Days away (a holiday, an illness): spans of days the rules leave out. What `kith away`,
//! the settings page, Today's one tap and `/api/v1/away` each call.

use crate::{Error, Ids, records};
use jiff::Zoned;
use kith_core::{Away, AwayId, Invalid, Note, parse_when};
use kith_store::Repo;

/// A span of days away from `from`, `to` and an optional note, as typed. Days take what the
/// command line's day flags take (YYYY-MM-DD, today, yesterday, a weekday, -3d...).
///
/// # Errors
/// Each field that does not fit, named by its field: a day missing or not a day, `to`
/// before `from` or more than a year after it, a blank note.
pub fn read(
    from: Option<&str>,
    to: Option<&str>,
    note: Option<&str>,
    now: &Zoned,
    ids: &mut impl Ids,
) -> Result<Away, Vec<Invalid>> {
    let day = |field: &'static str, raw: Option<&str>| match raw.map(str::trim).filter(|r| !r.is_empty()) {
        Some(raw) => parse_when(field, raw, now).map(|z| z.date()),
        None => Err(Invalid::new(field, "", "a day such as 2026-08-01")),
    };
    let (from, to) = (day("from", from), day("to", to));
    let note = note.map(|n| Note::parse("note", n)).transpose();
    match (from, to, note) {
        (Ok(from), Ok(to), Ok(note)) => {
            Away::new(AwayId::from_random_bytes(ids.next_id()), from, to, note).map_err(|e| vec![e])
        }
        (from, to, note) => Err([from.err(), to.err(), note.err()].into_iter().flatten().collect()),
    }
}

/// Marks `away` in the caller's transaction.
///
/// # Errors
/// When the store failed.
pub async fn add<R: Repo>(repo: &mut R, away: &Away) -> Result<(), Error> {
    Ok(repo.insert_away(std::slice::from_ref(away)).await?)
}

/// Removes the span whose id starts with `id` in the caller's transaction (kith counts those
/// days again), and returns what it was.
///
/// # Errors
/// No such span (or several), or the store failed.
pub async fn remove<R: Repo>(repo: &mut R, id: &str) -> Result<Away, Error> {
    let away = records::away(repo, id).await?;
    repo.delete_away(away.id).await?;
    Ok(away)
}
