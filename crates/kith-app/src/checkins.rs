//! The daily check-in: answering it (in full or the two quick questions), changing a day's
//! answers and deleting them. What `kith checkin`, the check-in page, Today's quick
//! check-in and `/api/v1/checkins` each call.

use crate::{Error, Ids};
use jiff::civil::Date;
use kith_core::ladder::{Emotion, EmotionsNamed, NamedFor};
use kith_core::{Affected, AloneTime, Capacity, CheckIn, CheckInChanges, CheckInId, Moment, Note, Scale};
use kith_store::Repo;

/// A day's answers, with every value already checked. Mood and the social battery are
/// needed; the rest may be left unanswered.
#[derive(Debug, Clone)]
pub struct Answers {
    pub date: Date,
    pub mood: Scale,
    pub capacity: Capacity,
    pub energy: Option<Scale>,
    pub stress: Option<Scale>,
    pub alone: AloneTime,
    /// `None` when the question was not asked, which is not the same as nothing affected.
    pub affected: Option<Affected>,
    pub note: Option<Note>,
    /// How the day feels, kept by the day beside the check-in.
    pub emotions: Vec<Emotion>,
}

impl Answers {
    /// The two answers every check-in has, the rest unanswered.
    pub fn new(date: Date, mood: Scale, capacity: Capacity) -> Self {
        Self {
            date,
            mood,
            capacity,
            energy: None,
            stress: None,
            alone: AloneTime { minutes: None, restored: None },
            affected: None,
            note: None,
            emotions: Vec::new(),
        }
    }
}

/// A check-in saved, and whether the day had none before (only then can it be undone).
#[derive(Debug, Clone)]
pub struct CheckedIn {
    pub checkin: CheckIn,
    pub new: bool,
}

/// Saves `answers` as the day's check-in at `now` in the caller's transaction. A day that
/// has one already is refused unless `replace`.
///
/// # Errors
/// [`Error::CheckInExists`], or the store failed.
pub async fn check_in<R: Repo>(
    repo: &mut R,
    answers: Answers,
    replace: bool,
    now: Moment,
    ids: &mut impl Ids,
) -> Result<CheckedIn, Error> {
    let new = repo.checkin_on(answers.date).await?.is_none();
    if !new && !replace {
        return Err(Error::CheckInExists { date: answers.date });
    }
    let checkin = CheckIn {
        id: CheckInId::from_random_bytes(ids.next_id()),
        date: answers.date,
        at: now,
        energy: answers.energy,
        mood: answers.mood,
        stress: answers.stress,
        capacity: answers.capacity,
        alone: answers.alone,
        affected: answers.affected,
        note: answers.note,
    };
    repo.put_checkin(&checkin).await?;
    if !answers.emotions.is_empty() {
        let named_for = NamedFor::Checkin(checkin.date);
        repo.put_emotions(&EmotionsNamed { named_for, before: Vec::new(), after: answers.emotions }).await?;
    }
    Ok(CheckedIn { checkin, new })
}

/// The quick check-in: mood and the social battery for `date`. A day with a check-in keeps
/// its other answers; a new one leaves them unanswered.
///
/// # Errors
/// When the store failed.
pub async fn quick<R: Repo>(
    repo: &mut R,
    date: Date,
    mood: Scale,
    capacity: Capacity,
    now: Moment,
    ids: &mut impl Ids,
) -> Result<CheckedIn, Error> {
    match repo.checkin_on(date).await? {
        Some(earlier) => {
            let checkin = CheckIn { at: now, mood, capacity, ..earlier };
            repo.put_checkin(&checkin).await?;
            Ok(CheckedIn { checkin, new: false })
        }
        None => check_in(repo, Answers::new(date, mood, capacity), false, now, ids).await,
    }
}

/// Changes the answers `changes` names in the check-in of `date`, in the caller's
/// transaction, and returns it as it now is.
///
/// # Errors
/// [`Error::NoCheckIn`] when the day has none, or the store failed.
pub async fn edit<R: Repo>(repo: &mut R, date: Date, changes: &CheckInChanges) -> Result<CheckIn, Error> {
    let saved = repo.checkin_on(date).await?.ok_or(Error::NoCheckIn { date })?;
    let changed = changes.applied_to(&saved);
    repo.put_checkin(&changed).await?;
    Ok(changed)
}

/// Deletes the check-in of `date` in the caller's transaction, and returns what it was.
///
/// # Errors
/// [`Error::NoCheckIn`] when the day has none, or the store failed.
pub async fn delete<R: Repo>(repo: &mut R, date: Date) -> Result<CheckIn, Error> {
    let saved = repo.checkin_on(date).await?.ok_or(Error::NoCheckIn { date })?;
    repo.delete_checkin(date).await?;
    Ok(saved)
}
