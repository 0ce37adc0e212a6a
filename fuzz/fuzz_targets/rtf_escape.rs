//! The RTF escaper: any text becomes printable ASCII in which every `\`,
//! `{` and `}` is part of an escape (`\\`, `\{`, `\}`, `\uN?`): a value can
//! never open a group or start a control word.

#![no_main]

use koxolog::rtf::escape::escape;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let escaped = escape(&text);
    let bytes = escaped.as_bytes();
    assert!(
        bytes.iter().all(|b| (b' '..=b'~').contains(b)),
        "not printable ASCII: {escaped:?}"
    );
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'{' | b'}' => panic!("a bare brace at {at}: {escaped:?}"),
            b'\\' => match bytes.get(at + 1) {
                Some(b'\\' | b'{' | b'}') => at += 2,
                Some(b'u') => {
                    let digits = bytes[at + 2..]
                        .iter()
                        .take_while(|b| b.is_ascii_digit() || **b == b'-')
                        .count();
                    assert!(
                        digits > 0 && bytes.get(at + 2 + digits) == Some(&b'?'),
                        "a bad \\u at {at}: {escaped:?}"
                    );
                    at += 3 + digits;
                }
                _ => panic!("a control word at {at}: {escaped:?}"),
            },
            _ => at += 1,
        }
    }
});
