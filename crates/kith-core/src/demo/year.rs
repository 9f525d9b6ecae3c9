//! The demo year: a year of one person's social life, ending at "now", built by rolling
//! each habit of the cast on each local day, with one stretch at the end where the person
//! starts to withdraw, so that the signals have something to show.

use super::cast::{CAST, HABITS, Habit};
use super::rng::Rng;
use super::{DemoData, days_ending, local_moment, shift_days};
use crate::{
    Alias, Cadence, Felt, Initiator, Interaction, InteractionId, Minutes, Mode, Moment, Note, Outcome,
    Person, PersonId, PersonName, Plan, PlanId, Source, Tag,
};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp, Zoned};

/// How many local days, ending today, the withdrawal stretch lasts: three weeks, long
/// enough for the withdrawal signals to see it against the weeks before.
pub const WITHDRAWAL_DAYS: i64 = 21;

/// How far ahead pending plans reach, in days.
const PLANNED_AHEAD_DAYS: i64 = 14;

/// A realistic generated year ending at `now`, in `now`'s time zone: 23 people in every
/// circle, about two thousand interactions in every mode, plans kept, cancelled, moved and
/// missed (and some pending in the next two weeks), and a check-in on most days. In the last
/// [`WITHDRAWAL_DAYS`] days the person starts to withdraw: fewer meaningful contacts, the
/// weekly climbing stops, more last-minute cancellations, messages left unanswered, time alone
/// that does not restore, and lower mood and energy.
///
/// The same `seed` and `now` always give equal data.
pub fn demo_year(seed: u64, now: &Zoned) -> DemoData {
    let tz = now.time_zone().clone();
    let today = now.date();
    let days = days_ending(today, 365);
    let first_day = days.first().copied().unwrap_or(today);
    let mut year = Year {
        rng: Rng::new(seed, 1),
        tz,
        now: now.timestamp(),
        stretch_start: shift_days(today, 1 - WITHDRAWAL_DAYS).unwrap_or(today),
        due: vec![None; HABITS.len()],
        people: Vec::new(),
        interactions: Vec::new(),
        plans: Vec::new(),
    };
    year.add_cast(first_day);
    let ahead = (1..=PLANNED_AHEAD_DAYS).filter_map(|n| shift_days(today, n));
    for date in days.iter().copied().chain(ahead) {
        for (index, habit) in HABITS.iter().enumerate() {
            year.roll(index, habit, date, date <= today);
        }
    }
    let checkins = super::checkins::year_of_checkins(seed, now, &days, year.stretch_start);
    DemoData { people: year.people, interactions: year.interactions, plans: year.plans, checkins }.sorted()
}

/// What kind of contact an interaction records.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Everyday contact before the withdrawal.
    Ordinary,
    /// Contact during the withdrawal: more often trivial, felt a notch worse, replies slower.
    Withdrawn,
    /// A message thread from them, during the withdrawal, that got no reply.
    Unanswered,
    /// The contact an attended plan became.
    Planned(PlanId),
}

struct Year {
    rng: Rng,
    tz: TimeZone,
    now: Timestamp,
    stretch_start: Date,
    /// When each steady habit is next due, by its index in [`HABITS`].
    due: Vec<Option<Date>>,
    people: Vec<Person>,
    interactions: Vec<Interaction>,
    plans: Vec<Plan>,
}

impl Year {
    fn add_cast(&mut self, first_day: Date) {
        for someone in &CAST {
            let id = self.rng.person_id();
            let known_for = self.rng.range(20, 900);
            let created = shift_days(first_day, -known_for)
                .and_then(|d| local_moment(d, 10, 0, &self.tz))
                .map_or(self.now, Moment::timestamp);
            let Ok(name) = PersonName::parse(someone.name) else { continue };
            self.people.push(Person {
                id,
                name,
                circle: someone.circle,
                cadence: someone.cadence_days.and_then(|d| Cadence::from_days(d).ok()),
                aliases: someone.aliases.iter().filter_map(|a| Alias::parse(a).ok()).collect(),
                note: someone.note.and_then(|n| Note::parse("note", n).ok()),
                archived: false,
                snoozed_until: None,
                created_at: created,
            });
        }
    }

    fn ids(&self, names: &[&str]) -> Vec<PersonId> {
        names
            .iter()
            .filter_map(|n| self.people.iter().find(|p| p.name.as_str() == *n).map(|p| p.id))
            .collect()
    }

    /// Rolls `habit` for one local day. Days after today only make pending plans.
    fn roll(&mut self, index: usize, habit: &Habit, date: Date, is_past: bool) {
        if !habit.on.is_empty() && !habit.on.contains(&date.weekday()) {
            return;
        }
        if !self.is_due(index, habit, date) || !self.rng.chance(habit.chance) {
            return;
        }
        if !is_past && !habit.planned {
            return;
        }
        let hour = self.rng.range(i64::from(habit.hours.0), i64::from(habit.hours.1));
        let minute = if habit.planned { 15 * self.rng.range(0, 3) } else { self.rng.range(0, 59) };
        let Some(start) = local_moment(date, hour, minute, &self.tz) else { return };
        let withdrawn = date >= self.stretch_start;
        let kept = !withdrawn || self.rng.chance(habit.kept);
        if start.timestamp() > self.now {
            if habit.planned {
                self.pending_plan(habit, start, None, None);
            }
        } else if habit.planned {
            self.past_plan(habit, start, kept, None);
        } else if kept {
            self.interaction(habit, start, if withdrawn { Kind::Withdrawn } else { Kind::Ordinary });
        } else if habit.mode == Mode::Text {
            // They still write; the messages are left unanswered.
            self.interaction(habit, start, Kind::Unanswered);
        }
    }

    /// Whether a steady habit is due on `date` (and if so, when it is due next); habits
    /// without a rhythm are always due.
    fn is_due(&mut self, index: usize, habit: &Habit, date: Date) -> bool {
        if habit.every_days <= 0 {
            return true;
        }
        let Some(slot) = self.due.get_mut(index) else { return false };
        let due = *slot
            .get_or_insert_with(|| shift_days(date, self.rng.range(0, habit.every_days - 1)).unwrap_or(date));
        if date < due {
            return false;
        }
        let jitter = habit.every_days / 4;
        *slot = shift_days(date, habit.every_days + self.rng.range(-jitter, jitter));
        true
    }

    fn interaction(&mut self, habit: &Habit, at: Moment, kind: Kind) -> InteractionId {
        let id = self.rng.interaction_id();
        let plan = if let Kind::Planned(plan) = kind { Some(plan) } else { None };
        let withdrawn = match kind {
            Kind::Ordinary => false,
            Kind::Withdrawn | Kind::Unanswered => true,
            Kind::Planned(_) => at.local_date() >= self.stretch_start,
        };
        let ignored = kind == Kind::Unanswered;
        let minutes = if ignored { 1 } else { self.rng.range(habit.minutes.0, habit.minutes.1) };
        let by_me = plan.is_some() || (!ignored && self.rng.chance(habit.by_me));
        let initiator = if by_me { Initiator::Me } else { Initiator::Them };
        let imported = habit.imported && habit.mode == Mode::Text;
        // Imported threads arrive unrated; the user rates the ones they remember.
        let felt = if imported || ignored { None } else { self.felt(habit, withdrawn) };
        // Going through the motions: more contact feels like nothing much when withdrawing.
        let trivial_chance = habit.trivial + if withdrawn { 0.25 } else { 0.0 };
        let meaningful = plan.is_some() || (!ignored && !self.rng.chance(trivial_chance));
        let unanswered = if habit.mode == Mode::Text && !by_me {
            let (chance, most) = match kind {
                Kind::Unanswered => (1.0, 4),
                Kind::Withdrawn => (0.5, 3),
                _ => (0.08, 2),
            };
            if self.rng.chance(chance) { u32::try_from(self.rng.range(1, most)).unwrap_or(1) } else { 0 }
        } else {
            0
        };
        let source = if imported {
            Source { kind: "whatsapp".into(), id: Some(format!("wa-{:016x}", self.rng.next_u64())) }
        } else {
            Source::manual()
        };
        self.interactions.push(Interaction {
            id,
            at,
            minutes: Minutes::new("minutes", minutes).ok(),
            mode: habit.mode,
            initiator: Some(initiator),
            people: self.ids(habit.with),
            felt,
            meaningful,
            tags: habit.tags.iter().filter_map(|t| Tag::parse(t).ok()).collect(),
            note: habit.note.and_then(|n| Note::parse("note", n).ok()),
            unanswered,
            source,
            plan,
        });
        id
    }

    /// How it felt; during the withdrawal, social time often feels a notch worse.
    fn felt(&mut self, habit: &Habit, withdrawn: bool) -> Option<Felt> {
        if self.rng.chance(habit.unrated) {
            return None;
        }
        let mut felt = self.rng.range(habit.felt.0, habit.felt.1);
        if withdrawn && self.rng.chance(0.4) {
            felt = (felt - 1).max(-2);
        }
        Felt::new(felt).ok()
    }

    /// A plan for `habit` at `start`, made at `created_at`, with no outcome yet.
    fn new_plan(&mut self, habit: &Habit, start: Moment, created_at: Timestamp) -> Plan {
        Plan {
            id: self.rng.plan_id(),
            people: self.ids(habit.with),
            start,
            mode: habit.mode,
            note: habit.note.and_then(|n| Note::parse("note", n).ok()),
            created_at,
            outcome: Outcome::Pending,
            outcome_at: None,
            interaction: None,
            moved_from: None,
            source: Source::manual(),
        }
    }

    fn pending_plan(
        &mut self,
        habit: &Habit,
        start: Moment,
        created: Option<Timestamp>,
        from: Option<PlanId>,
    ) {
        let lead = SignedDuration::from_hours(self.rng.range(20, 240));
        let early = start.timestamp().checked_sub(lead).unwrap_or(start.timestamp());
        let created =
            created.unwrap_or(if early <= self.now { early } else { self.hours_before(self.now, 1, 48) });
        let plan = Plan { moved_from: from, ..self.new_plan(habit, start, created) };
        self.plans.push(plan);
    }

    /// A plan whose start has passed: usually kept; during the withdrawal, when the habit
    /// is not kept, either never made or cancelled at the last minute or missed. `moved` is
    /// the plan it replaces and when that one was moved.
    fn past_plan(&mut self, habit: &Habit, start: Moment, kept: bool, moved: Option<(PlanId, Timestamp)>) {
        let created = match moved {
            Some((_, at)) => at,
            None => self.hours_before(start.timestamp(), 20, 240),
        };
        let lead_minutes = start.timestamp().duration_since(created).as_mins().max(1);
        let mut plan =
            Plan { moved_from: moved.map(|(from, _)| from), ..self.new_plan(habit, start, created) };
        let roll = self.rng.unit();
        let (outcome, notice_minutes) = if !kept {
            if roll < 0.2 && moved.is_none() && habit.on.is_empty() {
                return;
            }
            if roll < 0.9 { (Outcome::CancelledByMe, self.rng.range(30, 360)) } else { (Outcome::NoShow, 0) }
        } else if roll < 0.80 {
            (Outcome::Attended, 0)
        } else if roll < 0.87 {
            (Outcome::CancelledByThem, 60 * self.rng.range(2, 72))
        } else if roll < 0.93 {
            let late = self.rng.chance(0.25);
            let hours = if late { self.rng.range(1, 8) } else { self.rng.range(24, 96) };
            (Outcome::CancelledByMe, 60 * hours)
        } else if roll < 0.97 && lead_minutes > 60 {
            (Outcome::Rescheduled, self.rng.range(60, lead_minutes))
        } else {
            (Outcome::NoShow, 0)
        };
        // Notice never reaches back before the plan was made.
        let notice = SignedDuration::from_mins(notice_minutes.min(lead_minutes - 1).max(1));
        plan.outcome = outcome;
        match outcome {
            Outcome::Attended => {
                let interaction = self.interaction(habit, start, Kind::Planned(plan.id));
                plan.interaction = Some(interaction);
                plan.outcome_at = Some(start.timestamp());
            }
            Outcome::NoShow => {
                let marked = start.timestamp().checked_add(SignedDuration::from_hours(self.rng.range(1, 3)));
                plan.outcome_at = Some(marked.unwrap_or(start.timestamp()).min(self.now));
            }
            _ => plan.outcome_at = start.timestamp().checked_sub(notice).ok(),
        }
        let moved = (outcome == Outcome::Rescheduled).then_some((plan.id, plan.outcome_at));
        self.plans.push(plan);
        if let Some((from, Some(moved_at))) = moved {
            self.moved_plan(habit, start, from, moved_at);
        }
    }

    /// The plan a rescheduled one became: the same time of day, a few days later.
    fn moved_plan(&mut self, habit: &Habit, old: Moment, from: PlanId, moved_at: Timestamp) {
        let later = self.rng.range(2, 9);
        let local = old.local();
        let Some(date) = shift_days(local.date(), later) else { return };
        let Some(start) = local_moment(date, i64::from(local.hour()), i64::from(local.minute()), &self.tz)
        else {
            return;
        };
        if start.timestamp() > self.now {
            self.pending_plan(habit, start, Some(moved_at), Some(from));
        } else {
            let kept = date < self.stretch_start || self.rng.chance(habit.kept);
            self.past_plan(habit, start, kept, Some((from, moved_at)));
        }
    }

    /// A moment between `least` and `most` hours before `at`.
    fn hours_before(&mut self, at: Timestamp, least: i64, most: i64) -> Timestamp {
        let hours = SignedDuration::from_hours(self.rng.range(least, most));
        at.checked_sub(hours).unwrap_or(at)
    }
}
