use super::*;
use crate::export::{EXPORT_FORMAT, EXPORT_VERSION, ExportDocument};
use crate::{Circle, InteractionId, Mode, Outcome, PersonId, PlanId};
use jiff::{SignedDuration, Timestamp, Zoned};
use std::collections::{BTreeMap, BTreeSet, HashMap};

fn now() -> Zoned {
    // The year before this spans both of 2026's clock changes in London.
    "2026-11-20T18:30:00+00:00[Europe/London]".parse().expect("valid zoned")
}

fn year() -> DemoData {
    demo_year(42, &now())
}

/// The first local day of the withdrawal stretch.
fn stretch_start(now: &Zoned) -> jiff::civil::Date {
    shift_days(now.date(), 1 - WITHDRAWAL_DAYS).expect("in range")
}

fn tag_count(data: &DemoData, tag: &str, from: jiff::civil::Date, to: jiff::civil::Date) -> usize {
    data.interactions
        .iter()
        .filter(|i| (from..to).contains(&i.at.local_date()) && i.tags.iter().any(|t| t.as_str() == tag))
        .count()
}

fn meaningful_per_week(data: &DemoData, from: jiff::civil::Date, to: jiff::civil::Date) -> f64 {
    let days = (to - from).get_days();
    let n =
        data.interactions.iter().filter(|i| i.meaningful && (from..to).contains(&i.at.local_date())).count();
    n as f64 * 7.0 / f64::from(days)
}

#[test]
fn the_same_seed_and_now_give_equal_data_and_another_seed_does_not() {
    let (a, b) = (year(), year());
    assert_eq!(a, b);
    let json = |d: &DemoData| serde_json::to_string(&(&d.people, &d.interactions, &d.plans, &d.checkins));
    assert_eq!(json(&a).expect("serialises"), json(&b).expect("serialises"));
    let other = demo_year(43, &now());
    assert_ne!(a.interactions, other.interactions);
    assert_ne!(a.people.first().map(|p| p.id), other.people.first().map(|p| p.id));
    assert_eq!(heavy_use(1, &now(), 20, 300, 40, 30), heavy_use(1, &now(), 20, 300, 40, 30));
    assert_ne!(heavy_use(1, &now(), 20, 300, 40, 30), heavy_use(2, &now(), 20, 300, 40, 30));
}

#[test]
fn the_year_has_people_in_every_circle_and_contact_in_every_mode() {
    let data = year();
    assert!((20..=25).contains(&data.people.len()), "{} people", data.people.len());
    for circle in Circle::ALL {
        assert!(data.people.iter().any(|p| p.circle == circle), "nobody in {circle}");
    }
    for mode in Mode::ALL {
        assert!(data.interactions.iter().any(|i| i.mode == mode), "no {mode} interaction");
    }
    assert!(
        data.people.iter().any(|p| p.cadence.is_some()) && data.people.iter().any(|p| p.cadence.is_none())
    );
    assert!(data.people.iter().any(|p| p.aliases.iter().any(|a| a.as_str().contains('@'))));
    assert!(data.people.iter().any(|p| p.aliases.iter().any(|a| a.as_str().starts_with('+'))));
    for tag in ["walk", "climbing", "board-games", "choir", "helped", "volunteer"] {
        assert!(data.interactions.iter().any(|i| i.tags.iter().any(|t| t.as_str() == tag)), "no {tag}");
    }
    assert!(data.interactions.iter().any(|i| !i.meaningful), "no trivial contact");
    assert!(data.interactions.iter().any(|i| i.unanswered > 0), "nothing unanswered");
    assert!(data.interactions.iter().any(|i| i.people.len() > 1), "no group contact");
}

#[test]
fn minutes_are_plausible_for_each_mode() {
    for i in &year().interactions {
        let minutes = i.minutes.map_or(0, |m| m.get());
        let (lo, hi) = match i.mode {
            Mode::InPerson => (5, 240),
            Mode::Voice | Mode::Video => (5, 90),
            Mode::Text | Mode::Social => (1, 15),
        };
        assert!((lo..=hi).contains(&minutes), "{} minutes of {}", minutes, i.mode);
    }
}

#[test]
fn imported_messages_carry_their_own_unique_source_ids() {
    let data = year();
    let imported: Vec<_> = data.interactions.iter().filter(|i| i.source.kind == "whatsapp").collect();
    assert!(imported.len() > 50, "{} imported", imported.len());
    assert!(imported.iter().all(|i| i.mode == Mode::Text && i.source.id.is_some()));
    let ids: BTreeSet<_> = imported.iter().map(|i| i.source.id.clone()).collect();
    assert_eq!(ids.len(), imported.len());
    let rest = data.interactions.iter().filter(|i| i.source.kind != "whatsapp");
    assert!(
        rest.chain(data.interactions.iter().filter(|_| false)).all(|i| i.source == crate::Source::manual())
    );
    assert!(data.plans.iter().all(|p| p.source == crate::Source::manual()));
}

/// Per person over the 90 days before now: (interactions per month, mean felt, rated count).
fn map(data: &DemoData, now: &Zoned) -> BTreeMap<String, (f64, f64, usize)> {
    let since = now.timestamp() - SignedDuration::from_hours(90 * 24);
    let mut seen: HashMap<PersonId, (usize, i64, usize)> = HashMap::new();
    for i in data.interactions.iter().filter(|i| i.at.timestamp() > since) {
        for p in &i.people {
            let e = seen.entry(*p).or_default();
            e.0 += 1;
            if let Some(f) = i.felt {
                e.1 += f.value();
                e.2 += 1;
            }
        }
    }
    data.people
        .iter()
        .map(|p| {
            let (n, sum, rated) = seen.get(&p.id).copied().unwrap_or_default();
            let mean = if rated == 0 { 0.0 } else { sum as f64 / rated as f64 };
            (p.name.to_string(), (n as f64 / 3.0, mean, rated))
        })
        .collect()
}

#[test]
fn all_four_quadrants_of_the_connection_map_have_someone_in_them() {
    for seed in 1..=6 {
        let data = demo_year(seed, &now());
        let map = map(&data, &now());
        let count = |energising: bool, frequent: bool| {
            map.values()
                .filter(|(per_month, mean, rated)| {
                    *rated >= 3
                        && (if energising { *mean > 0.0 } else { *mean < 0.0 })
                        && (if frequent { *per_month >= 4.0 } else { *per_month < 3.0 })
                })
                .count()
        };
        for (energising, frequent) in [(true, true), (true, false), (false, true), (false, false)] {
            assert!(
                count(energising, frequent) >= 1,
                "seed {seed}: empty quadrant {energising}/{frequent}: {map:#?}"
            );
        }
    }
}

#[test]
fn the_withdrawal_stretch_has_fewer_meaningful_contacts_than_the_weeks_before() {
    for seed in 1..=6 {
        let data = demo_year(seed, &now());
        let start = stretch_start(&now());
        let end = shift_days(now().date(), 1).expect("in range");
        let before = shift_days(start, -56).expect("in range");
        let recent = meaningful_per_week(&data, start, end);
        let baseline = meaningful_per_week(&data, before, start);
        assert!(recent < 0.75 * baseline, "seed {seed}: {recent:.1} a week against {baseline:.1} before");
        // The weekly climbing was regular, and stops.
        let twelve_weeks = shift_days(start, -84).expect("in range");
        assert!(tag_count(&data, "climbing", twelve_weeks, start) >= 5, "seed {seed}");
        assert_eq!(tag_count(&data, "climbing", start, end), 0, "seed {seed}");
    }
}

#[test]
fn the_withdrawal_brings_late_cancellations_and_days_that_do_not_restore() {
    let data = year();
    let start = stretch_start(&now());
    let last_minute = |from, to| {
        let range = from..to;
        data.plans
            .iter()
            .filter(|p| range.contains(&p.start.local_date()))
            .filter(|p| p.is_last_minute_by_me(SignedDuration::from_hours(24)))
            .count()
    };
    // Per week, at least twice the rate of the twelve weeks before.
    let before = shift_days(start, -WITHDRAWAL_DAYS * 4).expect("in range");
    let recent = last_minute(start, shift_days(now().date(), 1).expect("in range"));
    let baseline = last_minute(before, start);
    assert!(recent >= 3 && recent * 2 > baseline, "{recent} in the stretch against {baseline} in 12 weeks");

    let (low, ordinary): (Vec<_>, Vec<_>) = data.checkins.iter().partition(|c| c.date >= start);
    let mean = |cs: &[&crate::CheckIn], f: fn(&crate::CheckIn) -> Option<i64>| {
        let answers: Vec<i64> = cs.iter().filter_map(|c| f(c)).collect();
        answers.iter().sum::<i64>() as f64 / answers.len() as f64
    };
    assert!(mean(&low, |c| Some(c.mood.get())) + 1.0 < mean(&ordinary, |c| Some(c.mood.get())));
    assert!(
        mean(&low, |c| c.energy.map(crate::Scale::get)) + 0.5
            < mean(&ordinary, |c| c.energy.map(crate::Scale::get))
    );
    let unrestored = low.iter().filter(|c| c.alone.restored == Some(false)).count();
    assert!(unrestored * 2 > low.len(), "{unrestored} of {} days did not restore", low.len());
    assert!(low.iter().filter(|c| c.affected.is_some_and(|a| a.sleep)).count() >= 3);
    assert!(low.iter().filter(|c| c.affected.is_some_and(|a| a.motivation)).count() >= 3);
    let quick = ordinary.iter().filter(|c| c.energy.is_none() && c.affected.is_none()).count();
    assert!(quick > 0 && quick * 5 < ordinary.len(), "{quick} quick check-ins of {}", ordinary.len());
    let unanswered_recent: u32 =
        data.interactions.iter().filter(|i| i.at.local_date() >= start).map(|i| i.unanswered).sum();
    assert!(unanswered_recent >= 5, "{unanswered_recent} unanswered");
}

#[test]
fn there_is_one_checkin_on_most_local_days_recorded_that_evening() {
    for zone_now in [now(), "2026-03-09T07:00:00-04:00[America/New_York]".parse().expect("valid")] {
        let data = demo_year(3, &zone_now);
        let dates: BTreeSet<_> = data.checkins.iter().map(|c| c.date).collect();
        assert_eq!(dates.len(), data.checkins.len(), "two check-ins on one day");
        assert!((300..365).contains(&dates.len()), "{} days", dates.len());
        for c in &data.checkins {
            assert_eq!(c.at.local_date(), c.date);
            assert!((20..=22).contains(&c.at.local().hour()), "{} at {}", c.date, c.at);
            assert!(c.at.timestamp() <= zone_now.timestamp());
            assert_eq!(c.at.offset(), zone_now.time_zone().to_offset(c.at.timestamp()));
        }
        // Local times stay local across clock changes: nothing in the small hours.
        for i in &data.interactions {
            assert!((8..=23).contains(&i.at.local().hour()), "{}", i.at);
            assert_eq!(i.at.offset(), zone_now.time_zone().to_offset(i.at.timestamp()));
        }
    }
}

/// Every reference points at something that exists, and plans and interactions agree.
fn assert_consistent(data: &DemoData, now: Timestamp) {
    let people: BTreeSet<PersonId> = data.people.iter().map(|p| p.id).collect();
    assert_eq!(people.len(), data.people.len(), "duplicate person ids");
    let names: BTreeSet<String> = data.people.iter().map(|p| p.name.key()).collect();
    assert_eq!(names.len(), data.people.len(), "names not unique without case");
    let interactions: HashMap<InteractionId, &crate::Interaction> =
        data.interactions.iter().map(|i| (i.id, i)).collect();
    assert_eq!(interactions.len(), data.interactions.len(), "duplicate interaction ids");
    let plans: HashMap<PlanId, &crate::Plan> = data.plans.iter().map(|p| (p.id, p)).collect();
    assert_eq!(plans.len(), data.plans.len(), "duplicate plan ids");

    for i in &data.interactions {
        assert!(!i.people.is_empty() && i.people.iter().all(|p| people.contains(p)));
        assert!(i.at.timestamp() <= now, "interaction in the future");
        if let Some(plan) = i.plan {
            let plan = plans.get(&plan).expect("interaction names a plan that exists");
            assert_eq!(plan.interaction, Some(i.id));
        }
    }
    let mut moved_from = BTreeSet::new();
    for p in &data.plans {
        assert!(!p.people.is_empty() && p.people.iter().all(|x| people.contains(x)));
        assert!(p.created_at <= now && p.created_at <= p.start.timestamp(), "plan made after it starts");
        match p.outcome {
            Outcome::Pending => assert!(p.outcome_at.is_none() && p.start.timestamp() > now),
            Outcome::Attended => {
                let i = p
                    .interaction
                    .and_then(|i| interactions.get(&i))
                    .expect("attended plan has its interaction");
                assert_eq!((i.plan, i.at, i.mode, &i.people), (Some(p.id), p.start, p.mode, &p.people));
            }
            _ => assert!(p.interaction.is_none()),
        }
        if let Some(at) = p.outcome_at {
            assert!(p.created_at <= at && at <= now, "outcome outside the plan's life: {p:?}");
        }
        if matches!(p.outcome, Outcome::CancelledByMe | Outcome::CancelledByThem | Outcome::Rescheduled) {
            assert!(p.notice().is_some_and(|n| n > SignedDuration::ZERO), "cancelled after the start");
        }
        if let Some(from) = p.moved_from {
            let old = plans.get(&from).expect("moved from a plan that exists");
            assert_eq!(old.outcome, Outcome::Rescheduled);
            assert!(old.start < p.start && old.people == p.people);
            assert!(moved_from.insert(from), "two plans moved from one");
        }
    }
    assert!(data.interactions.windows(2).all(|w| w[0].at.timestamp() <= w[1].at.timestamp()));
    assert!(data.plans.windows(2).all(|w| w[0].start.timestamp() <= w[1].start.timestamp()));
    assert!(data.checkins.windows(2).all(|w| w[0].date < w[1].date), "check-ins out of order or doubled");
}

#[test]
fn plans_and_interactions_point_at_each_other_and_at_people_who_exist() {
    assert_consistent(&year(), now().timestamp());
    assert_consistent(&heavy_use(5, &now(), 200, 50_000, 5_000, 3_650), now().timestamp());
}

#[test]
fn plans_take_every_outcome_with_some_pending_in_the_next_two_weeks() {
    let data = year();
    for outcome in Outcome::ALL {
        assert!(data.plans.iter().any(|p| p.outcome == outcome), "no {outcome} plan");
    }
    let fortnight = now().timestamp() + SignedDuration::from_hours(15 * 24);
    let pending: Vec<_> = data.plans.iter().filter(|p| p.outcome == Outcome::Pending).collect();
    assert!(pending.len() >= 3 && pending.iter().all(|p| p.start.timestamp() < fortnight));
    assert!(data.plans.iter().any(|p| p.moved_from.is_some()));
    let notices: BTreeSet<i64> = data
        .plans
        .iter()
        .filter(|p| p.outcome == Outcome::CancelledByMe)
        .filter_map(|p| p.notice().map(|n| n.as_hours()))
        .collect();
    assert!(
        notices.first().is_some_and(|h| *h < 6) && notices.last().is_some_and(|h| *h >= 24),
        "{notices:?}"
    );
}

#[test]
fn every_value_survives_the_export_round_trip_so_it_passed_validation() {
    for data in [year(), heavy_use(9, &now(), 50, 2_000, 300, 400)] {
        let doc = ExportDocument {
            format: EXPORT_FORMAT.into(),
            version: EXPORT_VERSION,
            exported_at: now().timestamp(),
            people: data.people,
            interactions: data.interactions,
            plans: data.plans,
            checkins: data.checkins,
            steps: vec![],
            attempts: vec![],
            thought_records: vec![],
            emotions_named: vec![],
            plan_predictions: vec![],
            birthdays: vec![],
            away: vec![],
            not_now: vec![],
        };
        let json = serde_json::to_string(&doc).expect("serialises");
        let back: ExportDocument = serde_json::from_str(&json).expect("every value parses back");
        assert_eq!(back, doc);
    }
}

#[test]
fn heavy_use_makes_exactly_the_counts_asked_for_over_ten_years() {
    let now = now();
    let data = heavy_use(7, &now, 200, 50_000, 5_000, 3_650);
    assert_eq!(
        (data.people.len(), data.interactions.len(), data.plans.len(), data.checkins.len()),
        (200, 50_000, 5_000, 3_650)
    );
    let oldest = data.interactions.first().map(|i| i.at.local_date()).expect("some");
    assert!(oldest < shift_days(now.date(), -3_600).expect("in range"), "not spread: {oldest}");
    for mode in Mode::ALL {
        assert!(data.interactions.iter().any(|i| i.mode == mode));
    }
    let checkin_days: BTreeSet<_> = data.checkins.iter().map(|c| c.date).collect();
    assert_eq!(checkin_days.len(), 3_650);

    // More people than first and last names combine into, and odd sizes.
    let many = heavy_use(7, &now, 2_500, 10, 3, 0);
    assert_eq!((many.people.len(), many.interactions.len(), many.plans.len()), (2_500, 10, 3));
    assert_consistent(&many, now.timestamp());
    let plans_only = heavy_use(7, &now, 5, 0, 50, 1);
    assert_eq!(
        (plans_only.interactions.len(), plans_only.plans.len(), plans_only.checkins.len()),
        (0, 50, 1)
    );
    assert_consistent(&plans_only, now.timestamp());
    let nobody = heavy_use(7, &now, 0, 10, 10, 2);
    assert!(nobody.people.is_empty() && nobody.interactions.is_empty() && nobody.plans.is_empty());
    assert_eq!(nobody.checkins.len(), 2);
}

/// The demo shows what kith is for: on whatever day it is made, its last three weeks raise
/// the signals they were built to show, with their evidence.
#[test]
fn the_demo_years_withdrawal_raises_its_signals_on_any_day() {
    let tz = jiff::tz::TimeZone::get("Europe/Berlin").expect("tz");
    for (seed, day) in [
        (1u64, jiff::civil::date(2026, 12, 3)),
        (7, jiff::civil::date(2027, 3, 29)),
        (42, jiff::civil::date(2026, 7, 14)),
    ] {
        let now = day.at(20, 0, 0, 0).to_zoned(tz.clone()).expect("valid");
        let demo = crate::demo_year(seed, &now);
        let h = crate::History::new(&demo.people, &demo.interactions, &demo.plans, &demo.checkins);
        let report = crate::signal_report(&h, &crate::Settings::defaults(), &now);
        let kinds: Vec<_> = report.signals.iter().map(|s| s.kind).collect();
        assert!(kinds.len() >= 2, "seed {seed} on {day}: {kinds:?}");
        assert!(report.signals.iter().all(|s| s.evidence.is_substantive() && !s.text.is_empty()));
    }
}
