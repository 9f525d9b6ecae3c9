//! Exit codes and how errors are shown: 0 ok, 1 failure, 2 bad input or usage (anything
//! the person can fix by typing something else). Errors go to stderr as
//! `error: what failed` with the cause and a `hint:` line saying what to do.

use kith_core::Invalid;
use std::fmt;
use std::process::ExitCode;

/// Bad input the person can fix: exits 2.
#[derive(Debug)]
pub struct BadInput {
    pub message: String,
    pub hint: Option<String>,
}

impl BadInput {
    pub fn new(message: impl Into<String>) -> Self {
        Self { message: message.into(), hint: None }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for BadInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for BadInput {}

/// A failure (exit 1) with a hint saying what to do.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub hint: String,
}

impl Failure {
    pub fn new(message: impl Into<String>) -> Self {
        Self { message: message.into(), hint: String::new() }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = hint.into();
        self
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

/// What to do about a damaged database (docs/export.md "Restoring").
pub const DAMAGED_HINT: &str = "run `kith db check` to see what is wrong, then restore from an export into a new database: kith --db NEW.db import-json EXPORT.json (keep the damaged file until the restore is done)";

/// What to do once `kith db check` has found problems.
pub const RESTORE_HINT: &str = "restore from an export into a new database: kith --db NEW.db import-json EXPORT.json (keep the damaged file until the restore is done; a copy of it may still be read by `sqlite3 FILE .recover`)";

/// Turns an [`Invalid`] value into bad input that names the flag.
pub fn invalid(e: Invalid) -> anyhow::Error {
    let flag = e.field.replace('_', "-");
    anyhow::Error::new(
        BadInput::new(format!("invalid --{flag} {:?}", e.value)).hint(format!("expected {}", e.expected)),
    )
}

/// Prints the error chain and picks the exit code. A cause whose words are already shown
/// is left out, so a message is never repeated; a damaged database is said in one line.
pub fn report(err: &anyhow::Error) -> ExitCode {
    if is_broken_pipe(err) {
        return ExitCode::SUCCESS;
    }
    let bad = err.chain().find_map(|c| c.downcast_ref::<BadInput>());
    let invalid = err.chain().find_map(|c| c.downcast_ref::<Invalid>());
    let failure = err.chain().find_map(|c| c.downcast_ref::<Failure>());
    let damaged =
        err.chain().filter_map(|c| c.downcast_ref::<kith_store::StoreError>()).find(|e| e.is_damaged());
    let mut text = match (failure, damaged) {
        (None, Some(store)) => format!("error: {}", damaged_words(err, store)),
        _ => {
            let mut text = format!("error: {err}");
            for cause in err.chain().skip(1) {
                let said = cause.to_string();
                if !text.contains(&said) {
                    text.push_str(&format!(": {said}"));
                }
            }
            text
        }
    };
    if let Some(hint) = bad.and_then(|b| b.hint.as_ref()) {
        text.push_str(&format!("\nhint: {hint}"));
    } else if let Some(inv) = invalid {
        text.push_str(&format!("\nhint: expected {}", inv.expected));
    } else if let Some(f) = failure.filter(|f| !f.hint.is_empty()) {
        text.push_str(&format!("\nhint: {}", f.hint));
    } else if damaged.is_some() {
        text.push_str(&format!("\nhint: {DAMAGED_HINT}"));
    }
    eprintln!("{text}");
    if bad.is_some() || invalid.is_some() { ExitCode::from(2) } else { ExitCode::from(1) }
}

/// "could not open the database PATH: the file is damaged or is not a kith database
/// (SQLite says: ...)": the outermost context, which names the file, and SQLite's words once.
fn damaged_words(err: &anyhow::Error, store: &kith_store::StoreError) -> String {
    match (store.damage_detail(), err.to_string()) {
        (Some(detail), outer) if outer != store.to_string() => {
            format!("{outer}: the file is damaged or is not a kith database (SQLite says: {detail})")
        }
        (Some(detail), _) => {
            format!("the database file is damaged or is not a kith database (SQLite says: {detail})")
        }
        (None, _) => store.to_string(),
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|c| c.downcast_ref::<std::io::Error>())
        .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}
