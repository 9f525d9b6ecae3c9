// The storage code, written once and compiled for each backend (see lib.rs): `driver` is
// sqlx for PostgreSQL and `crate::lite` (rusqlite) for SQLite, and `Db` names the backend.
// The SQL is portable: `$N` placeholders, no backend types.

use crate::convert::{self, AwayRow, CheckInRow, InteractionRow, PersonRow, PlanRow};
use crate::repo::{Counts, EarlierFacts, InteractionFilter, MergeCounts, NewPerson, PlanFilter, Repo};
use crate::{Access, StoreError};
use jiff::Timestamp;
use jiff::civil::Date;
use kith_core::ladder::{Attempt, EmotionsNamed, Step, ThoughtRecord};
use kith_core::insights::days::{date_of, day_number};
use kith_core::{Away, AwayId, CheckIn, DayStart, Interaction, InteractionId, NotNow, Person, PersonId, Plan, Scale, StepId};
use driver::{Connection, Transaction};

type Res<T> = Result<T, StoreError>;

/// One transaction on this backend. Dropping it without [`Tx::commit`] rolls it back.
/// Reached through [`crate::Tx`].
pub struct Tx<'c> {
    tx: Transaction<'c, Db>,
    account: &'static str,
}

impl<'c> Tx<'c> {
    /// The first name of `people` already used: a name in the database (in any case), or
    /// one the batch itself repeats.
    async fn names_taken(&mut self, people: &[NewPerson<'_>]) -> Res<Option<String>> {
        let sql = format!(
            "SELECT name_key FROM person WHERE account_id = {} AND name_key IN ({})",
            PLACEHOLDERS.list(1, 1),
            PLACEHOLDERS.list(2, people.len())
        );
        let mut query = driver::query_as::<Db, (String,)>(driver::AssertSqlSafe(sql)).bind(self.account);
        for n in people {
            query = query.bind(n.person.name.key());
        }
        let present: std::collections::HashSet<String> =
            query.fetch_all(&mut *self.tx).await.map_err(StoreError::db("read people"))?.into_iter().map(|(k,)| k).collect();
        let mut seen = std::collections::HashSet::new();
        let taken = people.iter().find(|n| present.contains(&n.person.name.key()) || !seen.insert(n.person.name.key()));
        Ok(taken.map(|n| n.person.name.to_string()))
    }

    /// Which of these ids are in `table` (none, nearly always). Ids are unique across
    /// accounts, and asking by id alone keeps the lookup on the primary key.
    async fn ids_present(&mut self, table: &'static str, ids: &[String]) -> Res<std::collections::HashSet<String>> {
        let sql = format!("SELECT id FROM {table} WHERE id IN ({})", PLACEHOLDERS.list(1, ids.len()));
        let mut query = driver::query_as::<Db, (String,)>(driver::AssertSqlSafe(sql));
        for id in ids {
            query = query.bind(id.clone());
        }
        let rows = query.fetch_all(&mut *self.tx).await.map_err(StoreError::db("read ids"))?;
        Ok(rows.into_iter().map(|(id,)| id).collect())
    }

    /// [`Tx::ids_present`] before a batch insert, when the batch has rows with a source key
    /// (imported ones), the only rows an insert skips; nothing to ask otherwise.
    async fn ids_present_if_skippable<'s>(
        &mut self,
        table: &'static str,
        ids: &[String],
        mut sources: impl Iterator<Item = &'s kith_core::Source>,
    ) -> Res<std::collections::HashSet<String>> {
        if sources.any(|s| s.id.is_some()) {
            self.ids_present(table, ids).await
        } else {
            Ok(std::collections::HashSet::new())
        }
    }

    /// Which of `ids` a batch insert that skips duplicates added: all of them when it wrote
    /// a row for each (nearly always), else those in `table` now and not before. Asked this
    /// way rather than with RETURNING, so that the common case reads nothing back.
    async fn inserted(
        &mut self,
        ids: &[String],
        rows_written: u64,
        table: &'static str,
        present_before: &std::collections::HashSet<String>,
    ) -> Res<std::collections::HashSet<String>> {
        if rows_written == ids.len() as u64 {
            return Ok(ids.iter().cloned().collect());
        }
        let present_after = self.ids_present(table, ids).await?;
        Ok(present_after.difference(present_before).cloned().collect())
    }

    /// Begins a transaction; a writing one takes the write lock at once on SQLite, so two
    /// writers wait for each other instead of failing halfway.
    ///
    /// # Errors
    /// When the database refuses to begin.
    pub async fn begin(conn: &'c mut <Db as driver::Database>::Connection, access: Access) -> Res<Tx<'c>> {
        let statement = match access {
            Access::Write => BEGIN_WRITE,
            Access::Read => "BEGIN",
        };
        let tx = conn.begin_with(statement).await.map_err(StoreError::db("begin a transaction"))?;
        Ok(Tx { tx, account: crate::LOCAL_ACCOUNT })
    }

    /// Commits everything done in this transaction.
    ///
    /// # Errors
    /// When the commit fails; then nothing was written.
    pub async fn commit(self) -> Res<()> {
        self.tx.commit().await.map_err(StoreError::db("commit the change"))
    }

    async fn aliases_of(&mut self, person: Option<&str>) -> Res<Vec<(String, String)>> {
        driver::query_as(
            "SELECT person_id, alias FROM person_alias WHERE account_id = $1 AND ($2 = '' OR person_id = $2) \
             ORDER BY person_id, position",
        )
        .bind(self.account)
        .bind(person.unwrap_or(""))
        .fetch_all(&mut *self.tx)
        .await
        .map_err(StoreError::db("read aliases"))
    }

    /// The person `sql` finds, with their aliases, in one statement.
    async fn person_where(&mut self, sql: &'static str, key: &str) -> Res<Option<Person>> {
        let rows: Vec<PersonWithAlias> = driver::query_as(sql)
            .bind(self.account)
            .bind(key)
            .fetch_all(&mut *self.tx)
            .await
            .map_err(StoreError::db("look up a person"))?;
        let mut rows = rows.into_iter();
        let Some((id, name, circle, cadence, note, archived, snoozed, created, first_alias)) = rows.next() else {
            return Ok(None);
        };
        let aliases = first_alias.into_iter().chain(rows.filter_map(|row| row.8)).collect();
        convert::person((id, name, circle, cadence, note, archived, snoozed, created), aliases).map(Some)
    }

    async fn write_aliases(&mut self, person: &Person) -> Res<()> {
        driver::query("DELETE FROM person_alias WHERE person_id = $1")
            .bind(person.id.to_string())
            .execute(&mut *self.tx)
            .await
            .map_err(StoreError::db("replace aliases"))?;
        self.insert_aliases(std::slice::from_ref(&person)).await
    }

    /// Saves these people's aliases, a few hundred a statement; an alias a person repeats
    /// (in any case) is kept once, at its first position.
    async fn insert_aliases(&mut self, people: &[&Person]) -> Res<()> {
        let aliases: Vec<(String, &kith_core::Alias, i64)> = people
            .iter()
            .flat_map(|person| {
                let id = person.id.to_string();
                let mut seen = std::collections::HashSet::new();
                person
                    .aliases
                    .iter()
                    .enumerate()
                    .filter(move |(_, a)| seen.insert(a.key()))
                    .map(move |(position, a)| (id.clone(), a, position as i64))
            })
            .collect();
        for part in aliases.chunks(BATCH_ROWS) {
            let sql = format!(
                "INSERT INTO person_alias (account_id, person_id, position, alias, alias_key) VALUES {}",
                PLACEHOLDERS.values(part.len(), 5)
            );
            let mut query = driver::query(driver::AssertSqlSafe(sql));
            for (id, alias, position) in part {
                query = query.bind(self.account).bind(id.clone()).bind(*position).bind(alias.as_str()).bind(alias.key());
            }
            query.execute(&mut *self.tx).await.map_err(StoreError::db("save aliases"))?;
        }
        Ok(())
    }

    /// After a merge, rewrites the people lists kept in `table`'s rows.
    async fn rename_in_people_lists(&mut self, select: &'static str, update: &'static str, from: &Person, into: &Person) -> Res<()> {
        let rows: Vec<(String, String)> = driver::query_as(select)
            .bind(self.account)
            .bind(format!("%{}%", from.id))
            .fetch_all(&mut *self.tx)
            .await
            .map_err(StoreError::db("read people lists to merge"))?;
        let (from_id, into_id) = (from.id.to_string(), into.id.to_string());
        for (id, people) in rows {
            let mut merged: Vec<&str> = Vec::new();
            for p in people.split_whitespace().map(|p| if p == from_id { into_id.as_str() } else { p }) {
                if !merged.contains(&p) {
                    merged.push(p);
                }
            }
            driver::query(update)
                .bind(&id)
                .bind(merged.join(" "))
                .execute(&mut *self.tx)
                .await
                .map_err(StoreError::db("save merged people lists"))?;
        }
        Ok(())
    }

    /// Replaces the people linked to record `id`: `clear` (taking the id) removes the old
    /// links, then `insert` (taking the id, person, account, position and, when given, `at`)
    /// adds one per person in order.
    async fn relink_people(
        &mut self,
        id: &str,
        people: &[PersonId],
        clear: &'static str,
        insert: &'static str,
        at: Option<i64>,
    ) -> Res<()> {
        driver::query(clear).bind(id).execute(&mut *self.tx).await.map_err(StoreError::db("link people"))?;
        for (position, person) in people.iter().enumerate() {
            let query = driver::query(insert).bind(id).bind(person.to_string()).bind(self.account).bind(position as i64);
            let query = match at {
                Some(at) => query.bind(at),
                None => query,
            };
            query.execute(&mut *self.tx).await.map_err(StoreError::db("link people"))?;
        }
        Ok(())
    }

    /// Runs each of `unlinks` (statements taking the account and `id`) and then `delete`;
    /// whether `delete` removed a row. Each statement comes with what it does, for errors.
    async fn unlink_and_delete(
        &mut self,
        id: &str,
        unlinks: &[(&'static str, &'static str)],
        delete: (&'static str, &'static str),
    ) -> Res<bool> {
        let mut removed = 0;
        for (sql, action) in unlinks.iter().chain(std::iter::once(&delete)) {
            let done = driver::query(*sql)
                .bind(self.account)
                .bind(id)
                .execute(&mut *self.tx)
                .await
                .map_err(StoreError::db(action))?;
            removed = done.rows_affected();
        }
        Ok(removed > 0)
    }

    async fn plans_where(&mut self, a: i64, b: i64, prefix: &str) -> Res<Vec<Plan>> {
        let rows: Vec<PlanRow> = driver::query_as(PLAN_SELECT)
            .bind(self.account)
            .bind(a)
            .bind(b)
            .bind(prefix)
            .fetch_all(&mut *self.tx)
            .await
            .map_err(StoreError::db("read plans"))?;
        rows.into_iter().map(convert::plan).collect()
    }
}
/// Rows per statement of a batch insert: fewer statements cost fewer preparations and
/// round trips, and the placeholders are anonymous on SQLite (see `PLACEHOLDERS`), so
/// binding stays linear. 200 rows of the widest table (17 columns) stay far below the
/// parameters a statement allows (SQLite 32,766; PostgreSQL 65,535).
const BATCH_ROWS: usize = 200;

/// `rows` in batches of [`BATCH_ROWS`], each row with its position in `rows`, ordered by id,
/// and without a row whose source key (kind and id) an earlier row already has: the first
/// is the one a batch insert keeps. Rows in id order land next to each other in the primary
/// key's index, which makes a big import about a quarter cheaper than random order.
fn by_id_without_repeats<'r, T>(
    rows: &'r [T],
    key: impl Fn(&'r T) -> (String, &'r kith_core::Source),
) -> Vec<Batch<'r, T>> {
    let mut seen = std::collections::HashSet::new();
    let mut keyed: Vec<(String, usize)> = Vec::with_capacity(rows.len());
    for (position, row) in rows.iter().enumerate() {
        let (id, source) = key(row);
        if source.id.is_none() || seen.insert((source.kind.as_str(), source.id.as_deref())) {
            keyed.push((id, position));
        }
    }
    keyed.sort_unstable();
    keyed
        .chunks(BATCH_ROWS)
        .map(|chunk| Batch {
            positions: chunk.iter().map(|(_, p)| *p).collect(),
            ids: chunk.iter().map(|(id, _)| id.clone()).collect(),
            rows: chunk.iter().map(|(_, p)| &rows[*p]).collect(),
        })
        .collect()
}

/// Rows for one batch insert, with their ids and their positions in the caller's list.
struct Batch<'r, T> {
    positions: Vec<usize>,
    ids: Vec<String>,
    rows: Vec<&'r T>,
}

fn taken(what: &'static str, value: &str) -> impl FnOnce(driver::Error) -> StoreError {
    move |e| match e {
        driver::Error::Database(ref d) if d.is_unique_violation() => StoreError::Taken { what, value: value.to_owned() },
        other => StoreError::Database { action: "save", source: other.into() },
    }
}

fn bounds(since: Option<Timestamp>, until: Option<Timestamp>) -> (i64, i64) {
    (since.map_or(i64::MIN, |t| t.as_second()), until.map_or(i64::MAX, |t| t.as_second()))
}

/// A person's row with one of their aliases (or none) beside it.
type PersonWithAlias = (String, String, String, Option<i64>, Option<String>, bool, Option<String>, i64, Option<String>);

const PERSON_COLUMNS_BY_NAME: &str = "SELECT p.id, p.name, p.circle, p.cadence_days, p.note, p.archived, \
     p.snoozed_until, p.created_at, a.alias FROM person p LEFT JOIN person_alias a ON a.person_id = p.id \
     WHERE p.account_id = $1 AND p.name_key = $2 ORDER BY a.position";
const PERSON_COLUMNS_BY_ID: &str = "SELECT p.id, p.name, p.circle, p.cadence_days, p.note, p.archived, \
     p.snoozed_until, p.created_at, a.alias FROM person p LEFT JOIN person_alias a ON a.person_id = p.id \
     WHERE p.account_id = $1 AND p.id = $2 ORDER BY a.position";
const PERSON_COLUMNS_BY_ALIAS: &str = "SELECT p.id, p.name, p.circle, p.cadence_days, p.note, p.archived, \
     p.snoozed_until, p.created_at, a.alias FROM person p LEFT JOIN person_alias a ON a.person_id = p.id \
     WHERE p.account_id = $1 AND p.id = (SELECT x.person_id FROM person_alias x JOIN person y ON y.id = x.person_id \
     WHERE x.account_id = $1 AND x.alias_key = $2 ORDER BY y.archived, y.name_key LIMIT 1) ORDER BY a.position";

const PLAN_SELECT: &str = "SELECT id, start_at, start_offset, mode, people, note, created_at, outcome, outcome_at, \
     interaction_id, moved_from, source, source_id FROM plan \
     WHERE account_id = $1 AND start_at >= $2 AND start_at <= $3 AND id LIKE $4 ORDER BY start_at, id";

const PLAN_SELECT_SOURCE: &str = "SELECT id, start_at, start_offset, mode, people, note, created_at, outcome, \
     outcome_at, interaction_id, moved_from, source, source_id FROM plan WHERE account_id = $1 AND source = $2 \
     ORDER BY start_at, id";

/// For interactions, then plans: count the merged person's links, move those the other
/// person does not already have, and drop the rest.
const MERGE_LINKS: [[&str; 3]; 2] = [
    [
        "SELECT COUNT(*) FROM interaction_person WHERE person_id = $1",
        "UPDATE interaction_person SET person_id = $2 WHERE person_id = $1 AND interaction_id NOT IN \
         (SELECT interaction_id FROM interaction_person WHERE person_id = $2)",
        "DELETE FROM interaction_person WHERE person_id = $1",
    ],
    [
        "SELECT COUNT(*) FROM plan_person WHERE person_id = $1",
        "UPDATE plan_person SET person_id = $2 WHERE person_id = $1 AND plan_id NOT IN \
         (SELECT plan_id FROM plan_person WHERE person_id = $2)",
        "DELETE FROM plan_person WHERE person_id = $1",
    ],
];

impl Repo for Tx<'_> {
    async fn insert_person(&mut self, person: &Person) -> Res<()> {
        self.insert_people(&[NewPerson { person, birthday: None }]).await
    }

    async fn insert_people(&mut self, people: &[NewPerson<'_>]) -> Res<()> {
        for chunk in people.chunks(BATCH_ROWS) {
            // A name already used is found first when there are many, so the error can name it
            // (PostgreSQL answers nothing more in a transaction after a refused statement).
            if chunk.len() > 1
                && let Some(value) = self.names_taken(chunk).await?
            {
                return Err(StoreError::Taken { what: "a person named", value });
            }
            let sql = format!(
                "INSERT INTO person (id, account_id, name, name_key, circle, cadence_days, note, archived, \
                 snoozed_until, created_at, birthday) VALUES {}",
                PLACEHOLDERS.values(chunk.len(), 11)
            );
            let mut query = driver::query(driver::AssertSqlSafe(sql));
            for NewPerson { person, birthday } in chunk {
                query = query
                    .bind(person.id.to_string())
                    .bind(self.account)
                    .bind(person.name.as_str())
                    .bind(person.name.key())
                    .bind(person.circle.as_str())
                    .bind(person.cadence.map(|c| c.days()))
                    .bind(person.note.as_ref().map(|n| n.as_str()))
                    .bind(person.archived)
                    .bind(person.snoozed_until.map(|d| d.to_string()))
                    .bind(person.created_at.as_second())
                    .bind(birthday.map(|d| d.to_string()));
            }
            let one_name = match chunk {
                [only] => only.person.name.to_string(),
                _ => String::new(),
            };
            query.execute(&mut *self.tx).await.map_err(taken("a person named", &one_name))?;
            let people: Vec<&Person> = chunk.iter().map(|n| n.person).collect();
            self.insert_aliases(&people).await?;
        }
        Ok(())
    }

    async fn update_person(&mut self, person: &Person) -> Res<()> {
        driver::query(
            "UPDATE person SET name = $3, name_key = $4, circle = $5, cadence_days = $6, note = $7, archived = $8, \
             snoozed_until = $9 WHERE account_id = $1 AND id = $2",
        )
        .bind(self.account)
        .bind(person.id.to_string())
        .bind(person.name.as_str())
        .bind(person.name.key())
        .bind(person.circle.as_str())
        .bind(person.cadence.map(|c| c.days()))
        .bind(person.note.as_ref().map(|n| n.as_str()))
        .bind(person.archived)
        .bind(person.snoozed_until.map(|d| d.to_string()))
        .execute(&mut *self.tx)
        .await
        .map_err(taken("a person named", person.name.as_str()))?;
        self.write_aliases(person).await
    }

    async fn person_by_id(&mut self, id: PersonId) -> Res<Option<Person>> {
        self.person_where(PERSON_COLUMNS_BY_ID, &id.to_string()).await
    }

    async fn person_by_name(&mut self, name: &str) -> Res<Option<Person>> {
        self.person_where(PERSON_COLUMNS_BY_NAME, &kith_core::person::name_key(name)).await
    }

    async fn person_by_alias(&mut self, alias_key: &str) -> Res<Option<Person>> {
        self.person_where(PERSON_COLUMNS_BY_ALIAS, alias_key).await
    }

    async fn people(&mut self, include_archived: bool) -> Res<Vec<Person>> {
        let rows: Vec<PersonRow> = driver::query_as(
            "SELECT id, name, circle, cadence_days, note, archived, snoozed_until, created_at FROM person \
             WHERE account_id = $1 AND (archived = $2 OR archived = FALSE) ORDER BY name_key, id",
        )
        .bind(self.account)
        .bind(include_archived)
        .fetch_all(&mut *self.tx)
        .await
        .map_err(StoreError::db("read people"))?;
        let mut aliases = convert::group(self.aliases_of(None).await?);
        rows.into_iter()
            .map(|row| {
                let own = aliases.remove(&row.0).unwrap_or_default();
                convert::person(row, own)
            })
            .collect()
    }

    async fn merge_people(&mut self, from: &Person, into: &Person) -> Res<MergeCounts> {
        let (from_id, into_id) = (from.id.to_string(), into.id.to_string());
        self.rename_in_people_lists(
            "SELECT id, people FROM interaction WHERE account_id = $1 AND people LIKE $2",
            "UPDATE interaction SET people = $2 WHERE id = $1",
            from,
            into,
        )
        .await?;
        self.rename_in_people_lists(
            "SELECT id, people FROM plan WHERE account_id = $1 AND people LIKE $2",
            "UPDATE plan SET people = $2 WHERE id = $1",
            from,
            into,
        )
        .await?;
        let mut moved = [0i64; 2];
        for (slot, [count_sql, move_sql, drop_sql]) in MERGE_LINKS.into_iter().enumerate() {
            let (count,): (i64,) = driver::query_as(count_sql)
                .bind(&from_id)
                .fetch_one(&mut *self.tx)
                .await
                .map_err(StoreError::db("count what to merge"))?;
            moved[slot] = count;
            for sql in [move_sql, drop_sql] {
                driver::query(sql)
                    .bind(&from_id)
                    .bind(&into_id)
                    .execute(&mut *self.tx)
                    .await
                    .map_err(StoreError::db("move links to the merged person"))?;
            }
        }
        let mut merged = into.clone();
        let mut keys: std::collections::HashSet<String> = merged.aliases.iter().map(|a| a.key()).collect();
        let from_name = kith_core::Alias::parse(from.name.as_str()).ok();
        let before = merged.aliases.len();
        for alias in from.aliases.iter().cloned().chain(from_name) {
            if keys.insert(alias.key()) {
                merged.aliases.push(alias);
            }
        }
        let aliases = (merged.aliases.len() - before) as i64;
        driver::query("DELETE FROM person WHERE account_id = $1 AND id = $2")
            .bind(self.account)
            .bind(&from_id)
            .execute(&mut *self.tx)
            .await
            .map_err(StoreError::db("remove the merged person"))?;
        self.write_aliases(&merged).await?;
        Ok(MergeCounts { interactions: moved[0], plans: moved[1], aliases })
    }

    async fn insert_interaction(&mut self, i: &Interaction) -> Res<bool> {
        // One interaction is a batch of one: a single code path writes the row and its links.
        Ok(self.insert_interactions(std::slice::from_ref(i)).await?.first().copied().unwrap_or(false))
    }

    async fn interactions(&mut self, filter: &InteractionFilter) -> Res<Vec<Interaction>> {
        let (since, until) = bounds(filter.since, filter.until);
        let person = filter.person.map(|p| p.to_string()).unwrap_or_default();
        let rows: Vec<InteractionRow> = driver::query_as(
            "SELECT id, at, at_offset, minutes, mode, people, initiator, felt, meaningful, tags, note, unanswered, \
             source, source_id, plan_id FROM interaction WHERE account_id = $1 AND at >= $2 AND at <= $3 \
             AND ($4 = '' OR id IN (SELECT interaction_id FROM interaction_person WHERE person_id = $4)) \
             ORDER BY at, id",
        )
        .bind(self.account)
        .bind(since)
        .bind(until)
        .bind(&person)
        .fetch_all(&mut *self.tx)
        .await
        .map_err(StoreError::db("read interactions"))?;
        rows.into_iter().map(convert::interaction).collect()
    }

    async fn interaction_span(&mut self) -> Res<Option<(Timestamp, Timestamp)>> {
        let (first, last): (Option<i64>, Option<i64>) =
            driver::query_as("SELECT MIN(at), MAX(at) FROM interaction WHERE account_id = $1")
                .bind(self.account)
                .fetch_one(&mut *self.tx)
                .await
                .map_err(StoreError::db("read the span of interactions"))?;
        Ok(match (first.and_then(|f| Timestamp::from_second(f).ok()), last.and_then(|l| Timestamp::from_second(l).ok())) {
            (Some(f), Some(l)) => Some((f, l)),
            _ => None,
        })
    }

    async fn interactions_by_prefix(&mut self, prefix: &str) -> Res<Vec<Interaction>> {
        let rows: Vec<InteractionRow> = driver::query_as(
            "SELECT id, at, at_offset, minutes, mode, people, initiator, felt, meaningful, tags, note, unanswered, \
             source, source_id, plan_id FROM interaction WHERE account_id = $1 AND id LIKE $2 ORDER BY at, id",
        )
        .bind(self.account)
        .bind(format!("{}%", convert::hyphenate_prefix(prefix)))
        .fetch_all(&mut *self.tx)
        .await
        .map_err(StoreError::db("look up interactions"))?;
        rows.into_iter().map(convert::interaction).collect()
    }

    async fn mark_logged(&mut self, id: InteractionId, at: Timestamp) -> Res<()> {
        driver::query("UPDATE interaction SET logged_at = $3 WHERE account_id = $1 AND id = $2")
            .bind(self.account)
            .bind(id.to_string())
            .bind(at.as_second())
            .execute(&mut *self.tx)
            .await
            .map_err(StoreError::db("note when the interaction was logged"))?;
        Ok(())
    }

    async fn logged_since(&mut self, since: Timestamp) -> Res<Vec<Interaction>> {
        let rows: Vec<InteractionRow> = driver::query_as(
            "SELECT id, at, at_offset, minutes, mode, people, initiator, felt, meaningful, tags, note, unanswered, \
             source, source_id, plan_id FROM interaction WHERE account_id = $1 AND logged_at >= $2 \
             ORDER BY logged_at DESC, id DESC",
        )
        .bind(self.account)
        .bind(since.as_second())
        .fetch_all(&mut *self.tx)
        .await
        .map_err(StoreError::db("read the interactions logged lately"))?;
        rows.into_iter().map(convert::interaction).collect()
    }

    async fn update_interaction(&mut self, i: &Interaction) -> Res<bool> {
        let id = i.id.to_string();
        let done = driver::query(
            "UPDATE interaction SET at = $3, at_offset = $4, local_date = $5, minutes = $6, mode = $7, \
             initiator = $8, felt = $9, meaningful = $10, tags = $11, note = $12, people = $13 \
             WHERE account_id = $1 AND id = $2",
        )
        .bind(self.account)
        .bind(&id)
        .bind(i.at.epoch_seconds())
        .bind(i64::from(i.at.offset().seconds()))
        .bind(i.at.local_date().to_string())
        .bind(i.minutes.map(|m| m.get()))
        .bind(i.mode.as_str())
        .bind(i.initiator.map(|x| x.as_str()))
        .bind(i.felt.map(|f| f.value()))
        .bind(i.meaningful)
        .bind(convert::tags_text(&i.tags))
        .bind(i.note.as_ref().map(|n| n.as_str().to_owned()))
        .bind(convert::people_text(&i.people))
        .execute(&mut *self.tx)
        .await
        .map_err(StoreError::db("change the interaction"))?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        self.relink_people(
            &id,
            &i.people,
            "DELETE FROM interaction_person WHERE interaction_id = $1",
            "INSERT INTO interaction_person (interaction_id, person_id, account_id, position, at) \
             VALUES ($1, $2, $3, $4, $5)",
            Some(i.at.epoch_seconds()),
        )
        .await?;
        Ok(true)
    }

    async fn delete_interaction(&mut self, id: InteractionId) -> Res<bool> {
        // Links to people and emotions named go with it (ON DELETE CASCADE).
        self.unlink_and_delete(
            &id.to_string(),
            &[
                ("UPDATE plan SET interaction_id = NULL WHERE account_id = $1 AND interaction_id = $2", "unlink the plan"),
                (
                    "UPDATE step_attempt SET interaction_id = NULL WHERE account_id = $1 AND interaction_id = $2",
                    "unlink the ladder try",
                ),
            ],
            ("DELETE FROM interaction WHERE account_id = $1 AND id = $2", "delete the interaction"),
        )
        .await
    }

    async fn delete_checkin(&mut self, date: Date) -> Res<bool> {
        let done = driver::query("DELETE FROM checkin WHERE account_id = $1 AND local_date = $2")
            .bind(self.account)
            .bind(date.to_string())
            .execute(&mut *self.tx)
            .await
            .map_err(StoreError::db("delete the check-in"))?;
        Ok(done.rows_affected() > 0)
    }

    async fn edit_plan(&mut self, p: &Plan) -> Res<bool> {
        let id = p.id.to_string();
        let done = driver::query(
            "UPDATE plan SET start_at = $3, start_offset = $4, mode = $5, note = $6, people = $7 \
             WHERE account_id = $1 AND id = $2",
        )
        .bind(self.account)
        .bind(&id)
        .bind(p.start.epoch_seconds())
        .bind(i64::from(p.start.offset().seconds()))
        .bind(p.mode.as_str())
        .bind(p.note.as_ref().map(|n| n.as_str().to_owned()))
        .bind(convert::people_text(&p.people))
        .execute(&mut *self.tx)
        .await
        .map_err(StoreError::db("change the plan"))?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        self.relink_people(
            &id,
            &p.people,
            "DELETE FROM plan_person WHERE plan_id = $1",
            "INSERT INTO plan_person (plan_id, person_id, account_id, position) VALUES ($1, $2, $3, $4)",
            None,
        )
        .await?;
        Ok(true)
    }

    async fn delete_plan(&mut self, id: PlanId) -> Res<bool> {
        // Links to people and the prediction go with it (ON DELETE CASCADE).
        self.unlink_and_delete(
            &id.to_string(),
            &[
                ("UPDATE plan SET moved_from = NULL WHERE account_id = $1 AND moved_from = $2", "unlink the moved plan"),
                ("UPDATE interaction SET plan_id = NULL WHERE account_id = $1 AND plan_id = $2", "unlink the interaction"),
            ],
            ("DELETE FROM plan WHERE account_id = $1 AND id = $2", "delete the plan"),
        )
        .await
    }

    async fn insert_plan(&mut self, p: &Plan) -> Res<bool> {
        Ok(self.insert_plans(std::slice::from_ref(p)).await?.first().copied().unwrap_or(false))
    }

    async fn insert_plans(&mut self, plans: &[Plan]) -> Res<Vec<bool>> {
        let mut added = Vec::with_capacity(plans.len());
        for chunk in plans.chunks(BATCH_ROWS) {
            let ids: Vec<String> = chunk.iter().map(|p| p.id.to_string()).collect();
            let present_before = self.ids_present_if_skippable("plan", &ids, chunk.iter().map(|p| &p.source)).await?;
            let sql = format!(
                "INSERT INTO plan (id, account_id, start_at, start_offset, mode, note, created_at, outcome, outcome_at, \
                 interaction_id, moved_from, source, source_id, people) VALUES {} \
                 ON CONFLICT (account_id, source, source_id) DO NOTHING",
                PLACEHOLDERS.values(chunk.len(), 14)
            );
            let mut query = driver::query(driver::AssertSqlSafe(sql));
            for (p, id) in chunk.iter().zip(&ids) {
                query = query
                    .bind(id.clone())
                    .bind(self.account)
                    .bind(p.start.epoch_seconds())
                    .bind(i64::from(p.start.offset().seconds()))
                    .bind(p.mode.as_str())
                    .bind(p.note.as_ref().map(|n| n.as_str().to_owned()))
                    .bind(p.created_at.as_second())
                    .bind(p.outcome.as_str())
                    .bind(p.outcome_at.map(|t| t.as_second()))
                    .bind(p.interaction.map(|i| i.to_string()))
                    .bind(p.moved_from.map(|m| m.to_string()))
                    .bind(p.source.kind.clone())
                    .bind(p.source.id.clone())
                    .bind(convert::people_text(&p.people));
            }
            let written = query.execute(&mut *self.tx).await.map_err(StoreError::db("save plans"))?;
            let inserted = self.inserted(&ids, written.rows_affected(), "plan", &present_before).await?;
            let links: Vec<(String, String, i64)> = chunk
                .iter()
                .zip(&ids)
                .filter(|(_, id)| inserted.contains(*id))
                .flat_map(|(p, id)| {
                    p.people.iter().enumerate().map(move |(position, person)| (id.clone(), person.to_string(), position as i64))
                })
                .collect();
            for part in links.chunks(BATCH_ROWS) {
                let sql = format!(
                    "INSERT INTO plan_person (plan_id, person_id, account_id, position) VALUES {}",
                    PLACEHOLDERS.values(part.len(), 4)
                );
                let mut query = driver::query(driver::AssertSqlSafe(sql));
                for (plan, person, position) in part {
                    query = query.bind(plan.clone()).bind(person.clone()).bind(self.account).bind(*position);
                }
                query.execute(&mut *self.tx).await.map_err(StoreError::db("link people to plans"))?;
            }
            added.extend(ids.iter().map(|id| inserted.contains(id)));
        }
        Ok(added)
    }

    async fn update_plan(&mut self, p: &Plan) -> Res<()> {
        driver::query(
            "UPDATE plan SET outcome = $3, outcome_at = $4, interaction_id = $5 WHERE account_id = $1 AND id = $2",
        )
        .bind(self.account)
        .bind(p.id.to_string())
        .bind(p.outcome.as_str())
        .bind(p.outcome_at.map(|t| t.as_second()))
        .bind(p.interaction.map(|i| i.to_string()))
        .execute(&mut *self.tx)
        .await
        .map_err(StoreError::db("save the plan's outcome"))?;
        Ok(())
    }

    async fn imported_plans(&mut self, source: &str) -> Res<Vec<(Plan, Option<String>)>> {
        let rows: Vec<PlanRow> = driver::query_as(PLAN_SELECT_SOURCE)
            .bind(self.account)
            .bind(source)
            .fetch_all(&mut *self.tx)
            .await
            .map_err(StoreError::db("read imported plans"))?;
        let versions: Vec<(String, Option<String>)> = driver::query_as(
            "SELECT id, source_version FROM plan WHERE account_id = $1 AND source = $2 ORDER BY id",
        )
        .bind(self.account)
        .bind(source)
        .fetch_all(&mut *self.tx)
        .await
        .map_err(StoreError::db("read imported plans"))?;
        let versions: std::collections::HashMap<String, Option<String>> = versions.into_iter().collect();
        rows.into_iter()
            .map(|row| {
                let plan = convert::plan(row)?;
                let version = versions.get(&plan.id.to_string()).cloned().flatten();
                Ok((plan, version))
            })
            .collect()
    }

    async fn update_imported_plan(&mut self, p: &Plan, version: &str) -> Res<()> {
        driver::query(
            "UPDATE plan SET start_at = $3, start_offset = $4, outcome = $5, outcome_at = $6, source_version = $7 \
             WHERE account_id = $1 AND id = $2",
        )
        .bind(self.account)
        .bind(p.id.to_string())
        .bind(p.start.epoch_seconds())
        .bind(i64::from(p.start.offset().seconds()))
        .bind(p.outcome.as_str())
        .bind(p.outcome_at.map(|t| t.as_second()))
        .bind(version)
        .execute(&mut *self.tx)
        .await
        .map_err(StoreError::db("save the imported plan"))?;
        Ok(())
    }

    async fn delete_plans(&mut self, ids: &[PlanId]) -> Res<()> {
        for id in ids {
            for sql in [
                "DELETE FROM plan_person WHERE plan_id = $2 AND plan_id IN (SELECT id FROM plan WHERE account_id = $1)",
                "DELETE FROM plan_prediction WHERE account_id = $1 AND plan_id = $2",
                "DELETE FROM plan WHERE account_id = $1 AND id = $2",
            ] {
                driver::query(sql)
                    .bind(self.account)
                    .bind(id.to_string())
                    .execute(&mut *self.tx)
                    .await
                    .map_err(StoreError::db("delete a plan"))?;
            }
        }
        Ok(())
    }

    async fn set_plan_versions(&mut self, versions: &[(PlanId, String)]) -> Res<()> {
        for (id, version) in versions {
            driver::query("UPDATE plan SET source_version = $3 WHERE account_id = $1 AND id = $2")
                .bind(self.account)
                .bind(id.to_string())
                .bind(version)
                .execute(&mut *self.tx)
                .await
                .map_err(StoreError::db("save the plan's version"))?;
        }
        Ok(())
    }

    async fn plans_by_prefix(&mut self, prefix: &str) -> Res<Vec<Plan>> {
        let pattern = format!("{}%", convert::hyphenate_prefix(prefix));
        self.plans_where(i64::MIN, i64::MAX, &pattern).await
    }

    async fn plans(&mut self, filter: &PlanFilter) -> Res<Vec<Plan>> {
        let (since, until) = bounds(filter.since, filter.until);
        self.plans_where(since, until, "%").await
    }

    async fn checkin_on(&mut self, date: Date) -> Res<Option<CheckIn>> {
        let row: Option<CheckInRow> = driver::query_as(CHECKIN_SELECT_DAY)
            .bind(self.account)
            .bind(date.to_string())
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(StoreError::db("read the check-in"))?;
        row.map(convert::checkin).transpose()
    }

    async fn put_checkin(&mut self, c: &CheckIn) -> Res<()> {
        self.put_checkins(std::slice::from_ref(c)).await
    }

    async fn put_checkins(&mut self, checkins: &[CheckIn]) -> Res<()> {
        // One a day: a later check-in in the list for the same day is the one kept.
        let mut by_day: Vec<&CheckIn> = Vec::with_capacity(checkins.len());
        let mut seen = std::collections::HashMap::new();
        for c in checkins {
            match seen.get(&c.date) {
                Some(&at) => by_day[at] = c,
                None => {
                    seen.insert(c.date, by_day.len());
                    by_day.push(c);
                }
            }
        }
        for chunk in by_day.chunks(BATCH_ROWS) {
            let sql = format!(
                "DELETE FROM checkin WHERE account_id = {} AND local_date IN ({})",
                PLACEHOLDERS.list(1, 1),
                PLACEHOLDERS.list(2, chunk.len())
            );
            let mut query = driver::query(driver::AssertSqlSafe(sql)).bind(self.account);
            for c in chunk {
                query = query.bind(c.date.to_string());
            }
            query.execute(&mut *self.tx).await.map_err(StoreError::db("replace check-ins"))?;
            let sql = format!(
                "INSERT INTO checkin (id, account_id, local_date, at, at_offset, energy, mood, stress, capacity, \
                 alone_minutes, alone_restored, affected_sleep, affected_eating, affected_mood, affected_motivation, note) \
                 VALUES {}",
                PLACEHOLDERS.values(chunk.len(), 16)
            );
            let mut query = driver::query(driver::AssertSqlSafe(sql));
            for c in chunk {
                query = query
                    .bind(c.id.to_string())
                    .bind(self.account)
                    .bind(c.date.to_string())
                    .bind(c.at.epoch_seconds())
                    .bind(i64::from(c.at.offset().seconds()))
                    .bind(c.energy.map(Scale::get))
                    .bind(c.mood.get())
                    .bind(c.stress.map(Scale::get))
                    .bind(c.capacity.get())
                    .bind(c.alone.minutes.map(|m| m.get()))
                    .bind(c.alone.restored)
                    .bind(c.affected.map(|a| a.sleep))
                    .bind(c.affected.map(|a| a.eating))
                    .bind(c.affected.map(|a| a.mood))
                    .bind(c.affected.map(|a| a.motivation))
                    .bind(c.note.as_ref().map(|n| n.as_str().to_owned()));
            }
            query.execute(&mut *self.tx).await.map_err(StoreError::db("save check-ins"))?;
        }
        Ok(())
    }

    async fn checkins(&mut self, since: Option<Date>) -> Res<Vec<CheckIn>> {
        let rows: Vec<CheckInRow> = driver::query_as(CHECKIN_SELECT_SINCE)
            .bind(self.account)
            .bind(since.map_or_else(|| "0000-00-00".to_owned(), |d| d.to_string()))
            .fetch_all(&mut *self.tx)
            .await
            .map_err(StoreError::db("read check-ins"))?;
        rows.into_iter().map(convert::checkin).collect()
    }

    async fn earlier_facts(
        &mut self,
        before: Timestamp,
        before_day: Date,
        start: DayStart,
        grace_days: u32,
    ) -> Res<EarlierFacts> {
        let first_interaction: Option<(String,)> =
            driver::query_as("SELECT local_date FROM interaction WHERE account_id = $1 ORDER BY at, id LIMIT 1")
                .bind(self.account)
                .fetch_optional(&mut *self.tx)
                .await
                .map_err(StoreError::db("read the first interaction"))?;
        let first_plan: Option<(i64, i64)> =
            driver::query_as("SELECT start_at, start_offset FROM plan WHERE account_id = $1 ORDER BY start_at, id LIMIT 1")
                .bind(self.account)
                .fetch_optional(&mut *self.tx)
                .await
                .map_err(StoreError::db("read the first plan"))?;
        let first_checkin: Option<(String,)> =
            driver::query_as("SELECT local_date FROM checkin WHERE account_id = $1 ORDER BY local_date LIMIT 1")
                .bind(self.account)
                .fetch_optional(&mut *self.tx)
                .await
                .map_err(StoreError::db("read the first check-in"))?;
        // Each person's newest link before the window, found through the (person_id, at)
        // index one person at a time, then the interaction's own offset.
        let last: Vec<(String, i64, i64)> = driver::query_as(
            "SELECT x.person_id, i.at, i.at_offset FROM (SELECT p.id AS person_id, \
             (SELECT ip.interaction_id FROM interaction_person ip WHERE ip.person_id = p.id AND ip.at < $2 \
             ORDER BY ip.at DESC, ip.interaction_id DESC LIMIT 1) AS interaction_id \
             FROM person p WHERE p.account_id = $1) x JOIN interaction i ON i.id = x.interaction_id",
        )
        .bind(self.account)
        .bind(before.as_second())
        .fetch_all(&mut *self.tx)
        .await
        .map_err(StoreError::db("read last contacts"))?;
        let mut earlier = convert::earlier(first_interaction.map(|r| r.0), first_plan, first_checkin.map(|r| r.0), last)?;
        // The run reaching the window: the last 64 days first, then each time the next stretch
        // back, four times as long, while the run goes on. A run with breaks costs a short
        // read; one unbroken for years reads each day once, as one read of everything would.
        // The first interaction by time may not hold the first day: with a later day start it
        // may count for the day before its date, and another one logged at a far offset may
        // fall up to a day or two before it. Three days' margin cost nothing; the walk keeps
        // only the run.
        let floor = |d: Date| d.checked_sub(jiff::Span::new().days(3)).unwrap_or(d);
        if let Some(first) = earlier.first_interaction.map(floor) {
            let (mut look_back, mut read_to, mut days): (i64, Date, Vec<Date>) = (64, before_day, Vec::new());
            earlier.meaningful_days = loop {
                let from = before_day.checked_sub(jiff::Span::new().days(look_back)).unwrap_or(first).max(first);
                let mut older = self.meaningful_days(from, read_to, start).await?;
                older.append(&mut days);
                days = older;
                match convert::run_reaching(&days, from, before_day, grace_days) {
                    convert::Run::Ended(run) => break run,
                    convert::Run::Open(run) if from <= first => break run,
                    convert::Run::Open(_) => {
                        let Some(before_from) = from.yesterday().ok() else { break days };
                        read_to = before_from;
                        look_back = look_back.saturating_mul(4);
                    }
                }
            };
        }
        Ok(earlier)
    }

    async fn web_secret(&mut self, name: &str) -> Res<Option<String>> {
        let row: Option<(String,)> =
            driver::query_as("SELECT value FROM web_secret WHERE account_id = $1 AND name = $2")
                .bind(self.account)
                .bind(name)
                .fetch_optional(&mut *self.tx)
                .await
                .map_err(StoreError::db("read a web secret"))?;
        Ok(row.map(|(value,)| value))
    }

    async fn put_web_secret(&mut self, name: &str, value: &str) -> Res<()> {
        driver::query(
            "INSERT INTO web_secret (account_id, name, value) VALUES ($1, $2, $3) \
             ON CONFLICT (account_id, name) DO UPDATE SET value = excluded.value",
        )
        .bind(self.account)
        .bind(name)
        .bind(value)
        .execute(&mut *self.tx)
        .await
        .map_err(StoreError::db("save a web secret"))?;
        Ok(())
    }

    async fn meaningful_days(&mut self, since: Date, until: Date, start: DayStart) -> Res<Vec<Date>> {
        // The days come back joined in one row, one string to split rather than a row per day
        // (chosen when SQLite's rows crossed a thread one at a time; it costs little either way).
        let sql = format!(
            "SELECT {JOIN_WITH_SPACES} FROM (SELECT DISTINCT CAST({} AS TEXT) AS local_date FROM interaction \
             WHERE account_id = $1 AND meaningful = TRUE AND at >= $2 AND at < $3) AS days",
            day_number_sql("$4")
        );
        let (from, to) = day_bounds(since, until, start);
        let (joined,): (Option<String>,) = driver::query_as(driver::AssertSqlSafe(sql))
            .bind(self.account)
            .bind(from)
            .bind(to)
            .bind(start.seconds())
            .fetch_one(&mut *self.tx)
            .await
            .map_err(StoreError::db("read the days with a meaningful connection"))?;
        let (first, last) = (day_number(since), day_number(until));
        let numbers = joined
            .unwrap_or_default()
            .split_whitespace()
            .map(|d| {
                d.parse::<i64>().map_err(|_| StoreError::Corrupt {
                    table: "interaction",
                    id: d.to_owned(),
                    problem: kith_core::Invalid::new("at", d, "seconds since 1970 and an offset"),
                })
            })
            .collect::<Res<Vec<i64>>>()?;
        let mut days: Vec<Date> =
            numbers.into_iter().filter(|d| (first..=last).contains(d)).map(date_of).collect();
        days.sort_unstable();
        Ok(days)
    }

    async fn counts(&mut self) -> Res<Counts> {
        // One statement for every table: `kith db check` and import summaries call this.
        let row: (i64, i64, i64, i64, i64, i64, i64, i64, i64, i64) = driver::query_as(
            "SELECT (SELECT COUNT(*) FROM person WHERE account_id = $1), \
             (SELECT COUNT(*) FROM interaction WHERE account_id = $1), \
             (SELECT COUNT(*) FROM plan WHERE account_id = $1), \
             (SELECT COUNT(*) FROM checkin WHERE account_id = $1), \
             (SELECT COUNT(*) FROM step WHERE account_id = $1), \
             (SELECT COUNT(*) FROM step_attempt WHERE account_id = $1), \
             (SELECT COUNT(*) FROM thought_record WHERE account_id = $1), \
             (SELECT COUNT(*) FROM emotions_named WHERE account_id = $1), \
             (SELECT COUNT(*) FROM plan_prediction WHERE account_id = $1), \
             (SELECT COUNT(*) FROM away WHERE account_id = $1)",
        )
        .bind(self.account)
        .fetch_one(&mut *self.tx)
        .await
        .map_err(StoreError::db("count rows"))?;
        let (
            people,
            interactions,
            plans,
            checkins,
            steps,
            attempts,
            thought_records,
            emotions_named,
            plan_predictions,
            away,
        ) = row;
        Ok(Counts {
            people,
            interactions,
            plans,
            checkins,
            steps,
            attempts,
            thought_records,
            emotions_named,
            plan_predictions,
            away,
        })
    }

    // The ladder's storage, in ladder_queries.rs.
    async fn insert_step(&mut self, step: &Step) -> Res<()> {
        self.ladder_insert_step(step).await
    }

    async fn update_step(&mut self, step: &Step) -> Res<()> {
        self.ladder_update_step(step).await
    }

    async fn steps(&mut self) -> Res<Vec<Step>> {
        self.ladder_steps().await
    }

    async fn steps_by_prefix(&mut self, prefix: &str) -> Res<Vec<Step>> {
        self.ladder_steps_by_prefix(prefix).await
    }

    async fn save_attempt(&mut self, a: &Attempt) -> Res<()> {
        self.ladder_save_attempt(a).await
    }

    async fn attempts(&mut self, step: Option<StepId>) -> Res<Vec<Attempt>> {
        self.ladder_attempts(step).await
    }

    async fn insert_thought(&mut self, t: &ThoughtRecord) -> Res<()> {
        self.ladder_insert_thought(t).await
    }

    async fn thoughts(&mut self) -> Res<Vec<ThoughtRecord>> {
        self.ladder_thoughts().await
    }

    async fn move_steps(&mut self, from: PersonId, into: PersonId) -> Res<i64> {
        self.ladder_move_steps(from, into).await
    }

    async fn put_emotions(&mut self, named: &EmotionsNamed) -> Res<()> {
        self.ladder_put_emotions(named).await
    }

    async fn emotions_named(&mut self) -> Res<Vec<EmotionsNamed>> {
        self.ladder_emotions_named().await
    }

    async fn save_plan_prediction(&mut self, p: &kith_core::ladder::PlanPrediction) -> Res<()> {
        self.ladder_save_plan_prediction(p).await
    }

    async fn plan_predictions(
        &mut self,
        plan: Option<kith_core::PlanId>,
    ) -> Res<Vec<kith_core::ladder::PlanPrediction>> {
        self.ladder_plan_predictions(plan).await
    }
    async fn set_birthday(&mut self, person: PersonId, birthday: Option<kith_core::Birthdate>) -> Res<()> {
        driver::query("UPDATE person SET birthday = $3 WHERE account_id = $1 AND id = $2")
            .bind(self.account)
            .bind(person.to_string())
            .bind(birthday.map(|d| d.to_string()))
            .execute(&mut *self.tx)
            .await
            .map_err(StoreError::db("save a birthday"))?;
        Ok(())
    }

    async fn birthdays(&mut self) -> Res<Vec<(PersonId, kith_core::Birthdate)>> {
        let rows: Vec<(String, String)> = driver::query_as(
            "SELECT id, birthday FROM person WHERE account_id = $1 AND birthday IS NOT NULL ORDER BY id",
        )
        .bind(self.account)
        .fetch_all(&mut *self.tx)
        .await
        .map_err(StoreError::db("read birthdays"))?;
        rows.into_iter()
            .map(|(id, day)| {
                let bad = |field: &'static str, value: &str, expected: &str| StoreError::Corrupt {
                    table: "person",
                    id: id.clone(),
                    problem: kith_core::Invalid::new(field, value, expected),
                };
                let person = id.parse().map_err(|_| bad("id", &id, "a UUID"))?;
                let date = kith_core::Birthdate::parse(&day)
                    .map_err(|_| bad("birthday", &day, "a date such as 1990-04-02, or --04-02 without the year"))?;
                Ok((person, date))
            })
            .collect()
    }


    async fn interaction_source_ids(&mut self, source: &str) -> Res<Vec<String>> {
        let rows: Vec<(String,)> = driver::query_as(
            "SELECT source_id FROM interaction WHERE account_id = $1 AND source = $2 AND source_id IS NOT NULL",
        )
        .bind(self.account)
        .bind(source)
        .fetch_all(&mut *self.tx)
        .await
        .map_err(StoreError::db("read the ids of imported interactions"))?;
        Ok(rows.into_iter().map(|(id,)| id).collect())
    }

    async fn refresh_imported(&mut self, interactions: &[Interaction]) -> Res<usize> {
        let mut changed = 0;
        for i in interactions {
            let Some(id) = &i.source.id else { continue };
            let note = i.note.as_ref().map(|n| n.as_str().to_owned());
            let initiator = i.initiator.map(|x| x.as_str());
            let done = driver::query(
                "UPDATE interaction SET initiator = $4, meaningful = $5, note = $6, unanswered = $7 \
                 WHERE account_id = $1 AND source = $2 AND source_id = $3 AND felt IS NULL \
                 AND (initiator IS NULL OR initiator <> $4 OR meaningful <> $5 OR note IS NULL OR note <> $6 \
                 OR unanswered <> $7)",
            )
            .bind(self.account)
            .bind(i.source.kind.clone())
            .bind(id.clone())
            .bind(initiator)
            .bind(i.meaningful)
            .bind(note)
            .bind(i64::from(i.unanswered))
            .execute(&mut *self.tx)
            .await
            .map_err(StoreError::db("bring imported interactions up to date"))?;
            changed += usize::try_from(done.rows_affected()).unwrap_or(0);
        }
        Ok(changed)
    }

    async fn insert_interactions(&mut self, interactions: &[Interaction]) -> Res<Vec<bool>> {
        let mut added = vec![false; interactions.len()];
        for Batch { positions, ids, rows: chunk } in
            by_id_without_repeats(interactions, |i| (i.id.to_string(), &i.source))
        {
            let mut sql = String::from(
                "INSERT INTO interaction (id, account_id, at, at_offset, local_date, minutes, mode, initiator, felt, \
                 meaningful, tags, note, unanswered, source, source_id, plan_id, people) VALUES ",
            );
            sql.push_str(&PLACEHOLDERS.values(chunk.len(), 17));
            sql.push_str(" ON CONFLICT (account_id, source, source_id) DO NOTHING");
            let present_before =
                self.ids_present_if_skippable("interaction", &ids, chunk.iter().map(|i| &i.source)).await?;
            let mut query = driver::query(driver::AssertSqlSafe(sql));
            for (i, id) in chunk.iter().zip(&ids) {
                query = query
                    .bind(id.clone())
                    .bind(self.account)
                    .bind(i.at.epoch_seconds())
                    .bind(i64::from(i.at.offset().seconds()))
                    .bind(i.at.local_date().to_string())
                    .bind(i.minutes.map(|m| m.get()))
                    .bind(i.mode.as_str())
                    .bind(i.initiator.map(|x| x.as_str()))
                    .bind(i.felt.map(|f| f.value()))
                    .bind(i.meaningful)
                    .bind(convert::tags_text(&i.tags))
                    .bind(i.note.as_ref().map(|n| n.as_str().to_owned()))
                    .bind(i64::from(i.unanswered))
                    .bind(i.source.kind.clone())
                    .bind(i.source.id.clone())
                    .bind(i.plan.map(|p| p.to_string()))
                    .bind(convert::people_text(&i.people));
            }
            let written = query.execute(&mut *self.tx).await.map_err(StoreError::db("save interactions"))?;
            let inserted = self.inserted(&ids, written.rows_affected(), "interaction", &present_before).await?;
            let links: Vec<(String, String, i64, i64)> = ids
                .iter()
                .zip(&chunk)
                .filter(|(id, _)| inserted.contains(*id))
                .flat_map(|(id, i)| {
                    let at = i.at.epoch_seconds();
                    i.people.iter().enumerate().map(move |(pos, p)| (id.clone(), p.to_string(), pos as i64, at))
                })
                .collect();
            for part in links.chunks(BATCH_ROWS) {
                let mut sql = String::from(
                    "INSERT INTO interaction_person (interaction_id, person_id, account_id, position, at) VALUES ",
                );
                sql.push_str(&PLACEHOLDERS.values(part.len(), 5));
                let mut query = driver::query(driver::AssertSqlSafe(sql));
                for (id, person, pos, at) in part {
                    query = query.bind(id.clone()).bind(person.clone()).bind(self.account).bind(*pos).bind(*at);
                }
                query.execute(&mut *self.tx).await.map_err(StoreError::db("link people"))?;
            }
            for (position, id) in positions.iter().zip(&ids) {
                added[*position] = inserted.contains(id);
            }
        }
        Ok(added)
    }

    async fn insert_away(&mut self, spans: &[Away]) -> Res<()> {
        for chunk in spans.chunks(BATCH_ROWS) {
            let sql = format!(
                "INSERT INTO away (id, account_id, first_day, last_day, note) VALUES {}",
                PLACEHOLDERS.values(chunk.len(), 5)
            );
            let mut query = driver::query(driver::AssertSqlSafe(sql));
            for a in chunk {
                query = query
                    .bind(a.id.to_string())
                    .bind(self.account)
                    .bind(a.from.to_string())
                    .bind(a.to.to_string())
                    .bind(a.note.as_ref().map(|n| n.as_str().to_owned()));
            }
            query.execute(&mut *self.tx).await.map_err(StoreError::db("save days away"))?;
        }
        Ok(())
    }

    async fn away(&mut self, since: Option<Date>) -> Res<Vec<Away>> {
        // Days are TEXT 'YYYY-MM-DD', so text order is calendar order on both backends.
        let rows: Vec<AwayRow> = driver::query_as(
            "SELECT id, first_day, last_day, note FROM away WHERE account_id = $1 AND last_day >= $2 \
             ORDER BY first_day, last_day, id",
        )
        .bind(self.account)
        .bind(since.map_or_else(|| "0000-00-00".to_owned(), |d| d.to_string()))
        .fetch_all(&mut *self.tx)
        .await
        .map_err(StoreError::db("read days away"))?;
        rows.into_iter().map(convert::away).collect()
    }

    async fn away_by_prefix(&mut self, prefix: &str) -> Res<Vec<Away>> {
        let rows: Vec<AwayRow> = driver::query_as(
            "SELECT id, first_day, last_day, note FROM away WHERE account_id = $1 AND id LIKE $2 \
             ORDER BY first_day, last_day, id",
        )
        .bind(self.account)
        .bind(format!("{}%", convert::hyphenate_prefix(prefix)))
        .fetch_all(&mut *self.tx)
        .await
        .map_err(StoreError::db("look up days away"))?;
        rows.into_iter().map(convert::away).collect()
    }

    async fn delete_away(&mut self, id: AwayId) -> Res<bool> {
        let done = driver::query("DELETE FROM away WHERE account_id = $1 AND id = $2")
            .bind(self.account)
            .bind(id.to_string())
            .execute(&mut *self.tx)
            .await
            .map_err(StoreError::db("remove days away"))?;
        Ok(done.rows_affected() > 0)
    }

    async fn set_not_now(&mut self, hide: NotNow) -> Res<()> {
        driver::query(
            "INSERT INTO not_now (account_id, kind, until_day) VALUES ($1, $2, $3) \
             ON CONFLICT (account_id, kind) DO UPDATE SET until_day = excluded.until_day",
        )
        .bind(self.account)
        .bind(hide.kind.as_str())
        .bind(hide.until.to_string())
        .execute(&mut *self.tx)
        .await
        .map_err(StoreError::db("hide a suggestion"))?;
        Ok(())
    }

    async fn not_now(&mut self, today: Date) -> Res<Vec<NotNow>> {
        let rows: Vec<(String, String)> = driver::query_as(
            "SELECT kind, until_day FROM not_now WHERE account_id = $1 AND until_day >= $2 ORDER BY kind",
        )
        .bind(self.account)
        .bind(today.to_string())
        .fetch_all(&mut *self.tx)
        .await
        .map_err(StoreError::db("read hidden suggestions"))?;
        rows.into_iter().map(convert::not_now).collect()
    }
}

const CHECKIN_SELECT_DAY: &str = "SELECT id, local_date, at, at_offset, energy, mood, stress, capacity, \
     alone_minutes, alone_restored, affected_sleep, affected_eating, affected_mood, affected_motivation, note \
     FROM checkin WHERE account_id = $1 AND local_date = $2";
const CHECKIN_SELECT_SINCE: &str = "SELECT id, local_date, at, at_offset, energy, mood, stress, capacity, \
     alone_minutes, alone_restored, affected_sleep, affected_eating, affected_mood, affected_motivation, note \
     FROM checkin WHERE account_id = $1 AND local_date >= $2 ORDER BY local_date";

/// SQL for the day number (days since 1970-01-01) an interaction belongs to, when days begin
/// `param` seconds after local midnight: its local time moved back by the day start, divided
/// into days rounding down (written out, since `/` and `%` round toward zero on both backends).
fn day_number_sql(param: &str) -> String {
    let local = format!("(at + at_offset - {param})");
    format!("(({local} - ((({local} % 86400) + 86400) % 86400)) / 86400)")
}

/// The instants (seconds since 1970) between which every interaction of the days `since` to
/// `until` lies, whatever its UTC offset (offsets stay within ±26 hours): the start is
/// inclusive, the end exclusive. The exact day is then worked out per row.
fn day_bounds(since: Date, until: Date, start: DayStart) -> (i64, i64) {
    const DAY: i64 = 86_400;
    const MARGIN: i64 = 26 * 3600;
    let from = day_number(since).saturating_mul(DAY) + start.seconds() - MARGIN;
    let to = (day_number(until) + 1).saturating_mul(DAY) + start.seconds() + MARGIN;
    (from, to)
}
