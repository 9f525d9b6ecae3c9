//! Thought records: a situation, the thought it brought, how strongly it was believed,
//! the evidence for and against it, a kinder alternative, and how strongly the first
//! thought is believed afterwards.

use super::Belief;
use crate::{Moment, Note, ThoughtId};
use serde::{Deserialize, Serialize};

/// One thought record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThoughtRecord {
    pub id: ThoughtId,
    /// When it was written.
    pub at: Moment,
    pub situation: Note,
    pub thought: Note,
    /// How strongly the thought was believed at first.
    pub belief: Belief,
    pub evidence_for: Option<Note>,
    pub evidence_against: Option<Note>,
    /// A kinder, more balanced way to see it.
    pub kinder: Option<Note>,
    /// How strongly the first thought is believed after writing the rest.
    pub belief_after: Option<Belief>,
}

impl ThoughtRecord {
    /// How far belief in the thought moved (negative: it loosened), when rated after.
    pub fn belief_change(&self) -> Option<i64> {
        self.belief_after.map(|after| after.get() - self.belief.get())
    }
}
