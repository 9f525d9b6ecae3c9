//! Ten years of heavy use, for the benchmarks: exactly as
//! many people, interactions, plans and check-ins as asked for, spread over the ten years
//! before "now". Realistic in shape (a few people seen far more than the rest, every mode,
//! plans with every outcome) rather than in story; that is [`super::demo_year`]'s job.

use super::rng::Rng;
use super::{DemoData, days_ending, local_moment, shift_days};
use crate::{
    Affected, Alias, AloneTime, Cadence, Capacity, CheckIn, Circle, Felt, Initiator, Interaction,
    InteractionId, Invalid, Minutes, Mode, Moment, Outcome, Person, PersonId, PersonName, Plan, Scale,
    Source, Tag,
};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp, Zoned};

/// Ten years of local days.
const TEN_YEARS_DAYS: usize = 3652;

const FIRST_NAMES: &[&str] = &[
    "Aaliyah",
    "Abdul",
    "Ada",
    "Aiko",
    "Alejandro",
    "Amara",
    "Anya",
    "Arjun",
    "Astrid",
    "Ayesha",
    "Bea",
    "Bilal",
    "Camille",
    "Chen",
    "Chidi",
    "Dara",
    "Deepa",
    "Diego",
    "Elif",
    "Emeka",
    "Esme",
    "Fatima",
    "Finn",
    "Gabriel",
    "Grace",
    "Hamid",
    "Ines",
    "Isaac",
    "Jamal",
    "Jia",
    "Kai",
    "Kofi",
    "Leila",
    "Liam",
    "Maya",
    "Mohammed",
    "Nadia",
    "Niamh",
    "Oscar",
    "Paulo",
    "Rahel",
    "Ravi",
    "Rosa",
    "Sana",
    "Siobhan",
    "Tariq",
    "Thandi",
    "Viktor",
    "Yara",
    "Zainab",
];

const LAST_NAMES: &[&str] = &[
    "Abbott",
    "Adeyemi",
    "Baker",
    "Banerjee",
    "Castro",
    "Chowdhury",
    "Cohen",
    "Dimitrov",
    "Evans",
    "Fischer",
    "Garcia",
    "Haddad",
    "Hughes",
    "Ibrahim",
    "Ito",
    "Jensen",
    "Kaur",
    "Kowalski",
    "Larsen",
    "Mensah",
    "Murphy",
    "Nakamura",
    "Nguyen",
    "Novak",
    "Okafor",
    "O'Brien",
    "Petrov",
    "Quinn",
    "Rossi",
    "Santos",
    "Schmidt",
    "Silva",
    "Tanaka",
    "Torres",
    "Usman",
    "Van Dijk",
    "Wang",
    "Williams",
    "Yilmaz",
    "Zhou",
];

const TAGS: &[&str] =
    &["walk", "climbing", "board-games", "choir", "helped", "volunteer", "dinner", "coffee"];

/// `interactions` interactions, `plans` plans and `checkins` check-ins over the ten years
/// before `now`, among `people` people, in `now`'s time zone. A few plans (about one in a
/// hundred) are still pending in the next two weeks, as in a real diary. Attended plans are
/// linked to an interaction, which counts toward `interactions`. Every count is met exactly,
/// except that with no people there is nobody to meet, so no interactions or plans are made.
///
/// The bench sizes (200, 50,000, 5,000, 3,650) take well under a second.
pub fn heavy_use(
    seed: u64,
    now: &Zoned,
    people: usize,
    interactions: usize,
    plans: usize,
    checkins: usize,
) -> DemoData {
    let yesterday = shift_days(now.date(), -1).unwrap_or(now.date());
    let days = days_ending(yesterday, TEN_YEARS_DAYS);
    let mut heavy = Heavy {
        rng: Rng::new(seed, 3),
        tz: now.time_zone().clone(),
        today: now.date(),
        now: now.timestamp(),
        tags: TAGS.iter().filter_map(|t| Tag::parse(t).ok()).collect(),
        people: Vec::with_capacity(people),
        interactions: Vec::with_capacity(interactions),
        plans: Vec::with_capacity(plans),
    };
    let first_day = days.first().copied().unwrap_or(yesterday);
    heavy.add_people(people, first_day);
    if !heavy.people.is_empty() {
        heavy.add_plans(plans, interactions, &days);
        while heavy.interactions.len() < interactions {
            let Some(at) = heavy.random_moment(&days) else { break };
            heavy.interaction(at, None);
        }
    }
    let checkins = heavy.checkins(&days_ending(yesterday, checkins));
    DemoData { people: heavy.people, interactions: heavy.interactions, plans: heavy.plans, checkins }.sorted()
}

struct Heavy {
    rng: Rng,
    tz: TimeZone,
    today: Date,
    now: Timestamp,
    tags: Vec<Tag>,
    people: Vec<Person>,
    interactions: Vec<Interaction>,
    plans: Vec<Plan>,
}

impl Heavy {
    /// Unique names: every first name with every last name, then numbered rounds.
    fn add_people(&mut self, count: usize, first_day: Date) {
        let combos = FIRST_NAMES.len() * LAST_NAMES.len();
        let created = local_moment(first_day, 9, 0, &self.tz).map_or(self.now, Moment::timestamp);
        for i in 0..count {
            let first = FIRST_NAMES.get(i % FIRST_NAMES.len()).copied().unwrap_or("Alex");
            let last = LAST_NAMES.get((i / FIRST_NAMES.len()) % LAST_NAMES.len()).copied().unwrap_or("Smith");
            let round = i / combos;
            let raw =
                if round == 0 { format!("{first} {last}") } else { format!("{first} {last} {}", round + 1) };
            let Ok(name) = PersonName::parse(&raw) else { continue };
            let circle = Circle::ALL.get(i % Circle::ALL.len()).copied().unwrap_or(Circle::Other);
            let cadence = (i % 3 == 0).then(|| Cadence::from_days([7, 14, 30, 90][i % 4]).ok()).flatten();
            let aliases = if i % 2 == 0 {
                Alias::parse(&format!("+44 7700 9{:05}", i % 100_000)).ok().into_iter().collect()
            } else {
                Vec::new()
            };
            self.people.push(Person {
                id: self.rng.person_id(),
                name,
                circle,
                cadence,
                aliases,
                note: None,
                archived: i % 50 == 49,
                snoozed_until: None,
                created_at: created,
            });
        }
    }

    /// Someone to see: the first people in the list far more often than the rest, as in
    /// life (a partner, close friends), by squaring a uniform draw.
    fn someone(&mut self) -> Option<(usize, PersonId)> {
        let u = self.rng.unit();
        let index = ((u * u) * self.people.len() as f64) as usize;
        self.people.get(index).map(|p| (index, p.id))
    }

    fn random_moment(&mut self, days: &[Date]) -> Option<Moment> {
        let date = *self.rng.pick(days)?;
        local_moment(date, self.rng.range(7, 22), self.rng.range(0, 59), &self.tz)
    }

    fn interaction(&mut self, at: Moment, plan: Option<(crate::PlanId, Mode, PersonId)>) -> InteractionId {
        let id = self.rng.interaction_id();
        let (index, who) = match plan {
            Some((_, _, who)) => (self.people.iter().position(|p| p.id == who).unwrap_or(0), who),
            None => self.someone().unwrap_or((0, PersonId::from_random_bytes([0; 16]))),
        };
        let mode = plan.map_or_else(|| self.mode(), |(_, mode, _)| mode);
        let (lo, hi) = match mode {
            Mode::InPerson => (20, 180),
            Mode::Voice => (5, 60),
            Mode::Video => (15, 90),
            Mode::Text => (1, 20),
            Mode::Social => (1, 10),
        };
        // Each person has a leaning, from draining to energising, so the map has a shape.
        let leaning = i64::try_from(index * 7 % 5).unwrap_or(2) - 2;
        let felt =
            self.rng.chance(0.8).then(|| Felt::new((leaning + self.rng.range(-1, 1)).clamp(-2, 2)).ok());
        let by_them = self.rng.chance(0.5);
        let tags = if self.rng.chance(0.2) {
            self.rng.pick(&self.tags).cloned().into_iter().collect()
        } else {
            Vec::new()
        };
        let unanswered = if mode == Mode::Text && by_them && self.rng.chance(0.1) { 1 } else { 0 };
        self.interactions.push(Interaction {
            id,
            at,
            minutes: Minutes::new("minutes", self.rng.range(lo, hi)).ok(),
            mode,
            initiator: Some(if by_them { Initiator::Them } else { Initiator::Me }),
            people: vec![who],
            felt: felt.flatten(),
            meaningful: plan.is_some() || !self.rng.chance(0.1),
            tags,
            note: None,
            unanswered,
            source: Source::manual(),
            plan: plan.map(|(plan, _, _)| plan),
        });
        id
    }

    fn mode(&mut self) -> Mode {
        match self.rng.below(100) {
            0..30 => Mode::InPerson,
            30..45 => Mode::Voice,
            45..55 => Mode::Video,
            55..90 => Mode::Text,
            _ => Mode::Social,
        }
    }

    /// Exactly `count` plans; attended ones take interactions from the `interactions` budget
    /// and, once it is spent, become cancellations by them instead. A rescheduled plan is
    /// followed by the plan it became, a few days later, while the count leaves room.
    fn add_plans(&mut self, count: usize, interactions: usize, days: &[Date]) {
        while self.plans.len() < count {
            let pending = self.rng.chance(0.01);
            let date = if pending {
                shift_days(self.today, self.rng.range(1, 14))
            } else {
                self.rng.pick(days).copied()
            };
            let Some(start) = date.and_then(|d| local_moment(d, self.rng.range(9, 20), 0, &self.tz)) else {
                break;
            };
            let Some((_, who)) = self.someone() else { break };
            let mode = if self.rng.chance(0.7) { Mode::InPerson } else { Mode::Video };
            let lead = SignedDuration::from_hours(self.rng.range(12, 240));
            let created_at = start.timestamp().checked_sub(lead).unwrap_or(start.timestamp()).min(self.now);
            let mut plan = self.plan(start, who, mode, created_at);
            if pending {
                self.plans.push(plan);
                continue;
            }
            let can_move = self.plans.len() + 2 <= count;
            let (outcome, notice_hours) = match self.rng.below(100) {
                0..78 => (Outcome::Attended, 0),
                78..86 => (Outcome::CancelledByThem, self.rng.range(1, 48)),
                86..95 => (Outcome::CancelledByMe, self.rng.range(1, 96)),
                95..98 if can_move => (Outcome::Rescheduled, self.rng.range(1, 96)),
                _ => (Outcome::NoShow, 0),
            };
            let notice = SignedDuration::from_hours(notice_hours).min(lead);
            plan.outcome_at = start.timestamp().checked_sub(notice).ok();
            plan.outcome = outcome;
            let moved_at = plan.outcome_at.unwrap_or(created_at);
            let id = plan.id;
            self.settle(plan, interactions);
            if outcome == Outcome::Rescheduled {
                let later = start.local_date();
                let new_start = shift_days(later, self.rng.range(2, 9))
                    .and_then(|d| local_moment(d, i64::from(start.local().hour()), 0, &self.tz));
                if let Some(new_start) = new_start {
                    let moved = Plan { moved_from: Some(id), ..self.plan(new_start, who, mode, moved_at) };
                    self.settle(moved, interactions);
                }
            }
        }
    }

    fn plan(&mut self, start: Moment, who: PersonId, mode: Mode, created_at: Timestamp) -> Plan {
        Plan {
            id: self.rng.plan_id(),
            people: vec![who],
            start,
            mode,
            note: None,
            created_at,
            outcome: Outcome::Pending,
            outcome_at: None,
            interaction: None,
            moved_from: None,
            source: Source::manual(),
        }
    }

    /// Keeps `plan`: a plan still ahead stays pending, an attended one gets its interaction
    /// while the budget allows (otherwise they cancelled), the rest keep their outcome.
    fn settle(&mut self, mut plan: Plan, interactions: usize) {
        if plan.start.timestamp() > self.now {
            plan.outcome = Outcome::Pending;
            plan.outcome_at = None;
        } else if plan.outcome == Outcome::Pending || plan.outcome == Outcome::Attended {
            if self.interactions.len() < interactions {
                let who = plan.people.first().copied().unwrap_or(PersonId::from_random_bytes([0; 16]));
                plan.interaction = Some(self.interaction(plan.start, Some((plan.id, plan.mode, who))));
                plan.outcome = Outcome::Attended;
                plan.outcome_at = Some(plan.start.timestamp());
            } else {
                let notice = SignedDuration::from_hours(2);
                plan.outcome = Outcome::CancelledByThem;
                plan.outcome_at = Some(
                    plan.start
                        .timestamp()
                        .checked_sub(notice)
                        .unwrap_or(plan.created_at)
                        .max(plan.created_at),
                );
            }
        }
        self.plans.push(plan);
    }

    fn checkins(&mut self, days: &[Date]) -> Vec<CheckIn> {
        days.iter().filter_map(|&date| self.checkin(date).ok()).collect()
    }

    fn checkin(&mut self, date: Date) -> Result<CheckIn, Invalid> {
        let at = local_moment(date, 21, self.rng.range(0, 59), &self.tz)
            .ok_or_else(|| Invalid::new("date", date, "a day within jiff's range of years"))?;
        Ok(CheckIn {
            id: self.rng.checkin_id(),
            date,
            at,
            energy: Some(Scale::new("energy", self.rng.range(1, 5))?),
            mood: Scale::new("mood", self.rng.range(1, 5))?,
            stress: Some(Scale::new("stress", self.rng.range(1, 5))?),
            capacity: Capacity::new(self.rng.range(0, 5))?,
            alone: AloneTime {
                minutes: Minutes::new("alone", self.rng.range(0, 300)).ok(),
                restored: Some(self.rng.chance(0.8)),
            },
            affected: Some(Affected { sleep: self.rng.chance(0.1), ..Affected::NONE }),
            note: None,
        })
    }
}
