//! Persona tests: Maya has pulled away from people after a hard spring. Over six weeks she
//! builds a ladder from the starter set and her own people, tries steps, lets one go, and
//! climbs. Each week the ladder is read as of that week's tries. She also makes
//! predictions before plans with her people, checks them afterwards, and has her weeks of
//! small steps acknowledged.

use super::fixtures::{bytes, done, let_go, predicted, settings};
use super::*;
use crate::insights::fixtures::person;

/// The tries that had happened by the end of the day `days_ago` days before today.
fn by(tries: &[Attempt], days_ago: i64) -> Vec<Attempt> {
    let cutoff = days_ago;
    tries
        .iter()
        .filter(|a| {
            let day = a.outcome_at.unwrap_or(a.predicted_at).local_date();
            day <= crate::insights::fixtures::ago(cutoff)
        })
        .cloned()
        .collect()
}

#[test]
fn maya_climbs_from_the_cashier_to_a_walk_with_sam_over_six_weeks() {
    let (sam, priya) = (person("Sam"), person("Priya"));
    let steps =
        starter_steps(&[sam.clone(), priya.clone()], "2026-10-01T00:00:00Z".parse().expect("valid"), bytes);
    let by_title =
        |start: &str| steps.iter().find(|s| s.title.as_str().starts_with(start)).expect("in the set");
    let (cashier, reply, hello) = (by_title("Swap"), by_title("Reply"), by_title("Send Priya"));
    let (neighbour, call, walk) =
        (by_title("Say hello"), by_title("Call Sam"), by_title("Go for a short walk"));
    assert_eq!(walk.person, Some(priya.id));
    assert_eq!(call.person, Some(sam.id));

    let tries = vec![
        // Week 1 (six weeks ago): the cashier, more nervous than it needed to be.
        done(cashier, 42, 6, 4),
        done(cashier, 39, 4, 2),
        // Week 2: she replies to Sam, and the cashier is easy now.
        done(reply, 35, 5, 3),
        done(cashier, 34, 2, 1),
        // Week 3: a hard week; she lets the call go.
        let_go(call, 27, 8),
        done(hello, 26, 6, 3),
        // Week 4: the neighbour, twice.
        done(neighbour, 21, 5, 4),
        done(neighbour, 17, 4, 3),
        // Week 5: the call happens, and goes better than feared.
        done(call, 12, 8, 5),
        done(call, 9, 6, 3),
        // Week 6: a walk is predicted, not done yet.
        predicted(walk, 1, 7),
    ];
    let as_of = |days_ago: i64| ladder(&steps, &by(&tries, days_ago), &settings());

    let start = ladder(&steps, &[], &settings());
    assert_eq!(start.next, Some(cashier.id), "the easiest rung first");

    let week1 = as_of(36);
    assert_eq!(week1.get(cashier.id).expect("on the ladder").state, StepState::Mastered);
    assert_eq!(week1.next, Some(reply.id));

    let week3 = as_of(24);
    assert_eq!(week3.get(call.id).expect("on the ladder").let_go, 1);
    assert_eq!(week3.get(call.id).expect("on the ladder").state, StepState::NotYet);
    assert_eq!(week3.next, Some(neighbour.id));

    let week5 = as_of(8);
    let c = week5.get(call.id).expect("on the ladder");
    assert_eq!((c.state, c.felt_anxiety.as_slice()), (StepState::Mastered, &[5, 3][..]));
    assert_eq!(week5.next, Some(walk.id), "the next rung is the walk with Priya");

    let now = ladder(&steps, &tries, &settings());
    assert_eq!(now.get(walk.id).expect("on the ladder").open_attempt, Some(tries[10].id));
    assert_eq!(now.mastered, 3, "cashier, neighbour and the call mastered");
    assert_eq!(now.comfortable, 2, "the reply and the hello, once each, comfortably");

    let r = prediction_report(&steps, &tries);
    assert_eq!((r.done, r.better, r.let_go), (9, 9, 1));
    assert!(r.text.starts_with("In 9 of 9 steps it went better than you expected"), "{}", r.text);
}

#[test]
fn a_step_that_stays_hard_is_not_called_mastered_however_often_it_is_done() {
    let steps = starter_steps(&[], "2026-10-01T00:00:00Z".parse().expect("valid"), bytes);
    let group = steps.last().expect("a group step");
    let tries: Vec<_> = (0..6).map(|w| done(group, 40 - w * 7, 8, 6)).collect();
    let l = ladder(&steps, &tries, &settings());
    let g = l.get(group.id).expect("on the ladder");
    assert_eq!((g.state, g.done), (StepState::Trying, 6));
    assert_eq!(l.next, Some(steps[0].id), "the easiest rung not yet done comfortably comes first");
}

#[test]
fn maya_predicts_her_plans_too_and_her_weeks_of_small_steps_are_acknowledged() {
    use crate::Outcome;
    use crate::insights::fixtures::{ago, at, plan};
    let (sam, priya) = (person("Sam"), person("Priya"));
    let steps =
        starter_steps(&[sam.clone(), priya.clone()], "2026-10-01T00:00:00Z".parse().expect("valid"), bytes);
    let by_title =
        |start: &str| steps.iter().find(|s| s.title.as_str().starts_with(start)).expect("in the set");
    let (cashier, reply, neighbour) = (by_title("Swap"), by_title("Reply"), by_title("Say hello"));
    let s = settings();
    // A step done in each of four weeks, with a quiet week (three weeks ago) in between.
    let tries = vec![
        done(cashier, 28, 6, 4),
        done(reply, 27, 5, 3),
        done(neighbour, 14, 5, 4),
        done(neighbour, 7, 4, 3),
        done(reply, 0, 3, 2),
    ];
    let streak_on = |days_ago: i64, upto: usize| ladder_streak(&tries[..upto], ago(days_ago), &s);
    assert_eq!(streak_on(27, 2).weeks, 1);
    let (before, after) = (streak_on(0, 4), streak_on(0, 5));
    assert_eq!((before.weeks, after.weeks, after.quiet_weeks), (3, 4, 1));
    let words = streak_words(&before, &after, &s).expect("four weeks");
    assert!(words.contains("4 weeks in a row") && words.contains("quiet week"), "{words}");
    assert_eq!(streak_words(&streak_on(7, 3), &streak_on(7, 4), &s), None, "three weeks is no milestone");

    // Three plans with predictions: dinner with Sam feared (8), kept, and it was fine (3);
    // a call with Priya cancelled by her a day before; a walk with Priya, expected to go
    // badly (3 of 10), went well (8 of 10).
    let anxiety = |n| Anxiety::new(n).expect("valid");
    let expect = |n| Some(Expectation::new(n).expect("valid"));
    let (dinner, call, walk) = (
        plan(&sam, ago(20), Outcome::Attended),
        plan(&priya, ago(10), Outcome::CancelledByThem),
        plan(&priya, ago(2), Outcome::Attended),
    );
    let mut predictions = vec![
        PlanPrediction::new(&dinner, anxiety(8), None, at(ago(23), 9)),
        PlanPrediction::new(&call, anxiety(6), None, at(ago(12), 9)),
        PlanPrediction::new(&walk, anxiety(7), expect(3), at(ago(4), 9)),
    ];
    predictions[0].check(&dinner, anxiety(3), None, at(ago(20), 23)).expect("attended");
    assert!(predictions[1].check(&call, anxiety(1), None, at(ago(10), 23)).is_err(), "it did not happen");
    // Before the walk, a high prediction: the look back covers steps and plans so far.
    let so_far: Vec<Attempt> = tries[..4].to_vec();
    let prompt = prediction_prompt_with_plans(&so_far, &predictions[..1], anxiety(7), &s).expect("prompted");
    assert!(prompt.contains("Of your last 5 steps and plans, 5 went better than you expected"), "{prompt}");
    predictions[2].check(&walk, anxiety(5), expect(8), at(ago(2), 18)).expect("attended");

    let plans = [dinner, call, walk];
    let r = prediction_report_with_plans(&steps, &tries, &plans, &predictions);
    assert_eq!((r.done, r.better), (5, 5));
    assert_eq!((r.plans.predicted, r.plans.done, r.plans.better, r.plans.let_go), (3, 2, 2, 0));
    assert_eq!((r.total_done, r.total_better), (7, 7));
    assert!(r.text.contains("Of 2 plans with a prediction, 2 went better than you expected."), "{}", r.text);
}
