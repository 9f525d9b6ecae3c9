//! Every parser against the real-world samples in `../shared/realworld` (SOURCES.md says
//! where each came from). They are read in place, never copied; when the folder is absent
//! the tests say so and pass.

use jiff::tz::TimeZone;
use kith_import::{ics, sms, telegram, vcf, whatsapp};
use std::path::PathBuf;

fn samples(kind: &str) -> Vec<(PathBuf, String)> {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/realworld")).join(kind);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipping the real-world {kind} samples: {} is absent", dir.display());
        return Vec::new();
    };
    let mut out: Vec<(PathBuf, String)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .map(|p| {
            let bytes = std::fs::read(&p).expect("readable sample");
            (p, String::from_utf8_lossy(&bytes).into_owned())
        })
        .collect();
    out.sort();
    out
}

fn name(p: &std::path::Path) -> String {
    p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

#[test]
fn every_calendar_sample_parses() {
    let window = ics::Window::around("2020-01-01T00:00:00Z".parse().expect("valid"));
    for (path, text) in samples("ics") {
        let got = ics::parse(&text, "Europe/Berlin", window);
        let got = got.unwrap_or_else(|e| panic!("{}: {e}", name(&path)));
        eprintln!(
            "{}: {} events, {} skipped, {} outside the window, warnings {:?}",
            name(&path),
            got.events.len(),
            got.skipped.len(),
            got.outside_window,
            got.warnings
        );
    }
}

#[test]
fn every_vcard_sample_parses_with_a_name_per_card() {
    for (path, text) in samples("vcf") {
        let got = vcf::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", name(&path)));
        assert!(!got.contacts.is_empty(), "{}: no contacts, skipped {:?}", name(&path), got.skipped);
        for c in &got.contacts {
            assert!(kith_core::PersonName::parse(&c.name).is_ok(), "{}: {:?}", name(&path), c.name);
        }
    }
}

#[test]
fn every_whatsapp_sample_parses() {
    for (path, text) in samples("whatsapp") {
        let n = name(&path);
        // Both of these hold only dates that read as d/m and as m/d alike.
        let order = (n.contains("mmddyy") || n.contains("mdyy")).then_some(whatsapp::DateOrder::Mdy);
        // A chat whose dates read both ways asks the user, who knows their phone's order.
        let got = match whatsapp::parse(&text, order, &TimeZone::UTC) {
            Err(kith_import::ImportError::Ambiguous { .. }) => {
                whatsapp::parse(&text, Some(whatsapp::DateOrder::Dmy), &TimeZone::UTC)
            }
            other => other,
        };
        let got = got.unwrap_or_else(|e| panic!("{n}: {e}"));
        assert!(!got.log.messages.is_empty(), "{n}");
        eprintln!("{n}: {:?}, {} messages, skipped {:?}", got.order, got.log.messages.len(), got.skipped);
    }
}
#[test]
fn every_sms_sample_parses_except_the_broken_one() {
    for (path, text) in samples("sms-backup") {
        let n = name(&path);
        let got = sms::parse(text.as_bytes());
        // The malformed sample is broken on purpose; the RCS group sample was cut short
        // (it has no closing </smses>). Both must be errors that name the format.
        let complete = text.contains("</smses>") || text.contains("</calls>");
        if n.contains("malformed") || !complete {
            let err = got.expect_err("the truncated sample is an error");
            assert!(err.to_string().contains("SMS Backup"), "{err}");
            continue;
        }
        let got = got.unwrap_or_else(|e| panic!("{n}: {e}"));
        eprintln!("{n}: {} chats, {} calls, skipped {:?}", got.logs.len(), got.calls.len(), got.skipped);
    }
}

#[test]
fn every_telegram_sample_parses() {
    for (path, text) in samples("telegram") {
        let n = name(&path);
        let got = telegram::parse(&text, &TimeZone::UTC).unwrap_or_else(|e| panic!("{n}: {e}"));
        eprintln!("{n}: {} chats, skipped {:?}", got.logs.len(), got.skipped);
    }
}

#[test]
fn google_voice_and_chat_takeout_samples_read() {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/realworld"));
    let Ok(pages) = std::fs::read_dir(dir.join("google-voice")) else {
        eprintln!("skipped: the real-world samples are not on this machine");
        return;
    };
    let mut calls = 0;
    let mut threads = 0;
    for page in pages.flatten() {
        let html = std::fs::read_to_string(page.path()).expect("readable");
        match kith_import::google_voice::parse(&html, 1).expect("a Google Voice page") {
            kith_import::google_voice::Record::Call(_) => calls += 1,
            kith_import::google_voice::Record::Thread(log) => {
                assert!(!log.messages.is_empty(), "{}", page.path().display());
                threads += 1;
            }
            kith_import::google_voice::Record::Skipped(_) => {}
        }
    }
    assert!(calls >= 6 && threads >= 4, "{calls} calls, {threads} threads");
    for name in ["dm-long", "dm-short-2014", "space-non-ascii-name", "space-multi-member"] {
        let read =
            |f: &str| std::fs::read_to_string(dir.join("google-chat").join(format!("{name}-{f}.json")));
        let info =
            kith_import::google_chat::GroupInfo::parse(&read("group_info").expect("info")).expect("info");
        let c =
            kith_import::google_chat::parse(&read("messages").expect("messages"), Some(&info), None, None)
                .expect("messages");
        assert!(!c.log.messages.is_empty(), "{name}: {:?}", c.skipped);
        assert!(c.skipped.is_empty(), "{name}: {:?}", c.skipped);
    }
    for name in ["facebook-messenger-json-bom-chatanalytics.json", "instagram-messages-json-chatminer.json"] {
        let text = std::fs::read_to_string(dir.join("other").join(name)).expect("readable");
        let c = kith_import::messenger::parse(&text).expect("a Meta export");
        assert!(!c.log.messages.is_empty(), "{name}");
        let err = kith_import::detect::check(&text, "telegram", "Telegram").expect_err("not Telegram");
        assert!(err.to_string().contains("kith import messenger"), "{err}");
    }
}
