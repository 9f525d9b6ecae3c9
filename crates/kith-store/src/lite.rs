//! SQLite in the process's own thread, on rusqlite, behind the small part of sqlx's interface
//! that the queries use (`query`, `query_as`, `bind`, `execute`, `fetch_*`, a transaction
//! that rolls back when dropped). The queries in `queries.rs` are written once against that
//! interface and compiled twice: for PostgreSQL on sqlx, and for SQLite on this module.
//!
//! Every call finishes before it returns: the futures are ready at once, so a command on
//! SQLite runs each statement where it is, with no worker thread to hand rows across, and a
//! row is decoded straight from SQLite's buffers into the tuple the query asks for.

use rusqlite::types::{FromSql, ToSqlOutput, Value};
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

/// A statement and the values bound to it so far.
pub struct Query {
    sql: Sql,
    values: Vec<Value>,
    /// A value that could not be bound, reported when the statement runs.
    unbindable: Option<rusqlite::Error>,
}

/// A statement whose rows decode into `O`.
pub struct QueryAs<D, O> {
    query: Query,
    row: PhantomData<fn() -> (D, O)>,
}

/// A statement that writes (or whose rows are not read).
pub fn query(sql: impl Into<Sql>) -> Query {
    Query { sql: sql.into(), values: Vec::new(), unbindable: None }
}

/// A statement whose rows decode into `O`.
pub fn query_as<D, O: FromRow>(sql: impl Into<Sql>) -> QueryAs<D, O> {
    QueryAs { query: query(sql), row: PhantomData }
}

impl Query {
    /// Binds the next value: to `$N` for the N-th value bound, or to the next anonymous `?`.
    #[must_use]
    pub fn bind<T: rusqlite::ToSql>(mut self, value: T) -> Self {
        let owned = match value.to_sql() {
            Ok(ToSqlOutput::Borrowed(v)) => {
                Value::try_from(v).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
            }
            Ok(ToSqlOutput::Owned(v)) => Ok(v),
            Ok(_) => Err(rusqlite::Error::ToSqlConversionFailure("kith binds plain values only".into())),
            Err(e) => Err(e),
        };
        match owned {
            Ok(v) => self.values.push(v),
            Err(e) => {
                self.unbindable.get_or_insert(e);
                self.values.push(Value::Null);
            }
        }
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
        if let Some(e) = self.unbindable {
            return Err(e.into());
        }
        let mut statement = conn.prepare_cached(&self.sql.0)?;
        for index in 1..=statement.parameter_count() {
            // `$N` (or `?N`) takes the N-th value; an anonymous `?` the next one in order.
            let position = match statement.parameter_name(index) {
                None => index,
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

impl<D, O: FromRow> QueryAs<D, O> {
    /// Binds the next value (see [`Query::bind`]).
    #[must_use]
    pub fn bind<T: rusqlite::ToSql>(self, value: T) -> Self {
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
