//! Small pieces of wording and formatting shared by the command line, the pages, the API
//! and the feed.

use kith_core::{Away, Person, PersonId, SignalKind, Window};
use std::collections::HashMap;

/// Names by id, for showing who took part.
pub type Names = HashMap<PersonId, String>;

pub fn names(people: &[Person]) -> Names {
    people.iter().map(|p| (p.id, p.name.to_string())).collect()
}

pub fn who(ids: &[PersonId], names: &Names) -> String {
    ids.iter()
        .map(|id| names.get(id).map_or("someone removed", String::as_str))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A heading for each kind of signal, in plain and kind words.
pub fn signal_title(kind: SignalKind) -> &'static str {
    match kind {
        SignalKind::LateCancellations => "More plans cancelled late",
        SignalKind::FewerMeaningfulContacts => "Fewer moments of real contact",
        SignalKind::UnansweredMessages => "Messages waiting for a reply",
        SignalKind::UnrestorativeAloneTime => "Time alone not restoring you",
        SignalKind::DrainingSocialTime => "Social time feeling draining",
        SignalKind::DroppedActivities => "Things you used to do have paused",
        SignalKind::StepsAbandoned => "Steps on your ladder set down more often",
    }
}

/// One window of evidence in words: "4 of 6 (67%) from 9 Nov to 22 Nov".
pub fn window_words(w: &Window) -> String {
    let range = format!("{} to {}", w.from.strftime("%-d %b"), w.to.strftime("%-d %b"));
    match (w.out_of, w.share) {
        (Some(out_of), Some(share)) => {
            format!("{} of {} ({:.0}%) from {range}", w.count, out_of, share * 100.0)
        }
        _ => format!("{} from {range} ({:.1} a week)", w.count, w.per_week),
    }
}

/// How much notice a cancellation gave.
pub fn notice_words(notice: jiff::SignedDuration) -> String {
    let minutes = notice.as_secs() / 60;
    match minutes {
        ..=-1 => "after the start".into(),
        0..=59 => format!("{minutes} minutes before the start"),
        60..=2879 => format!("{} hours before the start", minutes / 60),
        _ => format!("{} days before the start", minutes / 1440),
    }
}

/// A felt rating as words.
pub fn felt_words(felt: Option<i64>) -> &'static str {
    match felt {
        Some(2) => "energising",
        Some(1) => "good",
        Some(0) => "neutral",
        Some(-1) => "a bit draining",
        Some(-2) => "draining",
        _ => "",
    }
}

/// The days of a span away: "Sat 1 Aug – Wed 12 Aug", with the years when the span is not
/// all in the year of `today`.
pub fn away_dates(a: &Away, today: jiff::civil::Date) -> String {
    let form = if a.from.year() == today.year() && a.to.year() == today.year() {
        "%a %-d %b"
    } else {
        "%a %-d %b %Y"
    };
    if a.from == a.to {
        a.from.strftime(form).to_string()
    } else {
        format!("{} – {}", a.from.strftime(form), a.to.strftime(form))
    }
}

/// "1 day", "12 days".
pub fn days_words(days: i64) -> String {
    format!("{days} day{}", if days == 1 { "" } else { "s" })
}

/// What marking a span away does, in words: "marked 12 days away (Sat 1 Aug – Wed 12 Aug):
/// kith leaves these days out of signals, one a day and reach-out".
pub fn away_marked(a: &Away, today: jiff::civil::Date) -> String {
    format!(
        "marked {} away ({}): kith leaves these days out of signals, one a day and reach-out",
        days_words(a.days()),
        away_dates(a, today)
    )
}
