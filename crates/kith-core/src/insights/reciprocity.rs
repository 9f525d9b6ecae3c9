//! Who reaches out first: counted from the interactions logged with `--by me` or `--by
//! them`, without judgement. The person page shows it per person; the report says so only
//! when, for weeks, the person has been the one reaching out every time, or never.

use crate::insights::days::{DayRange, day_number};
use crate::insights::{History, times};
use crate::settings::Settings;
use crate::{Initiator, PersonId};
use jiff::Zoned;
use serde::Serialize;

/// Who reached out first over some days, where it was noted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Reciprocity {
    /// The days counted, ending today.
    pub days: u32,
    /// Times the person reached out first.
    pub me_first: u32,
    /// Times the other side did.
    pub them_first: u32,
}

/// Counts who reached out first over the last `days` days, with `person` only, or with
/// anyone when `None`.
pub fn reciprocity(
    history: &History<'_>,
    settings: &Settings,
    person: Option<PersonId>,
    days: u32,
    now: &Zoned,
) -> Reciprocity {
    let start = settings.day.starts_at;
    let range = DayRange::ending(day_number(start.today(now)), i64::from(days.max(1)));
    let (mut me_first, mut them_first) = (0, 0);
    for i in history.interactions {
        if person.is_some_and(|p| !i.people.contains(&p)) || range.day_of_starting(i.at, start).is_none() {
            continue;
        }
        match i.initiator {
            Some(Initiator::Me) => me_first += 1,
            Some(Initiator::Them) => them_first += 1,
            None => {}
        }
    }
    Reciprocity { days, me_first, them_first }
}

impl Reciprocity {
    /// "you reached out first 6 times, Sam twice" for the person page, or `None` when it
    /// was noted fewer than `at_least` times.
    pub fn with_person(&self, name: &str, at_least: u32) -> Option<String> {
        (self.me_first + self.them_first >= at_least.max(1)).then(|| {
            format!(
                "Over the last {} days you reached out first {}, {name} {}.",
                self.days,
                times(self.me_first),
                times(self.them_first)
            )
        })
    }

    /// For the report: a sentence when, over these days and at least `at_least` times noted,
    /// the person was always the one reaching out, or never; otherwise `None`.
    pub fn one_sided(&self, at_least: u32) -> Option<String> {
        let noted = self.me_first + self.them_first;
        if noted < at_least.max(1) {
            return None;
        }
        let span = if self.days.is_multiple_of(7) {
            format!("{} weeks", self.days / 7)
        } else {
            format!("{} days", self.days)
        };
        if self.them_first == 0 {
            Some(format!(
                "In the last {span} you reached out first every time it was noted ({}). Keeping in touch takes effort; \
                 it is fine to let someone else make the next move, or to tell a friend you would love to hear from them.",
                times(noted)
            ))
        } else if self.me_first == 0 {
            Some(format!(
                "In the last {span} others reached out first every time it was noted ({}). Reaching out once yourself \
                 can mean a lot to someone.",
                times(noted)
            ))
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::fixtures::*;
    use crate::{Interaction, Person};

    fn first(who: &Person, days_ago: i64, by: Initiator) -> Interaction {
        let mut i = met(who, ago(days_ago)).by(crate::Mode::Text);
        i.initiator = Some(by);
        i
    }

    fn count(log: &[Interaction], people: &[Person], person: Option<PersonId>, days: u32) -> Reciprocity {
        reciprocity(&History::new(people, log, &[], &[]), &Settings::defaults(), person, days, &now())
    }

    #[test]
    fn counts_who_reached_out_first_with_one_person_or_anyone_within_the_days() {
        let (sam, ana) = (person("Sam"), person("Ana"));
        let log = vec![
            first(&sam, 1, Initiator::Me),
            first(&sam, 5, Initiator::Them),
            first(&ana, 2, Initiator::Me),
            first(&sam, 40, Initiator::Me),
            met(&sam, ago(3)),
        ];
        let people = [sam.clone(), ana];
        assert_eq!(
            count(&log, &people, Some(sam.id), 28),
            Reciprocity { days: 28, me_first: 1, them_first: 1 }
        );
        assert_eq!(count(&log, &people, None, 28), Reciprocity { days: 28, me_first: 2, them_first: 1 });
        assert_eq!(count(&log, &people, Some(sam.id), 90).me_first, 2, "the one 40 days ago counts in 90");
        let words = count(&log, &people, Some(sam.id), 90).with_person("Sam", 3).expect("three noted");
        assert_eq!(words, "Over the last 90 days you reached out first twice, Sam once.");
        assert!(
            count(&log, &people, Some(sam.id), 28).with_person("Sam", 3).is_none(),
            "two noted is too few"
        );
    }

    #[test]
    fn the_report_speaks_only_of_a_one_sided_stretch_noted_often_enough() {
        let only_me = Reciprocity { days: 28, me_first: 8, them_first: 0 };
        assert!(
            only_me
                .one_sided(6)
                .expect("one-sided")
                .starts_with("In the last 4 weeks you reached out first every time it was noted (8 times).")
        );
        let only_them = Reciprocity { days: 30, me_first: 0, them_first: 6 };
        assert!(
            only_them
                .one_sided(6)
                .expect("one-sided")
                .starts_with("In the last 30 days others reached out first")
        );
        assert!(Reciprocity { days: 28, me_first: 7, them_first: 1 }.one_sided(6).is_none(), "both ways");
        assert!(
            Reciprocity { days: 28, me_first: 5, them_first: 0 }.one_sided(6).is_none(),
            "too few to say"
        );
    }
}
