//! Any bytes through the SMS Backup & Restore importer, and its unescape on its own.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = kith_import::sms::unescape(data);
    if let Ok(backup) = kith_import::sms::parse(data) {
        for log in &backup.logs {
            let _ = kith_import::chat::days(log, &jiff::tz::TimeZone::UTC, jiff::SignedDuration::from_hours(48));
        }
    }
});
