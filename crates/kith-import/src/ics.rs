//! iCalendar files (.ics): events become plan candidates. Recurring events are expanded with
//! calcard within a window around "now", honouring EXDATE, RECURRENCE-ID overrides (whatever
//! their SEQUENCE), UNTIL as an instant, and time zones across clock changes: IANA names,
//! the Windows names Outlook writes, and the rules of a file's own VTIMEZONE for names no
//! database knows.

use crate::report::{ImportError, Place, Skip};
use calcard::common::PartialDateTime;
use calcard::common::timezone::Tz;
use calcard::icalendar::dates::TimeOrDelta;
use calcard::icalendar::{
    ICalendar, ICalendarComponent, ICalendarComponentType, ICalendarEntry, ICalendarParameterName,
    ICalendarParameterValue, ICalendarProperty, ICalendarStatus, ICalendarUserTypes, ICalendarValue,
};
use calcard::{Entry, Parser};
use chrono::Offset as _;
use jiff::civil::{DateTime, Time};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use kith_core::Moment;
use std::collections::{BTreeSet, HashMap};

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

/// What kind of calendar user an attendee is (`CUTYPE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttendeeKind {
    /// A person, or a calendar that did not say.
    Individual,
    /// A meeting room, a projector, a mailing list: never a person.
    Room,
    Resource,
    Group,
}

/// Someone invited to an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendee {
    pub email: Option<String>,
    pub name: Option<String>,
    pub kind: AttendeeKind,
}

impl Attendee {
    /// Whether this attendee can be a person at all: not a room, a resource or a group, and
    /// not a placeholder (no name and no address, a no-reply address, an address a calendar
    /// service made up for a group or a room).
    pub fn is_real(&self) -> bool {
        if self.kind != AttendeeKind::Individual {
            return false;
        }
        match (&self.email, &self.name) {
            (None, None) => false,
            (Some(e), _) if is_placeholder_address(e) => false,
            _ => true,
        }
    }
}

/// Addresses that stand for no one: no-reply senders, and the addresses calendar services
/// generate for shared calendars, groups and rooms.
fn is_placeholder_address(email: &str) -> bool {
    let e = email.to_ascii_lowercase();
    let (local, domain) = e.rsplit_once('@').unwrap_or((e.as_str(), ""));
    let local: String = local.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    ["noreply", "donotreply", "noresponse", "unknownorganizer", "calendarnotification"]
        .iter()
        .any(|p| local.starts_with(p))
        || domain.ends_with("group.calendar.google.com")
        || domain.ends_with("resource.calendar.google.com")
        || domain.ends_with("group.v.calendar.google.com")
        || domain.ends_with("import.calendar.google.com")
}

/// What kith's own export wrote about a plan (`X-KITH-*`), read back exactly.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KithPlan {
    pub outcome: Option<String>,
    pub mode: Option<String>,
    /// Whether the SUMMARY is the plan's note (`X-KITH-SUMMARY:note`); otherwise it only
    /// describes a plan that had none.
    pub summary_is_note: bool,
}

/// One occurrence of an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Which VEVENT in the file, from 1.
    pub record: usize,
    /// The import key: the UID, plus the original start in UTC for an occurrence of a
    /// recurring event (its RECURRENCE-ID for a moved one), so a moved occurrence keeps it.
    pub key: String,
    /// The event's UID; for a recurring one, the series'.
    pub uid: String,
    /// Whether this is an occurrence of a recurring event (its key then ends in the slot).
    pub recurring: bool,
    pub summary: Option<String>,
    pub location: Option<String>,
    /// The start; an all-day event starts at noon, as a bare date does everywhere in kith.
    pub start: Moment,
    pub minutes: Option<i64>,
    pub all_day: bool,
    pub cancelled: bool,
    /// When the event last changed (LAST-MODIFIED), used as the moment of a cancellation and
    /// to tell a newer version of the event from an older one.
    pub changed_at: Option<Timestamp>,
    /// The event's SEQUENCE: how many times its organiser changed it (0 when absent).
    pub sequence: i64,
    pub organizer: Option<String>,
    /// The calendar's owner (the person importing), when the file says (Google's
    /// `X-WR-CALNAME`).
    pub owner: Option<String>,
    /// Whether the organiser is the calendar's owner.
    pub organized_by_owner: bool,
    pub attendees: Vec<Attendee>,
    /// A Google Meet, Zoom, Teams or similar link in the location, description or conference
    /// properties.
    pub video_link: bool,
    /// Present when the event came from `kith export ics`: the plan's note is then the
    /// summary only when [`KithPlan::summary_is_note`] says so.
    pub kith: Option<KithPlan>,
}

impl Event {
    /// The plan's note: the summary, unless kith's own export says it only describes a plan
    /// without a note.
    pub fn note(&self) -> Option<&str> {
        match &self.kith {
            Some(k) if !k.summary_is_note => None,
            _ => self.summary.as_deref(),
        }
    }

    /// Which of two versions of the same event is newer: a higher SEQUENCE, then a later
    /// LAST-MODIFIED.
    pub fn version(&self) -> Version {
        Version { sequence: self.sequence, changed_at: self.changed_at }
    }
}

/// A version of an event, ordered oldest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    pub sequence: i64,
    pub changed_at: Option<Timestamp>,
}

impl Version {
    /// `5/20260329T150000Z`, or `5/` without a LAST-MODIFIED: how the store keeps it.
    pub fn to_text(self) -> String {
        let at = self.changed_at.map_or(String::new(), |t| t.strftime("%Y%m%dT%H%M%SZ").to_string());
        format!("{}/{at}", self.sequence)
    }

    /// Reads [`Version::to_text`]; `None` for anything else.
    pub fn from_text(text: &str) -> Option<Version> {
        let (seq, at) = text.split_once('/')?;
        let changed_at = if at.is_empty() {
            None
        } else {
            let dt = jiff::civil::DateTime::strptime("%Y%m%dT%H%M%SZ", at).ok()?;
            Some(dt.to_zoned(TimeZone::UTC).ok()?.timestamp())
        };
        Some(Version { sequence: seq.parse().ok()?, changed_at })
    }
}

/// Every event occurrence in a file, and what was skipped.
#[derive(Debug, Clone, Default)]
pub struct Events {
    pub events: Vec<Event>,
    pub skipped: Vec<Skip>,
    /// Occurrences of recurring events outside the window (older than it, or later in a
    /// series that ends). The later occurrences of a series without an end are not counted.
    pub outside_window: usize,
    /// Things the person should know that skipped nothing: a time zone no one could resolve.
    pub warnings: Vec<Skip>,
}

/// Parses a calendar. Floating times and all-day events are read in `zone` (an IANA name;
/// UTC when it is not one), and so are times in a zone neither the time-zone database nor the
/// file's own VTIMEZONE can place, with a warning.
///
/// # Errors
/// When the file holds no VCALENDAR, or it is cut short.
pub fn parse(text: &str, zone: &str, window: Window) -> Result<Events, ImportError> {
    crate::report::check_blocks(text, "VCALENDAR", FORMAT)?;
    crate::report::check_blocks(text, "VEVENT", FORMAT)?;
    let user = TimeZone::get(zone).unwrap_or(TimeZone::UTC);
    let ctx = Context { user: &user, user_name: zone, window };
    let mut parser = Parser::new(text);
    let mut out = Events::default();
    let mut calendars = 0;
    let mut offset = 0;
    loop {
        match parser.entry() {
            Entry::ICalendar(cal) => {
                calendars += 1;
                offset += read_calendar(&cal, &ctx, offset, &mut out);
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

struct Context<'a> {
    user: &'a TimeZone,
    user_name: &'a str,
    window: Window,
}

/// The zones of one calendar: calcard's (IANA and Windows names) and the rules of its own
/// VTIMEZONEs for the names calcard does not know.
struct Zones<'a> {
    known: calcard::icalendar::timezone::TzResolver<&'a str>,
    own: HashMap<String, TimeZone>,
}

impl Zones<'_> {
    /// The zone a TZID names, or `None` when neither the database nor the file can place it.
    fn resolve(&self, tzid: &str) -> Option<TimeZone> {
        if let Some(tz) = self.known.resolve(tzid) {
            return match tz {
                Tz::Tz(t) => TimeZone::get(t.name()).ok(),
                Tz::Fixed(f) => jiff::tz::Offset::from_seconds(f.local_minus_utc()).ok().map(TimeZone::fixed),
                Tz::Floating => None,
            };
        }
        self.own.get(tzid).cloned()
    }
}

/// Reads one VCALENDAR; returns how many VEVENTs it had, for record numbers.
fn read_calendar(cal: &ICalendar, ctx: &Context<'_>, offset: usize, out: &mut Events) -> usize {
    let events: Vec<usize> = (0..cal.components.len())
        .filter(|i| {
            cal.components.get(*i).is_some_and(|c| c.component_type == ICalendarComponentType::VEvent)
        })
        .collect();
    let record_of = |comp: usize| offset + events.iter().position(|e| *e == comp).map_or(0, |p| p + 1);
    let zones = Zones { known: cal.build_tz_resolver(), own: own_zones(cal) };
    let owner = calendar_owner(cal);
    let recurring: BTreeSet<String> = events
        .iter()
        .filter_map(|i| cal.components.get(*i))
        .filter(|c| c.is_recurrent())
        .filter_map(|c| c.uid().map(str::to_owned))
        .collect();
    let mut warned: BTreeSet<String> = BTreeSet::new();
    // One expansion per recurring series, so a never-ending series cannot use up the limit
    // of the others; one more for every single event.
    let mut groups: Vec<Option<&str>> = recurring.iter().map(|u| Some(u.as_str())).collect();
    groups.push(None);
    for group in groups {
        let mut only = cal.clone();
        // Series whose UNTIL is an instant: calcard compares it with local times, so it is
        // widened by a day here and the occurrences after the instant are dropped below.
        let mut until_of: HashMap<usize, Timestamp> = HashMap::new();
        let mut endless = false;
        for (i, c) in only.components.iter_mut().enumerate() {
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
                continue;
            }
            // Overrides are matched to their series by SEQUENCE too in calcard; calendars
            // write a different SEQUENCE on the override, so the match must not depend on it.
            c.entries.retain(|e| e.name != ICalendarProperty::Sequence);
            for e in &mut c.entries {
                if let Some(ICalendarValue::RecurrenceRule(rule)) = e.values.first_mut() {
                    if rule.count.is_none() && rule.until.is_none() {
                        endless = true;
                    }
                    if let Some(until) = rule.until.as_mut()
                        && until.hour.is_some()
                        && until.tz_hour.is_some()
                        && let Some(instant) = utc_timestamp(until)
                    {
                        until_of.insert(i, instant);
                        if let Ok(wider) = instant.checked_add(SignedDuration::from_hours(26)) {
                            set_utc(until, wider);
                        }
                    }
                }
            }
        }
        let limit = if group.is_some() { SERIES_LIMIT } else { events.len() + 1 };
        // Floating by default: times without a zone, and in zones calcard cannot place, are
        // placed below, in the file's own VTIMEZONE or the person's zone.
        let expanded = only.expand_dates(Tz::Floating, limit);
        for e in expanded.errors {
            let reason = match e.error {
                calcard::icalendar::dates::CalendarErrorType::MissingDtStart => {
                    "the event has no start (DTSTART)"
                }
                calcard::icalendar::dates::CalendarErrorType::InvalidDtStart => {
                    "the event's start (DTSTART) cannot be read"
                }
                calcard::icalendar::dates::CalendarErrorType::InvalidDtEnd => {
                    "the event's end (DTEND) cannot be read"
                }
                calcard::icalendar::dates::CalendarErrorType::InvalidDuration => {
                    "the event's DURATION cannot be read"
                }
                calcard::icalendar::dates::CalendarErrorType::RRule(_) => {
                    "the event's repeat rule (RRULE) cannot be read"
                }
            };
            out.skipped.push(Skip::new(Place::Record(record_of(e.comp_id as usize)), reason));
        }
        let mut occurrences: Vec<Event> = Vec::new();
        let mut by_key: HashMap<String, usize> = HashMap::new();
        for occurrence in expanded.events {
            let comp_id = occurrence.comp_id as usize;
            let Some(comp) = cal.components.get(comp_id) else { continue };
            let record = record_of(comp_id);
            let Some(uid) = comp.uid() else {
                out.skipped.push(Skip::new(
                    Place::Record(record),
                    "the event has no UID, so a re-import could not recognise it",
                ));
                continue;
            };
            let tzid = comp
                .property(&ICalendarProperty::Dtstart)
                .or_else(|| comp.property(&ICalendarProperty::RecurrenceId))
                .and_then(ICalendarEntry::tz_id);
            let place = |naive: chrono::NaiveDateTime, out: &mut Events, warned: &mut BTreeSet<String>| {
                let zone = match tzid.filter(|t| !t.trim().is_empty() || zones.own.contains_key(*t)) {
                    Some(t) => zones.resolve(t).unwrap_or_else(|| {
                        if warned.insert(t.to_owned()) {
                            out.warnings.push(Skip::new(
                                Place::Record(record),
                                format!(
                                    "the time zone {t:?} is not one kith knows and the file does not define it; \
                                     its events were read as times in {} (--tz)",
                                    ctx.user_name
                                ),
                            ));
                        }
                        ctx.user.clone()
                    }),
                    None => ctx.user.clone(),
                };
                civil(naive).to_zoned(zone).ok()
            };
            let zoned = if occurrence.start.timezone().is_floating() {
                place(occurrence.start.naive_local(), out, &mut warned)
            } else if occurrence.start.timezone().is_utc() {
                // A time in UTC is shown in the person's own zone.
                Timestamp::from_second(occurrence.start.timestamp())
                    .ok()
                    .map(|t| t.to_zoned(ctx.user.clone()))
            } else {
                let offset = occurrence.start.offset().fix().local_minus_utc();
                Timestamp::from_second(occurrence.start.timestamp()).ok().and_then(|t| {
                    jiff::tz::Offset::from_seconds(offset).ok().map(|o| t.to_zoned(TimeZone::fixed(o)))
                })
            };
            let Some(zoned) = zoned else {
                out.skipped.push(Skip::new(Place::Record(record), "the start time is out of range"));
                continue;
            };
            let start_ts = zoned.timestamp();
            let is_override = comp.property(&ICalendarProperty::RecurrenceId).is_some();
            let is_rule = group.is_some() && !is_override;
            if is_rule
                && let Some(until) = until_of.get(&comp_id)
                && start_ts > *until
            {
                continue;
            }
            let end = match occurrence.end {
                TimeOrDelta::Time(end) if end.timezone().is_floating() => {
                    place(end.naive_local(), out, &mut warned).map(|z| z.timestamp())
                }
                TimeOrDelta::Time(end) => Timestamp::from_second(end.timestamp()).ok(),
                TimeOrDelta::Delta(d) => {
                    start_ts.checked_add(SignedDuration::from_secs(d.num_seconds())).ok()
                }
            };
            // The slot: where the occurrence was before it was moved.
            let slot = if is_override {
                comp.property(&ICalendarProperty::RecurrenceId)
                    .and_then(|e| e.values.first())
                    .and_then(ICalendarValue::as_partial_date_time)
                    .and_then(|rid| {
                        if rid.tz_hour.is_some() {
                            utc_timestamp(rid)
                        } else {
                            let naive = rid.to_date_time().map(|d| d.date_time)?;
                            place(naive, out, &mut warned).map(|z| z.timestamp())
                        }
                    })
                    .unwrap_or(start_ts)
            } else {
                start_ts
            };
            let key = if group.is_some() || is_override {
                format!("{uid}/{}", slot.strftime("%Y%m%dT%H%M%SZ"))
            } else {
                uid.to_owned()
            };
            let all_day = is_all_day(comp);
            let mut start = Moment::from_zoned(&zoned);
            if all_day {
                let noon = DateTime::from_parts(start.local_date(), Time::constant(12, 0, 0, 0));
                if let Ok(z) = noon.to_zoned(TimeZone::fixed(start.offset())) {
                    start = Moment::from_zoned(&z);
                }
            }
            let minutes =
                end.map(|e| (e - start_ts).get_seconds() / 60).filter(|m| (0..=1440).contains(m) && !all_day);
            let organizer = comp
                .property(&ICalendarProperty::Organizer)
                .and_then(|e| e.calendar_address())
                .map(|a| a.trim().to_owned());
            let event = Event {
                record,
                key: key.clone(),
                uid: uid.to_owned(),
                recurring: group.is_some() || is_override,
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
                sequence: comp
                    .property(&ICalendarProperty::Sequence)
                    .and_then(|e| e.values.first())
                    .and_then(ICalendarValue::as_integer)
                    .unwrap_or(0),
                organized_by_owner: match (&organizer, &owner) {
                    (Some(o), Some(me)) => o.eq_ignore_ascii_case(me),
                    _ => false,
                },
                organizer,
                owner: owner.clone(),
                attendees: attendees(comp),
                video_link: has_video_link(comp),
                kith: kith_plan(comp),
            };
            match by_key.get(&key) {
                // An override replaces the occurrence it moved, however calcard matched them.
                Some(i) if is_override => occurrences[*i] = event,
                Some(_) => {}
                None => {
                    by_key.insert(key, occurrences.len());
                    occurrences.push(event);
                }
            }
        }
        if group.is_some() {
            occurrences.sort_by_key(|e| e.start.timestamp());
        } else {
            occurrences.sort_by_key(|e| (e.record, e.start.timestamp()));
        }
        for event in occurrences {
            let start = event.start.timestamp();
            if group.is_some() && !(ctx.window.from..=ctx.window.until).contains(&start) {
                let later_in_endless = start > ctx.window.until && endless;
                if !later_in_endless {
                    out.outside_window += 1;
                }
                continue;
            }
            out.events.push(event);
        }
    }
    events.len()
}

fn civil(naive: chrono::NaiveDateTime) -> DateTime {
    use chrono::{Datelike, Timelike};
    DateTime::new(
        i16::try_from(naive.year()).unwrap_or(1970),
        i8::try_from(naive.month()).unwrap_or(1),
        i8::try_from(naive.day()).unwrap_or(1),
        i8::try_from(naive.hour()).unwrap_or(0),
        i8::try_from(naive.minute()).unwrap_or(0),
        i8::try_from(naive.second().min(59)).unwrap_or(0),
        0,
    )
    .unwrap_or(DateTime::constant(1970, 1, 1, 0, 0, 0, 0))
}

/// The calendar's owner, when the file says: Google names a calendar by its owner's address
/// (`X-WR-CALNAME`).
fn calendar_owner(cal: &ICalendar) -> Option<String> {
    cal.components
        .iter()
        .filter(|c| c.component_type == ICalendarComponentType::VCalendar)
        .flat_map(|c| c.entries.iter())
        .filter(|e| matches!(&e.name, ICalendarProperty::Other(n) if n.eq_ignore_ascii_case("X-WR-CALNAME")))
        .filter_map(|e| e.values.first().and_then(ICalendarValue::as_text))
        .map(|t| t.trim().to_owned())
        .find(|t| t.contains('@') && !t.contains(' ') && !is_placeholder_address(t))
}

/// The VTIMEZONEs of the file as rules (POSIX TZ strings), by TZID, for the names the
/// time-zone database does not know ("Екатеринбург", "Customized Time Zone").
fn own_zones(cal: &ICalendar) -> HashMap<String, TimeZone> {
    let mut out = HashMap::new();
    for tz in cal.timezones() {
        let Some(tzid) = tz
            .property(&ICalendarProperty::Tzid)
            .and_then(|e| e.values.first())
            .and_then(ICalendarValue::as_text)
        else {
            continue;
        };
        let parts: Vec<&ICalendarComponent> =
            tz.component_ids.iter().filter_map(|i| cal.components.get(*i as usize)).collect();
        if let Some(zone) = vtimezone_rule(&parts) {
            out.insert(tzid.to_owned(), zone);
        }
    }
    out
}

/// The latest STANDARD and DAYLIGHT observances as one POSIX rule.
fn vtimezone_rule(parts: &[&ICalendarComponent]) -> Option<TimeZone> {
    let latest = |kind: ICalendarComponentType| -> Option<&ICalendarComponent> {
        parts.iter().copied().filter(|c| c.component_type == kind).max_by_key(|c| {
            c.property(&ICalendarProperty::Dtstart)
                .and_then(|e| e.values.first())
                .and_then(ICalendarValue::as_partial_date_time)
                .map(|d| (d.year, d.month, d.day, d.hour))
        })
    };
    let offset_to = |c: &ICalendarComponent| -> Option<i32> {
        let v = c.property(&ICalendarProperty::Tzoffsetto)?.values.first()?.as_partial_date_time()?;
        let secs = i32::from(v.tz_hour?) * 3600 + i32::from(v.tz_minute.unwrap_or(0)) * 60;
        Some(if v.tz_minus { -secs } else { secs })
    };
    let standard = latest(ICalendarComponentType::Standard);
    let daylight = latest(ICalendarComponentType::Daylight);
    let std = standard.or(daylight)?;
    let std_offset = offset_to(std)?;
    let posix_offset = |secs: i32| {
        let sign = if secs > 0 { "-" } else { "" };
        let a = secs.unsigned_abs();
        format!("{sign}{}:{:02}", a / 3600, (a % 3600) / 60)
    };
    let mut spec = format!("<XST>{}", posix_offset(std_offset));
    if let (Some(std), Some(dst)) = (standard, daylight)
        && let (Some(to_std), Some(to_dst), Some(dst_offset)) =
            (posix_rule(std), posix_rule(dst), offset_to(dst))
        && dst_offset != std_offset
    {
        spec.push_str(&format!("<XDT>{},{to_dst},{to_std}", posix_offset(dst_offset)));
    }
    TimeZone::posix(&spec).ok()
}

/// `M10.5.0/3:00:00` from a yearly `RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10` and the
/// observance's DTSTART time.
fn posix_rule(c: &ICalendarComponent) -> Option<String> {
    let rule = c.properties(&ICalendarProperty::Rrule).find_map(|e| match e.values.first() {
        Some(ICalendarValue::RecurrenceRule(r)) => Some(r),
        _ => None,
    })?;
    let month = rule.bymonth.first()?.month();
    let day = rule.byday.first()?;
    let week = match day.ordwk {
        Some(n) if n < 0 => 5,
        Some(n @ 1..=5) => n,
        _ => return None,
    };
    let weekday = day.weekday as u8;
    let start = c.property(&ICalendarProperty::Dtstart)?.values.first()?.as_partial_date_time()?;
    Some(format!(
        "M{month}.{week}.{weekday}/{}:{:02}:{:02}",
        start.hour.unwrap_or(0),
        start.minute.unwrap_or(0),
        start.second.unwrap_or(0)
    ))
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

/// Hosts of video-call links.
const VIDEO_HOSTS: [&str; 9] = [
    "meet.google.com",
    "zoom.us",
    "zoom.com",
    "teams.microsoft.com",
    "teams.live.com",
    "webex.com",
    "whereby.com",
    "meet.jit.si",
    "facetime.apple.com",
];

fn has_video_link(comp: &ICalendarComponent) -> bool {
    comp.entries.iter().any(|e| {
        let looked_at = match &e.name {
            ICalendarProperty::Location | ICalendarProperty::Description | ICalendarProperty::Conference => {
                true
            }
            ICalendarProperty::Other(n) => {
                let n = n.to_ascii_uppercase();
                n.contains("CONFERENCE") || n.contains("MEETINGURL") || n.contains("CONFLINK")
            }
            _ => false,
        };
        looked_at
            && e.values.iter().filter_map(ICalendarValue::as_text).any(|t| {
                let t = t.to_ascii_lowercase();
                VIDEO_HOSTS.iter().any(|h| t.contains(h))
            })
    })
}

fn kith_plan(comp: &ICalendarComponent) -> Option<KithPlan> {
    let mut plan = KithPlan::default();
    let mut any = false;
    for e in &comp.entries {
        let ICalendarProperty::Other(name) = &e.name else { continue };
        let value = e.values.first().and_then(ICalendarValue::as_text).map(|t| t.trim().to_owned());
        match name.to_ascii_uppercase().as_str() {
            "X-KITH-OUTCOME" => plan.outcome = value,
            "X-KITH-MODE" => plan.mode = value,
            "X-KITH-SUMMARY" => plan.summary_is_note = value.is_some_and(|v| v.eq_ignore_ascii_case("note")),
            _ => continue,
        }
        any = true;
    }
    any.then_some(plan)
}

fn attendees(comp: &ICalendarComponent) -> Vec<Attendee> {
    comp.properties(&ICalendarProperty::Attendee)
        .map(|e| Attendee {
            email: e.calendar_address().map(|a| a.trim().to_owned()).filter(|a| a.contains('@')),
            name: e
                .parameter(&ICalendarParameterName::Cn)
                .and_then(|v| v.as_text())
                .map(|n| n.trim().trim_matches('"').trim().to_owned())
                .filter(|n| !n.is_empty()),
            kind: match e.parameter(&ICalendarParameterName::Cutype) {
                Some(ICalendarParameterValue::Cutype(ICalendarUserTypes::Room)) => AttendeeKind::Room,
                Some(ICalendarParameterValue::Cutype(ICalendarUserTypes::Resource)) => AttendeeKind::Resource,
                Some(ICalendarParameterValue::Cutype(ICalendarUserTypes::Group)) => AttendeeKind::Group,
                Some(other) => match other.as_text().map(str::to_ascii_uppercase).as_deref() {
                    Some("ROOM") => AttendeeKind::Room,
                    Some("RESOURCE") => AttendeeKind::Resource,
                    Some("GROUP") => AttendeeKind::Group,
                    _ => AttendeeKind::Individual,
                },
                None => AttendeeKind::Individual,
            },
        })
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
    let secs = i32::from(dt.tz_hour.unwrap_or(0)) * 3600 + i32::from(dt.tz_minute.unwrap_or(0)) * 60;
    let offset = jiff::tz::Offset::from_seconds(if dt.tz_minus { -secs } else { secs }).ok()?;
    date.to_datetime(time).to_zoned(TimeZone::fixed(offset)).ok().map(|z| z.timestamp())
}

/// Writes `at` into `dt` as a UTC date-time.
fn set_utc(dt: &mut PartialDateTime, at: Timestamp) {
    let c = at.to_zoned(TimeZone::UTC).datetime();
    dt.year = u16::try_from(c.year()).ok();
    dt.month = u8::try_from(c.month()).ok();
    dt.day = u8::try_from(c.day()).ok();
    dt.hour = u8::try_from(c.hour()).ok();
    dt.minute = u8::try_from(c.minute()).ok();
    dt.second = u8::try_from(c.second()).ok();
    dt.tz_hour = Some(0);
    dt.tz_minute = Some(0);
    dt.tz_minus = false;
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

    /// A calendar as Google writes one: CRLF, the owner's address as the calendar's name, a
    /// moved occurrence whose SEQUENCE differs from its series, a cancelled one.
    const GOOGLE: &str = "BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n\
VERSION:2.0\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:me@example.com\r\n\
X-WR-TIMEZONE:Europe/Berlin\r\nBEGIN:VEVENT\r\nDTSTART;TZID=Europe/Berlin:20260302T180000\r\n\
DTEND;TZID=Europe/Berlin:20260302T190000\r\nRRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=4\r\n\
DTSTAMP:20260320T000000Z\r\nORGANIZER;CN=me@example.com:mailto:me@example.com\r\n\
UID:run123@google.com\r\nATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Sam Lee;\r\n X-NUM-GUESTS=0:mailto:sam@example.org\r\n\
ATTENDEE;CUTYPE=RESOURCE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Room 4;X-NUM-GUESTS=0:mailto:c_188@resource.calendar.google.com\r\n\
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=me@example.com;X-NUM-GUESTS=0:mailto:me@example.com\r\n\
CREATED:20260301T100000Z\r\nLAST-MODIFIED:20260301T100000Z\r\nSEQUENCE:0\r\nSTATUS:CONFIRMED\r\n\
SUMMARY:Run with Sam\r\nTRANSP:OPAQUE\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nDTSTART;TZID=Europe/Berlin:20260309T200000\r\nDTEND;TZID=Europe/Berlin:20260309T210000\r\n\
DTSTAMP:20260320T000000Z\r\nORGANIZER;CN=me@example.com:mailto:me@example.com\r\nUID:run123@google.com\r\n\
RECURRENCE-ID;TZID=Europe/Berlin:20260309T180000\r\nCREATED:20260301T100000Z\r\n\
LAST-MODIFIED:20260305T100000Z\r\nSEQUENCE:1\r\nSTATUS:CONFIRMED\r\nSUMMARY:Run with Sam\r\n\
LOCATION:https://meet.google.com/abc-defg-hij\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nDTSTART;TZID=Europe/Berlin:20260316T180000\r\nDTEND;TZID=Europe/Berlin:20260316T190000\r\n\
DTSTAMP:20260320T000000Z\r\nORGANIZER;CN=me@example.com:mailto:me@example.com\r\nUID:run123@google.com\r\n\
RECURRENCE-ID;TZID=Europe/Berlin:20260316T180000\r\nLAST-MODIFIED:20260315T100000Z\r\nSEQUENCE:2\r\n\
STATUS:CANCELLED\r\nSUMMARY:Run with Sam\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    #[test]
    fn overrides_apply_whatever_their_sequence_and_a_cancelled_one_is_cancelled() {
        let got = parse(GOOGLE, "Europe/Berlin", window()).expect("parses");
        let starts: Vec<String> = got.events.iter().map(|e| e.start.to_string()).collect();
        assert_eq!(
            starts,
            [
                "2026-03-02T18:00:00+01:00",
                "2026-03-09T20:00:00+01:00",
                "2026-03-16T18:00:00+01:00",
                "2026-03-23T18:00:00+01:00"
            ]
        );
        let moved = &got.events[1];
        assert_eq!(moved.key, "run123@google.com/20260309T170000Z");
        assert!(moved.video_link);
        assert_eq!(moved.sequence, 1);
        let cancelled = &got.events[2];
        assert!(cancelled.cancelled);
        assert!(cancelled.organized_by_owner, "the organiser is the calendar's owner");
        let real: Vec<_> = got.events[0].attendees.iter().filter(|a| a.is_real()).collect();
        assert_eq!(real.len(), 2, "the room is not a person: {real:?}");
        assert!(!got.events[0].video_link);
    }

    #[test]
    fn until_in_utc_is_an_instant_east_and_west_of_utc() {
        // Sydney (UTC+11): the last occurrence, 09:00 local on the 12th, is 22:00 UTC on the
        // 11th, exactly the UNTIL; read as a local time it would be lost.
        let east = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:east\r\nDTSTART;TZID=Australia/Sydney:20260310T090000\r\n\
DURATION:PT1H\r\nRRULE:FREQ=DAILY;UNTIL=20260311T220000Z\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let got = parse(east, "Australia/Sydney", window()).expect("parses");
        let days: Vec<String> = got.events.iter().map(|e| e.start.local_date().to_string()).collect();
        assert_eq!(days, ["2026-03-10", "2026-03-11", "2026-03-12"]);
        // Chicago (UTC-5): 22:00 local on the 11th is 03:00 UTC on the 12th, after the UNTIL;
        // read as a local time it would be gained.
        let west = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:west\r\nDTSTART;TZID=America/Chicago:20260310T220000\r\n\
DURATION:PT1H\r\nRRULE:FREQ=DAILY;UNTIL=20260312T020000Z\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let got = parse(west, "America/Chicago", window()).expect("parses");
        let days: Vec<String> = got.events.iter().map(|e| e.start.local_date().to_string()).collect();
        assert_eq!(days, ["2026-03-10"]);
    }

    #[test]
    fn a_zone_only_the_file_defines_is_read_from_its_vtimezone() {
        // Outlook writes its display names as TZIDs, with the rules in a VTIMEZONE.
        let text = "BEGIN:VCALENDAR\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\nVERSION:2.0\r\n\
BEGIN:VTIMEZONE\r\nTZID:Kith Test Standard Time\r\nBEGIN:STANDARD\r\nDTSTART:16011028T030000\r\n\
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nTZOFFSETFROM:+0600\r\nTZOFFSETTO:+0500\r\nEND:STANDARD\r\n\
BEGIN:DAYLIGHT\r\nDTSTART:16010325T020000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\n\
TZOFFSETFROM:+0500\r\nTZOFFSETTO:+0600\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n\
BEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=Kith Test Standard Time:20260320T150000\r\nSUMMARY:x\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:b\r\nDTSTART;TZID=Kith Test Standard Time:20260401T150000\r\nSUMMARY:x\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:c\r\nDTSTART;TZID=Nowhere Standard Time:20260401T150000\r\nSUMMARY:x\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:d\r\nDTSTART;TZID=W. Europe Standard Time:20260401T150000\r\nSUMMARY:x\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";
        let got = parse(text, "Europe/London", window()).expect("parses");
        let starts: Vec<String> = got.events.iter().map(|e| e.start.to_string()).collect();
        assert_eq!(
            starts,
            [
                "2026-03-20T15:00:00+05:00",
                "2026-04-01T15:00:00+06:00",
                "2026-04-01T15:00:00+01:00",
                "2026-04-01T15:00:00+02:00"
            ]
        );
        assert_eq!(got.warnings.len(), 1, "{:?}", got.warnings);
        assert!(got.warnings[0].reason.contains("Nowhere Standard Time"), "{:?}", got.warnings);
        assert_eq!(got.warnings[0].at, Place::Record(3));
    }

    #[test]
    fn occurrences_without_their_series_each_count_and_old_ones_are_counted() {
        let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:lone\r\nRECURRENCE-ID:20260310T100000Z\r\n\
DTSTART:20260310T110000Z\r\nSUMMARY:x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:lone\r\n\
RECURRENCE-ID:20260317T100000Z\r\nDTSTART:20260317T100000Z\r\nSUMMARY:x\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:old\r\nDTSTART:20240101T100000Z\r\nRRULE:FREQ=MONTHLY;COUNT=30\r\nSUMMARY:x\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";
        let got = parse(text, "UTC", window()).expect("parses");
        let lone: Vec<&str> =
            got.events.iter().filter(|e| e.key.starts_with("lone")).map(|e| e.key.as_str()).collect();
        assert_eq!(lone, ["lone/20260310T100000Z", "lone/20260317T100000Z"]);
        // 30 monthly from January 2024 to June 2026: 15 before 2025-03-20 and June 2026 (after
        // 2026-05-19) are outside, the 14 between inside.
        assert_eq!(got.outside_window, 16);
        assert_eq!(got.events.iter().filter(|e| e.key.starts_with("old")).count(), 14);
    }

    #[test]
    fn a_version_reads_back_and_orders_by_sequence_then_change() {
        let v = Version { sequence: 3, changed_at: Some("2026-03-29T15:00:00Z".parse().expect("valid")) };
        assert_eq!(Version::from_text(&v.to_text()), Some(v));
        let w = Version { sequence: 3, changed_at: None };
        assert_eq!(Version::from_text(&w.to_text()), Some(w));
        assert!(Version { sequence: 4, changed_at: None } > v);
        assert!(w < v);
    }

    #[test]
    fn a_truncated_calendar_is_an_error() {
        let err = parse("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\n", "UTC", window()).expect_err("cut short");
        assert!(err.to_string().contains("iCalendar"), "{err}");
    }
}
