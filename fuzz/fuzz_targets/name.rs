//! The name sanitiser: any name gives a file name that stays in its branch
//! folder (no separator, no forbidden, control or bidirectional character,
//! no `..`, no trailing dot or space, within the length limits), the same
//! one whether the name is given raw (a reader) or made safe first (a
//! writer); making a value safe is idempotent.

#![no_main]

use koxolog::format::sanitize;
use koxolog::store::names::{self, file_stem};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let name = String::from_utf8_lossy(data);
    let value = sanitize::value(&name);
    if let Some(value) = &value {
        assert_eq!(
            sanitize::value(value).as_deref(),
            Some(value.as_ref()),
            "not idempotent"
        );
        assert!(!value.chars().any(sanitize::is_unsafe));
    }
    let stem = file_stem(&name);
    assert_eq!(
        stem,
        file_stem(value.as_deref().unwrap_or_default()),
        "a reader and a writer disagree on {name:?}"
    );
    assert!(!stem.is_empty() && stem != "." && stem != "..");
    assert!(!stem.ends_with(['.', ' ']) && !stem.starts_with(' '), "{stem:?}");
    assert!(
        !stem
            .chars()
            .any(|c| sanitize::is_unsafe(c) || matches!(c, '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*')),
        "{stem:?}"
    );
    // A device name's leading '_' may add one.
    assert!(
        stem.len() <= names::MAX_BYTES + 1 && stem.chars().count() <= names::MAX_CHARS + 1,
        "{} bytes: {stem:?}",
        stem.len()
    );
});
