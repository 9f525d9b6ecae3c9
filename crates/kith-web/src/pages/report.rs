//! The week or month in review, against the one before, with charts drawn on the server:
//! the score trend, a one-a-day calendar, online against offline, energising against
//! draining, and social battery against planned load.

use crate::app::AppState;
use crate::cache::Snapshot;
use crate::charts::{self, Bar};
use crate::error::AppError;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use jiff::Zoned;
use jiff::civil::Date;
use kith_core::insights::capacity::plan_load;
use kith_core::*;
use std::collections::HashMap;

#[derive(Debug, Default, serde::Deserialize)]
pub struct ReportQuery {
    pub period: Option<String>,
}

pub struct Stat {
    pub label: String,
    pub now: String,
    pub before: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "report.html")]
pub struct ReportPage {
    pub title: &'static str,
    pub nav: &'static str,
    pub month: bool,
    pub range: String,
    pub summary: Vec<String>,
    pub stats: Vec<Stat>,
    pub score_chart: String,
    /// The days the report covers, for the score chart's caption.
    pub days: u32,
    pub heat_chart: String,
    pub online_chart: String,
    pub online_words: (String, String),
    pub feeling_chart: String,
    pub feeling_words: (String, String),
    pub capacity_chart: String,
    /// "Giving support once, getting it 3 times."
    pub support_words: String,
    /// Which people, modes and activities went with a better next day.
    pub mood_links: kith_core::MoodLinks,
    pub signals: Vec<super::today::SignalView>,
}

/// The charts' inputs: meaningful contacts per day, battery and load per day.
pub struct Days {
    pub contacts: Vec<(Date, u32)>,
    pub capacity: Vec<(Date, Option<i64>, f64)>,
}

pub fn days(snapshot: &Snapshot, from: Date, to: Date) -> Days {
    let mut contacts: HashMap<Date, u32> = HashMap::new();
    for i in snapshot.loaded.interactions.iter().filter(|i| i.meaningful) {
        let d = i.at.local_date();
        if d >= from && d <= to {
            *contacts.entry(d).or_default() += 1;
        }
    }
    let battery: HashMap<Date, i64> = snapshot
        .loaded
        .checkins
        .iter()
        .filter(|c| c.date >= from && c.date <= to)
        .map(|c| (c.date, c.capacity.get()))
        .collect();
    let mut load: HashMap<Date, f64> = HashMap::new();
    for p in &snapshot.loaded.plans {
        let d = p.start.local_date();
        if d >= from && d <= to && matches!(p.outcome, Outcome::Pending | Outcome::Attended) {
            *load.entry(d).or_default() += plan_load(p, &snapshot.settings.capacity);
        }
    }
    let mut out = Days { contacts: Vec::new(), capacity: Vec::new() };
    let mut d = from;
    while d <= to {
        out.contacts.push((d, contacts.get(&d).copied().unwrap_or(0)));
        out.capacity.push((d, battery.get(&d).copied(), load.get(&d).copied().unwrap_or(0.0)));
        match d.tomorrow() {
            Ok(next) => d = next,
            Err(_) => break,
        }
    }
    out
}

pub fn compute(snapshot: &Snapshot, period: Period, now: &Zoned) -> (Report, ConnectionScore) {
    let history = snapshot.loaded.history();
    (
        report(&history, &snapshot.settings, period, now),
        connection_score(&history, &snapshot.settings.score, now),
    )
}

pub async fn page(
    State(state): State<AppState>,
    Query(q): Query<ReportQuery>,
) -> Result<axum::response::Html<String>, AppError> {
    let now = state.now();
    let month = q.period.as_deref() == Some("month");
    let snapshot = state.snapshot().await?;
    let key = format!("report|{}|{}", if month { "m" } else { "w" }, now.strftime("%Y-%m-%dT%H:%M"));
    snapshot.page(key, || Ok(report_page(&snapshot, month, &now)))
}

fn report_page(snapshot: &Snapshot, month: bool, now: &Zoned) -> ReportPage {
    let period = if month { Period::Month } else { Period::Week };
    let (r, score) = compute(snapshot, period, now);
    let (r, score) = (&r, &score);
    let (c, p) = (&r.current, &r.previous);
    // The calendar shows at least four weeks, so a week's report still shows a pattern.
    let cal_from = c.from.min(c.to.checked_sub(jiff::Span::new().days(27)).unwrap_or(c.from));
    let d = days(snapshot, cal_from, c.to);
    let cap = days(snapshot, c.from, c.to).capacity;
    let stat = |label: &str, a: String, b: String| Stat { label: label.to_owned(), now: a, before: b };
    let b = &c.balance;
    ReportPage {
        title: "Report",
        nav: "report",
        month,
        range: format!("{} to {}", c.from.strftime("%-d %b"), c.to.strftime("%-d %b %Y")),
        summary: r.text.clone(),
        stats: vec![
            stat("Times together", c.interactions.to_string(), p.interactions.to_string()),
            stat("Meaningful ones", c.meaningful.to_string(), p.meaningful.to_string()),
            stat(
                "Days with a connection",
                format!("{} of {}", c.connected_days, c.days),
                format!("{} of {}", p.connected_days, p.days),
            ),
            stat("People seen", c.people_seen.to_string(), p.people_seen.to_string()),
            stat("Minutes", c.minutes.to_string(), p.minutes.to_string()),
            stat(
                &format!("Connection score, these {} days", c.days),
                format!("{:.0}", c.score),
                format!("{:.0}", p.score),
            ),
            stat("Plans kept", c.plans_kept.to_string(), p.plans_kept.to_string()),
            stat(
                "Plans I cancelled",
                c.plans_cancelled_by_me.to_string(),
                p.plans_cancelled_by_me.to_string(),
            ),
            stat(
                "…of them at the last minute",
                c.late_cancellations.to_string(),
                p.late_cancellations.to_string(),
            ),
            stat("Plans I missed", c.plans_missed.to_string(), p.plans_missed.to_string()),
        ],
        score_chart: charts::score_trend(&score.weeks),
        days: c.days,
        heat_chart: charts::heat_map(&d.contacts),
        online_chart: charts::split_bar(
            "online",
            "Offline against online, in times",
            &[
                Bar { label: "in person and calls".into(), value: b.offline_count, class: "offline" },
                Bar { label: "messages and social".into(), value: b.online_count, class: "online" },
            ],
        ),
        feeling_chart: charts::split_bar(
            "feeling",
            "Energising against draining, in minutes",
            &[
                Bar { label: "energising".into(), value: b.energising_minutes, class: "energising" },
                Bar { label: "draining".into(), value: b.draining_minutes, class: "draining" },
            ],
        ),
        online_words: (
            format!("In person and calls: {} times, {} min", b.offline_count, b.offline_minutes),
            format!("Messages and social media: {} times, {} min", b.online_count, b.online_minutes),
        ),
        feeling_words: (
            format!("Energising: {} times, {} min", b.energising_count, b.energising_minutes),
            format!("Draining: {} times, {} min", b.draining_count, b.draining_minutes),
        ),
        capacity_chart: charts::capacity_chart(&cap),
        support_words: format!(
            "Giving support {}, getting it {}.",
            kith_core::insights::times(b.giving),
            kith_core::insights::times(b.getting)
        ),
        mood_links: r.mood_links.clone(),
        signals: r.signals.signals.iter().map(super::today::signal_view).collect(),
    }
}
