//! JSON text written by hand, for the objects printed by the million (every
//! record of a store): the same bytes as `serde_json`'s compact writer,
//! without its per-value dispatch. Each object that uses it has a test that
//! its lines equal `serde_json`'s.

use crate::words;

/// How `serde_json` escapes each byte of a string: 0 for none, `u` for
/// `\u00XX`, else the letter after the backslash.
const ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = b'u';
        byte += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0A] = b'n';
    table[0x0C] = b'f';
    table[0x0D] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// Appends `text` as a JSON string, quotes included. Inlined: a record's
/// dozen short values would each pay a call's saving of registers.
#[inline(always)]
pub fn string(out: &mut Vec<u8>, text: &str) {
    out.push(b'"');
    inside(out, text);
    out.push(b'"');
}

/// Appends what a JSON string of `text` holds between its quotes.
#[inline(always)]
pub fn inside(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    if !needs_escape(bytes) {
        out.extend_from_slice(bytes);
    } else {
        escaped(out, bytes);
    }
}

/// Whether any byte of `bytes` must be escaped: a byte below 0x20, a quote
/// or a backslash. Most values need no escape, so they are looked at eight
/// bytes at a time.
fn needs_escape(bytes: &[u8]) -> bool {
    words::any(
        bytes,
        |word| words::below(word, 0x20) | words::equal(word, b'"') | words::equal(word, b'\\') != 0,
        |byte| ESCAPE[usize::from(byte)] != 0,
    )
}

fn escaped(out: &mut Vec<u8>, bytes: &[u8]) {
    let mut clean = 0;
    for (at, &byte) in bytes.iter().enumerate() {
        let escape = ESCAPE[usize::from(byte)];
        if escape == 0 {
            continue;
        }
        out.extend_from_slice(&bytes[clean..at]);
        clean = at + 1;
        if escape == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0xF)],
            ]);
        } else {
            out.extend_from_slice(&[b'\\', escape]);
        }
    }
    out.extend_from_slice(&bytes[clean..]);
}

/// Appends `text` as a JSON string, or `null`.
#[inline(always)]
pub fn optional(out: &mut Vec<u8>, text: Option<&str>) {
    match text {
        Some(text) => string(out, text),
        None => out.extend_from_slice(b"null"),
    }
}

/// Appends a member of an object after another: `,"Key":` and its value
/// as a JSON string, or `null`. The key is written with the comma before
/// it and the value's opening quote or its `null`: one copy of a length
/// known when compiled. The value's text is written by `$inside`
/// ([`inside`] unless given).
macro_rules! member {
    ($out:expr, $key:literal, $value:expr) => {
        $crate::json::text::member!($out, $key, $value, $crate::json::text::inside)
    };
    ($out:expr, $key:literal, $value:expr, $inside:expr) => {
        match $value {
            Some(value) => {
                $out.extend_from_slice(concat!(",\"", $key, "\":\"").as_bytes());
                $inside($out, value);
                $out.push(b'"');
            }
            None => $out.extend_from_slice(concat!(",\"", $key, "\":null").as_bytes()),
        }
    };
}
pub(crate) use member;

/// Appends a number.
pub fn number(out: &mut Vec<u8>, mut value: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// Asserts that a line written by hand is `serde_json`'s line for `value`
/// (its text, then a newline): the test each hand-written object has.
#[cfg(test)]
pub fn assert_written_as_serde_writes(by_hand: impl FnOnce(&mut Vec<u8>), value: &impl serde::Serialize) {
    let mut written = Vec::new();
    by_hand(&mut written);
    let mut by_serde = serde_json::to_vec(value).expect("serializable");
    by_serde.push(b'\n');
    assert_eq!(
        String::from_utf8(written).unwrap(),
        String::from_utf8(by_serde).unwrap()
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_that_needs_an_escape_is_found_at_every_position() {
        for length in 0..20 {
            for at in 0..length {
                for byte in 0..=255u8 {
                    let mut bytes = vec![b'a'; length];
                    bytes[at] = byte;
                    assert_eq!(needs_escape(&bytes), ESCAPE[usize::from(byte)] != 0, "{bytes:?}");
                }
            }
        }
    }

    #[test]
    fn strings_and_numbers_are_written_as_serde_json_writes_them() {
        let mut every_byte = String::new();
        for c in (0u8..0x80).map(char::from).chain(['é', '\u{2028}', '€', '😀']) {
            every_byte.push(c);
        }
        for text in ["", "jdoe", "a\"b\\c", "tab\there\r\n", &every_byte] {
            let mut out = Vec::new();
            string(&mut out, text);
            assert_eq!(out, serde_json::to_vec(text).unwrap(), "{text:?}");
        }
        for value in [0, 7, 10, 12_345, u64::MAX] {
            let mut out = Vec::new();
            number(&mut out, value);
            assert_eq!(out, value.to_string().as_bytes());
        }
        let mut out = Vec::new();
        optional(&mut out, None);
        assert_eq!(out, b"null");
    }
}
