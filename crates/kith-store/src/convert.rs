//! Between rows and domain values. Every stored value goes back through the domain's
//! parsers, so a row edited by hand into nonsense is reported, never trusted.

use crate::StoreError;
use jiff::Timestamp;
use jiff::civil::Date;
use kith_core::checkin::Affected;
use kith_core::insights::days::day_number;
use kith_core::ladder::Emotion;
use kith_core::{
    Alias, AloneTime, Away, AwayId, Cadence, Capacity, CheckIn, CheckInId, Circle, Felt, Initiator,
    Interaction, InteractionId, Invalid, Minutes, Mode, Moment, NotNow, Note, Outcome, Person, PersonId,
    PersonName, Plan, PlanId, Scale, Source, SuggestionKind, Tag,
};
use std::str::FromStr;

pub(crate) type PersonRow = (String, String, String, Option<i64>, Option<String>, bool, Option<String>, i64);
pub(crate) type InteractionRow = (
    String,
    i64,
    i64,
    Option<i64>,
    String,
    String,
    Option<String>,
    Option<i64>,
    bool,
    String,
    Option<String>,
    i64,
    String,
    Option<String>,
    Option<String>,
);
pub(crate) type PlanRow = (
    String,
    i64,
    i64,
    String,
    String,
    Option<String>,
    i64,
    String,
    Option<i64>,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
);
pub(crate) type CheckInRow = (
    String,
    String,
    i64,
    i64,
    Option<i64>,
    i64,
    Option<i64>,
    i64,
    Option<i64>,
    Option<bool>,
    Option<bool>,
    Option<bool>,
    Option<bool>,
    Option<bool>,
    Option<String>,
);

/// Reads one row, naming the table and id when a value does not parse.
pub(crate) struct Reader {
    pub(crate) table: &'static str,
    pub(crate) id: String,
}

impl Reader {
    pub(crate) fn check<T>(&self, r: Result<T, Invalid>) -> Result<T, StoreError> {
        r.map_err(|problem| StoreError::Corrupt { table: self.table, id: self.id.clone(), problem })
    }

    pub(crate) fn uuid<T: FromStr>(&self, field: &'static str, raw: &str) -> Result<T, StoreError> {
        self.check(raw.parse().map_err(|_| Invalid::new(field, raw, "a UUID")))
    }

    pub(crate) fn instant(&self, field: &'static str, secs: i64) -> Result<Timestamp, StoreError> {
        self.check(Timestamp::from_second(secs).map_err(|_| Invalid::new(field, secs, "seconds since 1970")))
    }

    pub(crate) fn date(&self, field: &'static str, raw: &str) -> Result<Date, StoreError> {
        self.check(raw.parse().map_err(|_| Invalid::new(field, raw, "a date YYYY-MM-DD")))
    }

    pub(crate) fn note(&self, field: &'static str, raw: Option<String>) -> Result<Option<Note>, StoreError> {
        raw.map(|n| self.check(Note::parse(field, &n))).transpose()
    }

    pub(crate) fn emotions(&self, raw: &str) -> Result<Vec<Emotion>, StoreError> {
        raw.split_whitespace().map(|w| self.check(Emotion::parse(w))).collect()
    }

    pub(crate) fn people(&self, ids: &str) -> Result<Vec<PersonId>, StoreError> {
        ids.split_whitespace().map(|p| self.uuid::<PersonId>("people", p)).collect()
    }

    pub(crate) fn source(&self, kind: String, id: Option<String>) -> Source {
        Source { kind, id }
    }
}

pub(crate) fn person(row: PersonRow, aliases: Vec<String>) -> Result<Person, StoreError> {
    let (id, name, circle, cadence, note, archived, snoozed, created) = row;
    let r = Reader { table: "person", id };
    Ok(Person {
        id: r.uuid("id", &r.id)?,
        name: r.check(PersonName::parse(&name))?,
        circle: r.check(Circle::parse(&circle))?,
        cadence: cadence.map(|d| r.check(Cadence::from_days(d))).transpose()?,
        aliases: aliases.iter().map(|a| r.check(Alias::parse(a))).collect::<Result<_, _>>()?,
        note: r.note("note", note)?,
        archived,
        snoozed_until: snoozed.map(|d| r.date("snoozed_until", &d)).transpose()?,
        created_at: r.instant("created_at", created)?,
    })
}

pub(crate) fn interaction(row: InteractionRow) -> Result<Interaction, StoreError> {
    let (
        id,
        at,
        offset,
        minutes,
        mode,
        people,
        initiator,
        felt,
        meaningful,
        tags,
        note,
        unanswered,
        source,
        source_id,
        plan,
    ) = row;
    let r = Reader { table: "interaction", id };
    Ok(Interaction {
        id: r.uuid::<InteractionId>("id", &r.id)?,
        at: r.check(Moment::from_parts(at, offset))?,
        minutes: minutes.map(|m| r.check(Minutes::new("minutes", m))).transpose()?,
        mode: r.check(Mode::parse(&mode))?,
        initiator: initiator.map(|i| r.check(Initiator::parse(&i))).transpose()?,
        people: r.people(&people)?,
        felt: felt.map(|f| r.check(Felt::new(f))).transpose()?,
        meaningful,
        tags: tags.split_whitespace().map(|t| r.check(Tag::parse(t))).collect::<Result<_, _>>()?,
        note: r.note("note", note)?,
        unanswered: r.check(
            u32::try_from(unanswered)
                .map_err(|_| Invalid::new("unanswered", unanswered, "a count of 0 or more")),
        )?,
        source: r.source(source, source_id),
        plan: plan.map(|p| r.uuid::<PlanId>("plan_id", &p)).transpose()?,
    })
}

pub(crate) fn plan(row: PlanRow) -> Result<Plan, StoreError> {
    let (
        id,
        start,
        offset,
        mode,
        people,
        note,
        created,
        outcome,
        outcome_at,
        interaction,
        moved_from,
        source,
        source_id,
    ) = row;
    let r = Reader { table: "plan", id };
    Ok(Plan {
        id: r.uuid::<PlanId>("id", &r.id)?,
        people: r.people(&people)?,
        start: r.check(Moment::from_parts(start, offset))?,
        mode: r.check(Mode::parse(&mode))?,
        note: r.note("note", note)?,
        created_at: r.instant("created_at", created)?,
        outcome: r.check(Outcome::parse(&outcome))?,
        outcome_at: outcome_at.map(|t| r.instant("outcome_at", t)).transpose()?,
        interaction: interaction.map(|i| r.uuid::<InteractionId>("interaction_id", &i)).transpose()?,
        moved_from: moved_from.map(|p| r.uuid::<PlanId>("moved_from", &p)).transpose()?,
        source: r.source(source, source_id),
    })
}

/// A span of days away as stored: id, first day, last day, note.
pub(crate) type AwayRow = (String, String, String, Option<String>);

/// A span of days away from its row, checked as [`Away::new`] checks typed input.
pub(crate) fn away(row: AwayRow) -> Result<Away, StoreError> {
    let (id, first, last, note) = row;
    let r = Reader { table: "away", id };
    let (from, to) = (r.date("first_day", &first)?, r.date("last_day", &last)?);
    r.check(Away::new(r.uuid::<AwayId>("id", &r.id)?, from, to, r.note("note", note)?))
}

/// A hidden kind of suggestion from its row: kind, last day hidden.
pub(crate) fn not_now(row: (String, String)) -> Result<NotNow, StoreError> {
    let (kind, until) = row;
    let r = Reader { table: "not_now", id: kind.clone() };
    Ok(NotNow { kind: r.check(SuggestionKind::parse(&kind))?, until: r.date("until_day", &until)? })
}

pub(crate) fn checkin(row: CheckInRow) -> Result<CheckIn, StoreError> {
    let (
        id,
        date,
        at,
        offset,
        energy,
        mood,
        stress,
        capacity,
        alone,
        restored,
        sleep,
        eating,
        low_mood,
        motivation,
        note,
    ) = row;
    let r = Reader { table: "checkin", id };
    Ok(CheckIn {
        id: r.uuid::<CheckInId>("id", &r.id)?,
        date: r.date("local_date", &date)?,
        at: r.check(Moment::from_parts(at, offset))?,
        energy: energy.map(|e| r.check(Scale::new("energy", e))).transpose()?,
        mood: r.check(Scale::new("mood", mood))?,
        stress: stress.map(|s| r.check(Scale::new("stress", s))).transpose()?,
        capacity: r.check(Capacity::new(capacity))?,
        alone: AloneTime { minutes: alone.map(|m| r.check(Minutes::new("alone", m))).transpose()?, restored },
        // The four are asked together: all NULL means a quick check-in that did not ask.
        affected: match (sleep, eating, low_mood, motivation) {
            (None, None, None, None) => None,
            (sleep, eating, mood, motivation) => Some(Affected {
                sleep: sleep.unwrap_or(false),
                eating: eating.unwrap_or(false),
                mood: mood.unwrap_or(false),
                motivation: motivation.unwrap_or(false),
            }),
        },
        note: r.note("note", note)?,
    })
}

/// Tags as stored: one space-separated column (tags never hold white space).
pub(crate) fn tags_text(tags: &[Tag]) -> String {
    tags.iter().map(Tag::as_str).collect::<Vec<_>>().join(" ")
}

/// People as stored in an interaction or plan row: their ids in order, space-separated.
pub(crate) fn people_text(people: &[PersonId]) -> String {
    people.iter().map(|p| p.to_string()).collect::<Vec<_>>().join(" ")
}

/// Groups `(owner id, value)` rows, already ordered by owner, into a map.
pub(crate) fn group(rows: Vec<(String, String)>) -> std::collections::HashMap<String, Vec<String>> {
    let mut out: std::collections::HashMap<String, Vec<String>> = std::collections::HashMap::new();
    for (owner, value) in rows {
        out.entry(owner).or_default().push(value);
    }
    out
}

/// Typed id prefixes may leave out the hyphens; stored ids have them.
pub(crate) fn hyphenate_prefix(prefix: &str) -> String {
    let hex: String = prefix.chars().filter(|c| *c != '-').collect::<String>().to_lowercase();
    let mut out = String::with_capacity(hex.len() + 4);
    for (i, c) in hex.chars().enumerate() {
        if [8, 12, 16, 20].contains(&i) {
            out.push('-');
        }
        out.push(c);
    }
    out
}

/// The earlier facts from their rows.
pub(crate) fn earlier(
    first_interaction: Option<String>,
    first_plan: Option<(i64, i64)>,
    first_checkin: Option<String>,
    last: Vec<(String, i64, i64)>,
) -> Result<crate::repo::EarlierFacts, StoreError> {
    let r = Reader { table: "interaction", id: String::from("(earlier history)") };
    let first_interaction = first_interaction.map(|d| r.date("local_date", &d)).transpose()?;
    let plan_day = first_plan
        .map(|(at, offset)| r.check(Moment::from_parts(at, offset)).map(Moment::local_date))
        .transpose()?;
    let checkin_day = first_checkin.map(|d| r.date("local_date", &d)).transpose()?;
    let first_record = [first_interaction, plan_day, checkin_day].into_iter().flatten().min();
    let last_contact = last
        .into_iter()
        .map(|(person, at, offset)| {
            Ok((r.uuid::<PersonId>("person_id", &person)?, r.check(Moment::from_parts(at, offset))?))
        })
        .collect::<Result<_, StoreError>>()?;
    Ok(crate::repo::EarlierFacts {
        first_interaction,
        first_record,
        last_contact,
        meaningful_days: Vec::new(),
    })
}

/// The days of a one-a-day run that could reach `day` from later: walking back from it
/// while no quiet stretch is longer than `grace_days` days.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Run {
    /// A quiet stretch ended it: these days, oldest first.
    Ended(Vec<Date>),
    /// It reached the first of the days given and may go on before them.
    Open(Vec<Date>),
}

/// Of `days` (sorted, distinct, from `from` to `day`), the run reaching `day` (see [`Run`]).
/// It starts from the day before `day`, the lowest a run from later can have reached, so it
/// keeps every day such a run could count and perhaps a few it cannot (the rule's own walk
/// leaves those out).
pub(crate) fn run_reaching(days: &[Date], from: Date, day: Date, grace_days: u32) -> Run {
    let grace = i64::from(grace_days);
    let mut cursor = day_number(day) - 1;
    let mut kept = Vec::new();
    for d in days.iter().rev() {
        let n = day_number(*d);
        if cursor - n > grace {
            kept.reverse();
            return Run::Ended(kept);
        }
        kept.push(*d);
        cursor = cursor.min(n - 1);
    }
    kept.reverse();
    // A day before `from`, unread, could still carry the run on.
    if cursor - grace < day_number(from) { Run::Open(kept) } else { Run::Ended(kept) }
}

#[cfg(test)]
mod tests {
    use super::{Run, run_reaching};
    use jiff::civil::{Date, date};

    fn d(day: i8) -> Date {
        date(2026, 3, day)
    }

    #[test]
    fn the_run_reaching_a_day_goes_back_over_quiet_stretches_no_longer_than_the_grace() {
        let days = [d(1), d(4), d(6), d(8), d(9)];
        // From the 10th: the 9th and 8th, one quiet day (7th) forgiven, then the 6th; two
        // quiet days (2nd, 3rd) before the 4th end it at grace 1.
        assert_eq!(run_reaching(&days, d(1), d(10), 1), Run::Ended(vec![d(4), d(6), d(8), d(9)]));
        assert_eq!(run_reaching(&days, d(1), d(10), 2), Run::Open(vec![d(1), d(4), d(6), d(8), d(9)]));
        assert_eq!(run_reaching(&days, d(1), d(10), 0), Run::Ended(vec![d(8), d(9)]));
    }

    #[test]
    fn a_run_that_reaches_the_first_day_read_is_open_and_a_gap_before_any_day_ends_it() {
        // Nothing in the last days read: quiet for longer than the grace, so nothing earlier counts.
        assert_eq!(run_reaching(&[d(2)], d(1), d(10), 1), Run::Ended(vec![]));
        // The run reaches the 3rd, the first day read; the 2nd or 1st, unread, could go on with it.
        assert_eq!(run_reaching(&[d(3), d(4)], d(3), d(5), 1), Run::Open(vec![d(3), d(4)]));
        // The day itself counts, and so does the one before it.
        assert_eq!(run_reaching(&[d(5), d(9), d(10)], d(5), d(10), 1), Run::Ended(vec![d(9), d(10)]));
    }
}
