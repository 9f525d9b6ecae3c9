//! Today: a welcome on an empty database, one a day, who to reach out to, ideas for today, today's plans, signals with
//! their evidence, and the support card when it applies.

use super::flash::Flash;
use crate::app::AppState;
use crate::error::AppError;
use crate::view;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use kith_core::{Today, today_summary};

pub struct ReachView {
    pub id: String,
    pub name: String,
    pub why: String,
    pub mode: &'static str,
    pub mode_text: &'static str,
}

pub struct PlanView {
    pub time: String,
    pub who: String,
    pub mode: &'static str,
    pub outcome: &'static str,
}

pub struct SignalView {
    pub kind: &'static str,
    pub title: &'static str,
    pub text: String,
    pub recent: String,
    pub baseline: String,
    pub dates: String,
    pub extra: String,
}

/// A stretch with nothing logged, with what the "I was away" button sends.
pub struct LapseView {
    pub text: String,
    /// The first and last day, as YYYY-MM-DD for the form.
    pub from: String,
    pub to: String,
    /// The days in words, for the button: "Thu 12 Nov – Mon 23 Nov".
    pub dates: String,
}

pub struct SupportView {
    pub text: String,
    pub reasons: Vec<String>,
    pub contacts: Vec<(String, String)>,
}

/// The first steps, shown until there is at least one person and one interaction.
pub struct WelcomeView {
    /// Someone is in kith: added by hand or imported (the first two steps).
    pub has_people: bool,
    /// Anything at all has been logged or imported (the third step).
    pub has_logged: bool,
}

impl WelcomeView {
    /// The welcome for these records, or `None` once there are people and an interaction.
    /// `loaded` holds only a recent window of interactions, so an older one counts through
    /// the first interaction of all, which is read over the whole history.
    pub fn of(loaded: &kith_store::Loaded) -> Option<WelcomeView> {
        let has_people = !loaded.people.is_empty();
        let has_logged = !loaded.interactions.is_empty() || loaded.earlier.first_interaction.is_some();
        (!(has_people && has_logged)).then_some(WelcomeView { has_people, has_logged })
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "today.html")]
pub struct TodayPage {
    pub title: &'static str,
    pub nav: &'static str,
    pub flash: &'static str,
    /// The interaction just logged, which the thank-you offers to undo.
    pub undo: Option<String>,
    /// The day of the check-in just made, which the thank-you offers to undo.
    pub undo_checkin: Option<String>,
    /// The span of days away just marked, which the thank-you offers to undo.
    pub undo_away: Option<String>,
    pub welcome: Option<WelcomeView>,
    /// Whether today has a check-in; until it does, the quick check-in is offered.
    pub checked_in: bool,
    pub date: String,
    pub streak_text: String,
    pub streak_days: u32,
    pub last_28: String,
    pub reach: Vec<ReachView>,
    /// Today's suggestions, each with a "Not now" button.
    pub ideas: Vec<kith_core::Suggestion>,
    pub plans: Vec<PlanView>,
    pub capacity_text: String,
    pub capacity_over: bool,
    pub enough_history: bool,
    pub lapse: Option<LapseView>,
    pub signals: Vec<SignalView>,
    pub support: Option<SupportView>,
}

pub async fn page(State(state): State<AppState>, Query(flash): Query<Flash>) -> Result<TodayPage, AppError> {
    let now = state.now();
    let snapshot = state.snapshot().await?;
    let minute = now.strftime("%Y-%m-%dT%H:%M").to_string();
    let today = snapshot
        .memo("today", minute, || today_summary(&snapshot.loaded.history(), &snapshot.settings, &now));
    let checked_in = snapshot.loaded.checkins.iter().any(|c| c.date == today.date);
    // Offered only while the entry is there and was just logged.
    let undo = flash
        .undo
        .as_deref()
        .and_then(|id| id.parse::<kith_core::InteractionId>().ok())
        .filter(|id| snapshot.loaded.interactions.iter().any(|i| i.id == *id))
        .map(|id| id.to_string());
    let undo_checkin = flash
        .undo_checkin
        .as_deref()
        .and_then(|d| d.parse::<jiff::civil::Date>().ok())
        .filter(|d| {
            flash.saved.as_deref() == Some("checkin") && snapshot.loaded.checkins.iter().any(|c| c.date == *d)
        })
        .map(|d| d.to_string());
    Ok(TodayPage {
        welcome: WelcomeView::of(&snapshot.loaded),
        checked_in,
        undo,
        undo_checkin,
        undo_away: flash.away_to_undo(snapshot.loaded.away.iter().map(|a| a.id)),
        ..view_of(&today, flash.message())
    })
}

pub fn view_of(t: &Today, flash: &'static str) -> TodayPage {
    let rate = |r: &kith_core::DayRate| format!("{} of the last {} days", r.days, r.out_of);
    TodayPage {
        title: "Today",
        nav: "today",
        flash,
        undo: None,
        undo_checkin: None,
        undo_away: None,
        welcome: None,
        checked_in: true,
        date: t.date.strftime("%A %-d %B").to_string(),
        streak_text: t.one_a_day.text.clone(),
        streak_days: t.one_a_day.streak_days,
        last_28: rate(&t.one_a_day.last_28),
        reach: t
            .reach_out
            .iter()
            .map(|r| ReachView {
                id: r.person_id.to_string(),
                name: r.name.clone(),
                why: r.why.trim_end_matches('.').to_owned(),
                mode: r.mode.as_str(),
                mode_text: r.mode_text,
            })
            .collect(),
        ideas: t.suggestions.clone(),
        plans: t
            .plans
            .iter()
            .map(|p| PlanView {
                time: p.plan.start.local().strftime("%H:%M").to_string(),
                who: p.plan.people.join(", "),
                mode: p.plan.mode.label(),
                outcome: p.outcome.label(),
            })
            .collect(),
        capacity_text: t.capacity.text.clone(),
        capacity_over: t.capacity.over,
        enough_history: t.enough_history,
        lapse: t.lapse.as_ref().map(|l| LapseView {
            text: l.text.clone(),
            from: l.from.to_string(),
            to: l.to.to_string(),
            dates: if l.from == l.to {
                l.from.strftime("%a %-d %b").to_string()
            } else {
                format!("{} – {}", l.from.strftime("%a %-d %b"), l.to.strftime("%a %-d %b"))
            },
        }),
        signals: t.signals.iter().map(signal_view).collect(),
        support: t.support.as_ref().map(|s| SupportView {
            text: s.text.clone(),
            reasons: s.reasons.iter().map(|r| r.text.clone()).collect(),
            contacts: s
                .contacts
                .iter()
                .map(|c| (c.name.clone(), c.reach.clone().unwrap_or_default()))
                .collect(),
        }),
    }
}

pub fn signal_view(s: &kith_core::Signal) -> SignalView {
    let e = &s.evidence;
    SignalView {
        kind: s.kind.as_str(),
        title: view::signal_title(s.kind),
        text: s.text.clone(),
        recent: view::window_words(&e.recent),
        baseline: view::window_words(&e.baseline),
        dates: e.dates.iter().map(|d| d.strftime("%a %-d %b").to_string()).collect::<Vec<_>>().join(", "),
        extra: e.tags.join(", "),
    }
}
