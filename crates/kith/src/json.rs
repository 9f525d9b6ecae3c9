//! The `--json` shapes: a documented, stable contract (docs/cli-json.md), shared with the web
//! app's API so both speak the same JSON.

pub use kith_app::dto::{
    InteractionOut, Names, away, away_dates, away_marked, checkin, days_words, interaction, names, person,
    plan, plan_with,
};
