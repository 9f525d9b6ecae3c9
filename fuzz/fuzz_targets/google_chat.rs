//! Any bytes through the Google Chat importer, as messages.json and as group_info.json.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let info = kith_import::google_chat::GroupInfo::parse(&text).ok();
    let _ = kith_import::google_chat::parse(&text, info.as_ref(), Some("DM x"), Some("me@example.org"));
    let _ = kith_import::google_chat::created_date(&text);
});
