//! Unit tests for each withdrawal signal, with a fixed now (Friday 2026-11-20).

use super::*;
use crate::insights::fixtures::*;
use crate::{CheckIn, Interaction, Mode, Outcome, Person, Plan};
use proptest::prelude::*;

fn detect(people: &[Person], log: &[Interaction], plans: &[Plan], checkins: &[CheckIn]) -> Detection {
    detect_signals(&History::new(people, log, plans, checkins), &SignalSettings::defaults(), &now())
}

fn kinds(d: &Detection) -> Vec<SignalKind> {
    d.signals.iter().map(|s| s.kind).collect()
}

/// One meaningful meeting a day with Sam from `from` days ago to `to` days ago.
fn daily(sam: &Person, from: i64, to: i64) -> Vec<Interaction> {
    (to..=from).map(|d| met(sam, ago(d))).collect()
}

#[test]
fn under_four_weeks_of_history_raises_nothing() {
    let sam = person("Sam");
    let plans: Vec<_> = (0..6).map(|d| cancelled(&sam, ago(d), 1)).collect();
    let log = daily(&sam, 25, 14);
    let d = detect(&[sam], &log, &plans, &[]);
    assert!(!d.enough_history);
    assert!(d.signals.is_empty());
    assert_eq!(d.history_days, 26);
}

#[test]
fn three_late_cancellations_in_two_weeks_are_raised_with_their_dates() {
    let sam = person("Sam");
    let mut plans: Vec<_> = (8..35).step_by(2).map(|w| plan(&sam, ago(w * 2), Outcome::Attended)).collect();
    plans.extend([cancelled(&sam, ago(2), 3), cancelled(&sam, ago(5), 5), cancelled(&sam, ago(9), 1)]);
    plans.push(plan(&sam, ago(4), Outcome::Attended));
    let d = detect(&[sam], &[], &plans, &[]);
    let s = d.signals.iter().find(|s| s.kind == SignalKind::LateCancellations).expect("raised");
    assert_eq!(s.evidence.recent.count, 3);
    assert_eq!(s.evidence.recent.out_of, Some(4));
    assert_eq!(s.evidence.baseline.count, 0);
    assert_eq!(s.evidence.dates, vec![ago(9), ago(5), ago(2)]);
    assert_eq!(s.evidence.plan_ids.len(), 3);
    assert_eq!(s.since, ago(9));
    assert!(s.text.contains("3 of 4 plans"), "{}", s.text);
}

#[test]
fn cancelling_in_good_time_or_twice_is_not_flaking() {
    let sam = person("Sam");
    let mut plans: Vec<_> = (3..10).map(|w| plan(&sam, ago(w * 7), Outcome::Attended)).collect();
    plans.extend([cancelled(&sam, ago(2), 72), cancelled(&sam, ago(5), 48), cancelled(&sam, ago(9), 30)]);
    plans.extend([cancelled(&sam, ago(3), 2), plan(&sam, ago(6), Outcome::NoShow)]);
    plans.push(plan(&sam, ago(1), Outcome::CancelledByThem));
    assert!(kinds(&detect(&[sam], &[], &plans, &[])).is_empty());
}

#[test]
fn contact_falling_to_a_trickle_is_raised_unless_time_alone_restores() {
    let sam = person("Sam");
    let mut log = daily(&sam, 70, 14);
    log.extend([met(&sam, ago(10)), met(&sam, ago(3))]);
    let d = detect(std::slice::from_ref(&sam), &log, &[], &[]);
    let s = d.signals.iter().find(|s| s.kind == SignalKind::FewerMeaningfulContacts).expect("raised");
    assert_eq!((s.evidence.recent.count, s.evidence.baseline.count), (2, 56));
    assert_eq!(s.evidence.dates, vec![ago(10), ago(3)]);

    let restful: Vec<_> = (0..14).map(|d| checkin(ago(d), 4, 3).restored(true)).collect();
    assert!(kinds(&detect(&[sam], &log, &[], &restful)).is_empty());
}

#[test]
fn a_somewhat_quieter_fortnight_is_ordinary() {
    let sam = person("Sam");
    let mut log = daily(&sam, 70, 14);
    log.extend((0..14).filter(|d| d % 2 == 0).map(|d| met(&sam, ago(d))));
    assert!(kinds(&detect(&[sam], &log, &[], &[])).is_empty());
}

#[test]
fn messages_left_unanswered_are_raised_once_they_had_time_to_be_answered() {
    let sam = person("Sam");
    let mut log = daily(&sam, 70, 14);
    log.extend([3, 4, 6, 8, 9, 12].map(|d| met(&sam, ago(d)).by(Mode::Text).unanswered(2)));
    let d = detect(std::slice::from_ref(&sam), &log, &[], &[]);
    let s = d.signals.iter().find(|s| s.kind == SignalKind::UnansweredMessages).expect("raised");
    assert_eq!(s.evidence.recent.count, 12);
    assert_eq!(s.since, ago(12));

    let mut fresh = daily(&sam, 70, 14);
    fresh.extend([0, 1, 3, 4, 6, 8].map(|d| met(&sam, ago(d)).unanswered(2)));
    let d = detect(std::slice::from_ref(&sam), &fresh, &[], &[]);
    assert!(!kinds(&d).contains(&SignalKind::UnansweredMessages), "yesterday's may still be answered");

    let mut burst = daily(&sam, 70, 14);
    burst.extend([3, 4].map(|d| met(&sam, ago(d)).unanswered(9)));
    let d = detect(&[sam], &burst, &[], &[]);
    assert!(!kinds(&d).contains(&SignalKind::UnansweredMessages), "one busy weekend is not a pattern");
}

#[test]
fn alone_time_that_stops_restoring_is_raised() {
    let mut checkins: Vec<_> = (14..60).map(|d| checkin(ago(d), 3, 3).restored(d % 5 != 0)).collect();
    checkins.extend((0..14).map(|d| checkin(ago(d), 3, 3).restored(d % 4 == 0)));
    let d = detect(&[], &[], &[], &checkins);
    let s = d.signals.iter().find(|s| s.kind == SignalKind::UnrestorativeAloneTime).expect("raised");
    assert_eq!((s.evidence.recent.count, s.evidence.recent.out_of), (10, Some(14)));
    assert!(s.evidence.baseline.share.expect("share") < 0.25);
}

#[test]
fn social_time_that_turns_draining_is_raised() {
    let sam = person("Sam");
    let mut log: Vec<_> = (14..70).map(|d| met(&sam, ago(d)).felt(if d % 6 == 0 { -1 } else { 1 })).collect();
    log.extend((0..14).map(|d| met(&sam, ago(d)).felt(if d % 3 == 0 { 1 } else { -2 })));
    let d = detect(&[sam], &log, &[], &[]);
    let s = d.signals.iter().find(|s| s.kind == SignalKind::DrainingSocialTime).expect("raised");
    assert_eq!(s.evidence.recent.out_of, Some(14));
    assert_eq!(s.evidence.recent.count, 9);
}

#[test]
fn draining_time_in_someone_who_meets_twice_a_week_is_judged_over_four_weeks() {
    // Every fourth day with Sam: a fortnight holds four ratings, too few to judge; four
    // weeks hold seven, five of them draining, against none in the twelve weeks before.
    let sam = person("Sam");
    let felt = |d: i64| if [4, 8, 12, 20, 24].contains(&d) { -1 } else { 1 };
    let log: Vec<_> = (0..112).step_by(4).map(|d| met(&sam, ago(d)).felt(felt(d))).collect();
    let people = std::slice::from_ref(&sam);
    let draining = |settings: &SignalSettings| {
        let h = History::new(people, &log, &[], &[]);
        detect_signals(&h, settings, &now())
            .signals
            .into_iter()
            .find(|s| s.kind == SignalKind::DrainingSocialTime)
    };
    let s = draining(&SignalSettings::defaults()).expect("raised");
    assert_eq!((s.evidence.recent.count, s.evidence.recent.out_of, s.evidence.recent.days), (5, Some(7), 28));
    assert!(
        s.text.starts_with("5 of 7 rated times with people in the last 4 weeks felt draining;"),
        "{}",
        s.text
    );
    let fortnight = SignalSettings { draining_long_window_days: 14, ..SignalSettings::defaults() };
    assert!(draining(&fortnight).is_none(), "a fortnight alone holds too few ratings");
}

#[test]
fn a_weekly_activity_that_stopped_is_raised_with_its_last_date() {
    let sam = person("Sam");
    let mut log = daily(&sam, 70, 0);
    log.extend((4..10).map(|w| met(&sam, ago(w * 7 - 1)).tag("climbing")));
    // Played most weeks, but only in three of them: too patchy to call regular.
    log.extend([22, 36, 50].map(|d| met(&sam, ago(d)).tag("chess")));
    log.extend([met(&sam, ago(40)).tag("cinema")]);
    let d = detect(&[sam], &log, &[], &[]);
    let s = d.signals.iter().find(|s| s.kind == SignalKind::DroppedActivities).expect("raised");
    assert_eq!(s.evidence.tags, vec!["climbing".to_owned()]);
    assert_eq!(s.since, ago(26), "the day after it last came up");
    assert!(s.text.starts_with("climbing came up most weeks"), "{}", s.text);
}

#[test]
fn the_report_adds_the_support_card_and_a_summary() {
    let checkins: Vec<_> = (0..40).map(|d| checkin(ago(d), 2, 2)).collect();
    let r = signal_report(&History::new(&[], &[], &[], &checkins), &Settings::defaults(), &now());
    assert!(r.enough_history);
    assert!(r.support.is_some());
    let json = serde_json::to_value(&r).expect("json");
    assert!(
        json["signals"].is_array()
            && json["support"]["reasons"].is_array()
            && json["support"]["contacts"].is_array()
    );
    assert_eq!(json["enough_history"], true);
}

/// (days ago, who, meaningful, unanswered, felt, tagged).
type RawInteraction = (i64, i64, bool, u32, Option<i64>, bool);
/// Interactions, plans (days ago, kind), check-ins (days ago, restored, mood).
type RawHistory = (Vec<RawInteraction>, Vec<(i64, u8)>, Vec<(i64, bool, i64)>);

fn arbitrary_history() -> impl Strategy<Value = RawHistory> {
    (
        proptest::collection::vec(
            (0i64..90, 0i64..3, any::<bool>(), 0u32..4, proptest::option::of(-2i64..=2), any::<bool>()),
            0..200,
        ),
        proptest::collection::vec((0i64..90, 0u8..4), 0..60),
        proptest::collection::vec((0i64..90, any::<bool>(), 1i64..=5), 0..90),
    )
}

proptest! {
    #[test]
    fn a_signal_never_appears_without_evidence((log, plans, checkins) in arbitrary_history()) {
        let people = [person("Sam"), person("Ana"), person("Lee")];
        let log: Vec<Interaction> = log.into_iter().map(|(d, who, meaningful, unanswered, felt, tagged)| {
            let mut i = met(&people[usize::try_from(who).expect("small")], ago(d)).unanswered(unanswered);
            i.meaningful = meaningful;
            if let Some(f) = felt { i = i.felt(f); }
            if tagged { i = i.tag("walk"); }
            i
        }).collect();
        let plans: Vec<Plan> = plans.into_iter().map(|(d, kind)| match kind {
            0 => plan(&people[0], ago(d), Outcome::Attended),
            1 => cancelled(&people[0], ago(d), 2),
            2 => plan(&people[0], ago(d), Outcome::NoShow),
            _ => cancelled(&people[0], ago(d), 96),
        }).collect();
        let checkins: Vec<CheckIn> = checkins.into_iter().map(|(d, restored, mood)| checkin(ago(d), mood, 3).restored(restored)).collect();
        let d = detect(&people, &log, &plans, &checkins);
        if !d.enough_history {
            prop_assert!(d.signals.is_empty());
        }
        for s in &d.signals {
            prop_assert!(s.evidence.is_substantive(), "{s:?}");
            prop_assert!(!s.text.is_empty());
            prop_assert!(s.evidence.baseline.to < s.evidence.recent.from);
            prop_assert!(s.since <= today());
            for date in &s.evidence.dates {
                prop_assert!(*date <= today() && *date >= s.evidence.baseline.from, "{date} in {s:?}");
            }
        }
    }
}

mod ladder_steps {
    use super::*;
    use crate::ladder::fixtures::{done, let_go, step};

    fn detect_ladder(
        log: &[Interaction],
        steps: &[crate::ladder::Step],
        tries: &[crate::ladder::Attempt],
    ) -> Detection {
        let people = [];
        let h = History::new(&people, log, &[], &[]).with_ladder(steps, tries);
        detect_signals(&h, &SignalSettings::defaults(), &now())
    }

    /// Eight weeks of ordinary contact, so there is history to compare with.
    fn ordinary(sam: &Person) -> Vec<Interaction> {
        daily(sam, 70, 0)
    }

    #[test]
    fn steps_let_go_far_more_than_usual_are_evidence() {
        let (sam, s) = (person("Sam"), step("Call Sam", 4));
        let mut tries: Vec<_> = (15..70).step_by(4).map(|d| done(&s, d, 5, 3)).collect();
        tries.extend([let_go(&s, 12, 8), let_go(&s, 8, 8), let_go(&s, 3, 9), done(&s, 5, 5, 4)]);
        let d = detect_ladder(&ordinary(&sam), std::slice::from_ref(&s), &tries);
        let sig = d.signals.iter().find(|x| x.kind == SignalKind::StepsAbandoned).expect("raised");
        assert_eq!((sig.evidence.recent.count, sig.evidence.recent.out_of), (3, Some(4)));
        assert_eq!((sig.evidence.baseline.count, sig.evidence.baseline.out_of), (0, Some(14)));
        assert_eq!(sig.evidence.dates, vec![ago(12), ago(8), ago(3)]);
        assert!(sig.text.contains("3 of 4 ladder steps"), "{}", sig.text);
        assert_eq!(SignalKind::StepsAbandoned.as_str(), "steps_abandoned");
    }

    #[test]
    fn someone_not_using_the_ladder_is_never_flagged() {
        let sam = person("Sam");
        let s = step("Call Sam", 4);
        assert!(
            !kinds(&detect_ladder(&ordinary(&sam), std::slice::from_ref(&s), &[]))
                .contains(&SignalKind::StepsAbandoned)
        );
        // Only recent tries, all let go: no baseline of their own to compare with.
        let tries = [let_go(&s, 12, 8), let_go(&s, 8, 8), let_go(&s, 3, 9), let_go(&s, 1, 9)];
        assert!(!kinds(&detect_ladder(&ordinary(&sam), &[s], &tries)).contains(&SignalKind::StepsAbandoned));
    }

    #[test]
    fn letting_go_as_often_as_usual_is_ordinary() {
        let (sam, s) = (person("Sam"), step("Call Sam", 4));
        let mut tries: Vec<_> = (15..70)
            .step_by(4)
            .map(|d| if d % 8 == 3 { let_go(&s, d, 7) } else { done(&s, d, 5, 3) })
            .collect();
        tries.extend([let_go(&s, 12, 8), done(&s, 8, 8, 4), let_go(&s, 3, 9), done(&s, 1, 5, 4)]);
        assert!(!kinds(&detect_ladder(&ordinary(&sam), &[s], &tries)).contains(&SignalKind::StepsAbandoned));
    }
}

mod rules_that_shape_every_signal {
    use super::*;

    /// A finding of `kind` with the given chance, as a rule would hand it to `combine`.
    fn candidate(kind: SignalKind, chance: f64) -> Candidate {
        let range = DayRange::ending(day_number(today()), 14);
        let base = DayRange { first: range.first - 56, last: range.first - 1 };
        let signal = Signal {
            kind,
            since: ago(3),
            evidence: Evidence {
                recent: Window::new(range, 4, None),
                baseline: Window::new(base, 2, None),
                dates: vec![ago(3)],
                tags: vec![],
                plan_ids: vec![],
            },
            text: "Something stands out.".to_owned(),
        };
        Candidate { signal, chance }
    }

    fn combined(found: &[(SignalKind, f64)]) -> Vec<(SignalKind, bool)> {
        let found = found.iter().map(|(k, p)| candidate(*k, *p)).collect();
        combine(found, &SignalSettings::defaults())
            .into_iter()
            .map(|s| (s.kind, s.text.contains("together with the other signals")))
            .collect()
    }

    #[test]
    fn each_rule_is_judged_against_its_own_bar() {
        use SignalKind::*;
        // Late cancellations are raised up to 0.005, fewer contacts up to 0.003, the rest 0.001.
        assert_eq!(combined(&[(LateCancellations, 0.004)]), vec![(LateCancellations, false)]);
        assert!(combined(&[(LateCancellations, 0.006)]).is_empty());
        assert_eq!(combined(&[(FewerMeaningfulContacts, 0.0025)]), vec![(FewerMeaningfulContacts, false)]);
        assert!(combined(&[(FewerMeaningfulContacts, 0.004)]).is_empty());
        assert_eq!(combined(&[(DrainingSocialTime, 0.0009)]), vec![(DrainingSocialTime, false)]);
        assert!(combined(&[(DrainingSocialTime, 0.002)]).is_empty());
    }

    #[test]
    fn two_modest_findings_that_are_rare_together_are_both_raised_and_say_so() {
        use SignalKind::*;
        // Fisher: 0.01 and 0.005 together come to about 0.0005, under 0.001.
        let both = combined(&[(DrainingSocialTime, 0.01), (UnrestorativeAloneTime, 0.005)]);
        assert_eq!(both, vec![(DrainingSocialTime, true), (UnrestorativeAloneTime, true)]);
        // One strong enough alone keeps its plain text; the modest one joins it.
        let mixed = combined(&[(LateCancellations, 0.001), (UnansweredMessages, 0.01)]);
        assert_eq!(mixed, vec![(LateCancellations, false), (UnansweredMessages, true)]);
    }

    #[test]
    fn findings_that_are_ordinary_together_stay_quiet() {
        use SignalKind::*;
        assert!(combined(&[(DrainingSocialTime, 0.04), (UnrestorativeAloneTime, 0.04)]).is_empty());
        assert!(combined(&[(DrainingSocialTime, 0.01)]).is_empty());
    }

    #[test]
    fn dropped_activities_and_steps_let_go_stand_on_their_own() {
        use SignalKind::*;
        let found = combined(&[
            (DrainingSocialTime, 0.01),
            (UnrestorativeAloneTime, 0.005),
            (DroppedActivities, 0.01),
            (StepsAbandoned, 0.01),
        ]);
        assert_eq!(found, vec![(DrainingSocialTime, true), (UnrestorativeAloneTime, true)]);
        // And they do not lift another modest finding over the bar.
        assert!(
            combined(&[(DrainingSocialTime, 0.01), (DroppedActivities, 0.0001)])
                .iter()
                .all(|(k, _)| *k == DroppedActivities)
        );
    }

    #[test]
    fn spans_are_named_in_weeks_when_they_are_whole_weeks() {
        assert_eq!(span_words(7), "week");
        assert_eq!(span_words(14), "2 weeks");
        assert_eq!(span_words(56), "8 weeks");
        assert_eq!(span_words(1), "day");
        assert_eq!(span_words(10), "10 days");
        assert_eq!(span_words(46), "46 days");
    }

    #[test]
    fn a_week_before_the_recent_window_is_needed_whatever_the_minimum_is_set_to() {
        let settings = SignalSettings { min_history_days: 0, ..SignalSettings::defaults() };
        let checkins: Vec<_> = (0..20).map(|d| checkin(ago(d), 3, 3)).collect();
        let h = History::new(&[], &[], &[], &checkins);
        assert!(!detect_signals(&h, &settings, &now()).enough_history, "20 days < 14 + 7");
        let checkins: Vec<_> = (0..21).map(|d| checkin(ago(d), 3, 3)).collect();
        let h = History::new(&[], &[], &[], &checkins);
        assert!(detect_signals(&h, &settings, &now()).enough_history, "21 days");
    }

    #[test]
    fn the_baseline_is_the_weeks_just_before_the_recent_window_and_no_earlier_than_the_first_record() {
        // 60 days of check-ins: 46 days before the last two weeks.
        let mut checkins: Vec<_> = (14..60).map(|d| checkin(ago(d), 3, 3).restored(d % 5 != 0)).collect();
        checkins.extend((0..14).map(|d| checkin(ago(d), 3, 3).restored(d % 4 == 0)));
        let d = detect(&[], &[], &[], &checkins);
        let s = d.signals.iter().find(|s| s.kind == SignalKind::UnrestorativeAloneTime).expect("raised");
        assert_eq!(
            (s.evidence.baseline.from, s.evidence.baseline.to, s.evidence.baseline.days),
            (ago(59), ago(14), 46)
        );
        assert_eq!(
            (s.evidence.recent.from, s.evidence.recent.to, s.evidence.recent.days),
            (ago(13), today(), 14)
        );
        assert_eq!((s.evidence.baseline.count, s.evidence.baseline.out_of), (9, Some(46)));
        assert_eq!(
            s.text,
            "On 10 of 14 check-ins in the last 2 weeks, time alone did not feel restful; in the 46 days before it \
             was 9 of 46. Rest that does not restore can mean it is time for a little company."
        );
        // With a long history, the baseline is the 8 weeks just before.
        let mut long: Vec<_> = (14..100).map(|d| checkin(ago(d), 3, 3).restored(d % 5 != 0)).collect();
        long.extend((0..14).map(|d| checkin(ago(d), 3, 3).restored(d % 4 == 0)));
        let d = detect(&[], &[], &[], &long);
        let s = d.signals.iter().find(|s| s.kind == SignalKind::UnrestorativeAloneTime).expect("raised");
        assert_eq!(
            (s.evidence.baseline.from, s.evidence.baseline.to, s.evidence.baseline.days),
            (ago(69), ago(14), 56)
        );
        assert!(s.text.contains("in the 8 weeks before it was"), "{}", s.text);
    }

    #[test]
    fn with_no_days_before_the_window_to_compare_with_nothing_is_raised() {
        // Exactly four weeks of history: eight plans, all cancelled late, spread evenly. The
        // last two weeks look like the two before them; the four weeks have nothing before
        // them to compare with.
        let sam = person("Sam");
        let plans: Vec<_> = [27, 24, 21, 18, 12, 9, 6, 3].map(|d| cancelled(&sam, ago(d), 2)).to_vec();
        let d = detect(&[sam], &[], &plans, &[]);
        assert!(d.enough_history);
        assert_eq!(d.history_days, 28);
        assert!(d.signals.is_empty(), "{:?}", d.signals);
    }

    #[test]
    fn meaningful_contact_that_stops_entirely_is_raised_with_no_dates() {
        let sam = person("Sam");
        let mut log = daily(&sam, 70, 14);
        // Still logging (quick texts), so these are not days left out as a lapse.
        log.extend((0..14).map(|d| met(&sam, ago(d)).by(Mode::Text).trivial()));
        let d = detect(&[sam], &log, &[], &[]);
        let s = d.signals.iter().find(|s| s.kind == SignalKind::FewerMeaningfulContacts).expect("raised");
        assert_eq!((s.evidence.recent.count, s.evidence.baseline.count), (0, 56));
        assert!(s.evidence.dates.is_empty());
        assert_eq!(s.since, ago(13));
    }

    #[test]
    fn the_report_summary_says_how_much_stands_out() {
        let settings = Settings::defaults();
        let report = |checkins: &[CheckIn], log: &[Interaction], people: &[Person]| {
            signal_report(&History::new(people, log, &[], checkins), &settings, &now()).text
        };
        let short: Vec<_> = (0..10).map(|d| checkin(ago(d), 3, 3)).collect();
        assert_eq!(
            report(&short, &[], &[]),
            "Not enough history yet: signals start after 28 days of records (you have 10). Nothing is raised until then."
        );
        let calm: Vec<_> = (0..40).map(|d| checkin(ago(d), 3, 3)).collect();
        assert_eq!(
            report(&calm, &[], &[]),
            "No signals: compared with your own usual weeks, nothing stands out."
        );
        let mut checkins: Vec<_> = (14..60).map(|d| checkin(ago(d), 3, 3).restored(d % 5 != 0)).collect();
        checkins.extend((0..14).map(|d| checkin(ago(d), 3, 3).restored(d % 4 == 0)));
        assert_eq!(
            report(&checkins, &[], &[]),
            "One thing stands out compared with your own usual weeks. Signals are things to notice, not verdicts."
        );
        let sam = person("Sam");
        let mut log = daily(&sam, 70, 14);
        log.extend([met(&sam, ago(10)), met(&sam, ago(3))]);
        let mut unrestful: Vec<_> = (14..70).map(|d| checkin(ago(d), 3, 3).restored(d % 5 != 0)).collect();
        unrestful.extend((0..14).map(|d| checkin(ago(d), 3, 3).restored(d % 4 == 0)));
        assert_eq!(
            report(&unrestful, &log, &[sam]),
            "2 things stand out compared with your own usual weeks. Signals are things to notice, not verdicts."
        );
    }
}

mod dropped_activity_rules {
    use super::*;

    /// Ordinary daily contact with Sam for ten weeks, and `tag` on each of `days` ago.
    fn with_tag(sam: &Person, tag: &str, days: &[i64]) -> Vec<Interaction> {
        let mut log = daily(sam, 70, 0);
        log.extend(days.iter().map(|d| met(sam, ago(*d)).tag(tag)));
        log
    }

    fn dropped(log: &[Interaction], people: &[Person], settings: &SignalSettings) -> Option<Signal> {
        let h = History::new(people, log, &[], &[]);
        detect_signals(&h, settings, &now())
            .signals
            .into_iter()
            .find(|s| s.kind == SignalKind::DroppedActivities)
    }

    #[test]
    fn a_weekly_activity_is_noticed_after_three_quiet_weeks_not_two() {
        let sam = person("Sam");
        let defaults = SignalSettings::defaults();
        let two: Vec<i64> = (14..70).step_by(7).collect();
        assert!(dropped(&with_tag(&sam, "climbing", &two), std::slice::from_ref(&sam), &defaults).is_none());
        let three: Vec<i64> = (21..70).step_by(7).collect();
        let s = dropped(&with_tag(&sam, "climbing", &three), std::slice::from_ref(&sam), &defaults)
            .expect("raised");
        assert_eq!((s.evidence.baseline.count, s.evidence.recent.count), (7, 0));
        assert_eq!((s.since, s.evidence.dates.clone()), (ago(20), vec![ago(21)]));
        assert_eq!(
            s.text,
            "climbing came up most weeks in the 8 weeks before and not at all in the last 2 weeks. \
             If you miss it, a small first step back could help."
        );
    }

    #[test]
    fn how_regular_an_activity_was_is_judged_over_the_weeks_it_was_kept_up() {
        // A looser chance bar, so the share of weeks decides. The baseline's weeks start
        // 69, 62, 55, 48, 41 and 34 days ago.
        let settings = SignalSettings { max_chance: 0.05, ..SignalSettings::defaults() };
        let sam = person("Sam");
        let people = std::slice::from_ref(&sam);
        // In 4 of the 5 weeks from its first to its last: regular.
        let kept = with_tag(&sam, "choir", &[66, 59, 52, 38]);
        assert!(dropped(&kept, people, &settings).is_some());
        // In 4 of 6: too patchy to call a habit, however long it has been quiet.
        let patchy = with_tag(&sam, "choir", &[66, 59, 45, 31]);
        assert!(dropped(&patchy, people, &settings).is_none());
    }

    #[test]
    fn twice_in_one_week_is_one_week_of_the_habit() {
        // At the start and the end of each of the first three weeks of the baseline: three
        // weeks, too few to call a habit.
        let sam = person("Sam");
        let log = with_tag(&sam, "choir", &[69, 63, 62, 56, 55, 49]);
        assert!(dropped(&log, std::slice::from_ref(&sam), &SignalSettings::defaults()).is_none());
        // The same in four weeks is one.
        let log = with_tag(&sam, "choir", &[69, 63, 62, 56, 55, 49, 48, 42]);
        let s = dropped(&log, std::slice::from_ref(&sam), &SignalSettings::defaults()).expect("raised");
        assert_eq!(s.evidence.baseline.count, 8);
    }
}

mod contact_rules {
    use super::*;

    /// Daily contact for ten weeks; in the baseline, `base_each` unanswered messages on each
    /// of two days; in the last two weeks, one on each of six days.
    fn unanswered(sam: &Person, base_each: u32) -> Vec<Interaction> {
        let mut log = daily(sam, 70, 0);
        log.extend([30, 50].map(|d| met(sam, ago(d)).by(Mode::Text).unanswered(base_each)));
        log.extend([3, 4, 6, 8, 9, 12].map(|d| met(sam, ago(d)).by(Mode::Text).unanswered(1)));
        log
    }

    #[test]
    fn unanswered_messages_must_at_least_double_the_usual_pace() {
        let sam = person("Sam");
        // Four in eight weeks is about one a fortnight: six is more than twice that.
        let d = detect(std::slice::from_ref(&sam), &unanswered(&sam, 2), &[], &[]);
        let s = d.signals.iter().find(|s| s.kind == SignalKind::UnansweredMessages).expect("raised");
        assert_eq!((s.evidence.recent.count, s.evidence.baseline.count), (6, 4));
        assert!(s.text.contains("at your usual pace it would be about 1."), "{}", s.text);
        // Sixteen in eight weeks is about four a fortnight: six is less than twice that,
        // however many days they were spread over.
        let d = detect(std::slice::from_ref(&sam), &unanswered(&sam, 8), &[], &[]);
        assert!(!kinds(&d).contains(&SignalKind::UnansweredMessages), "{:?}", d.signals);
    }

    #[test]
    fn time_that_felt_neutral_is_not_draining() {
        let sam = person("Sam");
        let mut log: Vec<_> = (14..70).map(|d| met(&sam, ago(d)).felt(1)).collect();
        log.extend((0..14).map(|d| met(&sam, ago(d)).felt(0)));
        assert!(
            !kinds(&detect(std::slice::from_ref(&sam), &log, &[], &[]))
                .contains(&SignalKind::DrainingSocialTime)
        );
        let mut log: Vec<_> = (14..70).map(|d| met(&sam, ago(d)).felt(1)).collect();
        log.extend((0..14).map(|d| met(&sam, ago(d)).felt(-1)));
        assert!(kinds(&detect(&[sam], &log, &[], &[])).contains(&SignalKind::DrainingSocialTime));
    }
}

mod fewer_contacts_rules {
    use super::*;
    use crate::{Away, AwayId};

    /// Quick texts on each of `days` ago: logged, so not a lapse, and not meaningful.
    fn texts(sam: &Person, days: impl Iterator<Item = i64>) -> Vec<Interaction> {
        days.map(|d| met(sam, ago(d)).by(Mode::Text).trivial()).collect()
    }

    fn fewer(sam: &Person, log: &[Interaction], away: &[Away]) -> Option<Signal> {
        let people = std::slice::from_ref(sam);
        let h = History::new(people, log, &[], &[]).with_away(away);
        detect_signals(&h, &SignalSettings::defaults(), &now())
            .signals
            .into_iter()
            .find(|s| s.kind == SignalKind::FewerMeaningfulContacts)
    }

    fn away(from: i64, to: i64) -> Vec<Away> {
        vec![Away::new(AwayId::from_random_bytes([7; 16]), ago(from), ago(to), None).expect("valid")]
    }

    #[test]
    fn the_baseline_is_the_eight_weeks_before_the_window_not_all_of_history() {
        // Twenty weeks of history: quiet long ago, daily contact in the eight weeks before
        // the last two, then a trickle.
        let sam = person("Sam");
        let mut log = texts(&sam, 70..150);
        log.extend(daily(&sam, 69, 14));
        log.extend([met(&sam, ago(10)), met(&sam, ago(3))]);
        let s = fewer(&sam, &log, &[]).expect("raised");
        assert_eq!((s.evidence.baseline.from, s.evidence.baseline.to), (ago(69), ago(14)));
        assert_eq!((s.evidence.baseline.count, s.evidence.recent.count), (56, 2));
        assert_eq!(
            s.text,
            "2 meaningful contacts in the last 2 weeks; at your usual pace from the 8 weeks before it would \
             have been about 14. Even one short call counts."
        );
    }

    #[test]
    fn days_away_are_left_out_not_counted_as_no_contact() {
        let sam = person("Sam");
        let log = daily(&sam, 70, 14);
        assert!(fewer(&sam, &log, &away(13, 0)).is_none());
        // Without the days marked away, the same log is two weeks of no contact (the quick
        // texts keep it from being a lapse).
        let mut logged = log.clone();
        logged.extend(texts(&sam, 0..14));
        assert!(fewer(&sam, &logged, &[]).is_some());
    }

    #[test]
    fn a_window_is_judged_when_at_least_half_its_days_were_there_to_see() {
        // Three meaningful contacts a day for eight weeks, then none.
        let sam = person("Sam");
        let mut log: Vec<_> = (14..=70).flat_map(|d| [0, 1, 2].map(|_| met(&sam, ago(d)))).collect();
        log.extend(texts(&sam, 0..14));
        // Away 7 of the last 14 days: the other 7 are half the fortnight, and empty.
        let s = fewer(&sam, &log, &away(13, 7)).expect("raised");
        assert_eq!((s.evidence.recent.days, s.evidence.recent.count), (14, 0));
        assert!(s.text.contains("(leaving out 7 days away or not logged)"), "{}", s.text);
        // Away 8 of them: too little of the fortnight was seen to judge it, and the longer
        // windows still hold the week of ordinary contact before.
        assert!(fewer(&sam, &log, &away(13, 6)).is_none());
    }

    #[test]
    fn three_weeks_before_are_enough_to_compare_with_and_two_are_not() {
        let sam = person("Sam");
        let mut log = daily(&sam, 34, 14);
        log.extend(texts(&sam, 0..14));
        let s = fewer(&sam, &log, &[]).expect("raised");
        assert_eq!((s.evidence.baseline.from, s.evidence.baseline.count), (ago(34), 21));
        let mut short = daily(&sam, 27, 14);
        short.extend(texts(&sam, 0..14));
        assert!(fewer(&sam, &short, &[]).is_none());
    }

    #[test]
    fn people_who_usually_connect_less_often_than_the_setting_are_not_judged_on_it() {
        let settings = SignalSettings { contacts_min_baseline_per_week: 7.0, ..SignalSettings::defaults() };
        let sam = person("Sam");
        let judged = |log: &[Interaction]| {
            let h = History::new(std::slice::from_ref(&sam), log, &[], &[]);
            kinds(&detect_signals(&h, &settings, &now())).contains(&SignalKind::FewerMeaningfulContacts)
        };
        // Seven a week, then none: judged, and raised.
        let mut daily_log = daily(&sam, 70, 14);
        daily_log.extend(texts(&sam, 0..14));
        assert!(judged(&daily_log));
        // Six a week, then none: below the setting, so not judged.
        let mut six: Vec<_> = (14..=70).filter(|d| d % 7 != 0).map(|d| met(&sam, ago(d))).collect();
        six.extend(texts(&sam, 0..14));
        assert!(!judged(&six));
    }

    #[test]
    fn contact_must_fall_to_half_its_usual_pace_however_unlikely_a_smaller_fall_is() {
        // No spread beyond chance: a plain Poisson count, so even a modest fall is unlikely.
        let settings = SignalSettings {
            contacts_spread_floor: 0.0,
            contacts_spread_prior: 0.0,
            ..SignalSettings::defaults()
        };
        let sam = person("Sam");
        // Four a day for eight weeks; in the last two weeks, 28 or 29 (usual: 56).
        let with_recent = |n: usize| {
            let mut log: Vec<_> = (14..=69).flat_map(|d| [0, 1, 2, 3].map(|_| met(&sam, ago(d)))).collect();
            log.extend((0..n).map(|i| met(&sam, ago(i64::try_from(i % 14).expect("small")))));
            let h = History::new(std::slice::from_ref(&sam), &log, &[], &[]);
            detect_signals(&h, &settings, &now())
                .signals
                .into_iter()
                .find(|s| s.kind == SignalKind::FewerMeaningfulContacts)
        };
        let s = with_recent(28).expect("half: raised");
        assert_eq!(s.evidence.recent.count, 28);
        assert!(with_recent(29).is_none(), "just over half");
    }

    #[test]
    fn a_window_is_judged_only_when_enough_contacts_were_expected_in_it() {
        // Every other day for eight weeks, then nothing: 7 expected in the last two weeks.
        let sam = person("Sam");
        let mut log: Vec<_> = (14..=70).filter(|d| d % 2 == 0).map(|d| met(&sam, ago(d))).collect();
        log.extend(texts(&sam, 0..14));
        let raised = |min_expected: f64| {
            let settings = SignalSettings {
                contacts_windows_days: vec![14],
                contacts_min_expected: min_expected,
                contacts_spread_floor: 0.0,
                contacts_spread_prior: 0.0,
                ..SignalSettings::defaults()
            };
            let h = History::new(std::slice::from_ref(&sam), &log, &[], &[]);
            kinds(&detect_signals(&h, &settings, &now())).contains(&SignalKind::FewerMeaningfulContacts)
        };
        assert!(raised(7.0));
        assert!(!raised(7.5));
    }

    #[test]
    fn the_window_that_shows_the_fall_most_clearly_is_the_one_shown() {
        // Daily contact, then none for three weeks: the three weeks say more than the last two.
        let sam = person("Sam");
        let mut log = daily(&sam, 90, 21);
        log.extend(texts(&sam, 0..21));
        let s = fewer(&sam, &log, &[]).expect("raised");
        assert_eq!((s.since, s.evidence.recent.days, s.evidence.recent.count), (ago(20), 21, 0));
        assert!(s.text.starts_with("0 meaningful contacts in the last 3 weeks;"), "{}", s.text);
    }

    #[test]
    fn meeting_every_other_day_and_then_two_empty_weeks_is_raised() {
        // The steadier someone's weeks, the less a quiet fortnight is explained by ordinary
        // ups and downs: three or four contacts every week, then none for two weeks.
        let sam = person("Sam");
        let mut log: Vec<_> = (14..=70).filter(|d| d % 2 == 0).map(|d| met(&sam, ago(d))).collect();
        log.extend(texts(&sam, 0..14));
        let s = fewer(&sam, &log, &[]).expect("raised");
        assert_eq!((s.evidence.recent.count, s.evidence.baseline.count), (0, 28));
    }
}

mod late_cancellation_rules {
    use super::*;

    /// Plans with Sam kept on `kept` days ago and cancelled two hours before on `late` days ago.
    fn plans(sam: &Person, kept: impl Iterator<Item = i64>, late: &[i64]) -> Vec<Plan> {
        let mut plans: Vec<_> = kept.map(|d| plan(sam, ago(d), Outcome::Attended)).collect();
        plans.extend(late.iter().map(|d| cancelled(sam, ago(*d), 2)));
        plans
    }

    fn late(sam: &Person, plans: &[Plan], settings: &SignalSettings) -> Option<Signal> {
        let h = History::new(std::slice::from_ref(sam), &[], plans, &[]);
        detect_signals(&h, settings, &now())
            .signals
            .into_iter()
            .find(|s| s.kind == SignalKind::LateCancellations)
    }

    #[test]
    fn the_baseline_is_the_half_year_before_not_all_of_history() {
        // Long ago every plan fell through; in the 26 weeks before the last two, every plan
        // was kept; lately four of four fell through.
        let sam = person("Sam");
        let old: Vec<i64> = (196..260).step_by(2).collect();
        let mut all = plans(&sam, (14..196).step_by(2), &[2, 5, 9, 12]);
        all.extend(old.iter().map(|d| cancelled(&sam, ago(*d), 2)));
        let s = late(&sam, &all, &SignalSettings::defaults()).expect("raised");
        assert_eq!((s.evidence.baseline.from, s.evidence.baseline.to), (ago(195), ago(14)));
        assert_eq!((s.evidence.baseline.count, s.evidence.baseline.out_of), (0, Some(91)));
        assert_eq!((s.evidence.recent.count, s.evidence.recent.out_of), (4, Some(4)));
        assert!(s.text.contains("in the 26 weeks before it was none of 91."), "{}", s.text);
    }

    #[test]
    fn someone_with_a_plan_a_week_who_lets_the_last_two_go_is_noticed() {
        // Half a year of a plan a week, all kept; then two of the three plans of the last
        // four weeks cancelled two hours before. Eight weeks of plans alone hold too few to
        // say this is unusual; the half year does.
        let sam = person("Sam");
        let all = plans(&sam, (25..196).step_by(7), &[4, 18]);
        // A short message most days, so that no week reads as a gap in the record.
        let log: Vec<_> =
            (0..200).filter(|d| d % 3 != 0).map(|d| met(&sam, ago(d)).by(Mode::Text).trivial()).collect();
        let late = |settings: &SignalSettings| {
            let h = History::new(std::slice::from_ref(&sam), &log, &all, &[]);
            detect_signals(&h, settings, &now())
                .signals
                .into_iter()
                .find(|s| s.kind == SignalKind::LateCancellations)
        };
        let s = late(&SignalSettings::defaults()).expect("raised");
        assert_eq!((s.evidence.recent.count, s.evidence.recent.out_of), (2, Some(3)));
        let short = SignalSettings { late_baseline_days: 56, ..SignalSettings::defaults() };
        assert!(late(&short).is_none(), "against eight weeks of plans");
    }

    #[test]
    fn a_few_late_cancellations_before_do_not_hide_all_of_them_lately() {
        let sam = person("Sam");
        // Every third day from 71 days ago (the first record), two of them late.
        let kept = (14..=71).step_by(3).filter(|d| *d != 20 && *d != 44);
        let all = plans(&sam, kept, &[20, 44, 2, 5, 9, 12]);
        let s = late(&sam, &all, &SignalSettings::defaults()).expect("raised");
        assert_eq!((s.evidence.baseline.count, s.evidence.baseline.out_of), (2, Some(20)));
        assert_eq!(s.evidence.baseline.share, Some(0.1));
        assert!(s.text.contains("in the 58 days before it was 2 of 20."), "{}", s.text);
    }

    #[test]
    fn plans_moved_at_short_notice_count_and_plans_moved_in_good_time_do_not() {
        let sam = person("Sam");
        let moved = |hours: i64| {
            let mut all = plans(&sam, (14..70).step_by(2).chain([4]), &[]);
            all.extend([2, 6, 9].map(|d| {
                let mut p = plan(&sam, ago(d), Outcome::Rescheduled);
                p.outcome_at = Some(p.start.timestamp() - jiff::SignedDuration::from_hours(hours));
                p
            }));
            late(&sam, &all, &SignalSettings::defaults())
        };
        let s = moved(2).expect("moved two hours before: raised");
        assert_eq!((s.evidence.recent.count, s.evidence.recent.out_of), (3, Some(4)));
        assert!(moved(72).is_none(), "moved three days before");
        assert!(moved(24).is_none(), "moved a full day before, the notice that counts as in good time");
    }

    #[test]
    fn the_fewest_late_cancellations_and_the_rise_in_share_are_settings() {
        let sam = person("Sam");
        let three = SignalSettings { late_min_count: 3, ..SignalSettings::defaults() };
        assert!(late(&sam, &plans(&sam, (14..70).step_by(2), &[3, 9]), &three).is_none(), "2 < 3");
        assert!(late(&sam, &plans(&sam, (14..70).step_by(2), &[3, 6, 9]), &three).is_some());
        // The share must rise by at least 0.6: from none, 3 of 6 is not enough and 4 of 6 is.
        let steep = SignalSettings { late_rate_rise: 0.6, ..SignalSettings::defaults() };
        let half = plans(&sam, (14..70).step_by(2).chain([1, 4, 7]), &[3, 6, 9]);
        assert!(late(&sam, &half, &steep).is_none());
        let most = plans(&sam, (14..70).step_by(2).chain([1, 4]), &[3, 6, 9, 11]);
        assert!(late(&sam, &most, &steep).is_some());
    }
}

mod steps_let_go_rules {
    use super::*;
    use crate::ladder::fixtures::{done, let_go, step};
    use crate::ladder::{Attempt, Step};

    /// Daily contact for ten weeks, and the tries at one ladder step.
    fn let_go_signal(s: &Step, tries: &[Attempt], settings: &SignalSettings) -> Option<Signal> {
        let sam = person("Sam");
        let log = daily(&sam, 70, 0);
        let h = History::new(&[], &log, &[], &[]).with_ladder(std::slice::from_ref(s), tries);
        detect_signals(&h, settings, &now())
            .signals
            .into_iter()
            .find(|x| x.kind == SignalKind::StepsAbandoned)
    }

    /// Fourteen tries in the baseline, `base_let_go` of them let go; then `recent` as given.
    fn tries(s: &Step, base_let_go: usize, recent: &[(i64, bool)]) -> Vec<Attempt> {
        let mut all: Vec<_> = (15..70)
            .step_by(4)
            .enumerate()
            .map(|(i, d)| if i < base_let_go { let_go(s, d, 6) } else { done(s, d, 5, 3) })
            .collect();
        all.extend(recent.iter().map(|(d, gone)| if *gone { let_go(s, *d, 8) } else { done(s, *d, 5, 4) }));
        all
    }

    #[test]
    fn a_few_let_go_before_are_the_usual_share_and_all_let_go_lately_stands_out() {
        let s = step("Call Sam", 4);
        let recent: Vec<_> = [1, 3, 5, 7, 9, 11].map(|d| (d, true)).to_vec();
        let sig = let_go_signal(&s, &tries(&s, 2, &recent), &SignalSettings::defaults()).expect("raised");
        assert_eq!((sig.evidence.baseline.count, sig.evidence.baseline.out_of), (2, Some(14)));
        assert_eq!((sig.evidence.recent.count, sig.evidence.recent.out_of), (6, Some(6)));
        assert!(sig.text.contains("in the 8 weeks before it was 2 of 14."), "{}", sig.text);
    }

    #[test]
    fn many_let_go_with_no_tries_before_have_nothing_to_compare_with() {
        let s = step("Call Sam", 4);
        let recent: Vec<_> = (0..12).map(|i| let_go(&s, i, 8)).collect();
        assert!(let_go_signal(&s, &recent, &SignalSettings::defaults()).is_none());
    }

    #[test]
    fn the_fewest_let_go_and_the_rise_in_share_are_settings() {
        let s = step("Call Sam", 4);
        let six: Vec<_> = [1, 3, 5, 7, 9, 11].map(|d| (d, true)).to_vec();
        let seven = SignalSettings { let_go_min_count: 7, ..SignalSettings::defaults() };
        assert!(let_go_signal(&s, &tries(&s, 0, &six), &seven).is_none(), "6 < 7");
        assert!(let_go_signal(&s, &tries(&s, 0, &six), &SignalSettings::defaults()).is_some());
        // The share must rise by at least 0.9: from none, 5 of 6 is not enough and 6 of 6 is.
        let steep = SignalSettings { let_go_rise: 0.9, ..SignalSettings::defaults() };
        let five: Vec<_> = [(1, true), (3, true), (5, true), (7, false), (9, true), (11, true)].to_vec();
        assert!(let_go_signal(&s, &tries(&s, 0, &five), &steep).is_none());
        assert!(let_go_signal(&s, &tries(&s, 0, &six), &steep).is_some());
    }
}

mod restful_solitude_rules {
    use super::*;

    /// Contact falling to a trickle, with daily check-ins: in the baseline, time alone
    /// restored on all days but every `base_not`th and mood `base_mood`; lately the same with
    /// `recent_not` and `recent_mood`. Whether fewer contacts is raised.
    fn fewer_raised(base_not: i64, base_mood: i64, recent_not: i64, recent_mood: i64) -> bool {
        let sam = person("Sam");
        let mut log = daily(&sam, 70, 14);
        log.extend([met(&sam, ago(10)), met(&sam, ago(3))]);
        let mut checkins: Vec<_> =
            (14..70).map(|d| checkin(ago(d), base_mood, 3).restored(d % base_not != 0)).collect();
        checkins.extend((0..14).map(|d| checkin(ago(d), recent_mood, 3).restored(d % recent_not != 0)));
        kinds(&detect(&[sam], &log, &[], &checkins)).contains(&SignalKind::FewerMeaningfulContacts)
    }

    #[test]
    fn time_alone_that_restores_with_a_steady_mood_is_a_quiet_life_chosen() {
        // Restored on 13 of 14 days lately, as before; mood 4.
        assert!(!fewer_raised(100, 4, 100, 4));
    }

    #[test]
    fn time_alone_that_restores_on_only_half_the_days_is_not_taken_as_chosen() {
        // Restored on 7 of 14 (under 0.6), however good the mood.
        assert!(fewer_raised(2, 4, 2, 4));
    }

    #[test]
    fn a_low_mood_is_not_taken_as_a_quiet_life_chosen() {
        assert!(fewer_raised(100, 2, 100, 2));
    }

    #[test]
    fn time_alone_restoring_less_than_before_is_not_taken_as_chosen() {
        // Every day before; lately 9 of 14 (0.64: above 0.6, but 0.36 lower than before).
        assert!(fewer_raised(100, 4, 3, 4));
        // 10 of 14 lately (0.71, 0.29 lower): still chosen.
        assert!(!fewer_raised(100, 4, 4, 4));
    }

    #[test]
    fn a_mood_that_sank_is_not_taken_as_a_quiet_life_chosen() {
        // Mood 5 before and 4 now: still steady, but a full point lower.
        assert!(fewer_raised(100, 5, 100, 4));
        assert!(!fewer_raised(100, 4, 100, 4));
    }

    #[test]
    fn check_ins_before_that_say_nothing_of_time_alone_do_not_count_against_a_quiet_life() {
        let sam = person("Sam");
        let mut log = daily(&sam, 70, 14);
        log.extend([met(&sam, ago(10)), met(&sam, ago(3))]);
        // Before: check-ins with mood only. Lately: time alone restores, mood steady.
        let mut checkins: Vec<_> = (14..70).map(|d| checkin(ago(d), 4, 3)).collect();
        checkins.extend((0..14).map(|d| checkin(ago(d), 4, 3).restored(true)));
        assert!(!kinds(&detect(&[sam], &log, &[], &checkins)).contains(&SignalKind::FewerMeaningfulContacts));
    }
}
