//! The parser of the original KoXo logs: any line never panics, and the
//! free text a record keeps is part of the line.

#![no_main]

use koxolog::format::legacy;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Some(record) = legacy::parse(&text) {
        if let Some(raw) = record.raw.as_deref() {
            assert!(text.contains(raw), "{raw:?} is not in {text:?}");
        }
        assert_eq!(record.tag.len(), 8);
    }
});
