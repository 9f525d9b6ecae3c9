//! Any bytes through the Telegram importer.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = kith_import::telegram::parse(&String::from_utf8_lossy(data), &jiff::tz::TimeZone::UTC);
});
