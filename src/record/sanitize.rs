//! Making a value safe to write into a record.
//!
//! Values come from users and remote clients (CLIENTNAME is chosen by the
//! remote machine, environment variables by the user), so they are hostile:
//! a tab, CR or LF could end the record and forge another one, a
//! right-to-left override could make a viewer show one column's text under
//! another's heading. Every control character (C0, DEL, C1), the Unicode
//! line and paragraph separators and the bidirectional controls (U+061C,
//! U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) become a space;
//! surrounding spaces are trimmed; a value is cut at [`MAX_CHARS`]
//! characters. An empty value is written as `-`, so a value of `-` alone
//! is no value: a log could not tell it from an empty one.

use crate::words;
use std::borrow::Cow;

/// The longest value written, in characters.
pub const MAX_CHARS: usize = 256;

/// How a log writes a value that is empty.
pub const EMPTY: &str = "-";

/// Whether a character is a control character for KoXoLog: one that can
/// break a line or a column, or reorder what a viewer shows.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || c == '\u{2028}' || c == '\u{2029}'
}

/// The Unicode bidirectional formatting characters (marks, embeddings,
/// overrides, isolates).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The value made safe, or `None` when nothing is left of it (or only
/// `-`, which a log reads as no value).
pub fn value(raw: &str) -> Option<Cow<'_, str>> {
    let clean: Cow<str> = if raw.chars().any(is_unsafe) {
        Cow::Owned(raw.chars().map(|c| if is_unsafe(c) { ' ' } else { c }).collect())
    } else {
        Cow::Borrowed(raw)
    };
    let trimmed = clean.trim();
    let cut = match trimmed.char_indices().nth(MAX_CHARS) {
        Some((end, _)) => trimmed[..end].trim_end(),
        None => trimmed,
    };
    // Checked once cut: `-` and 300 spaces and a letter leaves `-` alone.
    if cut.is_empty() || cut == EMPTY {
        return None;
    }
    Some(match clean {
        Cow::Borrowed(b) if cut.len() == b.len() => Cow::Borrowed(b),
        _ => Cow::Owned(cut.to_owned()),
    })
}

/// A value read back from a log, made safe again when it has to be (a log
/// written by an older version, or by another tool): the common case, a
/// value with nothing to change, costs one look at its bytes and no copy.
pub fn read_back(value: &str) -> Option<Cow<'_, str>> {
    let bytes = value.as_bytes();
    // The common case, printable ASCII not starting or ending with a space,
    // is told eight bytes at a time.
    if is_printable_ascii(bytes)
        && bytes.first().is_some_and(|&b| b != b' ')
        && bytes.last().is_some_and(|&b| b != b' ')
    {
        return Some(Cow::Borrowed(value));
    }
    // Every character `is_unsafe` names is below 0x20, 0x7F, or starts with
    // 0xC2 (C1), 0xD8 (U+061C) or 0xE2 (U+2000-U+2FFF) in UTF-8.
    let suspect = bytes
        .iter()
        .any(|&b| b < 0x20 || matches!(b, 0x7F | 0xC2 | 0xD8 | 0xE2))
        || value.starts_with(char::is_whitespace)
        || value.ends_with(char::is_whitespace);
    if suspect {
        self::value(value)
    } else {
        Some(Cow::Borrowed(value))
    }
}

/// What one look at a whole line finds in its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineBytes {
    /// Some byte is neither printable ASCII nor a tab: each cell is read
    /// back by [`read_back`].
    Other,
    /// Printable ASCII and tabs, as a line KoXoLog writes usually is: each
    /// cell is read back by [`read_back_plain`], which looks only at its
    /// ends.
    Plain,
    /// [`LineBytes::Plain`] without a `"` or a `\`: its cells are also the
    /// same text inside a JSON string, with nothing to escape.
    Bare,
}

/// What bytes a line holds ([`LineBytes`]).
pub fn line_bytes(line: &str) -> LineBytes {
    // No early exit, and flags or-ed as bytes: the compiler then looks at
    // many bytes an instruction.
    let (mut other, mut escaped) = (0u8, 0u8);
    for &b in line.as_bytes() {
        other |= u8::from(!((0x20..0x7F).contains(&b) | (b == b'\t')));
        escaped |= u8::from((b == b'"') | (b == b'\\'));
    }
    match (other, escaped) {
        (0, 0) => LineBytes::Bare,
        (0, _) => LineBytes::Plain,
        _ => LineBytes::Other,
    }
}

/// [`read_back`] for a cell of a plain line ([`LineBytes::Plain`]): its
/// bytes are safe, so only a space at either end can change it.
pub fn read_back_plain(value: &str) -> Option<Cow<'_, str>> {
    if value.starts_with(' ') || value.ends_with(' ') {
        read_back(value)
    } else {
        Some(Cow::Borrowed(value))
    }
}

/// Whether every byte is printable ASCII (0x20 to 0x7E), looked at eight
/// bytes at a time: such text holds no character [`is_unsafe`] names.
pub fn is_printable_ascii(bytes: &[u8]) -> bool {
    // A byte below 0x20, or of 0x7F or more (its high bit set, or set by
    // adding 1).
    !words::any(
        bytes,
        |word| words::below(word, 0x20) | (word.wrapping_add(words::ONES) | word) & words::HIGH != 0,
        |byte| !(0x20..0x7F).contains(&byte),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_and_tabs_cannot_survive() {
        let forged = "TC01\r\n[LOGON.]\t2026-11-24T08:00:00.000+01:00\tadmin";
        let safe = value(forged).unwrap();
        assert!(!safe.contains(['\r', '\n', '\t']), "{safe:?}");
        assert_eq!(value("a\u{2028}b\u{85}c\u{7f}d").unwrap(), "a b c d");
    }

    #[test]
    fn bidirectional_controls_become_spaces() {
        for c in [
            '\u{061C}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}',
        ] {
            assert_eq!(value(&format!("a{c}b")).unwrap(), "a b", "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn printable_ascii_is_told_apart_at_every_position() {
        for length in 0..20 {
            for at in 0..length {
                for byte in 0..=255u8 {
                    let mut bytes = vec![b'a'; length];
                    bytes[at] = byte;
                    let expected = bytes.iter().all(|b| (0x20..0x7F).contains(b));
                    assert_eq!(is_printable_ascii(&bytes), expected, "{bytes:?}");
                }
            }
        }
    }

    #[test]
    fn a_plain_or_bare_line_is_told_apart_at_every_position() {
        for length in 0..40 {
            for at in 0..length {
                for byte in 0..=0x7Fu8 {
                    let mut bytes = vec![b'a'; length];
                    bytes[at] = byte;
                    let text = String::from_utf8(bytes).unwrap();
                    let expected = match byte {
                        b'"' | b'\\' => LineBytes::Plain,
                        b'\t' | 0x20..0x7F => LineBytes::Bare,
                        _ => LineBytes::Other,
                    };
                    assert_eq!(line_bytes(&text), expected, "{text:?}");
                }
            }
        }
        assert_eq!(line_bytes("jos\u{e9}\tPC"), LineBytes::Other);
        assert_eq!(line_bytes("jos\u{e9}\"\tPC"), LineBytes::Other);
    }

    #[test]
    fn a_cell_of_a_plain_line_reads_back_as_any_cell() {
        // Every value of up to five of a space, a dash and a letter.
        let alphabet = [' ', '-', 'a'];
        let mut values = vec![String::new()];
        for length in 1..=5u32 {
            for mut n in 0..alphabet.len().pow(length) {
                let mut value = String::new();
                for _ in 0..length {
                    value.push(alphabet[n % alphabet.len()]);
                    n /= alphabet.len();
                }
                values.push(value);
            }
        }
        for value in &values {
            assert_eq!(read_back_plain(value), read_back(value), "{value:?}");
        }
        assert_eq!(read_back_plain(" jdoe ").as_deref(), Some("jdoe"));
        assert_eq!(read_back_plain(" - "), None);
    }

    #[test]
    fn blank_values_are_empty_and_long_ones_are_cut() {
        assert_eq!(value(" \t "), None);
        // `-` is how a log writes no value.
        assert_eq!(value(" - "), None);
        assert_eq!(value("--").as_deref(), Some("--"));
        assert_eq!(value(&format!("-{}x", " ".repeat(300))), None);
        assert_eq!(value(&"é".repeat(300)).unwrap().chars().count(), MAX_CHARS);
        assert!(matches!(value("jdoe"), Some(Cow::Borrowed("jdoe"))));
    }
}
