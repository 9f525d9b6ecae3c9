//! Any bytes through the Messenger and Instagram importer.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = kith_import::messenger::parse(&text);
    let _ = kith_import::messenger::repair(&text);
    let _ = kith_import::detect::looks_like(&text);
});
