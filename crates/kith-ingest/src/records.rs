//! Calendars and contacts: events with people become plans, cards become people.

use crate::matcher::Matcher;
use crate::{Format, Merge, Options as Args, Outcome, Result, bad_file, random_bytes, read_text};
use jiff::Zoned;
use kith_core::person::name_key;
use kith_core::{
    Alias, Cadence, Circle, Interaction, InteractionId, Minutes, Mode, Note, Outcome as PlanOutcome, Plan,
    PlanId, Source,
};
use kith_import::ics::{Event, Version, Window};
use kith_import::{Place, Skip, ics, vcf};
use kith_store::Repo;
use std::collections::HashMap;
use std::io::Read;

/// Cards become people, or add their numbers and addresses to the person of the same name
/// already here (or met earlier in the file); the people are written afterwards by
/// [`Matcher::write`]. Two cards that share only a number (a couple's landline, a person and
/// their workplace) stay two people.
pub fn vcf(input: impl Read + Send, people: &mut Matcher) -> Result<Outcome> {
    let text = read_text(input)?;
    let parsed = vcf::parse(&text).map_err(|e| bad_file(e, Format::Vcf))?;
    let mut out = Outcome { skipped: parsed.skipped, ..Outcome::default() };
    // Which card of this file made each new person, to say what a later card merged with.
    let mut made_by: HashMap<usize, usize> = HashMap::new();
    for card in parsed.contacts {
        let mut aliases = Vec::new();
        let extra = card.kith.iter().flat_map(|k| k.aliases.iter());
        for raw in card.phones.iter().chain(&card.emails).chain(extra) {
            match Alias::parse(raw) {
                Ok(a) => aliases.push(a),
                Err(e) => out
                    .skipped
                    .push(Skip::new(Place::Record(card.record), format!("an alias was left out: {e}"))),
            }
        }
        let person = match people.find_by_name(&card.name) {
            Some(i) => {
                out.merges.push(Merge {
                    record: card.record,
                    name: card.name.clone(),
                    into: people.name(i),
                    with_record: made_by.get(&i).copied(),
                });
                people.add_aliases(i, aliases);
                Some(i)
            }
            None => {
                let made = people.create(&card.name, aliases);
                if let Some(i) = made {
                    made_by.insert(i, card.record);
                }
                made
            }
        };
        let Some(i) = person else {
            let why = format!("\u{201c}{}\u{201d} cannot be a person's name", card.name);
            out.skipped.push(Skip::new(Place::Record(card.record), why));
            continue;
        };
        if let Some(k) = &card.kith {
            let circle = k.circle.as_deref().and_then(|c| Circle::parse(c).ok());
            let cadence = k.cadence.as_deref().and_then(|c| Cadence::parse(c).ok());
            let note = k.note.as_deref().and_then(|n| Note::parse("note", n).ok());
            people.fill_details(i, circle, cadence, note);
        }
        if let Some(day) = card.birthday {
            people.set_birthday(i, day);
            out.birthdays += 1;
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
    let mut out = Outcome {
        skipped: parsed.skipped,
        outside_window: parsed.outside_window,
        warnings: parsed.warnings,
        ..Outcome::default()
    };
    let mut existing: HashMap<String, (Plan, Option<Version>)> = repo
        .imported_plans("ics")
        .await?
        .into_iter()
        .filter_map(|(plan, version)| {
            let key = plan.source.id.clone()?;
            Some((key, (plan, version.as_deref().and_then(Version::from_text))))
        })
        .collect();
    let names: Vec<(String, usize)> = people.names().collect();
    let mut versions: Vec<(PlanId, String)> = Vec::new();
    // Per UID in the file: its newest version, and the keys of its occurrences.
    let mut series: HashMap<String, (Version, Vec<String>)> = HashMap::new();
    for e in &parsed.events {
        let entry = series.entry(e.uid.clone()).or_insert((e.version(), Vec::new()));
        entry.0 = entry.0.max(e.version());
        entry.1.push(e.key.clone());
    }
    let window = Window::around(now.timestamp());
    for event in parsed.events {
        if let Some((plan, version)) = existing.get_mut(&event.key) {
            if version.is_none_or(|v| event.version() > v) {
                let changed = update(plan, &event);
                repo.update_imported_plan(plan, &event.version().to_text()).await?;
                *version = Some(event.version());
                if changed {
                    out.updated += 1;
                    continue;
                }
            }
            out.already_present += 1;
            continue;
        }
        // A plan kith itself exported, read back into the database it came from.
        if let Some(id) = event.key.strip_suffix("@kith")
            && !repo.plans_by_prefix(id).await?.is_empty()
        {
            out.already_present += 1;
            continue;
        }
        let mut who = attendees(&event, people);
        if who.is_empty() {
            who = in_title(&event, &names);
            for i in &who {
                people.mark_matched(*i);
            }
        }
        if args.create_people {
            for a in event.attendees.iter().filter(|a| may_create(&event, a)) {
                let known = a
                    .email
                    .as_deref()
                    .and_then(|e| people.find(e))
                    .or_else(|| a.name.as_deref().and_then(|n| people.find(n)));
                if known.is_some() {
                    continue;
                }
                let aliases: Vec<Alias> = a.email.iter().filter_map(|e| Alias::parse(e).ok()).collect();
                let label = a.name.clone().or_else(|| a.email.clone()).unwrap_or_default();
                if let Some(i) = people.create(&label, aliases)
                    && !who.contains(&i)
                {
                    who.push(i);
                }
            }
        }
        if who.is_empty() {
            let why = "no attendee or word of the title matches a person (use --map \"Name=Person\" or --create-people)";
            out.skipped.push(Skip::new(Place::Record(event.record), why));
            continue;
        }
        let ids: Vec<_> = who.iter().map(|i| people.id(*i)).collect();
        people.write(repo).await?;
        if let Some(id) = insert_plan(args, repo, &event, ids, now, &mut out).await? {
            out.plans += 1;
            versions.push((id, event.version().to_text()));
        } else {
            out.already_present += 1;
        }
    }
    repo.set_plan_versions(&versions).await?;
    // Occurrences a newer version of their series no longer has (it moved to other days, or
    // lost one): their plans go, unless the person settled how they went.
    let mut gone = Vec::new();
    for (key, (plan, version)) in &existing {
        let uid = if series.contains_key(key) {
            key.as_str()
        } else {
            key.rsplit_once('/').map_or(key.as_str(), |(u, _)| u)
        };
        let Some((newest, keys)) = series.get(uid) else { continue };
        // Planned or cancelled is what the calendar itself says (see `update`); an outcome
        // the person settled keeps the plan.
        let untouched = matches!(
            plan.outcome,
            PlanOutcome::Pending | PlanOutcome::CancelledByMe | PlanOutcome::CancelledByThem
        ) && plan.interaction.is_none()
            && plan.moved_from.is_none();
        let in_window = (window.from..=window.until).contains(&plan.start.timestamp());
        if untouched
            && in_window
            && version.is_none_or(|v| *newest > v)
            && !keys.contains(key)
            && repo.plan_predictions(Some(plan.id)).await?.is_empty()
        {
            gone.push(plan.id);
        }
    }
    out.updated += gone.len();
    repo.delete_plans(&gone).await?;
    Ok(out)
}

/// Whether `--create-people` may make a person of this attendee: a real person (not a room,
/// a resource, a group or a placeholder address), and not the calendar's owner. When the file
/// does not say who the owner is, the organiser is taken to be them.
fn may_create(event: &Event, a: &ics::Attendee) -> bool {
    let same = |x: &Option<String>| match (&a.email, x) {
        (Some(e), Some(o)) => e.eq_ignore_ascii_case(o),
        _ => false,
    };
    let is_owner = match &event.owner {
        Some(_) => same(&event.owner),
        None => same(&event.organizer),
    };
    a.is_real() && !is_owner
}

/// Brings an imported plan in line with a newer version of its event: its start, and
/// whether it is cancelled. Outcomes the person settled (attended, no-show, rescheduled)
/// stay. Returns whether anything changed.
fn update(plan: &mut Plan, event: &Event) -> bool {
    let before = (plan.start, plan.outcome, plan.outcome_at);
    plan.start = event.start;
    let cancelled = matches!(plan.outcome, PlanOutcome::CancelledByMe | PlanOutcome::CancelledByThem);
    if event.cancelled && matches!(plan.outcome, PlanOutcome::Pending) {
        plan.outcome = cancelled_by(event);
        plan.outcome_at = event.changed_at;
    } else if !event.cancelled && cancelled {
        plan.outcome = PlanOutcome::Pending;
        plan.outcome_at = None;
    }
    before != (plan.start, plan.outcome, plan.outcome_at)
}

/// Who called a cancelled event off: the person importing when they organised it, else them.
/// Calendars do not say more; `kith plan` can correct it.
fn cancelled_by(event: &Event) -> PlanOutcome {
    if event.organized_by_owner { PlanOutcome::CancelledByMe } else { PlanOutcome::CancelledByThem }
}

fn attendees(event: &Event, people: &mut Matcher) -> Vec<usize> {
    let mut who = Vec::new();
    for a in event.attendees.iter().filter(|a| a.is_real()) {
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
    if let Some(mode) = event.kith.as_ref().and_then(|k| k.mode.as_deref()).and_then(|m| Mode::parse(m).ok())
    {
        return mode;
    }
    if event.video_link {
        return Mode::Video;
    }
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

/// Adds the plan for `event`; `None` when one with its key is already here.
async fn insert_plan<R: Repo>(
    args: &Args,
    repo: &mut R,
    event: &Event,
    people: Vec<kith_core::PersonId>,
    now: &Zoned,
    out: &mut Outcome,
) -> Result<Option<PlanId>> {
    let past = event.start.timestamp() < now.timestamp();
    let exported =
        event.kith.as_ref().and_then(|k| k.outcome.as_deref()).and_then(|o| PlanOutcome::parse(o).ok());
    let (outcome, outcome_at) = match exported {
        // kith's own export says exactly how the plan went.
        Some(PlanOutcome::Attended) => (PlanOutcome::Attended, Some(event.start.timestamp())),
        Some(o @ (PlanOutcome::CancelledByMe | PlanOutcome::CancelledByThem)) => (o, event.changed_at),
        Some(o) => (o, (o != PlanOutcome::Pending).then(|| event.start.timestamp())),
        None if event.cancelled => (cancelled_by(event), event.changed_at),
        None if past && args.assume_attended => (PlanOutcome::Attended, Some(event.start.timestamp())),
        None => (PlanOutcome::Pending, None),
    };
    let attended = outcome == PlanOutcome::Attended;
    let note = event.note().and_then(|s| Note::parse("note", s).ok());
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
        return Ok(None);
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
    Ok(Some(plan.id))
}
