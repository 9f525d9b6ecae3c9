// The ladder's storage: steps, tries, thought records and emotions named. Written
// once and included beside queries.rs for each backend; the `Repo` methods there hand over
// to these.

use crate::ladder_rows::{self, AttemptRow, StepRow, ThoughtRow};
use kith_core::PlanId;
use kith_core::ladder::{NamedFor, PlanPrediction};

impl Tx<'_> {
    async fn ladder_insert_step(&mut self, step: &Step) -> Res<()> {
        driver::query(
            "INSERT INTO step (id, account_id, title, person_id, mode, difficulty, status, created_at, set_aside_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(step.id.to_string())
        .bind(self.account)
        .bind(step.title.as_str())
        .bind(step.person.map(|p| p.to_string()))
        .bind(step.mode.as_str())
        .bind(step.difficulty.get())
        .bind(step.status.as_str())
        .bind(step.created_at.as_second())
        .bind(step.set_aside_at.map(|t| t.as_second()))
        .execute(&mut *self.tx)
        .await
        .map_err(StoreError::db("save the step"))?;
        Ok(())
    }

    async fn ladder_update_step(&mut self, step: &Step) -> Res<()> {
        driver::query(
            "UPDATE step SET title = $3, person_id = $4, mode = $5, difficulty = $6, status = $7, set_aside_at = $8 \
             WHERE account_id = $1 AND id = $2",
        )
        .bind(self.account)
        .bind(step.id.to_string())
        .bind(step.title.as_str())
        .bind(step.person.map(|p| p.to_string()))
        .bind(step.mode.as_str())
        .bind(step.difficulty.get())
        .bind(step.status.as_str())
        .bind(step.set_aside_at.map(|t| t.as_second()))
        .execute(&mut *self.tx)
        .await
        .map_err(StoreError::db("save the step"))?;
        Ok(())
    }

    async fn ladder_steps(&mut self) -> Res<Vec<Step>> {
        self.steps_where("%").await
    }

    async fn ladder_steps_by_prefix(&mut self, prefix: &str) -> Res<Vec<Step>> {
        self.steps_where(&format!("{}%", convert::hyphenate_prefix(prefix))).await
    }

    async fn ladder_save_attempt(&mut self, a: &Attempt) -> Res<()> {
        let done = a.done();
        driver::query(ATTEMPT_UPSERT)
            .bind(a.id.to_string())
            .bind(self.account)
            .bind(a.step.to_string())
            .bind(a.predicted_at.epoch_seconds())
            .bind(i64::from(a.predicted_at.offset().seconds()))
            .bind(a.predicted_anxiety.get())
            .bind(a.expected.map(|e| e.get()))
            .bind(a.fear.as_ref().map(|n| n.as_str()))
            .bind(ladder_rows::emotions_text(&a.emotions_before))
            .bind(a.outcome.as_str())
            .bind(a.outcome_at.map(|m| m.epoch_seconds()))
            .bind(a.outcome_at.map(|m| i64::from(m.offset().seconds())))
            .bind(done.map(|d| d.felt_anxiety.get()))
            .bind(done.and_then(|d| d.went).map(|w| w.get()))
            .bind(done.and_then(|d| d.felt).map(|f| f.value()))
            .bind(done.and_then(|d| d.happened.as_ref()).map(|n| n.as_str()))
            .bind(done.and_then(|d| d.interaction).map(|i| i.to_string()))
            .bind(ladder_rows::emotions_text(&a.emotions_after))
            .execute(&mut *self.tx)
            .await
            .map_err(StoreError::db("save the try"))?;
        Ok(())
    }

    async fn ladder_attempts(&mut self, step: Option<StepId>) -> Res<Vec<Attempt>> {
        let rows: Vec<AttemptRow> = driver::query_as(ATTEMPT_SELECT)
            .bind(self.account)
            .bind(step.map(|s| s.to_string()).unwrap_or_default())
            .fetch_all(&mut *self.tx)
            .await
            .map_err(StoreError::db("read tries of steps"))?;
        rows.into_iter().map(ladder_rows::attempt).collect()
    }

    async fn ladder_insert_thought(&mut self, t: &ThoughtRecord) -> Res<()> {
        driver::query(
            "INSERT INTO thought_record (id, account_id, at, at_offset, situation, thought, belief, evidence_for, \
             evidence_against, kinder, belief_after) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(t.id.to_string())
        .bind(self.account)
        .bind(t.at.epoch_seconds())
        .bind(i64::from(t.at.offset().seconds()))
        .bind(t.situation.as_str())
        .bind(t.thought.as_str())
        .bind(t.belief.get())
        .bind(t.evidence_for.as_ref().map(|n| n.as_str()))
        .bind(t.evidence_against.as_ref().map(|n| n.as_str()))
        .bind(t.kinder.as_ref().map(|n| n.as_str()))
        .bind(t.belief_after.map(|b| b.get()))
        .execute(&mut *self.tx)
        .await
        .map_err(StoreError::db("save the thought record"))?;
        Ok(())
    }

    async fn ladder_thoughts(&mut self) -> Res<Vec<ThoughtRecord>> {
        let rows: Vec<ThoughtRow> = driver::query_as(
            "SELECT id, at, at_offset, situation, thought, belief, evidence_for, evidence_against, kinder, belief_after \
             FROM thought_record WHERE account_id = $1 ORDER BY at, id",
        )
        .bind(self.account)
        .fetch_all(&mut *self.tx)
        .await
        .map_err(StoreError::db("read thought records"))?;
        rows.into_iter().map(ladder_rows::thought).collect()
    }

    async fn ladder_move_steps(&mut self, from: PersonId, into: PersonId) -> Res<i64> {
        let done = driver::query("UPDATE step SET person_id = $3 WHERE account_id = $1 AND person_id = $2")
            .bind(self.account)
            .bind(from.to_string())
            .bind(into.to_string())
            .execute(&mut *self.tx)
            .await
            .map_err(StoreError::db("move steps to the merged person"))?;
        Ok(i64::try_from(done.rows_affected()).unwrap_or(i64::MAX))
    }

    async fn ladder_put_emotions(&mut self, named: &EmotionsNamed) -> Res<()> {
        let (interaction, day) = match named.named_for {
            NamedFor::Interaction(i) => (Some(i.to_string()), None),
            NamedFor::Checkin(d) => (None, Some(d.to_string())),
        };
        driver::query(
            "DELETE FROM emotions_named WHERE account_id = $1 AND (interaction_id = $2 OR checkin_date = $3)",
        )
        .bind(self.account)
        .bind(interaction.as_deref())
        .bind(day.as_deref())
        .execute(&mut *self.tx)
        .await
        .map_err(StoreError::db("replace the emotions named"))?;
        driver::query(
            "INSERT INTO emotions_named (account_id, interaction_id, checkin_date, before_words, after_words) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(self.account)
        .bind(interaction.as_deref())
        .bind(day.as_deref())
        .bind(ladder_rows::emotions_text(&named.before))
        .bind(ladder_rows::emotions_text(&named.after))
        .execute(&mut *self.tx)
        .await
        .map_err(StoreError::db("save the emotions named"))?;
        Ok(())
    }

    async fn ladder_emotions_named(&mut self) -> Res<Vec<EmotionsNamed>> {
        let rows: Vec<ladder_rows::NamedRow> = driver::query_as(
            "SELECT interaction_id, checkin_date, before_words, after_words FROM emotions_named \
             WHERE account_id = $1 ORDER BY checkin_date, interaction_id",
        )
        .bind(self.account)
        .fetch_all(&mut *self.tx)
        .await
        .map_err(StoreError::db("read the emotions named"))?;
        rows.into_iter().map(ladder_rows::named).collect()
    }

    async fn ladder_save_plan_prediction(&mut self, p: &PlanPrediction) -> Res<()> {
        let checked = p.checked.as_ref();
        driver::query(PLAN_PREDICTION_UPSERT)
            .bind(p.plan.to_string())
            .bind(self.account)
            .bind(p.predicted_at.epoch_seconds())
            .bind(i64::from(p.predicted_at.offset().seconds()))
            .bind(p.anxiety.get())
            .bind(p.expected.map(|e| e.get()))
            .bind(checked.map(|c| c.at.epoch_seconds()))
            .bind(checked.map(|c| i64::from(c.at.offset().seconds())))
            .bind(checked.map(|c| c.felt_anxiety.get()))
            .bind(checked.and_then(|c| c.went).map(|w| w.get()))
            .execute(&mut *self.tx)
            .await
            .map_err(StoreError::db("save the plan's prediction"))?;
        Ok(())
    }

    async fn ladder_plan_predictions(&mut self, plan: Option<PlanId>) -> Res<Vec<PlanPrediction>> {
        let rows: Vec<ladder_rows::PlanPredictionRow> = driver::query_as(
            "SELECT plan_id, predicted_at, predicted_offset, predicted_anxiety, expected, checked_at, \
             checked_offset, felt_anxiety, went FROM plan_prediction \
             WHERE account_id = $1 AND ($2 = '' OR plan_id = $2) ORDER BY predicted_at, plan_id",
        )
        .bind(self.account)
        .bind(plan.map(|p| p.to_string()).unwrap_or_default())
        .fetch_all(&mut *self.tx)
        .await
        .map_err(StoreError::db("read the predictions on plans"))?;
        rows.into_iter().map(ladder_rows::plan_prediction).collect()
    }

    async fn steps_where(&mut self, pattern: &str) -> Res<Vec<Step>> {
        let rows: Vec<StepRow> = driver::query_as(
            "SELECT id, title, person_id, mode, difficulty, status, created_at, set_aside_at FROM step \
             WHERE account_id = $1 AND id LIKE $2 ORDER BY difficulty, created_at, id",
        )
        .bind(self.account)
        .bind(pattern)
        .fetch_all(&mut *self.tx)
        .await
        .map_err(StoreError::db("read steps"))?;
        rows.into_iter().map(ladder_rows::step).collect()
    }
}

const ATTEMPT_UPSERT: &str = "INSERT INTO step_attempt (id, account_id, step_id, predicted_at, predicted_offset, \
     predicted_anxiety, expected, fear, emotions_before, outcome, outcome_at, outcome_offset, felt_anxiety, went, felt, \
     happened, interaction_id, emotions_after) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) \
     ON CONFLICT (id) DO UPDATE SET predicted_at = excluded.predicted_at, predicted_offset = excluded.predicted_offset, \
     predicted_anxiety = excluded.predicted_anxiety, expected = excluded.expected, fear = excluded.fear, \
     emotions_before = excluded.emotions_before, outcome = excluded.outcome, outcome_at = excluded.outcome_at, \
     outcome_offset = excluded.outcome_offset, felt_anxiety = excluded.felt_anxiety, went = excluded.went, \
     felt = excluded.felt, happened = excluded.happened, interaction_id = excluded.interaction_id, \
     emotions_after = excluded.emotions_after";
const PLAN_PREDICTION_UPSERT: &str = "INSERT INTO plan_prediction (plan_id, account_id, predicted_at, \
     predicted_offset, predicted_anxiety, expected, checked_at, checked_offset, felt_anxiety, went) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
     ON CONFLICT (plan_id) DO UPDATE SET predicted_at = excluded.predicted_at, \
     predicted_offset = excluded.predicted_offset, predicted_anxiety = excluded.predicted_anxiety, \
     expected = excluded.expected, checked_at = excluded.checked_at, checked_offset = excluded.checked_offset, \
     felt_anxiety = excluded.felt_anxiety, went = excluded.went";
const ATTEMPT_SELECT: &str = "SELECT id, step_id, predicted_at, predicted_offset, predicted_anxiety, expected, fear, \
     emotions_before, outcome, outcome_at, outcome_offset, felt_anxiety, went, felt, happened, interaction_id, \
     emotions_after FROM step_attempt WHERE account_id = $1 AND ($2 = '' OR step_id = $2) \
     ORDER BY predicted_at, id";

