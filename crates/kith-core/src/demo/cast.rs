//! The people of the demo year and the rhythms of their contact: a partner seen every
//! evening, a weekly climbing session, a friend whose daily calls drain, a grandmother who
//! lifts the mood but is rung only now and then. Chosen so that every part of kith has
//! something real to show.

use crate::{Circle, Mode};
use jiff::civil::Weekday::{self, Friday, Monday, Saturday, Sunday, Thursday, Tuesday, Wednesday};

/// One person of the demo cast.
pub(super) struct Someone {
    pub name: &'static str,
    pub circle: Circle,
    pub cadence_days: Option<i64>,
    pub aliases: &'static [&'static str],
    pub note: Option<&'static str>,
}

const fn someone(name: &'static str, circle: Circle) -> Someone {
    Someone { name, circle, cadence_days: None, aliases: &[], note: None }
}

/// Phone numbers are from Ofcom's range reserved for drama (07700 900000-900999) and
/// emails use example.org, so nothing here reaches a real person.
pub(super) const CAST: [Someone; 23] = [
    Someone { aliases: &["+44 7700 900112"], ..someone("Noor", Circle::Partner) },
    Someone { cadence_days: Some(7), aliases: &["+44 7700 900431"], ..someone("Mum", Circle::Family) },
    Someone {
        cadence_days: Some(14),
        aliases: &["tomasz.w@example.org"],
        ..someone("Tomasz", Circle::Family)
    },
    Someone {
        cadence_days: Some(14),
        note: Some("Ring after lunch; she naps at 4."),
        ..someone("Grandma Rosa", Circle::Family)
    },
    someone("Aunt Beverly", Circle::Family),
    Someone {
        cadence_days: Some(7),
        aliases: &["priya.n@example.org", "+44 7700 900658"],
        ..someone("Priya", Circle::Friend)
    },
    Someone { cadence_days: Some(30), ..someone("Kwame", Circle::Friend) },
    Someone {
        cadence_days: Some(30),
        note: Some("Lives in Valencia; an hour ahead."),
        ..someone("Lucía", Circle::Friend)
    },
    Someone { aliases: &["sam_k"], ..someone("Sam", Circle::Friend) },
    Someone { cadence_days: Some(30), ..someone("Hana", Circle::Friend) },
    someone("Jonah", Circle::Friend),
    Someone { cadence_days: Some(14), ..someone("Mei", Circle::Friend) },
    Someone { note: Some("Manager."), ..someone("Daniel", Circle::Colleague) },
    someone("Aisha", Circle::Colleague),
    someone("Mateo", Circle::Colleague),
    someone("Olumide", Circle::Colleague),
    Someone { note: Some("Runs the Wednesday choir."), ..someone("Farida", Circle::Community) },
    Someone { note: Some("Food bank shift lead."), ..someone("Ben", Circle::Community) },
    Someone { note: Some("Next door, number 14."), ..someone("Gwen", Circle::Community) },
    Someone {
        aliases: &["+44 7700 900900"],
        note: Some("GP surgery."),
        ..someone("Dr Patel", Circle::Professional)
    },
    Someone {
        cadence_days: Some(14),
        note: Some("Therapist, fortnightly."),
        ..someone("Ingrid", Circle::Professional)
    },
    Someone { note: Some("Landlord."), ..someone("Chris", Circle::Other) },
    someone("Yusuf", Circle::Other),
];

/// A rhythm of contact with some people: on which days it may happen, how likely, when,
/// how long, and how it tends to feel.
#[derive(Clone, Copy)]
pub(super) struct Habit {
    /// Who takes part, by name in [`CAST`].
    pub with: &'static [&'static str],
    pub mode: Mode,
    /// The weekdays it can fall on; empty means any day.
    pub on: &'static [Weekday],
    /// The chance it happens on one of those days; with `every_days`, the chance it happens
    /// when it is due.
    pub chance: f64,
    /// A steady rhythm instead of a daily chance: due about every this many days (give or
    /// take a quarter), on the first allowed weekday from then. 0 for a daily chance.
    pub every_days: i64,
    /// The local hours it may start in, first and last.
    pub hours: (i8, i8),
    pub minutes: (i64, i64),
    /// How it tends to feel, lowest and highest (-2..=2).
    pub felt: (i64, i64),
    /// The chance it is left unrated.
    pub unrated: f64,
    pub tags: &'static [&'static str],
    /// The chance the user reached out first.
    pub by_me: f64,
    /// The chance it was only a passing contact, marked trivial.
    pub trivial: f64,
    /// Arranged ahead as a plan, which may be kept, cancelled, moved or missed.
    pub planned: bool,
    /// The chance it still happens during the withdrawal stretch.
    pub kept: f64,
    /// Text threads that came in through a (pretend) WhatsApp import.
    pub imported: bool,
    pub note: Option<&'static str>,
}

const fn habit(with: &'static [&'static str], mode: Mode) -> Habit {
    Habit {
        with,
        mode,
        on: &[],
        chance: 0.1,
        every_days: 0,
        hours: (9, 20),
        minutes: (10, 60),
        felt: (0, 1),
        unrated: 0.15,
        tags: &[],
        by_me: 0.5,
        trivial: 0.05,
        planned: false,
        kept: 0.5,
        imported: false,
        note: None,
    }
}

const fn texts(with: &'static [&'static str], chance: f64) -> Habit {
    Habit { chance, hours: (8, 22), minutes: (2, 15), unrated: 0.4, trivial: 0.2, ..habit(with, Mode::Text) }
}

const WEEKDAYS: &[Weekday] = &[Monday, Tuesday, Wednesday, Thursday, Friday];

/// The weekly life of the demo person. Frequencies are per eligible day.
pub(super) const HABITS: &[Habit] = &[
    // Evenings with the partner; during the withdrawal they happen less and matter less.
    Habit {
        chance: 0.85,
        hours: (18, 21),
        minutes: (45, 180),
        felt: (1, 2),
        kept: 0.7,
        ..habit(&["Noor"], Mode::InPerson)
    },
    Habit { chance: 0.5, on: WEEKDAYS, imported: true, ..texts(&["Noor"], 0.5) },
    Habit {
        on: &[Sunday],
        chance: 0.5,
        hours: (10, 15),
        minutes: (40, 100),
        felt: (1, 2),
        tags: &["walk"],
        kept: 0.2,
        ..habit(&["Noor"], Mode::InPerson)
    },
    // Family.
    Habit {
        on: &[Sunday],
        chance: 0.85,
        hours: (17, 19),
        minutes: (20, 60),
        felt: (0, 1),
        by_me: 0.6,
        kept: 0.8,
        ..habit(&["Mum"], Mode::Voice)
    },
    texts(&["Mum"], 0.12),
    Habit {
        on: &[Saturday],
        chance: 0.35,
        hours: (10, 17),
        minutes: (30, 70),
        felt: (1, 2),
        kept: 0.4,
        ..habit(&["Tomasz"], Mode::Video)
    },
    texts(&["Tomasz"], 0.08),
    Habit {
        on: &[Wednesday],
        chance: 0.9,
        every_days: 14,
        hours: (13, 15),
        minutes: (15, 40),
        felt: (1, 2),
        by_me: 0.8,
        kept: 0.7,
        ..habit(&["Grandma Rosa"], Mode::Voice)
    },
    Habit {
        chance: 1.0,
        every_days: 21,
        hours: (10, 20),
        minutes: (15, 45),
        felt: (-2, -1),
        unrated: 0.05,
        by_me: 0.1,
        kept: 1.0,
        ..habit(&["Aunt Beverly"], Mode::Voice)
    },
    Habit {
        on: &[Sunday],
        chance: 1.0,
        every_days: 42,
        hours: (12, 13),
        minutes: (120, 240),
        felt: (-1, 1),
        planned: true,
        tags: &["family-lunch"],
        note: Some("Lunch at Mum's"),
        ..habit(&["Mum", "Tomasz", "Aunt Beverly"], Mode::InPerson)
    },
    // Friends. Climbing with Priya is the regular activity that stops during the withdrawal.
    Habit {
        on: &[Tuesday],
        chance: 0.95,
        hours: (18, 19),
        minutes: (90, 150),
        felt: (1, 2),
        unrated: 0.05,
        tags: &["climbing"],
        planned: true,
        kept: 0.0,
        note: Some("Bouldering at the wall"),
        ..habit(&["Priya"], Mode::InPerson)
    },
    Habit { imported: true, ..texts(&["Priya"], 0.25) },
    Habit {
        chance: 1.0,
        every_days: 14,
        hours: (18, 20),
        minutes: (90, 200),
        felt: (1, 2),
        unrated: 0.05,
        planned: true,
        kept: 0.3,
        ..habit(&["Kwame"], Mode::InPerson)
    },
    Habit {
        on: &[Sunday],
        chance: 1.0,
        every_days: 24,
        hours: (11, 18),
        minutes: (40, 90),
        felt: (1, 2),
        unrated: 0.05,
        planned: true,
        kept: 0.3,
        ..habit(&["Lucía"], Mode::Video)
    },
    Habit {
        chance: 0.2,
        hours: (8, 23),
        minutes: (1, 5),
        trivial: 0.7,
        unrated: 0.6,
        ..habit(&["Lucía"], Mode::Social)
    },
    Habit { imported: true, ..texts(&["Sam"], 0.3) },
    Habit {
        on: &[Friday],
        chance: 0.25,
        hours: (18, 20),
        minutes: (60, 180),
        felt: (0, 2),
        planned: true,
        kept: 0.3,
        ..habit(&["Sam"], Mode::InPerson)
    },
    Habit {
        chance: 0.1,
        hours: (8, 23),
        minutes: (1, 10),
        trivial: 0.8,
        unrated: 0.7,
        ..habit(&["Sam"], Mode::Social)
    },
    Habit {
        on: &[Thursday],
        chance: 1.0,
        every_days: 28,
        hours: (19, 19),
        minutes: (150, 240),
        felt: (1, 2),
        tags: &["board-games"],
        planned: true,
        kept: 0.2,
        note: Some("Games night at Hana's"),
        ..habit(&["Hana", "Sam", "Mei"], Mode::InPerson)
    },
    // The friend whose near-daily calls drain: the "stretch out or set boundaries" quadrant.
    Habit {
        chance: 0.45,
        hours: (19, 22),
        minutes: (20, 70),
        felt: (-2, -1),
        unrated: 0.05,
        by_me: 0.1,
        kept: 1.0,
        ..habit(&["Jonah"], Mode::Voice)
    },
    Habit { felt: (-1, 0), by_me: 0.1, kept: 0.9, ..texts(&["Jonah"], 0.25) },
    Habit {
        on: &[Saturday],
        chance: 0.45,
        hours: (9, 11),
        minutes: (45, 90),
        felt: (1, 2),
        tags: &["walk"],
        planned: true,
        kept: 0.3,
        ..habit(&["Mei"], Mode::InPerson)
    },
    // Work.
    Habit {
        on: WEEKDAYS,
        chance: 0.6,
        hours: (9, 11),
        minutes: (30, 60),
        felt: (-2, 0),
        unrated: 0.1,
        by_me: 0.2,
        trivial: 0.2,
        kept: 1.0,
        ..habit(&["Daniel"], Mode::Video)
    },
    Habit {
        on: WEEKDAYS,
        chance: 0.2,
        hours: (12, 13),
        minutes: (30, 60),
        felt: (1, 2),
        tags: &["lunch"],
        kept: 0.3,
        ..habit(&["Aisha"], Mode::InPerson)
    },
    Habit { on: WEEKDAYS, trivial: 0.5, ..texts(&["Mateo"], 0.25) },
    Habit {
        chance: 0.15,
        hours: (8, 23),
        minutes: (1, 5),
        trivial: 0.8,
        unrated: 0.8,
        ..habit(&["Mateo"], Mode::Social)
    },
    Habit {
        on: WEEKDAYS,
        chance: 0.15,
        hours: (10, 16),
        minutes: (20, 45),
        kept: 0.8,
        ..habit(&["Olumide"], Mode::Video)
    },
    // Community: singing, volunteering, helping a neighbour.
    Habit {
        on: &[Wednesday],
        chance: 0.8,
        hours: (19, 19),
        minutes: (90, 120),
        felt: (1, 2),
        tags: &["choir"],
        kept: 0.4,
        ..habit(&["Farida"], Mode::InPerson)
    },
    Habit {
        on: &[Saturday],
        chance: 0.35,
        hours: (10, 10),
        minutes: (120, 180),
        felt: (1, 2),
        tags: &["volunteer"],
        planned: true,
        kept: 0.3,
        note: Some("Food bank shift"),
        ..habit(&["Ben"], Mode::InPerson)
    },
    Habit {
        chance: 0.15,
        hours: (8, 18),
        minutes: (5, 15),
        trivial: 0.4,
        unrated: 0.5,
        by_me: 0.4,
        kept: 0.4,
        ..habit(&["Gwen"], Mode::InPerson)
    },
    Habit {
        chance: 0.03,
        hours: (10, 16),
        minutes: (30, 60),
        felt: (1, 2),
        tags: &["helped"],
        by_me: 0.8,
        kept: 0.2,
        ..habit(&["Gwen"], Mode::InPerson)
    },
    // Professionals.
    Habit {
        on: WEEKDAYS,
        chance: 1.0,
        every_days: 75,
        hours: (9, 16),
        minutes: (10, 20),
        felt: (0, 0),
        planned: true,
        kept: 1.0,
        by_me: 1.0,
        note: Some("GP appointment"),
        ..habit(&["Dr Patel"], Mode::InPerson)
    },
    Habit {
        on: &[Thursday],
        chance: 0.95,
        every_days: 14,
        hours: (17, 17),
        minutes: (50, 50),
        felt: (0, 1),
        unrated: 0.05,
        planned: true,
        kept: 1.0,
        by_me: 1.0,
        note: Some("Therapy session"),
        ..habit(&["Ingrid"], Mode::Video)
    },
    // Other: a landlord who only calls with trouble; a barber.
    Habit {
        chance: 1.0,
        every_days: 20,
        hours: (9, 19),
        minutes: (5, 20),
        felt: (-2, -1),
        unrated: 0.05,
        by_me: 0.2,
        kept: 1.0,
        ..habit(&["Chris"], Mode::Voice)
    },
    Habit { felt: (-1, -1), unrated: 0.1, by_me: 0.2, kept: 1.0, trivial: 0.0, ..texts(&["Chris"], 0.01) },
    Habit {
        on: &[Saturday],
        chance: 1.0,
        every_days: 35,
        hours: (11, 15),
        minutes: (25, 40),
        trivial: 0.5,
        unrated: 0.5,
        kept: 0.5,
        ..habit(&["Yusuf"], Mode::InPerson)
    },
];
