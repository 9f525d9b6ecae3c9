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

/// Turns an [`Invalid`] value into bad input that names the flag.
pub fn invalid(e: Invalid) -> anyhow::Error {
    let flag = e.field.replace('_', "-");
    anyhow::Error::new(
        BadInput::new(format!("invalid --{flag} {:?}", e.value)).hint(format!("expected {}", e.expected)),
    )
}

/// Prints the error chain and picks the exit code.
pub fn report(err: &anyhow::Error) -> ExitCode {
    if is_broken_pipe(err) {
        return ExitCode::SUCCESS;
    }
    let bad = err.chain().find_map(|c| c.downcast_ref::<BadInput>());
    let invalid = err.chain().find_map(|c| c.downcast_ref::<Invalid>());
    let mut text = format!("error: {err}");
    for cause in err.chain().skip(1) {
        text.push_str(&format!(": {cause}"));
    }
    if let Some(hint) = bad.and_then(|b| b.hint.as_ref()) {
        text.push_str(&format!("\nhint: {hint}"));
    } else if let Some(inv) = invalid {
        text.push_str(&format!("\nhint: expected {}", inv.expected));
    }
    eprintln!("{text}");
    if bad.is_some() || invalid.is_some() { ExitCode::from(2) } else { ExitCode::from(1) }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|c| c.downcast_ref::<std::io::Error>())
        .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}
