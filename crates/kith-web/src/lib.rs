//! kith's web app: server-rendered pages that work on a phone, SVG charts drawn on the
//! server, a JSON API under `/api/v1` with its OpenAPI document, and an iCalendar feed.
//! Thin like the CLI: it parses input into kith-core types, calls the store and the core
//! rules, and renders the answer.

#![recursion_limit = "256"]

mod api;
mod app;
mod cache;
mod charts;
mod error;
mod feed;
mod fields;
mod observe;
mod pages;
mod pool;
mod security;
mod server;
pub mod upload;

pub use app::{AppState, Clock, Config};
pub use charts::{Bar, capacity_chart, felt_over_time, heat_map, quadrant_chart, score_trend, split_bar};
pub use error::AppError;
pub use kith_app::{dto, view};
pub use security::check_addr;
pub use server::{GRACE, Limits, router, serve, serve_on, serve_until, stop_signal};
