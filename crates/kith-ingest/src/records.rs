//! Calendars and contacts: events with people become plans, cards become people.

use crate::matcher::Matcher;
use crate::{Format, Options as Args, Outcome, Result, bad_file, random_bytes, read_text};
use jiff::Zoned;
use kith_core::person::name_key;
use kith_core::{
    Alias, Interaction, InteractionId, Minutes, Mode, Note, Outcome as PlanOutcome, Plan, PlanId, Source,
};
use kith_import::ics::{Event, Window};
use kith_import::{Place, Skip, ics, vcf};
use kith_store::Repo;
use std::io::Read;

/// Cards become people, or add their numbers and addresses to someone already here; the
/// people are written afterwards by [`Matcher::write`].
pub fn vcf(input: impl Read + Send, people: &mut Matcher) -> Result<Outcome> {
    let text = read_text(input)?;
    let parsed = vcf::parse(&text).map_err(|e| bad_file(e, Format::Vcf))?;
    let mut out = Outcome { skipped: parsed.skipped, ..Outcome::default() };
    for card in parsed.contacts {
        let mut aliases = Vec::new();
        for raw in card.phones.iter().chain(&card.emails) {
            match Alias::parse(raw) {
                Ok(a) => aliases.push(a),
                Err(e) => out
                    .skipped
                    .push(Skip::new(Place::Record(card.record), format!("an alias was left out: {e}"))),
            }
        }
        // A card that shares a number or address with someone merges into them; then the name.
        let existing = people.find_alias(&aliases).or_else(|| people.find(&card.name));
        let person = match existing {
            Some(i) => {
                people.add_aliases(i, aliases);
                Some(i)
            }
            None => people.create(&card.name, aliases),
        };
        match (person, card.birthday) {
            (Some(i), Some(day)) => {
                people.set_birthday(i, day);
                out.birthdays += 1;
            }
            (Some(_), None) => {}
            (None, _) => {
                let why = format!("{:?} cannot be a person's name", card.name);
                out.skipped.push(Skip::new(Place::Record(card.record), why));
            }
        }
    }
    Ok(out)
}

pub async fn ics<R: Repo>(
    args: &Args,
    input: impl Read + Send,
    repo: &mut R,
    people: &mut Matcher,
    now: &Zoned,
) -> Result<Outcome> {
    let text = read_text(input)?;
    let zone = now.time_zone().iana_name().unwrap_or("UTC").to_owned();
    let parsed =
        ics::parse(&text, &zone, Window::around(now.timestamp())).map_err(|e| bad_file(e, Format::Ics))?;
    let mut out = Outcome { skipped: parsed.skipped, ..Outcome::default() };
    let names: Vec<(String, usize)> = people.names().collect();
    for event in parsed.events {
        let mut who = attendees(&event, people);
        if who.is_empty() {
            who = in_title(&event, &names);
            for i in &who {
                people.mark_matched(*i);
            }
        }
        if who.is_empty() && args.create_people {
            for a in event.attendees.iter().filter(|a| a.email.is_none() || a.email != event.organizer) {
                let aliases: Vec<Alias> = a.email.iter().filter_map(|e| Alias::parse(e).ok()).collect();
                let label = a.name.clone().or_else(|| a.email.clone()).unwrap_or_default();
                if let Some(i) = people.create(&label, aliases) {
                    who.push(i);
                }
            }
        }
        if who.is_empty() {
            let why = "no attendee or word of the title matches a person (use --map \"Name=Person\" or --create-people)";
            out.skipped.push(Skip::new(Place::Record(event.record), why));
            continue;
        }
        who.dedup();
        let ids: Vec<_> = who.iter().map(|i| people.id(*i)).collect();
        people.write(repo).await?;
        if insert_plan(args, repo, &event, ids, now, &mut out).await? {
            out.plans += 1;
        } else {
            out.already_present += 1;
        }
    }
    Ok(out)
}

fn attendees(event: &Event, people: &mut Matcher) -> Vec<usize> {
    let mut who = Vec::new();
    for a in &event.attendees {
        let found = a
            .email
            .as_deref()
            .and_then(|e| people.find(e))
            .or_else(|| a.name.as_deref().and_then(|n| people.find(n)));
        if let Some(i) = found
            && !who.contains(&i)
        {
            who.push(i);
        }
    }
    who
}

/// People whose whole name appears as words in the title ("Lunch with Sam Lee").
fn in_title(event: &Event, names: &[(String, usize)]) -> Vec<usize> {
    let Some(summary) = &event.summary else { return Vec::new() };
    let words: Vec<String> = summary
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .filter(|w| !w.is_empty())
        .map(name_key)
        .collect();
    let title = format!(" {} ", words.join(" "));
    let mut who = Vec::new();
    for (key, i) in names {
        if title.contains(&format!(" {key} ")) && !who.contains(i) {
            who.push(*i);
        }
    }
    who
}

fn mode_of(event: &Event) -> Mode {
    let text =
        format!("{} {}", event.summary.as_deref().unwrap_or(""), event.location.as_deref().unwrap_or(""))
            .to_lowercase();
    if ["zoom", "meet.google", "teams", "video", "facetime"].iter().any(|w| text.contains(w)) {
        Mode::Video
    } else if ["call", "phone"].iter().any(|w| text.contains(w)) {
        Mode::Voice
    } else {
        Mode::InPerson
    }
}

async fn insert_plan<R: Repo>(
    args: &Args,
    repo: &mut R,
    event: &Event,
    people: Vec<kith_core::PersonId>,
    now: &Zoned,
    out: &mut Outcome,
) -> Result<bool> {
    let past = event.start.timestamp() < now.timestamp();
    let attended = !event.cancelled && past && args.assume_attended;
    let (outcome, outcome_at) = if event.cancelled {
        // Calendars do not say who called it off; "them" never counts as the user's
        // flaking (DESIGN.md idea 3), and `kith plan` can correct it.
        (PlanOutcome::CancelledByThem, event.changed_at)
    } else if attended {
        (PlanOutcome::Attended, Some(event.start.timestamp()))
    } else {
        (PlanOutcome::Pending, None)
    };
    let note = event.summary.as_deref().and_then(|s| Note::parse("note", s).ok());
    let source = Source { kind: "ics".into(), id: Some(event.key.clone()) };
    let interaction_id = attended.then(|| InteractionId::from_random_bytes(random_bytes()));
    let plan = Plan {
        id: PlanId::from_random_bytes(random_bytes()),
        people: people.clone(),
        start: event.start,
        mode: mode_of(event),
        note: note.clone(),
        created_at: now.timestamp(),
        outcome,
        outcome_at,
        interaction: interaction_id,
        moved_from: None,
        source: source.clone(),
    };
    if !repo.insert_plan(&plan).await? {
        return Ok(false);
    }
    if let Some(id) = interaction_id {
        let interaction = Interaction {
            id,
            at: event.start,
            minutes: event.minutes.and_then(|m| Minutes::new("minutes", m).ok()),
            mode: plan.mode,
            initiator: None,
            people,
            felt: None,
            meaningful: true,
            tags: Vec::new(),
            note,
            unanswered: 0,
            source,
            plan: Some(plan.id),
        };
        if repo.insert_interaction(&interaction).await? {
            out.interactions += 1;
        }
    }
    Ok(true)
}
