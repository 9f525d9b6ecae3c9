//! Any bytes through the vCard importer: an error is fine, a panic is a bug.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = kith_import::vcf::parse(&String::from_utf8_lossy(data));
});
