//! Suggestions for today: at most a couple of small, concrete ideas drawn from the person's
//! own records (who lifts them, what they enjoyed doing together, who they only text lately,
//! the groups they named), sized to today's social battery. Never an invented listing:
//! every person, activity and group named comes from what the person logged or wrote in
//! settings. Each kind has its rule and its reasoning in `docs/insights.md`.

use crate::insights::days::{DayRange, date_of, day_number, shift};
use crate::insights::map::person_energy;
use crate::insights::{History, join_names, round2, times};
use crate::settings::Settings;
use crate::{Invalid, Mode, PersonId};
use jiff::Zoned;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// What a suggestion is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SuggestionKind {
    /// Time for yourself and time together at once, from activities enjoyed with someone
    /// who lifts you.
    TogetherAndRestful,
    /// One low-pressure activity with one person, as a first step back after a quiet spell.
    SharedActivity,
    /// A call to someone you have only texted lately, who lifts you.
    CallInsteadOfText,
    /// Helping someone, when giving has been rare.
    GiveSupport,
    /// A group or activity the person named, when contact has narrowed to a few people.
    JoinAGroup,
    /// After a draining stretch with someone, time with someone who lifts you.
    BalanceDrain,
    /// Offered when a plan is cancelled: move it, or make it a call.
    InsteadOfCancelling,
}

/// How much a suggestion asks of a person, which today's social battery must allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Effort {
    Gentle,
    Moderate,
    Demanding,
}

impl SuggestionKind {
    /// Every kind, in the order a day's suggestions are chosen: what is most timely first.
    pub const ALL: [SuggestionKind; 7] = [
        SuggestionKind::BalanceDrain,
        SuggestionKind::SharedActivity,
        SuggestionKind::CallInsteadOfText,
        SuggestionKind::TogetherAndRestful,
        SuggestionKind::GiveSupport,
        SuggestionKind::JoinAGroup,
        SuggestionKind::InsteadOfCancelling,
    ];

    /// The stable name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            SuggestionKind::TogetherAndRestful => "together_and_restful",
            SuggestionKind::SharedActivity => "shared_activity",
            SuggestionKind::CallInsteadOfText => "call_instead_of_text",
            SuggestionKind::GiveSupport => "give_support",
            SuggestionKind::JoinAGroup => "join_a_group",
            SuggestionKind::BalanceDrain => "balance_drain",
            SuggestionKind::InsteadOfCancelling => "instead_of_cancelling",
        }
    }

    /// Parses a kind by its stable name (`call_instead_of_text` or `call-instead-of-text`).
    ///
    /// # Errors
    /// When `raw` names no kind.
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let key = raw.trim().to_lowercase().replace('-', "_");
        Self::ALL.into_iter().find(|k| k.as_str() == key).ok_or_else(|| {
            Invalid::new("kind", raw, crate::person::one_of(Self::ALL.iter().map(|k| k.as_str())))
        })
    }

    fn effort(self) -> Effort {
        match self {
            SuggestionKind::TogetherAndRestful | SuggestionKind::GiveSupport => Effort::Gentle,
            SuggestionKind::SharedActivity
            | SuggestionKind::CallInsteadOfText
            | SuggestionKind::BalanceDrain
            | SuggestionKind::InsteadOfCancelling => Effort::Moderate,
            SuggestionKind::JoinAGroup => Effort::Demanding,
        }
    }
}

impl fmt::Display for SuggestionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A kind the person said "not now" to, hidden up to and including `until`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotNow {
    pub kind: SuggestionKind,
    pub until: Date,
}

/// Someone a suggestion names.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SuggestedPerson {
    pub person_id: PersonId,
    pub name: String,
}

/// One suggestion: what to do, and why kith thinks it fits.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    pub kind: SuggestionKind,
    pub text: String,
    pub why: String,
    pub people: Vec<SuggestedPerson>,
}

/// What kith knows of each person over the suggestion window.
#[derive(Default)]
struct Known {
    /// The last day with meaningful contact, and with meaningful contact in person.
    last_contact: Option<i64>,
    last_in_person: Option<i64>,
    /// The last day they were spoken with: in person, by voice or by video.
    last_spoken: Option<i64>,
    /// Messages (text or social media) in the last `texts_only_days`.
    recent_texts: u32,
    /// Times rated draining (-1 or -2) and rated at all in the last `drain_days`.
    recent_draining: u32,
    recent_rated: u32,
    /// Times they reached out first, in the last `giving_rare_days`.
    reached_out: u32,
    /// Meaningful times in person in the window.
    in_person: u32,
    /// Per activity tag: (times, sum of felt, times rated).
    activities: HashMap<String, (u32, i64, u32)>,
}

/// Today's suggestions, at most `suggestions.max_per_day`, as of `now`. `support_shows` is
/// whether the support card shows today: then only the gentlest kind may appear.
pub fn suggestions(
    history: &History<'_>,
    settings: &Settings,
    now: &Zoned,
    support_shows: bool,
) -> Vec<Suggestion> {
    let s = &settings.suggestions;
    let start = settings.day.starts_at;
    let today_date = start.today(now);
    let today = day_number(today_date);
    if history.away.iter().any(|a| a.contains(today_date)) {
        return Vec::new();
    }
    let ctx = Context::new(history, settings, today);
    let battery = history.checkins.iter().find(|c| c.date == today_date).map(|c| c.capacity.get());
    let allowed = match battery {
        Some(c) if c <= i64::from(settings.reach_out.low_capacity_at_most) => Effort::Gentle,
        Some(c) if c > i64::from(settings.reach_out.medium_capacity_at_most) => Effort::Demanding,
        _ => Effort::Moderate,
    };
    let mut max = s.max_per_day as usize;
    if allowed == Effort::Gentle || support_shows {
        max = max.min(1);
    }
    let mut out = Vec::new();
    let mut named: HashSet<PersonId> = HashSet::new();
    for kind in SuggestionKind::ALL {
        if out.len() >= max {
            break;
        }
        if kind.effort() > allowed
            || (support_shows && kind != SuggestionKind::TogetherAndRestful)
            || history.not_now.iter().any(|n| n.kind == kind && n.until >= today_date)
        {
            continue;
        }
        let found = ctx.fits(kind);
        // Two suggestions about the same person read as pressure; the second one waits.
        if let Some(found) = found
            && found.people.iter().all(|p| !named.contains(&p.person_id))
        {
            named.extend(found.people.iter().map(|p| p.person_id));
            out.push(found);
        }
    }
    out
}

/// When a plan with `people` is being cancelled: a gentle offer to move it or make it a call
/// instead, or `None` on a low-battery day (cancelling is then the kind choice), when the plan
/// is already a call or a message, or when the person said "not now" to the kind.
pub fn instead_of_cancelling(
    history: &History<'_>,
    settings: &Settings,
    now: &Zoned,
    people: &[PersonId],
    mode: Mode,
) -> Option<Suggestion> {
    let today = settings.day.starts_at.today(now);
    let battery = history.checkins.iter().find(|c| c.date == today).map(|c| c.capacity.get());
    let low = battery.is_some_and(|c| c <= i64::from(settings.reach_out.low_capacity_at_most));
    let hidden =
        history.not_now.iter().any(|n| n.kind == SuggestionKind::InsteadOfCancelling && n.until >= today);
    if low || hidden || mode != Mode::InPerson {
        return None;
    }
    let by_id = history.people_by_id();
    let named: Vec<SuggestedPerson> = people
        .iter()
        .filter_map(|id| by_id.get(id))
        .map(|p| SuggestedPerson { person_id: p.id, name: p.name.as_str().to_owned() })
        .collect();
    let names = join_names(&named.iter().map(|p| p.name.clone()).collect::<Vec<_>>());
    Some(Suggestion {
        kind: SuggestionKind::InsteadOfCancelling,
        text: format!("Would moving it, or a call with {names} instead, be easier? Cancelling is fine too."),
        why: "A smaller version of a plan keeps the connection when a meeting feels like too much."
            .to_owned(),
        people: named,
    })
}

struct Context<'h, 's> {
    history: &'h History<'h>,
    settings: &'s Settings,
    today: i64,
    /// People who may be suggested (not archived, not snoozed), by id, with their names.
    names: HashMap<PersonId, String>,
    known: HashMap<PersonId, Known>,
    /// Per person: mean felt and number of ratings over the window.
    energy: HashMap<PersonId, (f64, u32)>,
    /// The first local day with a record of any kind.
    first_record: Option<i64>,
    /// The last day someone gave support (a giving tag), if any in the window.
    last_giving: Option<i64>,
}

impl<'h, 's> Context<'h, 's> {
    fn new(history: &'h History<'h>, settings: &'s Settings, today: i64) -> Self {
        let s = &settings.suggestions;
        let start = settings.day.starts_at;
        let window = DayRange::ending(today, i64::from(s.window_days.max(1)));
        let today_date = date_of(today);
        let names: HashMap<PersonId, String> = history
            .people
            .iter()
            .filter(|p| !p.archived && p.snoozed_until.is_none_or(|d| d < today_date))
            .map(|p| (p.id, p.name.as_str().to_owned()))
            .collect();
        let giving: HashSet<&str> = settings.report.giving_tags.iter().map(String::as_str).collect();
        let mut known: HashMap<PersonId, Known> = HashMap::new();
        let mut last_giving = None;
        for i in history.interactions {
            let Some(day) = window.day_of_starting(i.at, start) else { continue };
            if day > today {
                continue;
            }
            if i.tags.iter().any(|t| giving.contains(t.as_str())) {
                last_giving = last_giving.max(Some(day));
            }
            for id in &i.people {
                let k = known.entry(*id).or_default();
                if i.meaningful {
                    k.last_contact = k.last_contact.max(Some(day));
                    if i.mode == Mode::InPerson {
                        k.last_in_person = k.last_in_person.max(Some(day));
                        k.in_person += 1;
                    }
                }
                if matches!(i.mode, Mode::InPerson | Mode::Voice | Mode::Video) {
                    k.last_spoken = k.last_spoken.max(Some(day));
                }
                if i.mode.is_online() && today - day < i64::from(s.texts_only_days) {
                    k.recent_texts += 1;
                }
                if let Some(f) = i.felt
                    && today - day < i64::from(s.drain_days)
                {
                    k.recent_rated += 1;
                    if f.value() < 0 {
                        k.recent_draining += 1;
                    }
                }
                if i.initiator == Some(crate::Initiator::Them) && today - day < i64::from(s.giving_rare_days)
                {
                    k.reached_out += 1;
                }
                for tag in &i.tags {
                    let a = k.activities.entry(tag.as_str().to_owned()).or_default();
                    a.0 += 1;
                    if let Some(f) = i.felt {
                        a.1 += f.value();
                        a.2 += 1;
                    }
                }
            }
        }
        let min_rated = settings.map.min_rated.max(1);
        let energy = person_energy(history, window, settings.map.half_life_days)
            .into_iter()
            .filter_map(|(id, (mean, _, rated, _))| {
                mean.filter(|_| rated >= min_rated).map(|m| (id, (m, rated)))
            })
            .collect();
        Self {
            history,
            settings,
            today,
            names,
            known,
            energy,
            first_record: history.first_record_day(today),
            last_giving,
        }
    }

    /// The suggestion of `kind` when its rule fits today, before any limit for the day.
    fn fits(&self, kind: SuggestionKind) -> Option<Suggestion> {
        match kind {
            SuggestionKind::BalanceDrain => self.balance_drain(),
            SuggestionKind::SharedActivity => self.shared_activity(),
            SuggestionKind::CallInsteadOfText => self.call_instead_of_text(),
            SuggestionKind::TogetherAndRestful => self.together_and_restful(),
            SuggestionKind::GiveSupport => self.give_support(),
            SuggestionKind::JoinAGroup => self.join_a_group(),
            SuggestionKind::InsteadOfCancelling => None,
        }
    }

    fn person(&self, id: PersonId) -> SuggestedPerson {
        SuggestedPerson { person_id: id, name: self.names.get(&id).cloned().unwrap_or_default() }
    }

    fn name(&self, id: PersonId) -> &str {
        self.names.get(&id).map_or("someone", String::as_str)
    }

    /// Days of records kith has, up to today.
    fn observed_days(&self) -> i64 {
        self.first_record.map_or(0, |first| self.today - first + 1)
    }

    /// People who lift you (mean felt at or above `lifts_at_least`, rated often enough),
    /// best first; among equals, the one seen least recently first.
    fn lifters(&self) -> Vec<(PersonId, f64, u32)> {
        let at_least = self.settings.suggestions.lifts_at_least;
        let mut out: Vec<(PersonId, f64, u32)> = self
            .energy
            .iter()
            .filter(|(id, (mean, _))| *mean >= at_least && self.names.contains_key(id))
            .map(|(id, (mean, rated))| (*id, *mean, *rated))
            .collect();
        out.sort_by(|a, b| {
            round2(b.1)
                .total_cmp(&round2(a.1))
                .then_with(|| self.last_contact(a.0).cmp(&self.last_contact(b.0)))
        });
        out
    }

    fn last_contact(&self, id: PersonId) -> Option<i64> {
        self.known.get(&id).and_then(|k| k.last_contact)
    }

    fn days_since(&self, day: Option<i64>) -> Option<i64> {
        day.map(|d| self.today - d)
    }

    fn balance_drain(&self) -> Option<Suggestion> {
        let s = &self.settings.suggestions;
        let (drainer, k) = self
            .known
            .iter()
            .filter(|(id, k)| self.names.contains_key(id) && k.recent_draining >= s.drain_min_times.max(1))
            .max_by_key(|(id, k)| (k.recent_draining, std::cmp::Reverse(**id)))?;
        let lifters = self.lifters();
        let (lifter, mean, rated) = lifters.iter().find(|(id, _, _)| id != drainer)?;
        Some(Suggestion {
            kind: SuggestionKind::BalanceDrain,
            text: format!("Some time with {}, who lifts you?", self.name(*lifter)),
            why: format!(
                "{} of {} times with {} in the last {} days felt draining; time with {} has felt {:+.1} on average ({} ratings).",
                k.recent_draining,
                k.recent_rated,
                self.name(*drainer),
                s.drain_days,
                self.name(*lifter),
                mean,
                rated
            ),
            people: vec![self.person(*lifter)],
        })
    }

    fn shared_activity(&self) -> Option<Suggestion> {
        let s = &self.settings.suggestions;
        let quiet = i64::from(s.quiet_days.max(1));
        let in_person_lately =
            self.known.values().any(|k| k.last_in_person.is_some_and(|d| self.today - d < quiet));
        if in_person_lately {
            return None;
        }
        let before: u32 = self.known.values().map(|k| k.in_person).sum();
        if before < s.quiet_min_before.max(1) {
            return None;
        }
        // The person met in person most often, leaving out anyone who drains you.
        let draining = self.settings.map.draining_below;
        let (id, k) = self
            .known
            .iter()
            .filter(|(id, k)| {
                self.names.contains_key(id)
                    && k.in_person > 0
                    && self.energy.get(id).is_none_or(|(mean, _)| *mean >= draining)
            })
            .max_by_key(|(id, k)| (k.in_person, std::cmp::Reverse(**id)))?;
        let activity = favourite_activity(k, |_| true);
        let doing =
            activity.map_or_else(|| "a walk or a coffee".to_owned(), |(tag, _)| tag.replace('-', " "));
        Some(Suggestion {
            kind: SuggestionKind::SharedActivity,
            text: format!(
                "Something low-key with {}: {doing}, just the two of you, nothing big.",
                self.name(*id)
            ),
            why: format!(
                "No time in person with anyone in the last {quiet} days; before that you met in person {} in {} days, {} most often{}.",
                times(before),
                s.window_days,
                self.name(*id),
                activity.map_or(String::new(), |(tag, n)| format!(
                    ", {} for {}",
                    times(n),
                    tag.replace('-', " ")
                ))
            ),
            people: vec![self.person(*id)],
        })
    }

    fn call_instead_of_text(&self) -> Option<Suggestion> {
        let s = &self.settings.suggestions;
        let span = i64::from(s.texts_only_days);
        self.lifters().into_iter().find_map(|(id, mean, _)| {
            let k = self.known.get(&id)?;
            let spoken_lately = k.last_spoken.is_some_and(|d| self.today - d < span);
            (k.recent_texts >= s.texts_only_min.max(1) && !spoken_lately).then(|| Suggestion {
                kind: SuggestionKind::CallInsteadOfText,
                text: format!("Call {} instead of texting?", self.name(id)),
                why: format!(
                    "{} messages with {} in the last {span} days and no call or meeting; time with them has felt {mean:+.1} on average.",
                    k.recent_texts,
                    self.name(id)
                ),
                people: vec![self.person(id)],
            })
        })
    }

    fn together_and_restful(&self) -> Option<Suggestion> {
        let s = &self.settings.suggestions;
        let restful: HashSet<&str> = s.restful_tags.iter().map(String::as_str).collect();
        self.lifters().into_iter().find_map(|(id, _, _)| {
            let k = self.known.get(&id)?;
            let since = self.days_since(k.last_in_person);
            if since.is_some_and(|d| d < i64::from(s.see_again_after_days)) {
                return None;
            }
            let (tag, n) = favourite_activity(k, |(tag, (_, sum, rated))| {
                restful.contains(tag.as_str()) && *rated > 0 && *sum > 0
            })?;
            let doing = tag.replace('-', " ");
            Some(Suggestion {
                kind: SuggestionKind::TogetherAndRestful,
                text: format!("{} with {}? Rest and company at once.", capitalise(&doing), self.name(id)),
                why: format!(
                    "{} with {}, {} in the last {} days, felt good{}.",
                    capitalise(&doing),
                    self.name(id),
                    times(n),
                    s.window_days,
                    since.map_or(String::new(), |d| format!("; you last met {d} days ago"))
                ),
                people: vec![self.person(id)],
            })
        })
    }

    fn give_support(&self) -> Option<Suggestion> {
        let s = &self.settings.suggestions;
        let rare = i64::from(s.giving_rare_days.max(1));
        if self.observed_days() < rare || self.last_giving.is_some_and(|d| self.today - d < rare) {
            return None;
        }
        // Someone who reached out lately, most often; else someone who lifts you.
        let reached = self
            .known
            .iter()
            .filter(|(id, k)| self.names.contains_key(id) && k.reached_out > 0)
            .max_by_key(|(id, k)| (k.reached_out, std::cmp::Reverse(**id)))
            .map(|(id, k)| (*id, Some(k.reached_out)));
        let (id, reached_out) = reached.or_else(|| self.lifters().first().map(|(id, _, _)| (*id, None)))?;
        let tags = self.settings.report.giving_tags.join(", ");
        Some(Suggestion {
            kind: SuggestionKind::GiveSupport,
            text: format!("Ask {} how they are doing, or offer a hand with something?", self.name(id)),
            why: format!(
                "Nothing tagged as helping ({tags}) in the last {rare} days; {}.",
                match reached_out {
                    Some(n) => format!("{} reached out to you {} lately", self.name(id), times(n)),
                    None => format!("{} lifts you", self.name(id)),
                }
            ),
            people: vec![self.person(id)],
        })
    }

    fn join_a_group(&self) -> Option<Suggestion> {
        let s = &self.settings.suggestions;
        if s.groups.is_empty() {
            return None;
        }
        let narrow = i64::from(s.narrow_days.max(1));
        if self.observed_days() < narrow * 2 {
            return None;
        }
        let mut recent: Vec<PersonId> = Vec::new();
        let mut earlier: HashSet<PersonId> = HashSet::new();
        let start = self.settings.day.starts_at;
        let window = DayRange::ending(self.today, narrow * 2);
        for i in self.history.interactions.iter().filter(|i| i.meaningful) {
            let Some(day) = window.day_of_starting(i.at, start) else { continue };
            for id in &i.people {
                if self.today - day < narrow {
                    if !recent.contains(id) {
                        recent.push(*id);
                    }
                } else {
                    earlier.insert(*id);
                }
            }
        }
        if recent.len() > s.narrow_people_at_most as usize || earlier.len() <= recent.len() {
            return None;
        }
        let group = &s.groups[usize::try_from(self.today.rem_euclid(s.groups.len() as i64)).unwrap_or(0)];
        let names: Vec<String> = recent.iter().map(|id| self.name(*id).to_owned()).collect();
        Some(Suggestion {
            kind: SuggestionKind::JoinAGroup,
            text: format!("{}? A group you named is a low-key way to see more faces.", capitalise(group)),
            why: format!(
                "In the last {narrow} days your meaningful contact was with {} {}, against {} in the {narrow} days before.",
                recent.len(),
                if recent.is_empty() { "people".to_owned() } else { format!("({})", join_names(&names)) },
                earlier.len()
            ),
            people: Vec::new(),
        })
    }
}

/// The activity done most often with someone among those `keep` allows, with its count.
fn favourite_activity(k: &Known, keep: impl Fn(&(&String, &(u32, i64, u32))) -> bool) -> Option<(&str, u32)> {
    k.activities
        .iter()
        .filter(|a| keep(a))
        .max_by(|a, b| a.1.0.cmp(&b.1.0).then_with(|| b.0.cmp(a.0)))
        .map(|(tag, (n, _, _))| (tag.as_str(), *n))
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// The day a "not now" said today hides a kind until, for `days` days.
pub fn not_now_until(today: Date, days: u32) -> Date {
    shift(today, i64::from(days.max(1)) - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::fixtures::*;
    use crate::{Away, AwayId, CheckIn, Initiator, Interaction, Person};

    /// Every kind whose rule fits, before the day's limits: each rule on its own.
    fn fitting(people: &[Person], log: &[Interaction], settings: &Settings) -> Vec<Suggestion> {
        let h = History::new(people, log, &[], &[]);
        let ctx = Context::new(&h, settings, day_number(today()));
        SuggestionKind::ALL.into_iter().filter_map(|k| ctx.fits(k)).collect()
    }

    fn kinds(list: &[Suggestion]) -> Vec<SuggestionKind> {
        list.iter().map(|s| s.kind).collect()
    }

    fn find(list: &[Suggestion], kind: SuggestionKind) -> Option<&Suggestion> {
        list.iter().find(|s| s.kind == kind)
    }

    /// Three good times in person with `who`, tagged `tag`, on the given days.
    fn good_times(who: &Person, days: [i64; 3], tag: &str) -> Vec<Interaction> {
        days.iter().map(|d| met(who, ago(*d)).felt(2).tag(tag)).collect()
    }

    #[test]
    fn a_restful_activity_with_someone_who_lifts_you_is_suggested_once_a_week_has_passed() {
        let sam = person("Sam");
        let people = [sam.clone()];
        let log = good_times(&sam, [40, 25, 10], "walk");
        let list = fitting(&people, &log, &Settings::defaults());
        let found = find(&list, SuggestionKind::TogetherAndRestful).expect("suggested");
        assert_eq!(found.people[0].name, "Sam");
        assert!(found.text.starts_with("Walk with Sam"), "{}", found.text);
        assert_eq!(
            found.why,
            "Walk with Sam, 3 times in the last 90 days, felt good; you last met 10 days ago."
        );

        let seen_lately = good_times(&sam, [40, 25, 3], "walk");
        let list = fitting(&people, &seen_lately, &Settings::defaults());
        assert!(find(&list, SuggestionKind::TogetherAndRestful).is_none(), "met three days ago");

        let not_restful = good_times(&sam, [40, 25, 10], "board-meeting");
        let list = fitting(&people, &not_restful, &Settings::defaults());
        assert!(find(&list, SuggestionKind::TogetherAndRestful).is_none(), "not a restful activity");

        let mut draining = good_times(&sam, [40, 25, 10], "walk");
        for i in &mut draining {
            i.felt = Some(crate::Felt::new(-1).expect("valid"));
        }
        let list = fitting(&people, &draining, &Settings::defaults());
        assert!(find(&list, SuggestionKind::TogetherAndRestful).is_none(), "Sam does not lift you");
    }

    #[test]
    fn after_a_quiet_spell_a_low_key_activity_with_the_person_met_most_is_suggested() {
        let (ana, lee) = (person("Ana"), person("Lee"));
        let people = [ana.clone(), lee.clone()];
        let mut log =
            vec![met(&ana, ago(60)).tag("coffee"), met(&ana, ago(40)).tag("coffee"), met(&ana, ago(30))];
        log.push(met(&lee, ago(50)));
        let list = fitting(&people, &log, &Settings::defaults());
        let found = find(&list, SuggestionKind::SharedActivity).expect("suggested");
        assert_eq!(found.people[0].name, "Ana");
        assert!(found.text.contains("coffee"), "{}", found.text);
        assert!(found.why.contains("14 days"), "{}", found.why);

        log.push(met(&lee, ago(5)));
        let list = fitting(&people, &log, &Settings::defaults());
        assert!(find(&list, SuggestionKind::SharedActivity).is_none(), "met Lee in person five days ago");

        let never_met = [met(&ana, ago(30)).by(Mode::Text)];
        let list = fitting(&people, &never_met, &Settings::defaults());
        assert!(
            find(&list, SuggestionKind::SharedActivity).is_none(),
            "no time in person to step back towards"
        );
    }

    #[test]
    fn someone_who_lifts_you_and_is_only_texted_lately_gets_a_call_suggested() {
        let lee = person("Lee");
        let people = [lee.clone()];
        let mut log = good_times(&lee, [80, 60, 40], "dinner");
        log.extend([15, 9, 4].map(|d| met(&lee, ago(d)).by(Mode::Text)));
        let list = fitting(&people, &log, &Settings::defaults());
        let found = find(&list, SuggestionKind::CallInsteadOfText).expect("suggested");
        assert_eq!(found.text, "Call Lee instead of texting?");
        assert!(found.why.starts_with("3 messages with Lee"), "{}", found.why);

        let mut called = log.clone();
        called.push(met(&lee, ago(6)).by(Mode::Voice));
        let list = fitting(&people, &called, &Settings::defaults());
        assert!(find(&list, SuggestionKind::CallInsteadOfText).is_none(), "called six days ago");

        let mut draining: Vec<Interaction> = [80, 60, 40].map(|d| met(&lee, ago(d)).felt(-2)).to_vec();
        draining.extend([15, 9, 4].map(|d| met(&lee, ago(d)).by(Mode::Text)));
        let list = fitting(&people, &draining, &Settings::defaults());
        assert!(find(&list, SuggestionKind::CallInsteadOfText).is_none(), "Lee does not lift you");
    }

    #[test]
    fn when_giving_has_been_rare_helping_someone_who_reached_out_is_suggested() {
        let (kim, ola) = (person("Kim"), person("Ola"));
        let people = [kim.clone(), ola.clone()];
        let mut log = vec![met(&ola, ago(80))];
        for d in [20, 8] {
            let mut i = met(&kim, ago(d)).by(Mode::Text);
            i.initiator = Some(Initiator::Them);
            log.push(i);
        }
        let list = fitting(&people, &log, &Settings::defaults());
        let found = find(&list, SuggestionKind::GiveSupport).expect("suggested");
        assert_eq!(found.people[0].name, "Kim");
        assert!(found.why.contains("reached out to you twice"), "{}", found.why);

        let mut helped = log.clone();
        helped.push(met(&ola, ago(10)).tag("helped"));
        let list = fitting(&people, &helped, &Settings::defaults());
        assert!(find(&list, SuggestionKind::GiveSupport).is_none(), "helped Ola ten days ago");

        let newcomer: Vec<Interaction> = log.iter().filter(|i| i.people == vec![kim.id]).cloned().collect();
        let list = fitting(&people, &newcomer, &Settings::defaults());
        assert!(find(&list, SuggestionKind::GiveSupport).is_none(), "only 20 days of records");
    }

    #[test]
    fn when_contact_has_narrowed_a_group_the_person_named_is_suggested() {
        let crowd: Vec<Person> = ["Ana", "Ben", "Cas", "Dee", "Eli"].map(person).to_vec();
        let mut log: Vec<Interaction> =
            crowd.iter().enumerate().map(|(n, p)| met(p, ago(30 + n as i64))).collect();
        log.extend([met(&crowd[0], ago(3)), met(&crowd[0], ago(70))]);
        let mut settings = Settings::defaults();
        settings.suggestions.groups = vec!["the choir".into()];
        let list = fitting(&crowd, &log, &settings);
        let found = find(&list, SuggestionKind::JoinAGroup).expect("suggested");
        assert!(found.text.starts_with("The choir?"), "{}", found.text);
        assert!(found.why.contains("with 1 (Ana), against 5"), "{}", found.why);

        let list = fitting(&crowd, &log, &Settings::defaults());
        assert!(find(&list, SuggestionKind::JoinAGroup).is_none(), "no group named: nothing invented");

        let mut wide = log.clone();
        wide.extend(crowd[1..4].iter().map(|p| met(p, ago(2))));
        let list = fitting(&crowd, &wide, &settings);
        assert!(find(&list, SuggestionKind::JoinAGroup).is_none(), "four people lately is not narrow");
    }

    #[test]
    fn after_a_draining_stretch_someone_who_lifts_you_is_suggested() {
        let (dana, sam) = (person("Dana"), person("Sam"));
        let people = [dana.clone(), sam.clone()];
        let mut log = good_times(&sam, [50, 40, 30], "dinner");
        log.extend([12, 5].map(|d| met(&dana, ago(d)).felt(-2)));
        let list = fitting(&people, &log, &Settings::defaults());
        let found = find(&list, SuggestionKind::BalanceDrain).expect("suggested");
        assert_eq!(found.people[0].name, "Sam");
        assert!(found.why.starts_with("2 of 2 times with Dana in the last 14 days"), "{}", found.why);

        let once: Vec<Interaction> = log.iter().take(4).cloned().collect();
        let list = fitting(&people, &once, &Settings::defaults());
        assert!(
            find(&list, SuggestionKind::BalanceDrain).is_none(),
            "drained once is a bad day, not a stretch"
        );
    }

    /// A life where several kinds fit at once.
    fn busy_life() -> (Vec<Person>, Vec<Interaction>) {
        let (dana, sam, lee) = (person("Dana"), person("Sam"), person("Lee"));
        let mut log = good_times(&sam, [50, 40, 30], "walk");
        log.extend(good_times(&lee, [80, 60, 40], "dinner"));
        log.extend([15, 9, 4].map(|d| met(&lee, ago(d)).by(Mode::Text)));
        log.extend([12, 5].map(|d| met(&dana, ago(d)).felt(-2).by(Mode::Voice)));
        (vec![dana, sam, lee], log)
    }

    fn on_a_day(checkins: &[CheckIn], support: bool, not_now: &[NotNow]) -> Vec<SuggestionKind> {
        let (people, log) = busy_life();
        let h = History::new(&people, &log, &[], checkins).with_not_now(not_now);
        kinds(&suggestions(&h, &Settings::defaults(), &now(), support))
    }

    #[test]
    fn the_day_gets_at_most_two_sized_to_its_battery() {
        let full = on_a_day(&[checkin(today(), 4, 5)], false, &[]);
        assert_eq!(full, [SuggestionKind::BalanceDrain, SuggestionKind::CallInsteadOfText]);
        let low = on_a_day(&[checkin(today(), 2, 1)], false, &[]);
        assert_eq!(low, [SuggestionKind::TogetherAndRestful], "one gentle idea on a low day");
        let no_checkin = on_a_day(&[], false, &[]);
        assert_eq!(no_checkin.len(), 2);
    }

    #[test]
    fn on_a_support_card_day_only_the_gentlest_appears() {
        assert_eq!(on_a_day(&[checkin(today(), 4, 5)], true, &[]), [SuggestionKind::TogetherAndRestful]);
    }

    #[test]
    fn not_now_hides_a_kind_until_its_day_has_passed() {
        let hidden = [NotNow { kind: SuggestionKind::BalanceDrain, until: not_now_until(today(), 7) }];
        let list = on_a_day(&[checkin(today(), 4, 5)], false, &hidden);
        assert!(!list.contains(&SuggestionKind::BalanceDrain));
        assert_eq!(list.len(), 2, "the next kind takes its place");
        let expired = [NotNow { kind: SuggestionKind::BalanceDrain, until: ago(1) }];
        assert!(on_a_day(&[checkin(today(), 4, 5)], false, &expired).contains(&SuggestionKind::BalanceDrain));
    }

    #[test]
    fn nothing_is_suggested_on_a_day_away() {
        let (people, log) = busy_life();
        let away =
            [Away::new(AwayId::from_random_bytes([9; 16]), ago(2), shift(today(), 3), None).expect("valid")];
        let h = History::new(&people, &log, &[], &[]).with_away(&away);
        assert!(suggestions(&h, &Settings::defaults(), &now(), false).is_empty());
    }

    #[test]
    fn a_cancelled_meeting_is_offered_a_smaller_form_except_on_a_low_day() {
        let sam = person("Sam");
        let people = [sam.clone()];
        let offer = |checkins: &[CheckIn], mode| {
            let h = History::new(&people, &[], &[], checkins);
            instead_of_cancelling(&h, &Settings::defaults(), &now(), &[sam.id], mode)
        };
        let found = offer(&[], Mode::InPerson).expect("offered");
        assert!(found.text.contains("a call with Sam") && found.text.contains("Cancelling is fine too"));
        assert!(offer(&[checkin(today(), 2, 1)], Mode::InPerson).is_none(), "never on a low day");
        assert!(offer(&[], Mode::Voice).is_none(), "already a call");
    }

    #[test]
    fn kinds_read_back_by_their_names() {
        for kind in SuggestionKind::ALL {
            assert_eq!(SuggestionKind::parse(kind.as_str()).expect("known"), kind);
            let json = serde_json::to_value(kind).expect("json");
            assert_eq!(json, kind.as_str());
        }
        assert_eq!(
            SuggestionKind::parse("Call-Instead-Of-Text").expect("known"),
            SuggestionKind::CallInsteadOfText
        );
        assert!(SuggestionKind::parse("nap").is_err());
    }
}
