//! One try of a step, as a pure transition: from what the person typed (a prediction, an
//! outcome, or both) and the step's tries so far, to the try to save and, for a step done
//! with someone, the interaction to log. The command line and the web app both call this,
//! so the rules (one open prediction at a time, no outcome before its prediction) hold on
//! every surface.

use super::{Anxiety, Attempt, AttemptOutcome, Done, Emotion, Expectation, Step};
use crate::{AttemptId, Felt, Initiator, Interaction, InteractionId, Minutes, Moment, Note, Source};

/// What is known before a try.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    pub anxiety: Anxiety,
    pub expected: Option<Expectation>,
    pub fear: Option<Note>,
    pub emotions: Vec<Emotion>,
}

/// How a try ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Finish {
    Done {
        felt_anxiety: Anxiety,
        went: Option<Expectation>,
        felt: Option<Felt>,
        happened: Option<Note>,
        /// How long it took, for the interaction it is logged as.
        minutes: Option<Minutes>,
    },
    /// Let go this time.
    NotThisTime,
}

/// What is known afterwards.
#[derive(Debug, Clone, PartialEq)]
pub struct Afterwards {
    pub finish: Finish,
    pub emotions: Vec<Emotion>,
    /// When it happened (or was let go).
    pub at: Moment,
}

/// Why a try cannot be recorded as given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TryError {
    /// A prediction was given while one is still waiting for its outcome.
    #[error("a prediction for this step is already waiting (made {since})")]
    AlreadyWaiting { since: Moment },
    /// An outcome was given with no prediction waiting and none given.
    #[error("this step has no prediction waiting")]
    NothingWaiting,
    /// Neither a prediction nor an outcome was given.
    #[error("a try needs a prediction or an outcome")]
    Empty,
    /// The outcome is dated before its prediction: a prediction made with hindsight.
    #[error("the outcome ({outcome}) is before the prediction ({prediction})")]
    BeforePrediction { outcome: Moment, prediction: Moment },
}

/// What to save for a try.
#[derive(Debug, Clone, PartialEq)]
pub struct TryRecord {
    /// The try, new or with its outcome added; save it with `Repo::save_attempt`.
    pub attempt: Attempt,
    /// For a step with a person that happened: the interaction to log first.
    pub interaction: Option<Interaction>,
}

/// Works out the try to save. `tries` are this step's tries so far (any order); a
/// prediction given with an outcome records a whole try after the event, predicted at
/// the outcome's time.
///
/// # Errors
/// See [`TryError`].
pub fn record_try(
    step: &Step,
    tries: &[Attempt],
    before: Option<Prediction>,
    after: Option<Afterwards>,
    now: Moment,
    mut random: impl FnMut() -> [u8; 16],
) -> Result<TryRecord, TryError> {
    let open = tries
        .iter()
        .filter(|a| a.step == step.id && a.outcome == AttemptOutcome::Open)
        .max_by_key(|a| (a.predicted_at, a.id));
    let mut attempt = match (open, before) {
        (_, None) if after.is_none() => return Err(TryError::Empty),
        (Some(a), Some(_)) => return Err(TryError::AlreadyWaiting { since: a.predicted_at }),
        (Some(a), None) => a.clone(),
        (None, None) => return Err(TryError::NothingWaiting),
        (None, Some(p)) => Attempt {
            id: AttemptId::from_random_bytes(random()),
            step: step.id,
            predicted_at: after.as_ref().map_or(now, |a| a.at),
            predicted_anxiety: p.anxiety,
            expected: p.expected,
            fear: p.fear,
            emotions_before: p.emotions,
            outcome: AttemptOutcome::Open,
            outcome_at: None,
            emotions_after: vec![],
        },
    };
    let Some(after) = after else { return Ok(TryRecord { attempt, interaction: None }) };
    if after.at < attempt.predicted_at {
        return Err(TryError::BeforePrediction { outcome: after.at, prediction: attempt.predicted_at });
    }
    attempt.outcome_at = Some(after.at);
    attempt.emotions_after = after.emotions;
    let mut interaction = None;
    attempt.outcome = match after.finish {
        Finish::NotThisTime => AttemptOutcome::NotThisTime,
        Finish::Done { felt_anxiety, went, felt, happened, minutes } => {
            interaction = step.person.map(|person| Interaction {
                id: InteractionId::from_random_bytes(random()),
                at: after.at,
                minutes,
                mode: step.mode,
                initiator: Some(Initiator::Me),
                people: vec![person],
                felt,
                meaningful: true,
                tags: vec![],
                note: None,
                unanswered: 0,
                source: Source::manual(),
                plan: None,
            });
            AttemptOutcome::Done(Done {
                felt_anxiety,
                went,
                felt,
                happened,
                interaction: interaction.as_ref().map(|i| i.id),
            })
        }
    };
    Ok(TryRecord { attempt, interaction })
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{bytes, predicted, step};
    use super::*;
    use crate::insights::fixtures::{ago, at, person};

    fn prediction(anxiety: i64) -> Prediction {
        Prediction {
            anxiety: Anxiety::new(anxiety).expect("valid"),
            expected: None,
            fear: None,
            emotions: vec![],
        }
    }

    fn done_at(day: i64, hour: i8) -> Afterwards {
        let finish = Finish::Done {
            felt_anxiety: Anxiety::new(2).expect("valid"),
            went: None,
            felt: Some(Felt::new(1).expect("valid")),
            happened: None,
            minutes: Some(Minutes::new("minutes", 20).expect("valid")),
        };
        Afterwards { finish, emotions: vec![], at: at(ago(day), hour) }
    }

    #[test]
    fn a_prediction_then_an_outcome_complete_one_try_and_log_the_time_together() {
        let sam = person("Sam");
        let mut s = step("Call Sam", 4);
        s.person = Some(sam.id);
        let first = record_try(&s, &[], Some(prediction(7)), None, at(ago(1), 9), bytes).expect("predicted");
        assert_eq!((first.attempt.outcome.clone(), first.interaction.clone()), (AttemptOutcome::Open, None));
        let second = record_try(
            &s,
            std::slice::from_ref(&first.attempt),
            None,
            Some(done_at(1, 18)),
            at(ago(1), 19),
            bytes,
        )
        .expect("finished");
        assert_eq!(second.attempt.id, first.attempt.id);
        let logged = second.interaction.expect("logged with Sam");
        assert_eq!(
            (logged.people.as_slice(), logged.mode, logged.at),
            (&[sam.id][..], s.mode, at(ago(1), 18))
        );
        assert_eq!(second.attempt.done().and_then(|d| d.interaction), Some(logged.id));
    }

    #[test]
    fn the_rules_hold_whatever_the_surface() {
        let s = step("Wave to a neighbour", 2);
        let waiting = predicted(&s, 1, 5);
        let now = at(ago(0), 12);
        let again = record_try(&s, std::slice::from_ref(&waiting), Some(prediction(5)), None, now, bytes);
        assert_eq!(again, Err(TryError::AlreadyWaiting { since: waiting.predicted_at }));
        assert_eq!(
            record_try(&s, &[], None, Some(done_at(0, 11)), now, bytes),
            Err(TryError::NothingWaiting)
        );
        assert_eq!(record_try(&s, &[], None, None, now, bytes), Err(TryError::Empty));
        let hindsight =
            record_try(&s, std::slice::from_ref(&waiting), None, Some(done_at(2, 10)), now, bytes);
        assert!(matches!(hindsight, Err(TryError::BeforePrediction { .. })), "{hindsight:?}");
        let alone = record_try(&s, &[], Some(prediction(3)), Some(done_at(0, 11)), now, bytes)
            .expect("recorded after");
        assert_eq!(
            (alone.attempt.predicted_at, alone.interaction),
            (at(ago(0), 11), None),
            "no one to log it with"
        );
    }
}
