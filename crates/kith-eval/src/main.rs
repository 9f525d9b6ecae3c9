//! `cargo run -p kith-eval --release`: generates a population of lives with kith-core's own
//! types, runs the real withdrawal rules on them day by day, and prints how often and how
//! soon withdrawal is caught, and how often steady lives are flagged. The table in
//! docs/insights.md comes from this command. `--check` exits 1 when a target is missed.
//!
//! Everything is seeded: the same arguments print the same table.

use jiff::civil::{Date, date};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Zoned};
use kith_core::insights::days::{date_of, day_number};
use kith_core::lives::{Life, Lived, Onset, live};
use kith_core::{History, Settings, signal_report};
use std::collections::{BTreeMap, BTreeSet};
use std::process::ExitCode;

/// Usual meaningful contacts a week, from rare to very social.
const RATES: [f64; 6] = [0.5, 1.0, 2.0, 4.0, 8.0, 20.0];
/// The day (from the start of each life) withdrawal begins, give or take 30 days.
const ONSET_DAY: i64 = 150;
/// The steady life that must never be flagged.
const RESTFUL: &str = "restful introvert";
/// Steady lives are judged every day for a year, from this day on.
const STEADY_FROM: i64 = 100;

struct Args {
    seed: u64,
    per_cell: u64,
    check: bool,
    settings: Settings,
}

fn args() -> Result<Args, String> {
    let mut a = Args { seed: 1, per_cell: 22, check: false, settings: Settings::defaults() };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut number = |name: &str| {
            it.next()
                .and_then(|v| v.parse::<u64>().ok())
                .ok_or_else(|| format!("{name} takes a whole number"))
        };
        match flag.as_str() {
            "--seed" => a.seed = number("--seed")?,
            "--lives-per-cell" => a.per_cell = number("--lives-per-cell")?.max(1),
            "--check" => a.check = true,
            "--settings" => {
                let path = it.next().ok_or("--settings takes a settings file (TOML, as kith reads it)")?;
                let text = std::fs::read_to_string(&path).map_err(|e| format!("reading {path}: {e}"))?;
                a.settings = toml::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
            }
            other => {
                return Err(format!(
                    "unknown argument {other:?}: expected --seed N, --lives-per-cell N, --settings FILE or --check"
                ));
            }
        }
    }
    Ok(a)
}

fn main() -> ExitCode {
    let args = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("kith-eval: {e}");
            return ExitCode::from(2);
        }
    };
    let tz = TimeZone::get("Europe/Berlin").unwrap_or(TimeZone::UTC);
    let settings = args.settings.clone();
    let start = date(2025, 1, 6);
    let withdrawing = withdrawing(&args, &tz, &settings, start);
    let steady = steady(&args, &tz, &settings, start);
    let lives = withdrawing.len() + steady.iter().map(|s| s.lives).sum::<usize>();
    println!(
        "Seed {}, {} lives ({} withdrawing, {} steady), time zone {}.\n",
        args.seed,
        lives,
        withdrawing.len(),
        lives - withdrawing.len(),
        tz.iana_name().unwrap_or("UTC")
    );
    let missed = print_caught(&withdrawing) + print_steady(&steady);
    print_ceiling(&withdrawing);
    if missed > 0 {
        println!("\n{missed} target(s) missed.");
    } else {
        println!("\nEvery target met.");
    }
    if args.check && missed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// One withdrawing life: its usual rate, onset shape, and the days from onset to the first
/// signal (None: nothing within 28 days).
struct Caught {
    rate: f64,
    onset: Onset,
    days: Option<i64>,
    /// The days (day numbers) of the things only one onset shape changes, for the ceiling.
    marks: Marks,
}

/// The days a life's late cancellations and draining ratings fell on, and where its onset
/// lies: what [`ceiling`] counts.
struct Marks {
    first: i64,
    onset: i64,
    late: Vec<i64>,
    draining: Vec<i64>,
}

impl Marks {
    fn of(lived: &Lived, first: i64, onset: i64, settings: &Settings) -> Self {
        let hours = SignedDuration::from_hours(i64::from(settings.signals.last_minute_hours));
        let late = lived
            .plans
            .iter()
            .filter(|p| p.is_last_minute_by_me(hours))
            .map(|p| day_number(p.start.local_date()))
            .collect();
        let draining = lived
            .interactions
            .iter()
            .filter(|i| i.felt.is_some_and(|f| f.value() < 0))
            .map(|i| day_number(i.at.local_date()))
            .collect();
        Self { first, onset, late, draining }
    }
}

fn now_on(day: Date, tz: &TimeZone) -> Zoned {
    day.at(21, 45, 0, 0)
        .to_zoned(tz.clone())
        .unwrap_or_else(|_| jiff::Timestamp::UNIX_EPOCH.to_zoned(tz.clone()))
}

/// What kith shows as of `day`: the signals raised, and `support_card` when the check-ins call
/// for the support card (kith's answer to check-ins that turn heavy).
fn signals_on(lived: &Lived, settings: &Settings, day: Date, tz: &TimeZone) -> BTreeSet<&'static str> {
    let h = History::new(&lived.people, &lived.interactions, &lived.plans, &lived.checkins)
        .with_away(&lived.away);
    let report = signal_report(&h, settings, &now_on(day, tz));
    let card = report.support.is_some().then_some("support_card");
    report.signals.iter().map(|s| s.kind.as_str()).chain(card).collect()
}

/// A life's everyday variety, drawn from its seed: how often they check in, seasons, a
/// marked holiday well before the onset.
fn everyday(rate: f64, seed: u64) -> Life {
    let mut life = Life::ordinary(rate);
    life.checkin_share = [0.85, 0.6, 0.3, 0.0][(seed % 4) as usize];
    life.season = if seed % 3 == 0 { 0.25 } else { 0.0 };
    life.spread = [0.25, 0.4, 0.55][(seed % 3) as usize];
    if seed % 2 == 0 {
        life.holidays.push((60, 14, true));
    }
    life
}

fn withdrawing(args: &Args, tz: &TimeZone, settings: &Settings, start: Date) -> Vec<Caught> {
    let mut out = vec![];
    for (r, rate) in RATES.iter().enumerate() {
        for (o, onset) in Onset::ALL.iter().enumerate() {
            for n in 0..args.per_cell {
                let seed = args.seed.wrapping_mul(1_000_003).wrapping_add(((r * 10 + o) as u64) * 10_000 + n);
                let day = ONSET_DAY + (n as i64 * 7) % 30;
                let mut life = Life { onset: Some((*onset, day)), ..everyday(*rate, n) };
                if *onset == Onset::HeavyCheckIns {
                    // Check-ins can only turn heavy for someone who checks in.
                    life.checkin_share = life.checkin_share.max(0.6);
                }
                let lived = live(seed, &life, start, day + 29, tz);
                let onset_day = day_number(start) + day;
                let days =
                    (1..=28).find(|d| !signals_on(&lived, settings, date_of(onset_day + d), tz).is_empty());
                let marks = Marks::of(&lived, day_number(start), onset_day, settings);
                out.push(Caught { rate: *rate, onset: *onset, days, marks });
            }
        }
    }
    out
}

/// Flags raised on steady lives of one kind at one rate.
struct Steady {
    kind: &'static str,
    rate: f64,
    lives: usize,
    years: f64,
    flags: usize,
    by_signal: BTreeMap<&'static str, usize>,
    /// Flags first raised during time marked away or in the four weeks after it, and how
    /// many days that covered.
    after_away: usize,
    after_away_days: usize,
    /// Days on which some signal was showing.
    showing_days: usize,
}

fn steady_kinds(rate: f64, seed: u64) -> Vec<(&'static str, Life)> {
    let base = everyday(rate, seed);
    let mut kinds = vec![
        ("ordinary", base.clone()),
        ("seasons, a marked holiday", Life { season: 0.3, holidays: vec![(200, 21, true)], ..base.clone() }),
        ("an unmarked holiday", Life { holidays: vec![(200, 21, false)], ..base.clone() }),
        ("a logging lapse", Life { lapses: vec![(220, 12)], ..base.clone() }),
        ("night shifts", Life { night_shift: true, ..base.clone() }),
        ("never checks in", Life { checkin_share: 0.0, ..base.clone() }),
    ];
    if rate <= 2.0 {
        kinds.push((
            "restful introvert",
            Life { restful: true, checkin_share: 0.8, plans_per_week: 0.5, ..base },
        ));
    }
    kinds
}

fn steady(args: &Args, tz: &TimeZone, settings: &Settings, start: Date) -> Vec<Steady> {
    let mut out: Vec<Steady> = vec![];
    let per = (args.per_cell / 2).max(1);
    for (r, rate) in RATES.iter().enumerate() {
        for n in 0..per {
            for (k, (kind, life)) in steady_kinds(*rate, n).into_iter().enumerate() {
                let seed = args.seed.wrapping_mul(2_000_003).wrapping_add(((r * 10 + k) as u64) * 10_000 + n);
                let lived = live(seed, &life, start, STEADY_FROM + 365, tz);
                let (mut flags, mut by_signal, mut after_away, mut after_away_days, mut showing_days) =
                    (0, BTreeMap::new(), 0, 0, 0);
                let near_away = |day: Date| {
                    lived.away.iter().any(|a| a.from <= day && day <= date_of(day_number(a.to) + 28))
                };
                let mut before = BTreeSet::new();
                for d in STEADY_FROM..STEADY_FROM + 365 {
                    let day = date_of(day_number(start) + d);
                    let now = signals_on(&lived, settings, day, tz);
                    after_away_days += usize::from(near_away(day));
                    showing_days += usize::from(!now.is_empty());
                    for kind in now.difference(&before) {
                        flags += 1;
                        after_away += usize::from(near_away(day));
                        *by_signal.entry(*kind).or_insert(0) += 1;
                    }
                    before = now;
                }
                let row = match out.iter_mut().find(|s| s.kind == kind && s.rate == *rate) {
                    Some(row) => row,
                    None => {
                        out.push(Steady {
                            kind,
                            rate: *rate,
                            lives: 0,
                            years: 0.0,
                            flags: 0,
                            by_signal: BTreeMap::new(),
                            after_away: 0,
                            after_away_days: 0,
                            showing_days: 0,
                        });
                        out.last_mut().unwrap_or_else(|| unreachable!())
                    }
                };
                row.lives += 1;
                row.years += 1.0;
                row.flags += flags;
                row.after_away += after_away;
                row.after_away_days += after_away_days;
                row.showing_days += showing_days;
                for (k, v) in by_signal {
                    *row.by_signal.entry(k).or_insert(0) += v;
                }
            }
        }
    }
    out
}

fn share(caught: &[&Caught], within: i64) -> f64 {
    let n = caught.iter().filter(|c| c.days.is_some_and(|d| d <= within)).count();
    n as f64 / caught.len().max(1) as f64
}

fn median_days(caught: &[&Caught]) -> String {
    let mut days: Vec<i64> = caught.iter().filter_map(|c| c.days).collect();
    if days.is_empty() {
        return "–".to_owned();
    }
    days.sort_unstable();
    days[days.len() / 2].to_string()
}

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

/// The target for lives at `rate` a week: (days, share caught within them).
fn target(rate: f64) -> Option<(i64, f64)> {
    if rate >= 4.0 {
        Some((14, 0.9))
    } else if rate >= 2.0 {
        Some((21, 0.9))
    } else if rate >= 1.0 {
        Some((28, 0.75))
    } else {
        None
    }
}

fn print_caught(all: &[Caught]) -> usize {
    println!("Withdrawal caught, by usual meaningful contacts a week and how it began:\n");
    println!("| a week | onset | lives | within 14 days | 21 days | 28 days | median days to first signal |");
    println!("|---|---|---|---|---|---|---|");
    let mut missed = 0;
    for rate in RATES {
        let mut rows: Vec<(String, Vec<&Caught>)> = Onset::ALL
            .iter()
            .map(|o| {
                (o.as_str().to_owned(), all.iter().filter(|c| c.rate == rate && c.onset == *o).collect())
            })
            .collect();
        rows.push(("**all**".to_owned(), all.iter().filter(|c| c.rate == rate).collect()));
        for (name, cs) in &rows {
            println!(
                "| {rate} | {name} | {} | {} | {} | {} | {} |",
                cs.len(),
                pct(share(cs, 14)),
                pct(share(cs, 21)),
                pct(share(cs, 28)),
                median_days(cs)
            );
        }
        if let (Some((days, goal)), Some((_, pooled))) = (target(rate), rows.last()) {
            let got = share(pooled, days);
            if got < goal {
                missed += 1;
                eprintln!(
                    "missed: at {rate} a week, {} caught within {days} days (target {})",
                    pct(got),
                    pct(goal)
                );
            }
        }
    }
    missed
}

fn print_steady(rows: &[Steady]) -> usize {
    println!(
        "\nFalse flags on steady lives (a flag is a signal appearing on a day it was not there the day before; each life is judged every day for a year):\n"
    );
    println!("| a week | life | lives | flags per person-year | by signal |");
    println!("|---|---|---|---|---|");
    let mut missed = 0;
    for r in rows {
        let per_year = r.flags as f64 / r.years.max(1.0);
        let by: Vec<String> = r.by_signal.iter().map(|(k, v)| format!("{k} {v}")).collect();
        println!("| {} | {} | {} | {:.2} | {} |", r.rate, r.kind, r.lives, per_year, by.join(", "));
    }
    // Rest mistaken for withdrawal: fewer contacts or a dropped activity in a restful life.
    let restful: usize = rows
        .iter()
        .filter(|r| r.kind == RESTFUL)
        .flat_map(|r| r.by_signal.iter())
        .filter(|(k, _)| matches!(**k, "fewer_meaningful_contacts" | "dropped_activities"))
        .map(|(_, v)| v)
        .sum();
    let after_away: usize = rows.iter().map(|r| r.after_away).sum();
    let away_days: usize = rows.iter().map(|r| r.after_away_days).sum();
    let (flags, years) = rows.iter().fold((0, 0.0), |(f, y), r| (f + r.flags, y + r.years));
    let per_year = flags as f64 / years.max(1.0);
    // Each kind of life at its own rate: seasons, for one, bring quiet stretches of their own.
    let expected: f64 =
        rows.iter().map(|r| r.flags as f64 / r.years.max(1.0) * r.after_away_days as f64 / 365.0).sum();
    let showing: usize = rows.iter().map(|r| r.showing_days).sum();
    println!(
        "\nAll steady lives: {per_year:.2} flags per person-year ({flags} in {years:.0} person-years); some signal showing on {} of their days.",
        pct(showing as f64 / (years * 365.0).max(1.0))
    );
    println!(
        "Restful introverts: flagged for fewer contacts or a dropped activity {restful} time{}.",
        if restful == 1 { "" } else { "s" }
    );
    println!(
        "During time marked away or the four weeks after it ({away_days} days in all): {after_away} flags, where the steady lives' \
         own rates would give about {expected:.0}."
    );
    if per_year > 1.0 {
        missed += 1;
        eprintln!("missed: {per_year:.2} flags per steady person-year (target at most 1)");
    }
    if restful > 0 {
        missed += 1;
        eprintln!("missed: restful introverts flagged {restful} times (target 0)");
    }
    // Time away must add no flags of its own: more than ordinary chance allows around it is a miss.
    if after_away as f64 > expected + 3.0 * expected.sqrt().max(1.0) {
        missed += 1;
        eprintln!(
            "missed: {after_away} flags around time marked away, where about {expected:.0} are ordinary"
        );
    }
    missed
}

/// The shapes in which only one kind of record changes, and which.
const ONE_STREAM: [(Onset, &str); 2] =
    [(Onset::Flaking, "late cancellations"), (Onset::DrainingTime, "draining ratings")];

fn stream(m: &Marks, onset: Onset) -> &[i64] {
    if onset == Onset::Flaking { &m.late } else { &m.draining }
}

fn count_in(days: &[i64], from: i64, len: i64) -> usize {
    days.iter().filter(|d| (from..from + len).contains(*d)).count()
}

/// The most any rule could catch within `within` days of `onset` at `rate`, while flagging a
/// steady life at most once a year. In flaking and draining time only one kind of record
/// changes, so whatever a rule decides on the day after the window rests on how many of those
/// records the window holds. A year holds 365 / (within + 1) separate windows; for a steady
/// life to be flagged at most once a year, a rule may fire in at most that share of them.
/// The steady windows are the same lives' own weeks before their onset. The best a rule can
/// then do is fire on the highest counts: at `k*` or more, where steady windows reach `k*` no
/// more often than allowed, and on part of the windows at `k* - 1` with what the allowance
/// leaves. Generous on purpose: the whole allowance goes to this one kind of record.
fn ceiling(all: &[Caught], rate: f64, onset: Onset, within: i64) -> Option<f64> {
    let len = within + 1;
    let lives: Vec<&Caught> = all.iter().filter(|c| c.rate == rate).collect();
    let mut steady: Vec<usize> = vec![];
    for c in &lives {
        // From a month in, when signals start, to the onset.
        let mut from = c.marks.first + 30;
        while from + len <= c.marks.onset {
            steady.push(count_in(stream(&c.marks, onset), from, len));
            from += len;
        }
    }
    let withdrawn: Vec<usize> = lives
        .iter()
        .filter(|c| c.onset == onset)
        .map(|c| count_in(stream(&c.marks, onset), c.marks.onset, len))
        .collect();
    if steady.is_empty() || withdrawn.is_empty() {
        return None;
    }
    let allowed = len as f64 / 365.0;
    let share_at_least =
        |xs: &[usize], k: usize| xs.iter().filter(|x| **x >= k).count() as f64 / xs.len() as f64;
    let share_at = |xs: &[usize], k: usize| xs.iter().filter(|x| **x == k).count() as f64 / xs.len() as f64;
    let k = (1..).find(|k| share_at_least(&steady, *k) <= allowed).unwrap_or(1);
    let left = allowed - share_at_least(&steady, k);
    let part = if share_at(&steady, k - 1) > 0.0 { (left / share_at(&steady, k - 1)).min(1.0) } else { 0.0 };
    Some(share_at_least(&withdrawn, k) + part * share_at(&withdrawn, k - 1))
}

fn print_ceiling(all: &[Caught]) {
    println!(
        "\nThe most any rule could catch, where only one kind of record changes, while flagging a steady life at most once a year (see `ceiling`):\n"
    );
    println!("| a week | onset | what changes | within 14 days | 21 days | 28 days |");
    println!("|---|---|---|---|---|---|");
    for rate in RATES {
        for (onset, what) in ONE_STREAM {
            let cells: Vec<String> = [14, 21, 28]
                .iter()
                .map(|w| ceiling(all, rate, onset, *w).map_or("–".to_owned(), pct))
                .collect();
            println!("| {rate} | {} | {what} | {} |", onset.as_str(), cells.join(" | "));
        }
    }
    println!(
        "\nSo even a rule that caught every gradual fade, abrupt stop and heavy check-in at once could reach at most, over all five shapes:\n"
    );
    println!("| a week | within | at most | target |");
    println!("|---|---|---|---|");
    for rate in RATES {
        let Some((days, goal)) = target(rate) else { continue };
        let others = Onset::ALL.len() - ONE_STREAM.len();
        let reach: Option<f64> = ONE_STREAM.iter().map(|(o, _)| ceiling(all, rate, *o, days)).sum();
        if let Some(reach) = reach {
            let best = (others as f64 + reach) / Onset::ALL.len() as f64;
            let verdict = if best < goal { " (beyond reach)" } else { "" };
            println!("| {rate} | {days} days | {} | {}{verdict} |", pct(best), pct(goal));
        }
    }
}
