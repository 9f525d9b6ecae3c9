//! The export formats other programs read: plans as iCalendar, people as vCard 3.0 (what
//! phones and address books import most reliably), interactions as CSV (RFC 4180). Each
//! parses back with this crate's own readers to the same data (tests/it/properties.rs).

use kith_core::{Interaction, Outcome, Person, PersonId, Plan};

/// Escapes TEXT values (RFC 5545 3.3.11, RFC 6350 3.4).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// A parameter value, quoted when it holds characters that end a parameter.
fn param(text: &str) -> String {
    let clean: String = text.chars().filter(|c| *c != '"' && !c.is_control()).collect();
    if clean.contains([';', ':', ',']) { format!("\"{clean}\"") } else { clean }
}

/// Folds a content line at 75 octets without splitting a character, ending it with CRLF.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

fn utc(ts: jiff::Timestamp) -> String {
    ts.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// Plans as one VCALENDAR. `person` gives each person's name and email, if any.
pub fn plans_ics(
    plans: &[Plan],
    person: impl Fn(PersonId) -> Option<(String, Option<String>)>,
    now: jiff::Timestamp,
) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//kith//kith export//EN");
    for plan in plans {
        line(&mut out, "BEGIN:VEVENT");
        let uid = match (&plan.source.kind[..], &plan.source.id) {
            ("ics", Some(id)) => id.clone(),
            _ => format!("{}@kith", plan.id),
        };
        line(&mut out, &format!("UID:{}", escape(&uid)));
        line(&mut out, &format!("DTSTAMP:{}", utc(now)));
        line(&mut out, &format!("DTSTART:{}", utc(plan.start.timestamp())));
        let names: Vec<String> = plan.people.iter().filter_map(|p| person(*p).map(|(n, _)| n)).collect();
        let summary = plan.note.as_ref().map_or_else(
            || format!("{} with {}", plan.mode.label(), names.join(" & ")),
            |n| n.as_str().to_owned(),
        );
        line(&mut out, &format!("SUMMARY:{}", escape(&summary)));
        let cancelled = matches!(plan.outcome, Outcome::CancelledByMe | Outcome::CancelledByThem);
        line(&mut out, &format!("STATUS:{}", if cancelled { "CANCELLED" } else { "CONFIRMED" }));
        if let (true, Some(at)) = (cancelled, plan.outcome_at) {
            line(&mut out, &format!("LAST-MODIFIED:{}", utc(at)));
        }
        line(&mut out, &format!("X-KITH-OUTCOME:{}", plan.outcome.as_str()));
        line(&mut out, &format!("X-KITH-MODE:{}", plan.mode.as_str()));
        // Whether SUMMARY is the plan's note or only describes a plan without one, so the
        // description does not come back as a note.
        line(&mut out, &format!("X-KITH-SUMMARY:{}", if plan.note.is_some() { "note" } else { "generated" }));
        for id in &plan.people {
            let Some((name, email)) = person(*id) else { continue };
            let address = email.map_or_else(|| format!("urn:uuid:{id}"), |e| format!("mailto:{e}"));
            line(&mut out, &format!("ATTENDEE;CN={}:{address}", param(&name)));
        }
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

/// Whether an alias is written as a phone number (TEL) rather than an email or a chat name.
pub fn is_phone(alias: &str) -> bool {
    alias.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c))
        && alias.chars().filter(char::is_ascii_digit).count() >= 5
}

/// People as vCard 3.0 cards. Aliases that are neither phones nor emails (chat names) go in
/// `X-KITH-ALIAS`, the circle in `X-KITH-CIRCLE` (and `CATEGORIES`, which address books
/// show) and the cadence in `X-KITH-CADENCE` (days), which other programs ignore and kith
/// reads back. `birthday` gives each person's birthday, if known; one without a year is
/// written `--MMDD`.
pub fn people_vcf(people: &[Person], birthday: impl Fn(PersonId) -> Option<kith_core::Birthdate>) -> String {
    let mut out = String::new();
    for p in people {
        line(&mut out, "BEGIN:VCARD");
        line(&mut out, "VERSION:3.0");
        line(&mut out, &format!("UID:urn:uuid:{}", p.id));
        line(&mut out, &format!("FN:{}", escape(p.name.as_str())));
        line(&mut out, &format!("N:;{};;;", escape(p.name.as_str())));
        if let Some(day) = birthday(p.id) {
            match day.year() {
                Some(year) => line(&mut out, &format!("BDAY:{year:04}{:02}{:02}", day.month(), day.day())),
                None => line(&mut out, &format!("BDAY:--{:02}{:02}", day.month(), day.day())),
            }
        }
        for a in &p.aliases {
            let a = a.as_str();
            if is_phone(a) {
                line(&mut out, &format!("TEL:{}", escape(a)));
            } else if a.contains('@') && !a.contains(' ') {
                line(&mut out, &format!("EMAIL:{}", escape(a)));
            } else {
                line(&mut out, &format!("X-KITH-ALIAS:{}", escape(a)));
            }
        }
        line(&mut out, &format!("CATEGORIES:{}", p.circle.as_str()));
        line(&mut out, &format!("X-KITH-CIRCLE:{}", p.circle.as_str()));
        if let Some(cadence) = p.cadence {
            line(&mut out, &format!("X-KITH-CADENCE:{}", cadence.days()));
        }
        if let Some(note) = &p.note {
            line(&mut out, &format!("NOTE:{}", escape(note.as_str())));
        }
        line(&mut out, "END:VCARD");
    }
    out
}

/// The CSV columns, in order.
pub const CSV_HEADER: [&str; 14] = [
    "id",
    "at",
    "local_date",
    "minutes",
    "mode",
    "initiator",
    "people",
    "felt",
    "meaningful",
    "tags",
    "unanswered",
    "source",
    "source_id",
    "note",
];

/// A text cell a spreadsheet would run as a formula (it begins with `=`, `+`, `-`, `@`, a
/// tab or a carriage return) gets a `'` in front, so it shows as the text it is. Only text
/// columns go through this: numbers (`minutes`, `felt`, `unanswered`) are written as numbers,
/// so a felt of -1 stays -1.
pub fn csv_text(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{value}") } else { value.to_owned() }
}

fn csv_field(out: &mut String, value: &str) {
    if value.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(value);
    }
}

/// The header row of the interactions CSV.
pub fn csv_header() -> String {
    let mut out = CSV_HEADER.join(",");
    out.push_str("\r\n");
    out
}

/// One interaction as a CSV row; people by name, separated by `; `.
pub fn interaction_csv(i: &Interaction, name: impl Fn(PersonId) -> String) -> String {
    let people: Vec<String> = i.people.iter().map(|p| name(*p)).collect();
    let tags: Vec<&str> = i.tags.iter().map(|t| t.as_str()).collect();
    let fields = [
        i.id.to_string(),
        i.at.to_string(),
        i.at.local_date().to_string(),
        i.minutes.map(|m| m.get().to_string()).unwrap_or_default(),
        i.mode.as_str().to_owned(),
        i.initiator.map(|x| x.as_str().to_owned()).unwrap_or_default(),
        csv_text(&people.join("; ")),
        i.felt.map(|f| f.value().to_string()).unwrap_or_default(),
        i.meaningful.to_string(),
        csv_text(&tags.join(" ")),
        i.unanswered.to_string(),
        csv_text(&i.source.kind),
        csv_text(&i.source.id.clone().unwrap_or_default()),
        csv_text(i.note.as_ref().map_or("", |n| n.as_str())),
    ];
    let mut out = String::new();
    for (n, f) in fields.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        csv_field(&mut out, f);
    }
    out.push_str("\r\n");
    out
}

/// Reads CSV (RFC 4180: quoted fields may hold commas, quotes and line breaks) into rows.
pub fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}
