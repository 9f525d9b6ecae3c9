//! Plain-text views of the insights. Wording stays kind: the rules in kith-core write the
//! sentences; this module lays them out and adds the evidence in numbers.

use super::chart::chart;
use jiff::Zoned;
use kith_core::insights::signals::{Signal, SignalReport, Window};
use kith_core::settings::MapSettings;
use kith_core::{ConnectionMap, ConnectionScore, Quadrant, Report, SupportCard, Today};
use std::fmt::Write as _;

/// The greeting on a first run: what kith is, and three first steps as commands.
pub fn welcome() -> String {
    "Welcome to kith\n\
     \x20 kith helps you keep up with the people who matter to you and notice, early and\n\
     \x20 kindly, when you start to drift apart. Everything stays private, on this computer.\n\
     \x20 kith shows signals from your own records; it never diagnoses.\n\
     \n\
     \x20 Three small steps to begin:\n\
     \x20 1. Add a few people:            kith person add NAME\n\
     \x20 2. Or import your contacts:     kith import vcf FILE\n\
     \x20 3. Then log a first connection: kith log NAME --mode call\n\
     \n\
     \x20 To look around first with a generated year of made-up people: kith demo\n\n"
        .to_owned()
}

pub fn today(t: &Today, now: &Zoned) -> String {
    let mut out = format!("{}\n\n", now.strftime("%A %-d %B %Y"));
    section(&mut out, "One a day", &[t.one_a_day.text.as_str()]);
    let reach: Vec<String> =
        t.reach_out.iter().map(|r| format!("{}: {} Fits today: {}.", r.name, r.why, r.mode_text)).collect();
    if reach.is_empty() {
        section(&mut out, "Reach out", &["No one is waiting on you today."]);
    } else {
        section(&mut out, "Reach out today", &reach);
    }
    if !t.suggestions.is_empty() {
        let ideas: Vec<String> = t
            .suggestions
            .iter()
            .map(|s| format!("{} {}\n    Not now: kith today --not-now {}", s.text, s.why, s.kind))
            .collect();
        section(&mut out, "Ideas for today", &ideas);
    }
    if !t.plans.is_empty() {
        let plans: Vec<String> = t
            .plans
            .iter()
            .map(|p| {
                format!(
                    "{}  {} with {}  ({})",
                    p.plan.start.local().strftime("%H:%M"),
                    p.plan.mode.label(),
                    p.plan.people.join(", "),
                    p.outcome.label()
                )
            })
            .collect();
        section(&mut out, "Plans today", &plans);
    }
    section(&mut out, "Capacity", &[t.capacity.text.as_str()]);
    if let Some(l) = &t.lapse {
        let mark = format!("If you were away: kith away add --from {} --to {}", l.from, l.to);
        section(&mut out, "A quiet stretch", &[l.text.as_str(), mark.as_str()]);
    }
    let mut signals: Vec<String> = t.signals.iter().map(|s| s.text.clone()).collect();
    if !t.enough_history {
        signals = vec![
            "Not enough history yet to compare with your usual weeks; keep logging and kith will.".into(),
        ];
    } else if signals.is_empty() {
        signals = vec!["Nothing stands out against your usual weeks.".into()];
    } else {
        signals.push("`kith signals` shows the evidence.".into());
    }
    section(&mut out, "Signals", &signals);
    if let Some(card) = &t.support {
        support(&mut out, card);
    }
    out
}

pub fn map(map: &ConnectionMap, settings: &MapSettings) -> String {
    let mut out = format!("Your connection map over the last {} days\n\n", map.window_days);
    out.push_str(&chart(&map.people, settings));
    for quadrant in [
        Quadrant::EnergisingFrequent,
        Quadrant::EnergisingRare,
        Quadrant::DrainingFrequent,
        Quadrant::DrainingRare,
    ] {
        let here: Vec<_> = map.people.iter().filter(|p| p.quadrant == Some(quadrant)).collect();
        if here.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{}", quadrant.label());
        for p in here {
            let energy = p.energy.map(|e| format!("{e:+.1}")).unwrap_or_default();
            let _ =
                writeln!(out, "  {:<16} {energy:>5}  {:>4.1} a month  {}", p.name, p.per_month, p.suggestion);
        }
    }
    let unsure: Vec<&str> =
        map.people.iter().filter(|p| p.quadrant.is_none()).map(|p| p.name.as_str()).collect();
    if !unsure.is_empty() {
        let _ =
            writeln!(out, "\nNot enough to say yet (too few rated times together)\n  {}", unsure.join(", "));
    }
    out
}

pub fn score(s: &ConnectionScore) -> String {
    let mut out = format!("{}\n\n", s.text);
    let most = s.weeks.iter().map(|w| w.score).fold(1.0, f64::max);
    for w in &s.weeks {
        let bar = "█".repeat(((w.score / most) * 40.0).round() as usize);
        let _ = writeln!(out, "  week of {}  {:>6.1}  {bar}", w.week_start.strftime("%e %b"), w.score);
    }
    out
}

pub fn signals(r: &SignalReport) -> String {
    let mut out = String::new();
    if !r.enough_history || r.signals.is_empty() {
        let _ = writeln!(out, "{}", r.text);
    } else {
        let _ = writeln!(out, "{}\n", r.text);
        for s in &r.signals {
            signal(&mut out, s);
        }
        out.push_str(
            "A signal is a change against your own usual weeks, not a verdict. You know the reasons best.\n",
        );
    }
    if let Some(card) = &r.support {
        out.push('\n');
        support(&mut out, card);
    }
    out
}

fn signal(out: &mut String, s: &Signal) {
    let e = &s.evidence;
    let _ = writeln!(out, "{} (since {})", s.text, s.since.strftime("%a %-d %b"));
    let _ = writeln!(out, "  recent:    {}", window(&e.recent));
    let _ = writeln!(out, "  usual:     {}", window(&e.baseline));
    if !e.dates.is_empty() {
        let dates: Vec<String> = e.dates.iter().map(|d| d.strftime("%-d %b").to_string()).collect();
        let _ = writeln!(out, "  dates:     {}", dates.join(", "));
    }
    if !e.tags.is_empty() {
        let _ = writeln!(
            out,
            "  activities: {}",
            e.tags.iter().map(|t| format!("#{t}")).collect::<Vec<_>>().join(" ")
        );
    }
    if !e.plan_ids.is_empty() {
        let ids: Vec<String> = e.plan_ids.iter().map(|p| p.short()).collect();
        let _ = writeln!(out, "  plans:     {}", ids.join(", "));
    }
    out.push('\n');
}

fn window(w: &Window) -> String {
    let span = format!("{} to {}", w.from.strftime("%-d %b"), w.to.strftime("%-d %b"));
    match (w.out_of, w.share) {
        (Some(n), Some(share)) => format!("{} of {n} ({:.0}%), {span}", w.count, share * 100.0),
        _ => format!("{} in {} days ({:.1} a week), {span}", w.count, w.days, w.per_week),
    }
}

pub fn report(r: &Report) -> String {
    let period = match r.period {
        kith_core::Period::Week => "week",
        kith_core::Period::Month => "month",
    };
    let (c, p) = (&r.current, &r.previous);
    let mut out =
        format!("Your {period}: {} to {}\n\n", c.from.strftime("%-d %b"), c.to.strftime("%-d %b %Y"));
    for line in &r.text {
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out, "\n{:<28} {:>12} {:>12}", "", "this", "before");
    let rows: [(&str, String, String); 10] = [
        ("times together", c.interactions.to_string(), p.interactions.to_string()),
        ("meaningful", c.meaningful.to_string(), p.meaningful.to_string()),
        ("hours together", hours(c.minutes), hours(p.minutes)),
        ("people seen", c.people_seen.to_string(), p.people_seen.to_string()),
        ("connection score", format!("{:.1}", c.score), format!("{:.1}", p.score)),
        (
            "days with a connection",
            format!("{} of {}", c.connected_days, c.days),
            format!("{} of {}", p.connected_days, p.days),
        ),
        ("plans kept", c.plans_kept.to_string(), p.plans_kept.to_string()),
        ("cancelled by me", c.plans_cancelled_by_me.to_string(), p.plans_cancelled_by_me.to_string()),
        ("of those, at the last minute", c.late_cancellations.to_string(), p.late_cancellations.to_string()),
        ("missed", c.plans_missed.to_string(), p.plans_missed.to_string()),
    ];
    for (label, now, before) in rows {
        let _ = writeln!(out, "{label:<28} {now:>12} {before:>12}");
    }
    let (b, pb) = (&c.balance, &p.balance);
    let _ = writeln!(out, "\nBalance");
    let pairs = [
        (
            "in person and calls",
            hours(b.offline_minutes),
            b.offline_count,
            hours(pb.offline_minutes),
            pb.offline_count,
        ),
        (
            "messages and social media",
            hours(b.online_minutes),
            b.online_count,
            hours(pb.online_minutes),
            pb.online_count,
        ),
        (
            "energising",
            hours(b.energising_minutes),
            b.energising_count,
            hours(pb.energising_minutes),
            pb.energising_count,
        ),
        (
            "draining",
            hours(b.draining_minutes),
            b.draining_count,
            hours(pb.draining_minutes),
            pb.draining_count,
        ),
    ];
    for (label, h, n, ph, pn) in pairs {
        let _ =
            writeln!(out, "  {label:<26} {:>12} {:>12}", format!("{h} h ({n})"), format!("{ph} h ({pn})"));
    }
    let _ = writeln!(out, "  {:<26} {:>12} {:>12}", "giving support", b.giving, pb.giving);
    let _ = writeln!(out, "  {:<26} {:>12} {:>12}", "getting support", b.getting, pb.getting);
    out.push('\n');
    let mut links = vec![r.mood_links.text.clone()];
    links.extend(r.mood_links.links.iter().map(|l| l.text.clone()));
    section(&mut out, "Mood links", &links);
    out.push_str(&signals(&r.signals));
    out
}

fn hours(minutes: u32) -> String {
    format!("{:.1}", f64::from(minutes) / 60.0)
}

fn section<S: AsRef<str>>(out: &mut String, title: &str, lines: &[S]) {
    let _ = writeln!(out, "{title}");
    for line in lines {
        let _ = writeln!(out, "  {}", line.as_ref());
    }
    out.push('\n');
}

fn support(out: &mut String, card: &SupportCard) {
    let _ = writeln!(out, "A word about support");
    let _ = writeln!(out, "  {}", card.text);
    for reason in &card.reasons {
        let _ = writeln!(out, "  - {}", reason.text);
    }
    if card.contacts.is_empty() {
        let _ = writeln!(
            out,
            "  You can keep the people to call here: kith config support add \"NAME: how to reach\""
        );
    } else {
        for c in &card.contacts {
            match &c.reach {
                Some(reach) => {
                    let _ = writeln!(out, "  {}: {reach}", c.name);
                }
                None => {
                    let _ = writeln!(out, "  {}", c.name);
                }
            }
        }
    }
}
