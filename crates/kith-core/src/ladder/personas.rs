//! Persona tests: Maya has pulled away from people after a hard spring. Over six weeks she
//! builds a ladder from the starter set and her own people, tries steps, lets one go, and
//! climbs. Each week the ladder is read as of that week's tries.

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
