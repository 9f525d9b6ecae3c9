//! Any bytes through the Google Voice importer, and through the zip reader that Takeout and
//! WhatsApp archives go through.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = kith_import::google_voice::parse(&String::from_utf8_lossy(data), 1);
    if kith_import::detect::is_zip(data) {
        let _ = kith_import::archive::whatsapp_chat(data, "zip");
    }
});
