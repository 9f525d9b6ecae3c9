//! Capacity and saying no: planned social load for the next days against
//! the social battery of recent check-ins. When the plans outweigh the battery, kith says so
//! kindly and names the plan that would be easiest to move; after a heavy day it suggests
//! keeping the next one free.

use crate::insights::days::{DayRange, date_of, day_number};
use crate::insights::map::{Quadrant, connection_map};
use crate::insights::{History, join_names, round2};
use crate::settings::{CapacitySettings, MapSettings};
use crate::{Mode, Moment, Outcome, PersonId, Plan, PlanId};
use jiff::Zoned;
use jiff::civil::Date;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// A plan, as the insights refer to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanRef {
    pub plan_id: PlanId,
    pub date: Date,
    pub start: Moment,
    pub mode: Mode,
    pub person_ids: Vec<PersonId>,
    pub people: Vec<String>,
}

impl PlanRef {
    /// The reference to `plan`, with its people's names.
    pub(crate) fn of(plan: &Plan, by_id: &std::collections::HashMap<PersonId, &crate::Person>) -> Self {
        PlanRef {
            plan_id: plan.id,
            date: plan.start.local_date(),
            start: plan.start,
            mode: plan.mode,
            person_ids: plan.people.clone(),
            people: History::names(by_id, &plan.people),
        }
    }
}

/// A day whose plans reach the heavy-day load.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeavyDay {
    pub date: Date,
    pub load: f64,
    pub plans: u32,
    /// The first following day with nothing planned, within the horizon and three days.
    pub recovery_day: Option<Date>,
}

/// Planned load against capacity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CapacityCheck {
    pub from: Date,
    pub to: Date,
    /// Mean social battery (0-5) over recent check-ins; `None` without check-ins.
    pub mean_capacity: Option<f64>,
    pub checkins_used: u32,
    /// The load the battery can carry over the horizon; `None` without check-ins.
    pub budget: Option<f64>,
    pub load: f64,
    pub plans: u32,
    pub over: bool,
    /// When over: the plan that would be easiest to move. Never one with someone who lifts
    /// you (the energising quadrants of the map).
    pub easiest_to_move: Option<PlanRef>,
    /// Whether that plan is to meet in person, so a call in its place is offered.
    pub easiest_as_call: bool,
    pub heavy_days: Vec<HeavyDay>,
    pub text: String,
}

/// The load of one plan, by mode.
pub fn plan_load(plan: &Plan, s: &CapacitySettings) -> f64 {
    match plan.mode {
        Mode::InPerson => s.load_in_person,
        Mode::Voice | Mode::Video => s.load_call,
        Mode::Text | Mode::Social => s.load_online,
    }
    .max(0.0)
}

/// Planned load for the next days against capacity, as of `now`. The map (`map`) tells who
/// lifts you, whose plans are never the ones suggested for moving.
pub fn capacity_check(
    history: &History<'_>,
    settings: &CapacitySettings,
    map: &MapSettings,
    now: &Zoned,
) -> CapacityCheck {
    let today = day_number(now.date());
    let horizon = DayRange { first: today, last: today + i64::from(settings.horizon_days.max(1)) - 1 };
    let recent = DayRange::ending(today, i64::from(settings.checkin_days));
    let capacities: Vec<i64> = history
        .checkins
        .iter()
        .filter(|c| recent.contains(day_number(c.date)))
        .map(|c| c.capacity.get())
        .collect();
    let checkins_used = u32::try_from(capacities.len()).unwrap_or(u32::MAX);
    let mean_capacity =
        (!capacities.is_empty()).then(|| capacities.iter().sum::<i64>() as f64 / capacities.len() as f64);
    let budget =
        mean_capacity.map(|c| c / 5.0 * settings.full_battery_plans_per_week * horizon.len() as f64 / 7.0);

    let upcoming: Vec<&Plan> = history
        .plans
        .iter()
        .filter(|p| p.outcome == Outcome::Pending && p.start.timestamp() >= now.timestamp())
        .filter(|p| horizon.contains(day_number(p.start.local_date())))
        .collect();
    let mut by_day: BTreeMap<i64, Vec<&Plan>> = BTreeMap::new();
    for p in &upcoming {
        by_day.entry(day_number(p.start.local_date())).or_default().push(p);
    }
    let day_load = |plans: &[&Plan]| plans.iter().map(|p| plan_load(p, settings)).sum::<f64>();
    let load: f64 = by_day.values().map(|ps| day_load(ps)).sum();
    let over = budget.is_some_and(|b| load > b);

    let heavy_days: Vec<HeavyDay> = by_day
        .iter()
        .filter(|(_, ps)| day_load(ps) >= settings.heavy_day_load)
        .map(|(day, ps)| HeavyDay {
            date: date_of(*day),
            load: round2(day_load(ps)),
            plans: u32::try_from(ps.len()).unwrap_or(u32::MAX),
            recovery_day: (day + 1..=(day + 3).min(horizon.last + 1))
                .find(|d| !by_day.contains_key(d))
                .map(date_of),
        })
        .collect();

    let by_id = history.people_by_id();
    let feel = if over { how_time_feels(history, map, now) } else { HashMap::new() };
    let pick = over.then(|| easiest(&by_day, &feel, settings, &day_load)).flatten();
    let easiest_to_move = pick.as_ref().map(|m| PlanRef::of(m.plan, &by_id));
    let as_call = pick.as_ref().is_some_and(|m| m.plan.mode == Mode::InPerson);
    let reason = pick.as_ref().map(|m| m.reason);
    // Plans with someone who lifts you are kept, and the people who lift you named.
    let mut keep: Vec<String> = Vec::new();
    for id in upcoming.iter().flat_map(|p| p.people.iter()).filter(|id| feel.get(id) == Some(&true)) {
        if let Some(p) = by_id.get(id)
            && !keep.iter().any(|n| n == p.name.as_str())
        {
            keep.push(p.name.as_str().to_owned());
        }
    }
    let plans = u32::try_from(upcoming.len()).unwrap_or(u32::MAX);
    let text = describe(
        plans,
        horizon.len(),
        mean_capacity,
        over,
        Moving { plan: easiest_to_move.as_ref(), reason, as_call, keep: &keep },
        &heavy_days,
    );
    CapacityCheck {
        from: horizon.from_date(),
        to: horizon.to_date(),
        mean_capacity: mean_capacity.map(round2),
        checkins_used,
        budget: budget.map(round2),
        load: round2(load),
        plans,
        over,
        easiest_to_move,
        easiest_as_call: as_call,
        heavy_days,
        text,
    }
}

/// How time with each person feels on the map: true for someone who lifts you (the
/// energising quadrants), false for someone who drains you; absent when there is not enough
/// to say.
fn how_time_feels(history: &History<'_>, map: &MapSettings, now: &Zoned) -> HashMap<PersonId, bool> {
    connection_map(history, map, now)
        .people
        .into_iter()
        .filter_map(|e| match e.quadrant? {
            Quadrant::EnergisingFrequent | Quadrant::EnergisingRare => Some((e.person_id, true)),
            Quadrant::DrainingFrequent | Quadrant::DrainingRare => Some((e.person_id, false)),
        })
        .collect()
}

/// Whether a plan includes someone who lifts you.
fn lifts(plan: &Plan, feel: &HashMap<PersonId, bool>) -> bool {
    plan.people.iter().any(|id| feel.get(id) == Some(&true))
}

/// Why a plan was picked as the easiest to move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Reason {
    /// Someone in it drains you.
    Draining,
    /// Many people: one absence changes it least, and groups cost more.
    LargeGroup,
    /// On the busiest day, with the fewest people to rearrange.
    Busiest,
}

struct Move<'p> {
    plan: &'p Plan,
    reason: Reason,
}

/// The plan to suggest moving on a low battery: never one with someone who lifts you; first
/// a plan with someone who drains you, then a large group, then the busiest day's plan with
/// the fewest people. Within each, the busier day first, then the later plan (the most
/// notice for everyone).
fn easiest<'p>(
    by_day: &BTreeMap<i64, Vec<&'p Plan>>,
    feel: &HashMap<PersonId, bool>,
    settings: &CapacitySettings,
    day_load: &dyn Fn(&[&Plan]) -> f64,
) -> Option<Move<'p>> {
    let large = usize::try_from(settings.large_group_at_least.max(1)).unwrap_or(usize::MAX);
    by_day
        .values()
        .flat_map(|ps| ps.iter().map(move |p| (*p, day_load(ps))))
        .filter(|(p, _)| !lifts(p, feel))
        .map(|(plan, load)| {
            let reason = if plan.people.iter().any(|id| feel.get(id) == Some(&false)) {
                Reason::Draining
            } else if plan.people.len() >= large {
                Reason::LargeGroup
            } else {
                Reason::Busiest
            };
            (Move { plan, reason }, load)
        })
        .min_by(|(a, la), (b, lb)| {
            let people = |m: &Move<'_>| if m.reason == Reason::Busiest { m.plan.people.len() } else { 0 };
            a.reason
                .cmp(&b.reason)
                .then(lb.total_cmp(la))
                .then(people(a).cmp(&people(b)))
                .then(b.plan.start.cmp(&a.plan.start))
        })
        .map(|(m, _)| m)
}

/// What the words say about moving a plan.
struct Moving<'a> {
    plan: Option<&'a PlanRef>,
    reason: Option<Reason>,
    as_call: bool,
    /// The people who lift you, among those in the plans ahead.
    keep: &'a [String],
}

fn describe(
    plans: u32,
    days: i64,
    capacity: Option<f64>,
    over: bool,
    moving: Moving<'_>,
    heavy: &[HeavyDay],
) -> String {
    let count = match plans {
        0 => "No plans".to_owned(),
        1 => "1 plan".to_owned(),
        n => format!("{n} plans"),
    };
    let mut text = match capacity {
        None => format!(
            "{count} in the next {days} days. A check-in now and then lets kith weigh them against your energy."
        ),
        Some(c) if over => format!(
            "{count} in the next {days} days, and your social battery has been around {} of 5 lately. \
             That may be more than you have room for, and saying no on purpose is healthy.",
            round2(c)
        ),
        Some(_) if plans == 0 => format!("{count} in the next {days} days: room to rest, or to say yes."),
        Some(_) => format!("{count} in the next {days} days: that fits your social battery lately."),
    };
    if let Some(p) = moving.plan {
        let why = match moving.reason {
            Some(Reason::Draining) => ": time with them tends to take energy",
            Some(Reason::LargeGroup) => ": a large group asks a lot",
            _ => "",
        };
        text.push_str(&format!(
            " The easiest to move looks like {} with {} on {}{why}.",
            p.mode.label(),
            join_names(&p.people),
            p.date.strftime("%A")
        ));
        if moving.as_call {
            text.push_str(" Or, to keep it, a call in place of meeting asks less of you.");
        }
    }
    if over && !moving.keep.is_empty() {
        let names = join_names(moving.keep);
        if moving.plan.is_some() {
            text.push_str(&format!(" Keep the time with {names}: it lifts you."));
        } else {
            text.push_str(&format!(
                " Each is with someone who lifts you ({names}), so keep them, and keep the time around \
                 them quiet."
            ));
        }
    }
    for h in heavy {
        match h.recovery_day {
            Some(r) => text.push_str(&format!(
                " {} looks full; keeping {} free would give you time to recover.",
                h.date.strftime("%A"),
                r.strftime("%A")
            )),
            None => text
                .push_str(&format!(" {} looks full; leave some quiet time after it.", h.date.strftime("%A"))),
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::days::shift;
    use crate::insights::fixtures::*;

    fn check(people: &[crate::Person], plans: &[Plan], capacity: i64) -> CapacityCheck {
        let checkins: Vec<_> = (0..7).map(|d| checkin(ago(d), 3, capacity)).collect();
        capacity_check(
            &History::new(people, &[], plans, &checkins),
            &CapacitySettings::defaults(),
            &MapSettings::defaults(),
            &now(),
        )
    }

    fn ahead(n: i64) -> Date {
        shift(today(), n)
    }

    #[test]
    fn more_plans_than_the_battery_carries_is_named_kindly_with_a_plan_to_move() {
        let (sam, ana) = (person("Sam"), person("Ana"));
        let mut group = plan(&ana, ahead(2), Outcome::Pending);
        group.people.push(sam.id);
        let plans = vec![
            plan(&sam, ahead(1), Outcome::Pending),
            group,
            plan(&sam, ahead(2), Outcome::Pending),
            plan(&ana, ahead(4), Outcome::Pending),
        ];
        let c = check(&[sam, ana], &plans, 2);
        assert_eq!(c.budget, Some(2.8));
        assert_eq!(c.load, 4.0);
        assert!(c.over);
        let moved = c.easiest_to_move.expect("a plan to move");
        assert_eq!((moved.date, moved.people.len()), (ahead(2), 1), "busiest day, fewest people");
        assert!(c.text.contains("saying no on purpose is healthy"), "{}", c.text);
        assert_eq!(c.heavy_days.len(), 1);
        assert_eq!(c.heavy_days[0].recovery_day, Some(ahead(3)));
    }

    fn call(mut p: Plan) -> Plan {
        p.mode = Mode::Voice;
        p
    }

    /// A low battery (2 of 5) with ratings on the map: three past times with each person.
    fn low(people: &[crate::Person], felt: &[(usize, i64)], plans: &[Plan]) -> CapacityCheck {
        let log: Vec<_> =
            felt.iter().flat_map(|(i, f)| [3, 10, 20].map(|d| met(&people[*i], ago(d)).felt(*f))).collect();
        let checkins: Vec<_> = (0..7).map(|d| checkin(ago(d), 3, 2)).collect();
        let h = History::new(people, &log, plans, &checkins);
        capacity_check(&h, &CapacitySettings::defaults(), &MapSettings::defaults(), &now())
    }

    #[test]
    fn a_low_battery_never_moves_the_plan_with_someone_who_lifts_you() {
        let (sam, lee) = (person("Sam"), person("Lee"));
        // Sam lifts you and shares the busiest day; Lee drains you.
        let plans = vec![
            plan(&sam, ahead(2), Outcome::Pending),
            call(plan(&sam, ahead(2), Outcome::Pending)),
            plan(&lee, ahead(4), Outcome::Pending),
            call(plan(&lee, ahead(5), Outcome::Pending)),
        ];
        let people = [sam, lee];
        let c = low(&people, &[(0, 2), (1, -1)], &plans);
        assert!(c.over);
        let moved = c.easiest_to_move.expect("a plan to move");
        assert_eq!(
            (moved.people.as_slice(), moved.date),
            (["Lee".to_owned()].as_slice(), ahead(4)),
            "the busier of Lee's days"
        );
        assert!(c.text.contains("time with them tends to take energy"), "{}", c.text);
        assert!(c.text.contains("Keep the time with Sam: it lifts you."), "{}", c.text);
        assert!(c.easiest_as_call, "a meeting, so a call is offered");
        let sam_again = |d| plan(&people[0], ahead(d), Outcome::Pending);
        let only_sam = [plans[0].clone(), plans[1].clone(), sam_again(3), sam_again(6)];
        let c = low(&people, &[(0, 2), (1, -1)], &only_sam);
        assert!(c.over);
        assert_eq!(c.easiest_to_move, None, "every plan is with someone who lifts you");
        assert!(c.text.contains("Each is with someone who lifts you (Sam), so keep them"), "{}", c.text);
    }

    #[test]
    fn a_large_group_goes_before_a_quiet_plan_and_a_meeting_can_become_a_call() {
        let people: Vec<_> = ["Sam", "Ana", "Bo", "Cy", "Di", "Kim"].into_iter().map(person).collect();
        let mut group = plan(&people[1], ahead(4), Outcome::Pending);
        group.people.extend([people[2].id, people[3].id, people[4].id]);
        let plans = vec![
            plan(&people[5], ahead(1), Outcome::Pending),
            plan(&people[5], ahead(1), Outcome::Pending),
            group,
            plan(&people[0], ahead(2), Outcome::Pending),
        ];
        let c = low(&people, &[(0, 2)], &plans);
        assert!(c.over);
        let moved = c.easiest_to_move.expect("a plan to move");
        assert_eq!(moved.people.len(), 4, "the group, not Kim on the busiest day");
        assert!(c.easiest_as_call);
        assert!(c.text.contains("a large group asks a lot"), "{}", c.text);
        assert!(c.text.contains("a call in place of meeting asks less of you"), "{}", c.text);
    }

    #[test]
    fn plans_within_capacity_are_fine_and_past_or_settled_plans_do_not_count() {
        let sam = person("Sam");
        let plans = vec![
            plan(&sam, ahead(1), Outcome::Pending),
            plan(&sam, ago(1), Outcome::Pending),
            plan(&sam, ahead(3), Outcome::CancelledByThem),
            plan(&sam, ahead(9), Outcome::Pending),
        ];
        let c = check(&[sam], &plans, 4);
        assert_eq!(c.plans, 1);
        assert!(!c.over);
        assert!(c.easiest_to_move.is_none());
        let none = check(&[], &[], 4);
        assert!(none.text.starts_with("No plans in the next 7 days"), "{}", none.text);
        assert!(!serde_json::to_string(&none).expect("json").contains("-0.0"), "an empty sum is -0.0");
    }

    #[test]
    fn without_check_ins_nothing_is_called_too_much() {
        let sam = person("Sam");
        let plans: Vec<_> = (1..7).map(|d| plan(&sam, ahead(d), Outcome::Pending)).collect();
        let people = [sam];
        let c = capacity_check(
            &History::new(&people, &[], &plans, &[]),
            &CapacitySettings::defaults(),
            &MapSettings::defaults(),
            &now(),
        );
        assert_eq!((c.budget, c.over), (None, false));
        assert!(c.text.contains("check-in"), "{}", c.text);
    }
}
