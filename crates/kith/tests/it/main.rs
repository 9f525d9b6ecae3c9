//! The command line through its real entry point: the `kith` binary on a temporary
//! SQLite file, with "now" and the time zone fixed.

mod architecture;
mod away;
mod bad_input;
mod calendars;
mod capture;
mod doors;
mod durability;
mod faults;
mod fixing;
mod import;
mod insights;
mod ladder;
mod plans;
mod serve;
mod support;
mod transfer;
mod upgrade;
