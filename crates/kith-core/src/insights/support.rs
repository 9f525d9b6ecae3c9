//! The support card: when recent check-ins show sleep, eating, mood or
//! motivation affected on many days, or mood low on most days, kith says plainly and kindly
//! that talking to a doctor or therapist can help, and lists the contacts the person set.
//! It never names a condition: it describes what the check-ins say.

use crate::Affected;
use crate::insights::History;
use crate::insights::days::{DayRange, day_number};
use crate::settings::SupportSettings;
use jiff::Zoned;
use serde::Serialize;

/// One reason the card is shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SupportReason {
    /// `sleep`, `eating`, `mood`, `motivation` (marked affected) or `low_mood`.
    pub kind: &'static str,
    pub days: u32,
    pub out_of: u32,
    pub text: String,
}

/// A person or service to reach, from the settings' "NAME: how to reach".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SupportContact {
    pub name: String,
    pub reach: Option<String>,
}

impl SupportContact {
    /// Splits "NAME: how to reach" at the first colon; text without one is all name.
    pub fn parse(raw: &str) -> Option<Self> {
        let (name, reach) = match raw.split_once(':') {
            Some((n, r)) => (n.trim(), Some(r.trim()).filter(|r| !r.is_empty())),
            None => (raw.trim(), None),
        };
        (!name.is_empty()).then(|| Self { name: name.to_owned(), reach: reach.map(str::to_owned) })
    }
}

/// The card.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SupportCard {
    pub reasons: Vec<SupportReason>,
    pub text: String,
    pub contacts: Vec<SupportContact>,
}

/// The support card when recent check-ins call for it, else `None`. When check-ins thin out
/// after heavy ones (which is what people who are struggling often do), the card stays for
/// `support.stays_days` after the last day the check-ins called for it, and says so.
pub fn support_card(
    history: &History<'_>,
    settings: &SupportSettings,
    contacts: &[String],
    now: &Zoned,
) -> Option<SupportCard> {
    let today = day_number(now.date());
    if let Some(reasons) = reasons_as_of(history, settings, today) {
        return Some(card(reasons, contacts, None));
    }
    let window = DayRange::ending(today, i64::from(settings.recent_days.max(1)));
    let lately = history.checkins.iter().filter(|c| window.contains(day_number(c.date))).count();
    // Check-ins only ever thin out on the days after the last one, so the latest day the card
    // could have shown is one with a check-in.
    let mut days: Vec<i64> = history
        .checkins
        .iter()
        .map(|c| day_number(c.date))
        .filter(|d| *d < today && today - d <= i64::from(settings.stays_days))
        .collect();
    days.sort_unstable_by(|a, b| b.cmp(a));
    days.dedup();
    let (day, reasons) =
        days.into_iter().find_map(|d| reasons_as_of(history, settings, d).map(|r| (d, r)))?;
    let note = format!(
        "Check-ins have become rarer lately ({lately} in the last {} days); this card stays for {} days after check-ins last looked this heavy, on {}.",
        settings.recent_days,
        settings.stays_days,
        crate::insights::days::date_of(day).strftime("%a %-d %b"),
    );
    Some(card(reasons, contacts, Some(note)))
}

/// Why the card shows as of day number `today`, from the check-ins of the window ending then.
fn reasons_as_of(
    history: &History<'_>,
    settings: &SupportSettings,
    today: i64,
) -> Option<Vec<SupportReason>> {
    let window = DayRange::ending(today, i64::from(settings.recent_days.max(1)));
    let recent: Vec<_> = history.checkins.iter().filter(|c| window.contains(day_number(c.date))).collect();
    let n = u32::try_from(recent.len()).unwrap_or(u32::MAX);
    if n == 0 || n < settings.min_checkins {
        return None;
    }
    let count = |f: &dyn Fn(&&crate::CheckIn) -> bool| {
        u32::try_from(recent.iter().filter(|c| f(c)).count()).unwrap_or(0)
    };
    // A quick check-in does not ask what felt affected, so shares of it are of the
    // check-ins that did ask.
    let asked: Vec<Affected> = recent.iter().filter_map(|c| c.affected).collect();
    let n_asked = u32::try_from(asked.len()).unwrap_or(u32::MAX);
    let needed =
        settings.affected_min_days.max((settings.affected_share * f64::from(n_asked)).ceil() as u32).max(1);
    let affected =
        |f: fn(&Affected) -> bool| u32::try_from(asked.iter().filter(|a| f(a)).count()).unwrap_or(0);
    let parts: [(&'static str, u32); 4] = [
        ("sleep", affected(|a| a.sleep)),
        ("eating", affected(|a| a.eating)),
        ("mood", affected(|a| a.mood)),
        ("motivation", affected(|a| a.motivation)),
    ];
    let enough_asked = n_asked > 0 && n_asked >= settings.min_checkins;
    let mut reasons: Vec<SupportReason> = parts
        .into_iter()
        .filter(|(_, days)| enough_asked && *days >= needed)
        .map(|(kind, days)| SupportReason {
            kind,
            days,
            out_of: n_asked,
            text: if n_asked == n {
                format!("{kind} felt affected on {days} of your last {n} check-ins")
            } else {
                format!("{kind} felt affected on {days} of the {n_asked} recent check-ins that asked")
            },
        })
        .collect();
    let low = count(&|c| c.mood.get() <= i64::from(settings.low_mood_at_most));
    if f64::from(low) > settings.low_mood_share * f64::from(n) && low >= settings.low_mood_min_days {
        reasons.push(SupportReason {
            kind: "low_mood",
            days: low,
            out_of: n,
            text: format!("your mood was low on {low} of your last {n} check-ins"),
        });
    }
    (!reasons.is_empty()).then_some(reasons)
}

/// The card's words for `reasons`, with `note` (why it is still shown) first when given.
fn card(reasons: Vec<SupportReason>, contacts: &[String], note: Option<String>) -> SupportCard {
    let contacts: Vec<SupportContact> = contacts.iter().filter_map(|c| SupportContact::parse(c)).collect();
    let mut text = String::from(
        "Things seem to have been heavy for a while. Talking to a doctor or a therapist can really help, \
         and you do not need to wait until it gets worse. If you ever feel you might not be safe, call \
         your local emergency number now.",
    );
    text.push_str(if contacts.is_empty() {
        " You can add someone you trust to this card, so their details are here when you need them."
    } else {
        " The people you said you could reach are listed here."
    });
    if let Some(note) = note {
        text = format!("{note} {text}");
    }
    SupportCard { reasons, text, contacts }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::days::shift;
    use crate::insights::fixtures::*;

    fn card(checkins: &[crate::CheckIn], contacts: &[String]) -> Option<SupportCard> {
        support_card(&History::new(&[], &[], &[], checkins), &SupportSettings::defaults(), contacts, &now())
    }

    #[test]
    fn sleep_affected_on_most_recent_days_shows_the_card_with_contacts() {
        let checkins: Vec<_> =
            (0..10).map(|d| checkin(ago(d), 3, 3).affected(if d < 6 { "sleep" } else { "none" })).collect();
        let c = card(&checkins, &["Dr Okafor: 020 7946 0958".to_owned()]).expect("card");
        assert_eq!(c.reasons.len(), 1);
        assert_eq!((c.reasons[0].kind, c.reasons[0].days, c.reasons[0].out_of), ("sleep", 6, 10));
        assert_eq!(c.contacts[0].name, "Dr Okafor");
        assert_eq!(c.contacts[0].reach.as_deref(), Some("020 7946 0958"));
        assert!(c.text.contains("doctor or a therapist"), "{}", c.text);
    }

    #[test]
    fn low_mood_on_most_days_shows_the_card() {
        let checkins: Vec<_> = (0..8).map(|d| checkin(ago(d), if d < 5 { 2 } else { 4 }, 3)).collect();
        let c = card(&checkins, &[]).expect("card");
        assert_eq!(c.reasons[0].kind, "low_mood");
    }

    #[test]
    fn a_few_hard_days_or_too_few_check_ins_show_nothing() {
        let some: Vec<_> = (0..14)
            .map(|d| checkin(ago(d), 3, 3).affected(if d < 4 { "sleep,mood" } else { "none" }))
            .collect();
        assert!(card(&some, &[]).is_none());
        let few: Vec<_> = (0..4).map(|d| checkin(ago(d), 1, 1).affected("sleep")).collect();
        assert!(card(&few, &[]).is_none());
        let old: Vec<_> = (20..34).map(|d| checkin(ago(d), 1, 1).affected("sleep")).collect();
        assert!(card(&old, &[]).is_none());
    }

    #[test]
    fn affected_on_half_the_check_ins_shows_the_card_and_fewer_do_not() {
        // Fourteen check-ins: 7 is half, 6 is not (though it is more than 5 days).
        let sleep_on = |days: i64| -> Vec<crate::CheckIn> {
            (0..14).map(|d| checkin(ago(d), 3, 3).affected(if d < days { "sleep" } else { "none" })).collect()
        };
        assert!(card(&sleep_on(6), &[]).is_none());
        let c = card(&sleep_on(7), &[]).expect("card");
        assert_eq!((c.reasons[0].kind, c.reasons[0].days, c.reasons[0].out_of), ("sleep", 7, 14));
        assert_eq!(c.reasons[0].text, "sleep felt affected on 7 of your last 14 check-ins");
    }

    #[test]
    fn low_mood_must_be_on_more_than_half_the_check_ins_and_on_five_days() {
        let low_on = |days: i64, of: i64| -> Vec<crate::CheckIn> {
            (0..of).map(|d| checkin(ago(d), if d < days { 2 } else { 4 }, 3)).collect()
        };
        assert!(card(&low_on(7, 14), &[]).is_none(), "half is not more than half");
        let c = card(&low_on(8, 14), &[]).expect("card");
        assert_eq!((c.reasons[0].kind, c.reasons[0].days, c.reasons[0].out_of), ("low_mood", 8, 14));
        assert_eq!(c.reasons[0].text, "your mood was low on 8 of your last 14 check-ins");
        assert!(card(&low_on(4, 6), &[]).is_none(), "most days, but only four of them");
    }

    #[test]
    fn five_check_ins_are_enough_and_the_fewest_is_a_setting() {
        let heavy: Vec<_> = (0..5).map(|d| checkin(ago(d), 1, 1).affected("sleep")).collect();
        assert!(card(&heavy, &[]).is_some(), "five heavy check-ins");
        // With a lower bar for days affected, the fewest check-ins still holds.
        let settings = SupportSettings {
            min_checkins: 8,
            affected_min_days: 1,
            low_mood_min_days: 1,
            ..SupportSettings::defaults()
        };
        let six: Vec<_> = (0..6).map(|d| checkin(ago(d), 1, 1).affected("sleep")).collect();
        let shown = |checkins: &[crate::CheckIn]| {
            support_card(&History::new(&[], &[], &[], checkins), &settings, &[], &now()).is_some()
        };
        assert!(!shown(&six), "6 < 8 check-ins");
        let eight: Vec<_> = (0..8).map(|d| checkin(ago(d), 1, 1).affected("sleep")).collect();
        assert!(shown(&eight));
    }

    #[test]
    fn the_card_stays_a_while_when_check_ins_thin_out_after_heavy_ones() {
        // Thirty days of the heaviest check-ins, then four in the last fourteen days.
        let mut checkins: Vec<_> =
            (14..44).map(|d| checkin(ago(d), 1, 1).affected("sleep,eating,mood,motivation")).collect();
        checkins.extend([1, 4, 8, 12].map(|d| checkin(ago(d), 3, 3)));
        let c = card(&checkins, &[]).expect("the card stays");
        // The window ending Thu 12 Nov still held eight heavy days of ten; the one ending
        // Mon 16 Nov held four heavy days of seven, too few.
        assert!(
            c.text.starts_with(
                "Check-ins have become rarer lately (4 in the last 14 days); this card stays for 14 days \
                 after check-ins last looked this heavy, on Thu 12 Nov. Things seem"
            ),
            "{}",
            c.text
        );
        assert!(c.reasons.iter().any(|r| r.kind == "low_mood"), "{:?}", c.reasons);
        assert!(!c.text.contains("  "), "one space between words: {}", c.text);
        // Long after the last heavy check-in, it goes.
        let old: Vec<_> = checkins
            .iter()
            .cloned()
            .map(|mut c| {
                c.date = shift(c.date, -30);
                c
            })
            .collect();
        assert!(card(&old, &[]).is_none());
    }

    /// A quick check-in: mood and the social battery only, nothing asked about sleep and the rest.
    fn quick(day: jiff::civil::Date) -> crate::CheckIn {
        crate::CheckIn { energy: None, stress: None, affected: None, ..checkin(day, 3, 3) }
    }

    #[test]
    fn quick_check_ins_neither_dilute_nor_stand_in_for_the_affected_answers() {
        // Six whole check-ins with sleep affected, between eight quick ones that did not ask.
        let mixed: Vec<_> =
            (0..14)
                .map(|d| {
                    if d % 2 == 0 && d < 12 { checkin(ago(d), 3, 3).affected("sleep") } else { quick(ago(d)) }
                })
                .collect();
        let c = card(&mixed, &[]).expect("six of the six that asked");
        assert_eq!((c.reasons[0].kind, c.reasons[0].days, c.reasons[0].out_of), ("sleep", 6, 6));
        assert!(c.reasons[0].text.contains("of the 6 recent check-ins that asked"), "{}", c.reasons[0].text);
        // Four that asked are too few to say anything, however many quick ones there are.
        let few_asked: Vec<_> = (0..14)
            .map(|d| if d < 4 { checkin(ago(d), 3, 3).affected("sleep") } else { quick(ago(d)) })
            .collect();
        assert!(card(&few_asked, &[]).is_none());
        // Low mood is read from quick check-ins as from any other.
        let low: Vec<_> = (0..8)
            .map(|d| crate::CheckIn { mood: crate::Scale::new("mood", 1).expect("valid"), ..quick(ago(d)) })
            .collect();
        assert_eq!(card(&low, &[]).expect("card").reasons[0].kind, "low_mood");
    }

    #[test]
    fn the_card_never_uses_clinical_labels() {
        let checkins: Vec<_> =
            (0..14).map(|d| checkin(ago(d), 1, 1).affected("sleep,eating,mood,motivation")).collect();
        let c = card(&checkins, &[]).expect("card");
        let all =
            format!("{} {}", c.text, c.reasons.iter().map(|r| r.text.as_str()).collect::<Vec<_>>().join(" "));
        for word in ["symptom", "diagnos", "disorder", "depress"] {
            assert!(!all.to_lowercase().contains(word), "{all}");
        }
        assert_eq!(c.reasons.len(), 5);
    }
}
