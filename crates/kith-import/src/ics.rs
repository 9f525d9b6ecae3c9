//! iCalendar files (.ics): events become plan candidates. Recurring events are expanded with
//! calcard within a window around "now", honouring EXDATE, RECURRENCE-ID overrides and time
//! zones across clock changes (ECOSYSTEM.md "iCalendar import and RRULE expansion").

use crate::report::{ImportError, Place, Skip};
use calcard::common::PartialDateTime;
use calcard::icalendar::{
    ICalendar, ICalendarComponent, ICalendarComponentType, ICalendarParameterName, ICalendarProperty,
    ICalendarStatus, ICalendarValue,
};
use calcard::{Entry, Parser};
use chrono::Offset as _;
use jiff::civil::{DateTime, Time};
use jiff::{SignedDuration, Timestamp};
use kith_core::Moment;
use std::collections::BTreeSet;

const FORMAT: &str = "iCalendar (.ics)";

/// How many occurrences one recurring series may produce before the window is applied.
const SERIES_LIMIT: usize = 20_000;

/// Which occurrences of recurring events to keep. Single events are kept whenever they are.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub from: Timestamp,
    pub until: Timestamp,
}

impl Window {
    /// The default: the last 365 days and the next 60.
    pub fn around(now: Timestamp) -> Self {
        let day = SignedDuration::from_hours(24);
        Self {
            from: now.checked_sub(day * 365).unwrap_or(Timestamp::MIN),
            until: now.checked_add(day * 60).unwrap_or(Timestamp::MAX),
        }
    }
}

/// Someone invited to an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendee {
    pub email: Option<String>,
    pub name: Option<String>,
}

/// One occurrence of an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Which VEVENT in the file, from 1.
    pub record: usize,
    /// UID plus the recurrence id: the import key.
    pub key: String,
    pub summary: Option<String>,
    pub location: Option<String>,
    /// The start; an all-day event starts at noon, as a bare date does everywhere in kith.
    pub start: Moment,
    pub minutes: Option<i64>,
    pub all_day: bool,
    pub cancelled: bool,
    /// When the event last changed (LAST-MODIFIED), used as the moment of a cancellation.
    pub changed_at: Option<Timestamp>,
    pub organizer: Option<String>,
    pub attendees: Vec<Attendee>,
}

/// Every event occurrence in a file, and what was skipped.
#[derive(Debug, Clone, Default)]
pub struct Events {
    pub events: Vec<Event>,
    pub skipped: Vec<Skip>,
}

/// Parses a calendar. Floating times and all-day events are read in `zone` (an IANA name;
/// UTC when calcard does not know it).
///
/// # Errors
/// When the file holds no VCALENDAR, or it is cut short.
pub fn parse(text: &str, zone: &str, window: Window) -> Result<Events, ImportError> {
    crate::report::check_blocks(text, "VCALENDAR", FORMAT)?;
    crate::report::check_blocks(text, "VEVENT", FORMAT)?;
    let tz: chrono_tz::Tz = zone.parse().unwrap_or(chrono_tz::UTC);
    let mut parser = Parser::new(text);
    let mut out = Events::default();
    let mut calendars = 0;
    let mut offset = 0;
    loop {
        match parser.entry() {
            Entry::ICalendar(cal) => {
                calendars += 1;
                offset += read_calendar(&cal, tz, window, offset, &mut out);
            }
            Entry::Eof => break,
            Entry::VCard(_) if calendars == 0 => {
                return Err(ImportError::wrong(
                    FORMAT,
                    Place::Line(1),
                    "this is a vCard file; import it as vcf",
                ));
            }
            Entry::UnterminatedComponent(what) => {
                let why = format!("BEGIN:{what} has no matching END:{what}; the file may be cut short");
                return Err(ImportError::wrong(FORMAT, Place::Record(offset + 1), why));
            }
            Entry::UnexpectedComponentEnd { expected, found } => {
                let why = format!("END:{} where END:{} was expected", found.as_str(), expected.as_str());
                return Err(ImportError::wrong(FORMAT, Place::Record(offset + 1), why));
            }
            Entry::TooManyComponents => {
                return Err(ImportError::wrong(
                    FORMAT,
                    Place::Record(offset + 1),
                    "too many components in one calendar",
                ));
            }
            Entry::InvalidLine(_) if calendars == 0 && out.skipped.len() >= 20 => break,
            _ => out.skipped.push(Skip::new(Place::Record(offset + 1), "a line outside any calendar")),
        }
    }
    if calendars == 0 {
        return Err(ImportError::wrong(
            FORMAT,
            Place::Line(1),
            "no BEGIN:VCALENDAR ... END:VCALENDAR was found",
        ));
    }
    Ok(out)
}

/// Reads one VCALENDAR; returns how many VEVENTs it had, for record numbers.
fn read_calendar(
    cal: &ICalendar,
    tz: chrono_tz::Tz,
    window: Window,
    offset: usize,
    out: &mut Events,
) -> usize {
    let events: Vec<usize> = (0..cal.components.len())
        .filter(|i| {
            cal.components.get(*i).is_some_and(|c| c.component_type == ICalendarComponentType::VEvent)
        })
        .collect();
    let record_of = |comp: usize| offset + events.iter().position(|e| *e == comp).map_or(0, |p| p + 1);
    let recurring: BTreeSet<String> = events
        .iter()
        .filter_map(|i| cal.components.get(*i))
        .filter(|c| c.is_recurrent())
        .filter_map(|c| c.uid().map(str::to_owned))
        .collect();
    // One expansion per recurring series, so a never-ending series cannot use up the limit
    // of the others; one more for every single event.
    let mut groups: Vec<Option<&str>> = recurring.iter().map(|u| Some(u.as_str())).collect();
    groups.push(None);
    for group in groups {
        let mut only = cal.clone();
        for c in &mut only.components {
            if c.component_type != ICalendarComponentType::VEvent {
                continue;
            }
            let uid = c.uid().map(str::to_owned);
            let keep = match group {
                Some(g) => uid.as_deref() == Some(g),
                None => uid.as_ref().is_none_or(|u| !recurring.contains(u)),
            };
            if !keep {
                c.component_type = ICalendarComponentType::Other("X-KITH-ELSEWHERE".into());
            }
        }
        let limit = if group.is_some() { SERIES_LIMIT } else { events.len() + 1 };
        let expanded = only.expand_dates(tz, limit);
        for e in expanded.errors {
            let reason = format!("the event's dates cannot be read ({:?})", e.error);
            out.skipped.push(Skip::new(Place::Record(record_of(e.comp_id as usize)), reason));
        }
        for occurrence in expanded.events {
            let comp_id = occurrence.comp_id as usize;
            let Some(comp) = cal.components.get(comp_id) else { continue };
            let record = record_of(comp_id);
            let start_ts = occurrence.start.timestamp();
            let offset_secs = occurrence.start.offset().fix().local_minus_utc();
            let Ok(mut start) = Moment::from_parts(start_ts, i64::from(offset_secs)) else {
                out.skipped.push(Skip::new(Place::Record(record), "the start time is out of range"));
                continue;
            };
            if group.is_some() && !(window.from..=window.until).contains(&start.timestamp()) {
                continue;
            }
            let all_day = is_all_day(comp);
            if all_day {
                let noon = DateTime::from_parts(start.local_date(), Time::constant(12, 0, 0, 0));
                let fixed = jiff::tz::TimeZone::fixed(start.offset());
                if let Ok(z) = noon.to_zoned(fixed) {
                    start = Moment::from_zoned(&z);
                }
            }
            let minutes = match occurrence.end {
                calcard::icalendar::dates::TimeOrDelta::Time(end) => Some((end.timestamp() - start_ts) / 60),
                calcard::icalendar::dates::TimeOrDelta::Delta(d) => Some(d.num_minutes()),
            }
            .filter(|m| (0..=1440).contains(m) && !all_day);
            let Some(uid) = comp.uid() else {
                out.skipped.push(Skip::new(
                    Place::Record(record),
                    "the event has no UID, so a re-import could not recognise it",
                ));
                continue;
            };
            let key = if group.is_some() {
                format!(
                    "{uid}/{}",
                    Timestamp::from_second(start_ts)
                        .map_or(String::new(), |t| t.strftime("%Y%m%dT%H%M%SZ").to_string())
                )
            } else {
                uid.to_owned()
            };
            out.events.push(Event {
                record,
                key,
                summary: text(comp, ICalendarProperty::Summary),
                location: text(comp, ICalendarProperty::Location),
                start,
                minutes,
                all_day,
                cancelled: matches!(comp.status(), Some(ICalendarStatus::Cancelled)),
                changed_at: comp
                    .property(&ICalendarProperty::LastModified)
                    .and_then(|e| e.values.first())
                    .and_then(ICalendarValue::as_partial_date_time)
                    .and_then(utc_timestamp),
                organizer: comp
                    .property(&ICalendarProperty::Organizer)
                    .and_then(|e| e.calendar_address())
                    .map(str::to_owned),
                attendees: attendees(comp),
            });
        }
    }
    events.len()
}

fn text(comp: &ICalendarComponent, prop: ICalendarProperty) -> Option<String> {
    comp.property(&prop)
        .and_then(|e| e.values.first())
        .and_then(ICalendarValue::as_text)
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
}

fn is_all_day(comp: &ICalendarComponent) -> bool {
    comp.property(&ICalendarProperty::Dtstart)
        .and_then(|e| e.values.first())
        .and_then(ICalendarValue::as_partial_date_time)
        .is_some_and(|dt| dt.hour.is_none())
}

fn attendees(comp: &ICalendarComponent) -> Vec<Attendee> {
    comp.properties(&ICalendarProperty::Attendee)
        .map(|e| Attendee {
            email: e.calendar_address().map(|a| a.trim().to_owned()).filter(|a| a.contains('@')),
            name: e
                .parameter(&ICalendarParameterName::Cn)
                .and_then(|v| v.as_text())
                .map(|n| n.trim().trim_matches('"').to_owned())
                .filter(|n| !n.is_empty()),
        })
        .filter(|a| a.email.is_some() || a.name.is_some())
        .collect()
}

fn utc_timestamp(dt: &PartialDateTime) -> Option<Timestamp> {
    let date = jiff::civil::Date::new(
        i16::try_from(dt.year?).ok()?,
        i8::try_from(dt.month?).ok()?,
        i8::try_from(dt.day?).ok()?,
    )
    .ok()?;
    let time = Time::new(
        i8::try_from(dt.hour.unwrap_or(0)).ok()?,
        i8::try_from(dt.minute.unwrap_or(0)).ok()?,
        i8::try_from(dt.second.unwrap_or(0).min(59)).ok()?,
        0,
    )
    .ok()?;
    date.to_datetime(time).to_zoned(jiff::tz::TimeZone::UTC).ok().map(|z| z.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn window() -> Window {
        Window::around("2026-03-20T00:00:00Z".parse().expect("valid"))
    }

    const WEEKLY: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:choir@example\r\n\
DTSTART;TZID=Europe/Berlin:20260315T190000\r\nDURATION:PT2H\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\n\
EXDATE;TZID=Europe/Berlin:20260322T190000\r\nSUMMARY:Choir with Sam\r\n\
ATTENDEE;CN=Sam Lee:mailto:sam@example.org\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:choir@example\r\nRECURRENCE-ID;TZID=Europe/Berlin:20260329T190000\r\n\
DTSTART;TZID=Europe/Berlin:20260329T200000\r\nDURATION:PT2H\r\nSUMMARY:Choir (late)\r\nSTATUS:CANCELLED\r\n\
LAST-MODIFIED:20260329T150000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    #[test]
    fn a_weekly_event_expands_across_the_clock_change_without_its_exdate() {
        let got = parse(WEEKLY, "Europe/Berlin", window()).expect("parses");
        let starts: Vec<String> = got.events.iter().map(|e| e.start.to_string()).collect();
        assert_eq!(
            starts,
            ["2026-03-15T19:00:00+01:00", "2026-03-29T20:00:00+02:00", "2026-04-05T19:00:00+02:00"]
        );
        let moved = &got.events[1];
        assert!(moved.cancelled);
        assert_eq!(moved.changed_at.map(|t| t.to_string()).as_deref(), Some("2026-03-29T15:00:00Z"));
        assert_eq!(got.events[0].attendees[0].email.as_deref(), Some("sam@example.org"));
        assert_eq!(got.events[0].minutes, Some(120));
    }

    #[test]
    fn an_all_day_event_starts_at_noon() {
        let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nDTSTART;VALUE=DATE:20260401\nSUMMARY:Picnic\nEND:VEVENT\nEND:VCALENDAR\n";
        let got = parse(text, "Europe/London", window()).expect("parses");
        assert_eq!(got.events[0].start.to_string(), "2026-04-01T12:00:00+01:00");
        assert!(got.events[0].all_day);
    }

    #[test]
    fn a_truncated_calendar_is_an_error() {
        let err = parse("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\n", "UTC", window()).expect_err("cut short");
        assert!(err.to_string().contains("iCalendar"), "{err}");
    }
}
