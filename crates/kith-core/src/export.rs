//! The export document: everything a person has in kith, as one versioned JSON document
//! (documented in docs/export.md). `kith export` writes it, `kith import-json` restores it.

use crate::ladder::{Attempt, EmotionsNamed, PlanPrediction, Step, ThoughtRecord};
use crate::{Away, CheckIn, Interaction, Person, Plan};
use jiff::Timestamp;
use serde::{Deserialize, Deserializer, Serialize};

/// The value of the document's `format` field.
pub const EXPORT_FORMAT: &str = "kith-export";
/// The version this build writes and reads.
pub const EXPORT_VERSION: u32 = 1;

/// A whole export. Every value inside goes through the same validation as typed input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportDocument {
    pub format: String,
    pub version: u32,
    pub exported_at: Timestamp,
    pub people: Vec<Person>,
    pub interactions: Vec<Interaction>,
    pub plans: Vec<Plan>,
    pub checkins: Vec<CheckIn>,
    /// The ladder's steps. Optional on import, so documents written before the ladder
    /// existed still read (docs/export.md).
    #[serde(default)]
    pub steps: Vec<Step>,
    /// Every try of a step.
    #[serde(default)]
    pub attempts: Vec<Attempt>,
    /// Thought records.
    #[serde(default)]
    pub thought_records: Vec<ThoughtRecord>,
    /// Emotions named on interactions and check-in days.
    #[serde(default)]
    pub emotions_named: Vec<EmotionsNamed>,
    /// Predictions on plans, and how those plans went. Optional on import, like the
    /// ladder's lists.
    #[serde(default)]
    pub plan_predictions: Vec<PlanPrediction>,
    /// People's birthdays (from imported contacts). Optional on import, like the ladder's
    /// lists.
    #[serde(default)]
    pub birthdays: Vec<Birthday>,
    /// Spans of days marked as away. Optional on import, like the ladder's lists; each span
    /// is checked as typed input is (it runs forward, and not too far).
    #[serde(default, deserialize_with = "checked_away")]
    pub away: Vec<Away>,
    /// Kinds of suggestion hidden for a while ("not now"), each with its last day. Optional
    /// on import, like the ladder's lists.
    #[serde(default)]
    pub not_now: Vec<crate::NotNow>,
}

/// The spans of days away in a document, each through [`Away::new`].
fn checked_away<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Away>, D::Error> {
    Vec::<Away>::deserialize(d)?
        .into_iter()
        .map(|a| Away::new(a.id, a.from, a.to, a.note).map_err(serde::de::Error::custom))
        .collect()
}

/// A person's birthday, kept beside the person rather than on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Birthday {
    pub person: crate::PersonId,
    /// `1990-04-15`, or `--04-15` when the year is not known.
    pub date: crate::Birthdate,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ladder::fixtures::{done, let_go, predicted, step};
    use crate::ladder::{Anxiety, Belief, Emotion, Expectation};
    use crate::{Moment, Note, ThoughtId};

    #[test]
    fn the_ladder_survives_the_round_trip_and_older_documents_still_read() {
        let s = step("Call Sam", 5);
        let mut tried = done(&s, 3, 7, 2);
        tried.emotions_after = vec![Emotion::parse("relieved").expect("valid")];
        tried.fear = Some(Note::parse("fear", "awkward silence").expect("valid"));
        let thought = ThoughtRecord {
            id: ThoughtId::from_random_bytes([9; 16]),
            at: Moment::parse_rfc3339("at", "2026-11-01T20:00:00+01:00").expect("valid"),
            situation: Note::parse("situation", "no reply").expect("valid"),
            thought: Note::parse("thought", "they are cross").expect("valid"),
            belief: Belief::new(70).expect("valid"),
            evidence_for: None,
            evidence_against: None,
            kinder: Some(Note::parse("kinder", "they are busy").expect("valid")),
            belief_after: Some(Belief::new(20).expect("valid")),
        };
        let sam = crate::insights::fixtures::person("Sam");
        let kept = crate::insights::fixtures::plan(
            &sam,
            crate::insights::fixtures::ago(2),
            crate::Outcome::Attended,
        );
        let mut prediction = PlanPrediction::new(
            &kept,
            Anxiety::new(8).expect("valid"),
            Some(Expectation::new(3).expect("valid")),
            Moment::parse_rfc3339("at", "2026-11-15T09:00:00+01:00").expect("valid"),
        );
        let at = Moment::parse_rfc3339("at", "2026-11-18T22:00:00+01:00").expect("valid");
        prediction.check(&kept, Anxiety::new(4).expect("valid"), None, at).expect("attended");
        let doc = ExportDocument {
            format: EXPORT_FORMAT.into(),
            version: EXPORT_VERSION,
            exported_at: "2026-11-20T00:00:00Z".parse().expect("valid"),
            people: vec![],
            interactions: vec![],
            plans: vec![],
            checkins: vec![],
            steps: vec![s.clone()],
            attempts: vec![tried, let_go(&s, 2, 8), predicted(&s, 1, 6)],
            thought_records: vec![thought],
            emotions_named: vec![],
            plan_predictions: vec![prediction.clone()],
            birthdays: vec![Birthday {
                person: crate::PersonId::from_random_bytes([4; 16]),
                date: crate::Birthdate::without_year(2, 28).expect("a day"),
            }],
            away: vec![
                Away::new(
                    crate::AwayId::from_random_bytes([5; 16]),
                    jiff::civil::date(2026, 8, 1),
                    jiff::civil::date(2026, 8, 12),
                    Some(Note::parse("note", "Lisbon").expect("valid")),
                )
                .expect("valid"),
            ],
            not_now: vec![crate::NotNow {
                kind: crate::SuggestionKind::JoinAGroup,
                until: jiff::civil::date(2026, 9, 1),
            }],
        };
        let json = serde_json::to_string(&doc).expect("serialises");
        assert_eq!(serde_json::from_str::<ExportDocument>(&json).expect("reads back"), doc);

        let older = r#"{"format":"kith-export","version":1,"exported_at":"2026-11-20T00:00:00Z",
            "people":[],"plans":[],"checkins":[],"interactions":[]}"#;
        let read: ExportDocument = serde_json::from_str(older).expect("a document from before the ladder");
        assert!(read.steps.is_empty() && read.attempts.is_empty() && read.thought_records.is_empty());
        assert!(
            read.emotions_named.is_empty() && read.plan_predictions.is_empty() && read.birthdays.is_empty()
        );
        assert!(read.away.is_empty(), "a document from before time away");

        let bad = json.replace("\"predicted_anxiety\":7", "\"predicted_anxiety\":11");
        assert_ne!(bad, json);
        assert!(serde_json::from_str::<ExportDocument>(&bad).is_err(), "values go through the same checks");
        let bad = json.replace("\"felt_anxiety\":4", "\"felt_anxiety\":-1");
        assert_ne!(bad, json);
        assert!(serde_json::from_str::<ExportDocument>(&bad).is_err(), "a plan's prediction too");
        let bad = json.replace("\"to\":\"2026-08-12\"", "\"to\":\"2026-07-31\"");
        assert_ne!(bad, json);
        let e = serde_json::from_str::<ExportDocument>(&bad).expect_err("days away run forward");
        assert!(e.to_string().contains("2026-07-31"), "{e}");
    }
}
