//! kith: keep up the connections that matter to you, and notice early when you pull away.
//!
//! The binary only wires things together: it parses the command line, opens the store,
//! runs one command in one transaction, and renders the result.

mod cli;
mod context;
mod exit;
mod json;
mod logging;
mod resolve;

use clap::Parser;

fn main() -> std::process::ExitCode {
    let args = cli::Cli::parse();
    let env = std::env::var("KITH_LOG").ok();
    match logging::filter(args.verbose(), env.as_deref(), args.is_server()) {
        Ok(filter) => logging::init(filter),
        Err(bad) => return exit::report(&anyhow::Error::new(bad)),
    }
    // One thread keeps a single command quick to start; the server wants workers.
    let mut builder = if args.is_server() {
        tokio::runtime::Builder::new_multi_thread()
    } else {
        tokio::runtime::Builder::new_current_thread()
    };
    let runtime = match builder.enable_all().build() {
        Ok(rt) => rt,
        Err(e) => return exit::report(&anyhow::Error::new(e).context("could not start")),
    };
    match runtime.block_on(cli::run(args)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => exit::report(&e),
    }
}
