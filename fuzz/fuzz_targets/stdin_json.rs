//! The `export-rtf --stdin` JSON reader: any line never panics, and every
//! value of a record it accepts is made safe again (no control or
//! bidirectional character reaches a document).

#![no_main]

use koxolog::format::header::Field;
use koxolog::format::sanitize;
use koxolog::json::piped::PipedRecord;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(piped) = serde_json::from_slice::<PipedRecord>(data) else {
        return;
    };
    let Ok(record) = piped.record() else { return };
    for field in Field::ALL {
        if let Some(value) = record.get(field) {
            assert!(!value.chars().any(sanitize::is_unsafe), "{field:?} = {value:?}");
            assert!(!value.is_empty() && value.trim() == value, "{field:?} = {value:?}");
        }
    }
});
