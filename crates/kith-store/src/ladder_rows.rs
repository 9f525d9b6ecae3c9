//! Between ladder rows (steps, tries, thought records) and domain values. As in
//! `convert.rs`, every stored value goes back through the domain's parsers.

use crate::StoreError;
use crate::convert::Reader;
use kith_core::ladder::{
    Anxiety, Attempt, AttemptOutcome, Belief, Difficulty, Done, Emotion, EmotionsNamed, Expectation,
    NamedFor, PlanChecked, PlanPrediction, Step, StepStatus, StepTitle, ThoughtRecord,
};
use kith_core::{Felt, Invalid, Mode, Moment, Note};

pub(crate) type StepRow = (String, String, Option<String>, String, i64, String, i64, Option<i64>);
pub(crate) type ThoughtRow =
    (String, i64, i64, String, String, i64, Option<String>, Option<String>, Option<String>, Option<i64>);

/// A stored try: more columns than a tuple can take.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct AttemptRow {
    id: String,
    step_id: String,
    predicted_at: i64,
    predicted_offset: i64,
    predicted_anxiety: i64,
    expected: Option<i64>,
    fear: Option<String>,
    emotions_before: String,
    outcome: String,
    outcome_at: Option<i64>,
    outcome_offset: Option<i64>,
    felt_anxiety: Option<i64>,
    went: Option<i64>,
    felt: Option<i64>,
    happened: Option<String>,
    interaction_id: Option<String>,
    emotions_after: String,
}

impl crate::lite::FromRow for AttemptRow {
    fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
        Ok(AttemptRow {
            id: row.get("id")?,
            step_id: row.get("step_id")?,
            predicted_at: row.get("predicted_at")?,
            predicted_offset: row.get("predicted_offset")?,
            predicted_anxiety: row.get("predicted_anxiety")?,
            expected: row.get("expected")?,
            fear: row.get("fear")?,
            emotions_before: row.get("emotions_before")?,
            outcome: row.get("outcome")?,
            outcome_at: row.get("outcome_at")?,
            outcome_offset: row.get("outcome_offset")?,
            felt_anxiety: row.get("felt_anxiety")?,
            went: row.get("went")?,
            felt: row.get("felt")?,
            happened: row.get("happened")?,
            interaction_id: row.get("interaction_id")?,
            emotions_after: row.get("emotions_after")?,
        })
    }
}

/// Emotion words as stored: one space-separated column (the words hold no spaces).
pub(crate) fn emotions_text(emotions: &[Emotion]) -> String {
    emotions.iter().map(|e| e.as_str()).collect::<Vec<_>>().join(" ")
}

pub(crate) fn step(row: StepRow) -> Result<Step, StoreError> {
    let (id, title, person, mode, difficulty, status, created, set_aside) = row;
    let r = Reader { table: "step", id };
    Ok(Step {
        id: r.uuid("id", &r.id)?,
        title: r.check(StepTitle::parse(&title))?,
        person: person.map(|p| r.uuid("person_id", &p)).transpose()?,
        mode: r.check(Mode::parse(&mode))?,
        difficulty: r.check(Difficulty::new(difficulty))?,
        status: r.check(StepStatus::parse(&status))?,
        created_at: r.instant("created_at", created)?,
        set_aside_at: set_aside.map(|t| r.instant("set_aside_at", t)).transpose()?,
    })
}

pub(crate) fn attempt(row: AttemptRow) -> Result<Attempt, StoreError> {
    let r = Reader { table: "step_attempt", id: row.id };
    let outcome_at = match (row.outcome_at, row.outcome_offset) {
        (Some(at), Some(offset)) => Some(r.check(Moment::from_parts(at, offset))?),
        _ => None,
    };
    let outcome = match row.outcome.as_str() {
        "open" => AttemptOutcome::Open,
        "not_this_time" => AttemptOutcome::NotThisTime,
        "done" => {
            let felt_anxiety =
                row.felt_anxiety.ok_or_else(|| Invalid::new("felt_anxiety", "null", "a number"));
            AttemptOutcome::Done(Done {
                felt_anxiety: r.check(felt_anxiety.and_then(Anxiety::new))?,
                went: row.went.map(|w| r.check(Expectation::new(w))).transpose()?,
                felt: row.felt.map(|f| r.check(Felt::new(f))).transpose()?,
                happened: r.note("happened", row.happened)?,
                interaction: row.interaction_id.map(|i| r.uuid("interaction_id", &i)).transpose()?,
            })
        }
        other => {
            let problem = Invalid::new("outcome", other, "open, done or not_this_time");
            return Err(StoreError::Corrupt { table: r.table, id: r.id.clone(), problem });
        }
    };
    Ok(Attempt {
        id: r.uuid("id", &r.id)?,
        step: r.uuid("step_id", &row.step_id)?,
        predicted_at: r.check(Moment::from_parts(row.predicted_at, row.predicted_offset))?,
        predicted_anxiety: r.check(Anxiety::new(row.predicted_anxiety))?,
        expected: row.expected.map(|e| r.check(Expectation::new(e))).transpose()?,
        fear: r.note("fear", row.fear)?,
        emotions_before: r.emotions(&row.emotions_before)?,
        outcome,
        outcome_at,
        emotions_after: r.emotions(&row.emotions_after)?,
    })
}

pub(crate) fn thought(row: ThoughtRow) -> Result<ThoughtRecord, StoreError> {
    let (id, at, offset, situation, thought, belief, evidence_for, evidence_against, kinder, belief_after) =
        row;
    let r = Reader { table: "thought_record", id };
    Ok(ThoughtRecord {
        id: r.uuid("id", &r.id)?,
        at: r.check(Moment::from_parts(at, offset))?,
        situation: r.check(Note::parse("situation", &situation))?,
        thought: r.check(Note::parse("thought", &thought))?,
        belief: r.check(Belief::new(belief))?,
        evidence_for: r.note("for", evidence_for)?,
        evidence_against: r.note("against", evidence_against)?,
        kinder: r.note("kinder", kinder)?,
        belief_after: belief_after.map(|b| r.check(Belief::new(b))).transpose()?,
    })
}

pub(crate) type NamedRow = (Option<String>, Option<String>, String, String);

pub(crate) fn named(row: NamedRow) -> Result<EmotionsNamed, StoreError> {
    let (interaction, day, before, after) = row;
    let r = Reader {
        table: "emotions_named",
        id: interaction.clone().or_else(|| day.clone()).unwrap_or_default(),
    };
    let named_for = match (interaction, day) {
        (Some(i), _) => NamedFor::Interaction(r.uuid("interaction_id", &i)?),
        (None, Some(d)) => NamedFor::Checkin(
            r.check(d.parse().map_err(|_| Invalid::new("checkin_date", &d, "a date YYYY-MM-DD")))?,
        ),
        (None, None) => {
            let problem = Invalid::new("interaction_id", "null", "an interaction or a check-in day");
            return Err(StoreError::Corrupt { table: r.table, id: r.id, problem });
        }
    };
    Ok(EmotionsNamed { named_for, before: r.emotions(&before)?, after: r.emotions(&after)? })
}

pub(crate) type PlanPredictionRow =
    (String, i64, i64, i64, Option<i64>, Option<i64>, Option<i64>, Option<i64>, Option<i64>);

pub(crate) fn plan_prediction(row: PlanPredictionRow) -> Result<PlanPrediction, StoreError> {
    let (plan, at, offset, anxiety, expected, checked_at, checked_offset, felt_anxiety, went) = row;
    let r = Reader { table: "plan_prediction", id: plan };
    let checked = match (checked_at, checked_offset, felt_anxiety) {
        (Some(at), Some(offset), Some(felt)) => Some(PlanChecked {
            felt_anxiety: r.check(Anxiety::new(felt))?,
            went: went.map(|w| r.check(Expectation::new(w))).transpose()?,
            at: r.check(Moment::from_parts(at, offset))?,
        }),
        (None, None, None) => None,
        _ => {
            let problem = Invalid::new(
                "checked_at",
                "partly null",
                "all of checked_at, checked_offset and felt_anxiety, or none",
            );
            return Err(StoreError::Corrupt { table: r.table, id: r.id, problem });
        }
    };
    Ok(PlanPrediction {
        plan: r.uuid("plan_id", &r.id)?,
        predicted_at: r.check(Moment::from_parts(at, offset))?,
        anxiety: r.check(Anxiety::new(anxiety))?,
        expected: expected.map(|e| r.check(Expectation::new(e))).transpose()?,
        checked,
    })
}
