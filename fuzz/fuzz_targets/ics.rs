//! Any bytes through the iCalendar importer: an error is fine, a panic is a bug.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let now: jiff::Timestamp = "2026-06-01T00:00:00Z".parse().expect("a fixed valid time");
    let _ = kith_import::ics::parse(&text, "Europe/Berlin", kith_import::ics::Window::around(now));
});
