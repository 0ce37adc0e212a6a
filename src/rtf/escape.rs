//! Text made safe inside an RTF document: every character that could act
//! is escaped, so that a value (a client name chosen by a remote user) is
//! always shown as text and never read as a control word or a group.
//!
//! * `\`, `{`, `}` become the control symbols `\\`, `\{`, `\}`;
//! * printable ASCII is written as it is;
//! * control characters (tab, CR, LF..., and the bidirectional controls such
//!   as U+202E, as [`crate::format::sanitize::is_unsafe`] says) become a
//!   space: a value never breaks a line or a paragraph, nor reorders a row;
//! * anything else is written as `\uN?`, N being each UTF-16 code unit as a
//!   signed 16-bit number (emoji take two), `?` the ASCII fallback for
//!   readers without Unicode (the document declares `\uc1`).

use std::fmt::Write;

/// Appends `text`, escaped, to `out`.
pub fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '\\' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            c if crate::format::sanitize::is_unsafe(c) => out.push(' '),
            c => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    // RTF reads N as a signed 16-bit number.
                    let _ = write!(out, "\\u{}?", *unit as i16);
                }
            }
        }
    }
}

/// `text`, escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_into(text, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_that_could_act_are_escaped() {
        assert_eq!(escape(r"{\field}"), r"\{\\field\}");
        assert_eq!(escape("a\tb\r\nc"), "a b  c");
        assert_eq!(
            escape("PC1\u{202E}10.0.0.5"),
            "PC1 10.0.0.5",
            "a right-to-left override is a space"
        );
    }

    #[test]
    fn non_ascii_is_written_as_utf16_units_with_a_fallback() {
        assert_eq!(escape("Hé"), r"H\u233?");
        assert_eq!(escape("Ł"), r"\u321?");
        assert_eq!(escape("東"), r"\u26481?");
        // U+1F600 is the surrogate pair D83D DE00.
        assert_eq!(escape("😀"), r"\u-10179?\u-8704?");
    }
}
