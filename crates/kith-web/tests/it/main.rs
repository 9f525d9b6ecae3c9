//! kith-web's integration tests: handlers through the router (no port), SVG chart
//! snapshots, the JSON API, the calendar feed, and end-to-end runs in a real Chromium.

mod api;
mod away;
mod browser;
mod charts;
mod faults;
mod import;
mod import_cases;
mod ladder;
mod limits;
mod pages;
mod predictions;
mod suggestions;
mod support;
