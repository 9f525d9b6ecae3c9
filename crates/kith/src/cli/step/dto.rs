//! The `--json` shapes of the ladder live in `kith_app::dto` (docs/cli-json.md), shared with
//! the API; here is its terminal text.

use crate::json::Names;
use kith_core::PersonId;
use kith_core::ladder::{Ladder, PredictionReport};

pub use kith_app::dto::{Tried, is_open, ladder, prediction_report, step, thought, tried};

pub fn ladder_text(l: &Ladder, names: &Names) -> String {
    let mut out = String::new();
    for p in &l.steps {
        let marker = if p.is_next { "→" } else { " " };
        let with =
            p.step.person.and_then(|id| names.get(&id)).map(|n| format!(" (with {n})")).unwrap_or_default();
        let trail = if p.felt_anxiety.is_empty() {
            String::new()
        } else {
            format!(", anxiety {}", p.felt_anxiety.iter().map(i64::to_string).collect::<Vec<_>>().join(" → "))
        };
        let waiting = if p.open_attempt.is_some() { ", prediction waiting" } else { "" };
        out.push_str(&format!(
            "{marker} {}  {:>2}  {}{with}  [{}{trail}{waiting}]\n",
            p.step.id.short(),
            p.step.difficulty.get(),
            p.step.title,
            p.state.label()
        ));
    }
    out.push_str(&l.text);
    out
}

pub fn prediction_text(r: &PredictionReport, names: &Names) -> String {
    let mut out = r.text.clone();
    if r.let_go > 0 {
        out.push_str(&format!("\n{} let go for now, which is allowed.", r.let_go));
    }
    if r.plans.let_go > 0 {
        let plans = if r.plans.let_go == 1 { "plan" } else { "plans" };
        out.push_str(&format!(
            "\n{} {plans} with a prediction called off by you, which is allowed too.",
            r.plans.let_go
        ));
    }
    for f in &r.by_mode {
        let mode = kith_core::Mode::parse(&f.key).map_or(f.key.as_str(), |m| m.label());
        out.push_str(&format!("\n{mode}: pleasant feelings afterwards {} of {} times", f.pleasant, f.named));
    }
    for f in &r.by_person {
        let name =
            f.key.parse::<PersonId>().ok().and_then(|id| names.get(&id)).map_or("someone", String::as_str);
        out.push_str(&format!(
            "\nwith {name}: pleasant feelings afterwards {} of {} times",
            f.pleasant, f.named
        ));
    }
    out
}
