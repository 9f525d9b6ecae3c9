//! SQLite in the process's own thread, on rusqlite, behind the small part of sqlx's interface
//! that the queries use (`query`, `query_as`, `bind`, `execute`, `fetch_*`, a transaction
//! that rolls back when dropped). The queries in `queries.rs` are written once against that
//! interface and compiled twice: for PostgreSQL on sqlx, and for SQLite on this module.
//!
//! Every call finishes before it returns: the futures are ready at once, so a command on
//! SQLite runs each statement where it is, with no worker thread to hand rows across, and a
//! row is decoded straight from SQLite's buffers into the tuple the query asks for.

use rusqlite::types::{FromSql, ToSqlOutput, ValueRef};
use std::borrow::Cow;
use std::future::{Ready, ready};
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};

/// The backend these queries are compiled for.
pub struct Sqlite;

/// Names the connection type of a backend, as sqlx's trait of the same name does.
pub trait Database {
    type Connection;
}

impl Database for Sqlite {
    type Connection = rusqlite::Connection;
}

/// What runs statements, naming its backend so that `query_as(...)` needs no annotation.
pub trait Executor {
    type Database;
    fn connection(&self) -> &rusqlite::Connection;
}

impl Executor for rusqlite::Connection {
    type Database = Sqlite;
    fn connection(&self) -> &rusqlite::Connection {
        self
    }
}

/// SQL text built at run time (a batch insert's placeholders), as in sqlx.
pub struct AssertSqlSafe<T>(pub T);

/// SQL text: written in the source, or built at run time.
pub struct Sql(Cow<'static, str>);

impl From<&'static str> for Sql {
    fn from(sql: &'static str) -> Self {
        Sql(Cow::Borrowed(sql))
    }
}

impl From<AssertSqlSafe<String>> for Sql {
    fn from(sql: AssertSqlSafe<String>) -> Self {
        Sql(Cow::Owned(sql.0))
    }
}

/// A failed statement.
#[derive(Debug)]
pub enum Error {
    /// SQLite refused or failed the statement: its result code and words.
    Database(Failure),
    /// A value did not fit (a column of another type, too few parameters bound).
    Other(rusqlite::Error),
}

/// An error SQLite itself reported.
#[derive(Debug)]
pub struct Failure(rusqlite::Error);

impl Failure {
    /// SQLite's extended result code.
    pub fn code(&self) -> i32 {
        match &self.0 {
            rusqlite::Error::SqliteFailure(e, _) => e.extended_code,
            _ => 0,
        }
    }

    /// SQLite's own words.
    pub fn message(&self) -> String {
        match &self.0 {
            rusqlite::Error::SqliteFailure(_, Some(message)) => message.clone(),
            other => other.to_string(),
        }
    }

    /// A row whose key or unique column is taken.
    pub fn is_unique_violation(&self) -> bool {
        matches!(
            self.code(),
            rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE | rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
        )
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        match e {
            rusqlite::Error::SqliteFailure(..) => Error::Database(Failure(e)),
            other => Error::Other(other),
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Database(Failure(e)) | Error::Other(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Database(Failure(e)) | Error::Other(e) => Some(e),
        }
    }
}

type Res<T> = Result<T, Error>;

/// What a statement that writes reports.
#[derive(Debug)]
pub struct Done(u64);

impl Done {
    /// How many rows the statement inserted, changed or deleted.
    pub fn rows_affected(&self) -> u64 {
        self.0
    }
}

/// Decodes one row into a value, column by column.
pub trait FromRow: Sized {
    /// # Errors
    /// When a column is missing or holds a value of another type.
    fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Self>;
}

macro_rules! tuple_from_row {
    ($($t:ident $i:tt),+) => {
        impl<$($t: FromSql),+> FromRow for ($($t,)+) {
            fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
                Ok(($(row.get::<_, $t>($i)?,)+))
            }
        }
    };
}

tuple_from_row!(A 0);
tuple_from_row!(A 0, B 1);
tuple_from_row!(A 0, B 1, C 2);
tuple_from_row!(A 0, B 1, C 2, D 3);
tuple_from_row!(A 0, B 1, C 2, D 3, E 4);
tuple_from_row!(A 0, B 1, C 2, D 3, E 4, F 5);
tuple_from_row!(A 0, B 1, C 2, D 3, E 4, F 5, G 6);
tuple_from_row!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
tuple_from_row!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8);
tuple_from_row!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9);
tuple_from_row!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10);
tuple_from_row!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11);
tuple_from_row!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11, M 12);
tuple_from_row!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11, M 12, N 13);
tuple_from_row!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11, M 12, N 13, O 14);
tuple_from_row!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11, M 12, N 13, O 14, P 15);

/// A value bound to a statement: borrowed when the caller lends it, moved when it gives it,
/// never copied on the way to SQLite.
pub enum Arg<'q> {
    Null,
    Int(i64),
    Real(f64),
    Text(Cow<'q, str>),
    Blob(Cow<'q, [u8]>),
}

impl rusqlite::ToSql for Arg<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self {
            Arg::Null => ValueRef::Null,
            Arg::Int(i) => ValueRef::Integer(*i),
            Arg::Real(r) => ValueRef::Real(*r),
            Arg::Text(t) => ValueRef::Text(t.as_bytes()),
            Arg::Blob(b) => ValueRef::Blob(b),
        }))
    }
}

/// What can be bound to a statement.
pub trait Bind<'q> {
    fn arg(self) -> Arg<'q>;
}

impl<'q> Bind<'q> for &'q str {
    fn arg(self) -> Arg<'q> {
        Arg::Text(Cow::Borrowed(self))
    }
}

impl<'q> Bind<'q> for &'q String {
    fn arg(self) -> Arg<'q> {
        Arg::Text(Cow::Borrowed(self))
    }
}

impl<'q> Bind<'q> for String {
    fn arg(self) -> Arg<'q> {
        Arg::Text(Cow::Owned(self))
    }
}

impl<'q> Bind<'q> for Vec<u8> {
    fn arg(self) -> Arg<'q> {
        Arg::Blob(Cow::Owned(self))
    }
}

impl<'q> Bind<'q> for &'q [u8] {
    fn arg(self) -> Arg<'q> {
        Arg::Blob(Cow::Borrowed(self))
    }
}

impl<'q> Bind<'q> for bool {
    fn arg(self) -> Arg<'q> {
        Arg::Int(i64::from(self))
    }
}

impl<'q> Bind<'q> for f64 {
    fn arg(self) -> Arg<'q> {
        Arg::Real(self)
    }
}

macro_rules! bind_integer {
    ($($t:ty),+) => {$(
        impl<'q> Bind<'q> for $t {
            fn arg(self) -> Arg<'q> {
                Arg::Int(i64::from(self))
            }
        }
        impl<'q> Bind<'q> for &'q $t {
            fn arg(self) -> Arg<'q> {
                Arg::Int(i64::from(*self))
            }
        }
    )+};
}

bind_integer!(i64, i32, u32, i16, u16, i8, u8);

impl<'q, T: Bind<'q>> Bind<'q> for Option<T> {
    fn arg(self) -> Arg<'q> {
        self.map_or(Arg::Null, Bind::arg)
    }
}

/// A statement and the values bound to it so far.
pub struct Query<'q> {
    sql: Sql,
    values: Vec<Arg<'q>>,
}

/// A statement whose rows decode into `O`.
pub struct QueryAs<'q, D, O> {
    query: Query<'q>,
    row: PhantomData<fn() -> (D, O)>,
}

/// A statement that writes (or whose rows are not read).
pub fn query<'q>(sql: impl Into<Sql>) -> Query<'q> {
    Query { sql: sql.into(), values: Vec::new() }
}

/// A statement whose rows decode into `O`.
pub fn query_as<'q, D, O: FromRow>(sql: impl Into<Sql>) -> QueryAs<'q, D, O> {
    QueryAs { query: query(sql), row: PhantomData }
}

impl<'q> Query<'q> {
    /// Binds the next value: to `$N` for the N-th value bound, or to the next anonymous `?`.
    #[must_use]
    pub fn bind(mut self, value: impl Bind<'q>) -> Self {
        self.values.push(value.arg());
        self
    }

    /// Runs the statement (stepping through any rows it answers with).
    ///
    /// # Errors
    /// When SQLite refuses the statement or a value.
    pub fn execute<C: Executor<Database = Sqlite>>(self, conn: &mut C) -> Ready<Res<Done>> {
        let conn = conn.connection();
        ready(
            self.run(conn, |rows| {
                while rows.next()?.is_some() {}
                Ok(())
            })
            .map(|()| Done(conn.changes())),
        )
    }

    /// Prepares the statement (kept in the connection's cache), binds the values and hands
    /// the rows to `read`.
    fn run<T>(
        self,
        conn: &rusqlite::Connection,
        read: impl FnOnce(&mut rusqlite::Rows<'_>) -> rusqlite::Result<T>,
    ) -> Res<T> {
        let mut statement = conn.prepare_cached(&self.sql.0)?;
        let mut anonymous: usize = 0;
        for index in 1..=statement.parameter_count() {
            // `$N` (or `?N`) takes the N-th value; an anonymous `?` the next one in order,
            // counted among the anonymous ones only, as sqlx counts them.
            let position = match statement.parameter_name(index) {
                None => {
                    anonymous += 1;
                    anonymous
                }
                Some(name) => name
                    .get(1..)
                    .and_then(|n| n.parse().ok())
                    .ok_or_else(|| rusqlite::Error::InvalidParameterName(name.to_owned()))?,
            };
            let value = self
                .values
                .get(position.wrapping_sub(1))
                .ok_or(rusqlite::Error::InvalidParameterCount(position, self.values.len()))?;
            statement.raw_bind_parameter(index, value)?;
        }
        let mut rows = statement.raw_query();
        Ok(read(&mut rows)?)
    }
}

impl<'q, D, O: FromRow> QueryAs<'q, D, O> {
    /// Binds the next value (see [`Query::bind`]).
    #[must_use]
    pub fn bind(self, value: impl Bind<'q>) -> Self {
        QueryAs { query: self.query.bind(value), row: PhantomData }
    }

    /// Every row.
    ///
    /// # Errors
    /// When SQLite refuses the statement or a row does not decode.
    pub fn fetch_all<C: Executor<Database = D>>(self, conn: &mut C) -> Ready<Res<Vec<O>>> {
        ready(self.query.run(conn.connection(), |rows| {
            let mut all = Vec::new();
            while let Some(row) = rows.next()? {
                all.push(O::from_row(row)?);
            }
            Ok(all)
        }))
    }

    /// The first row, if any.
    ///
    /// # Errors
    /// As [`QueryAs::fetch_all`].
    pub fn fetch_optional<C: Executor<Database = D>>(self, conn: &mut C) -> Ready<Res<Option<O>>> {
        ready(self.query.run(conn.connection(), |rows| rows.next()?.map(O::from_row).transpose()))
    }

    /// The first row, which must be there.
    ///
    /// # Errors
    /// As [`QueryAs::fetch_all`], and when there is no row.
    pub fn fetch_one<C: Executor<Database = D>>(self, conn: &mut C) -> Ready<Res<O>> {
        ready(self.query.run(conn.connection(), |rows| {
            rows.next()?.map(O::from_row).unwrap_or(Err(rusqlite::Error::QueryReturnedNoRows))
        }))
    }
}

/// Beginning a transaction, as sqlx's trait of the same name does.
pub trait Connection {
    /// Runs `statement` (`BEGIN` or `BEGIN IMMEDIATE`) and hands back the transaction.
    ///
    /// # Errors
    /// When SQLite refuses to begin (for a writer: another held the lock past the busy
    /// timeout).
    fn begin_with(&mut self, statement: &'static str) -> Ready<Res<Transaction<'_, Sqlite>>>;
}

impl Connection for rusqlite::Connection {
    fn begin_with(&mut self, statement: &'static str) -> Ready<Res<Transaction<'_, Sqlite>>> {
        ready(match self.execute_batch(statement) {
            Ok(()) => Ok(Transaction { conn: self, open: true, backend: PhantomData }),
            Err(e) => Err(e.into()),
        })
    }
}

/// An open transaction; dropped without [`Transaction::commit`], it rolls back.
pub struct Transaction<'c, D> {
    conn: &'c mut rusqlite::Connection,
    open: bool,
    backend: PhantomData<D>,
}

impl<D> Transaction<'_, D> {
    /// Commits; when the commit fails, dropping the transaction rolls it back.
    ///
    /// # Errors
    /// When SQLite cannot commit (then nothing was written).
    pub fn commit(mut self) -> Ready<Res<()>> {
        let done = self.conn.execute_batch("COMMIT");
        self.open = done.is_err();
        ready(done.map_err(Error::from))
    }
}

impl<D> Drop for Transaction<'_, D> {
    fn drop(&mut self) {
        // Not after an error that ended the transaction already: SQLite then has none open.
        if self.open && !self.conn.is_autocommit() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}

impl<D> Deref for Transaction<'_, D> {
    type Target = rusqlite::Connection;
    fn deref(&self) -> &rusqlite::Connection {
        self.conn
    }
}

impl<D> DerefMut for Transaction<'_, D> {
    fn deref_mut(&mut self) -> &mut rusqlite::Connection {
        self.conn
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> rusqlite::Connection {
        let conn = rusqlite::Connection::open_in_memory().expect("memory");
        conn.execute_batch("CREATE TABLE t (k TEXT PRIMARY KEY, n INTEGER, b BLOB)").expect("table");
        conn
    }

    fn run<T>(ready: Ready<T>) -> T {
        ready.into_inner()
    }

    #[test]
    fn numbered_placeholders_take_their_value_wherever_and_however_often_they_appear() {
        let mut conn = table();
        let sql = "INSERT INTO t (n, k) VALUES ($2, $1 || '-' || $1)";
        run(query(sql).bind("a").bind(7).execute(&mut conn)).expect("insert");
        let row: (String, i64) =
            run(query_as::<Sqlite, _>("SELECT k, n FROM t").fetch_one(&mut conn)).expect("row");
        assert_eq!(row, ("a-a".to_owned(), 7));
        // An anonymous `?` beside them counts among the anonymous ones only.
        let (mixed,): (String,) =
            run(query_as::<Sqlite, _>("SELECT $2 || ?").bind("x").bind("y").fetch_one(&mut conn))
                .expect("row");
        assert_eq!(mixed, "yx");
    }

    #[test]
    fn anonymous_placeholders_bind_in_order_and_a_missing_value_is_an_error() {
        let mut conn = table();
        let done = run(query(AssertSqlSafe("INSERT INTO t (k, n) VALUES (?, ?), (?, ?)".to_owned()))
            .bind("x")
            .bind(1)
            .bind(String::from("y"))
            .bind(Some(2_i64))
            .execute(&mut conn))
        .expect("insert");
        assert_eq!(done.rows_affected(), 2);
        let rows: Vec<(String, Option<i64>)> =
            run(query_as::<Sqlite, _>("SELECT k, n FROM t ORDER BY k").fetch_all(&mut conn)).expect("rows");
        assert_eq!(rows, [("x".to_owned(), Some(1)), ("y".to_owned(), Some(2))]);
        let short = run(query("INSERT INTO t (k, n) VALUES (?, ?)").bind("z").execute(&mut conn));
        assert!(
            matches!(short, Err(Error::Other(rusqlite::Error::InvalidParameterCount(2, 1)))),
            "{short:?}"
        );
    }

    #[test]
    fn a_taken_key_is_told_apart_and_a_missing_row_is_none() {
        let mut conn = table();
        run(query("INSERT INTO t (k) VALUES ($1)").bind("k").execute(&mut conn)).expect("first");
        match run(query("INSERT INTO t (k) VALUES ($1)").bind("k").execute(&mut conn)) {
            Err(Error::Database(e)) => assert!(e.is_unique_violation(), "{}", e.message()),
            other => panic!("expected a unique violation, got {:?}", other.map(|d| d.rows_affected())),
        }
        let none: Option<(String,)> = run(query_as::<Sqlite, _>("SELECT k FROM t WHERE k = $1")
            .bind("nobody")
            .fetch_optional(&mut conn))
        .expect("read");
        assert!(none.is_none());
        assert!(
            run(query_as::<Sqlite, (String,)>("SELECT k FROM t WHERE k = 'nobody'").fetch_one(&mut conn))
                .is_err()
        );
    }

    #[test]
    fn a_transaction_dropped_without_commit_writes_nothing_and_a_committed_one_stays() {
        let mut conn = table();
        {
            let mut tx = run(conn.begin_with("BEGIN IMMEDIATE")).expect("begin");
            run(query("INSERT INTO t (k) VALUES ('dropped')").execute(&mut *tx)).expect("insert");
        }
        assert!(conn.is_autocommit(), "the dropped transaction was rolled back");
        let mut tx = run(conn.begin_with("BEGIN")).expect("begin");
        run(query("INSERT INTO t (k, b) VALUES ('kept', $1)").bind(vec![1_u8, 2]).execute(&mut *tx))
            .expect("insert");
        run(tx.commit()).expect("commit");
        let rows: Vec<(String, Option<Vec<u8>>)> =
            run(query_as::<Sqlite, _>("SELECT k, b FROM t").fetch_all(&mut conn)).expect("rows");
        assert_eq!(rows, [("kept".to_owned(), Some(vec![1, 2]))]);
    }
}
