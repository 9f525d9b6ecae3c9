//! Any bytes through the WhatsApp importer and the chat-day folding.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let tz = jiff::tz::TimeZone::get("America/New_York").unwrap_or(jiff::tz::TimeZone::UTC);
    if let Ok(mut chat) = kith_import::whatsapp::parse(&String::from_utf8_lossy(data), None, &tz) {
        let me = chat.log.senders().first().cloned().unwrap_or_default();
        chat.log.settle(&me);
        let _ = kith_import::chat::days(&chat.log, &tz, jiff::SignedDuration::from_hours(48));
    }
});
