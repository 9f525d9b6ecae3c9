//! Where kith's log goes and how much of it: lines on stderr, so stdout stays the command's
//! answer. `-v` (info), `-vv` (debug) or `-vvv` (trace) set the level for every command;
//! without them `KITH_LOG` is read as a filter (`debug`, `warn,kith_web=debug`); without
//! either, warnings and errors only (sqlx's only errors), and for `kith serve` also one line
//! per request.

use crate::exit::BadInput;
use tracing_subscriber::EnvFilter;

/// The filter when neither `-v` nor `KITH_LOG` says otherwise. sqlx's notes on slow
/// statements are left out: a big import would print them between a command's answers.
fn default_filter(server: bool) -> &'static str {
    if server { "warn,sqlx=error,kith_web=info" } else { "warn,sqlx=error" }
}

/// The filter chosen by `-v` (counted), `KITH_LOG` (`env`) or the default.
///
/// # Errors
/// When `KITH_LOG` is not a filter, with a hint.
pub fn filter(verbose: u8, env: Option<&str>, server: bool) -> Result<EnvFilter, BadInput> {
    let (text, from_env) = match (verbose, env.map(str::trim).filter(|e| !e.is_empty())) {
        (1, _) => ("info", false),
        (2, _) => ("debug", false),
        (3.., _) => ("trace", false),
        (0, Some(env)) => (env, true),
        (0, None) => (default_filter(server), false),
    };
    EnvFilter::try_new(text).map_err(|e| {
        let what = if from_env { "KITH_LOG" } else { "the log level" };
        BadInput::new(format!("invalid {what} {text:?}: {e}"))
            .hint("use a level (error, warn, info, debug, trace), or targets with levels such as warn,kith_web=debug")
    })
}

/// Sends the log to stderr through `filter`.
pub fn init(filter: EnvFilter) {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .try_init();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_wins_over_the_variable_and_the_variable_over_the_default() {
        assert_eq!(filter(2, Some("error"), false).map(|f| f.to_string()).ok().as_deref(), Some("debug"));
        assert_eq!(filter(0, Some("error"), true).map(|f| f.to_string()).ok().as_deref(), Some("error"));
        let server = filter(0, None, true).map(|f| f.to_string()).unwrap_or_default();
        let mut directives: Vec<_> = server.split(',').collect();
        directives.sort_unstable();
        assert_eq!(directives, ["kith_web=info", "sqlx=error", "warn"]);
        let command = filter(0, Some("  "), false).map(|f| f.to_string()).unwrap_or_default();
        let mut directives: Vec<_> = command.split(',').collect();
        directives.sort_unstable();
        assert_eq!(directives, ["sqlx=error", "warn"]);
    }

    #[test]
    fn a_filter_that_does_not_parse_names_the_variable() {
        let e = filter(0, Some("kith_web=loud"), false).err().map(|e| e.message).unwrap_or_default();
        assert!(e.contains("KITH_LOG") && e.contains("kith_web=loud"), "{e}");
    }
}
