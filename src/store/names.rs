//! Turning a computer, thin-client or user name into a safe file name.
//!
//! Names come from users and remote clients, so they are hostile: a name must
//! never make the writer touch anything outside its branch folder, nor create
//! a file Windows cannot open. [`file_stem`] is the one way from a name to a
//! file name: writers and readers both use it, so that what `write` stored,
//! `log --user NAME` finds. The rules, in order:
//!
//! 1. the name is made safe as a value first ([`sanitize::value`]: control
//!    characters, bidirectional controls and line separators become spaces,
//!    surrounding spaces go, 256 characters at most), exactly as the records
//!    hold it;
//! 2. path separators and the characters Windows forbids in file names
//!    (`< > : " / \ | ? *`) become `_`;
//! 3. leading and trailing spaces and dots are removed (Windows drops
//!    trailing ones silently, and `..` must not survive);
//! 4. letters are upper-cased, as Windows computer names are, so that the
//!    same name gives the same file on case-sensitive file systems;
//! 5. nothing left gives `_`;
//! 6. a stem longer than [`MAX_CHARS`] characters or [`MAX_BYTES`] bytes of
//!    UTF-8 (upper-casing may lengthen a name: `ΐ` becomes three characters)
//!    is cut on a character boundary to leave room for `~` and 8 hexadecimal
//!    digits of a hash (32-bit FNV-1a) of the whole upper-cased stem, and
//!    those are appended: names that differ only past the cut keep distinct
//!    files, and every file name stays under the 255 bytes (or UTF-16 units)
//!    that file systems allow;
//! 7. a Windows device name (`CON`, `PRN`, `AUX`, `NUL`, `COM1`-`COM9`,
//!    `LPT1`-`LPT9`, also followed by an extension such as `nul.txt`) gets a
//!    leading `_`.
//!
//! Two names may give the same file (`a/b` and `a_b`): the records inside
//! still hold the real names, and readers filter on those.

use crate::format::sanitize;

/// The longest file stem, in characters.
pub const MAX_CHARS: usize = 100;

/// The longest file stem, in bytes of UTF-8.
pub const MAX_BYTES: usize = 200;

/// The length of the suffix of a cut stem: `~` and 8 hexadecimal digits.
const SUFFIX_LEN: usize = 9;

const RESERVED: [&str; 4] = ["CON", "PRN", "AUX", "NUL"];

fn forbidden(c: char) -> bool {
    c.is_control() || matches!(c, '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*')
}

fn is_device(stem: &str) -> bool {
    let base = stem.split('.').next().unwrap_or(stem).trim_end();
    let upper = base.to_ascii_uppercase();
    RESERVED.contains(&upper.as_str())
        || ((upper.starts_with("COM") || upper.starts_with("LPT"))
            && upper.len() == 4
            && matches!(upper.as_bytes()[3], b'1'..=b'9'))
        || ((upper.starts_with("COM") || upper.starts_with("LPT")) && matches!(&base[3..], "¹" | "²" | "³"))
}

/// The safe file stem (without `.LOG`) for a name, by the rules above.
pub fn file_stem(name: &str) -> String {
    let value = sanitize::value(name).unwrap_or_default();
    let replaced: String = value.chars().map(|c| if forbidden(c) { '_' } else { c }).collect();
    let upper = replaced.trim_matches([' ', '.']).to_uppercase();
    let stem = if upper.is_empty() {
        "_".to_owned()
    } else if upper.len() <= MAX_BYTES && upper.chars().count() <= MAX_CHARS {
        upper
    } else {
        shortened(&upper)
    };
    if is_device(&stem) { format!("_{stem}") } else { stem }
}

/// A stem too long for a file name, cut on a character boundary and made
/// distinct again by a hash of the whole stem.
fn shortened(stem: &str) -> String {
    let mut end = 0;
    for (count, (at, c)) in stem.char_indices().enumerate() {
        if count + 1 > MAX_CHARS - SUFFIX_LEN || at + c.len_utf8() > MAX_BYTES - SUFFIX_LEN {
            break;
        }
        end = at + c.len_utf8();
    }
    let cut = stem[..end].trim_end_matches([' ', '.']);
    format!("{cut}~{:08X}", fnv1a(stem.as_bytes()))
}

/// The 32-bit FNV-1a hash: small, and the same on every platform and
/// version (file names depend on it).
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |hash, &b| {
        (hash ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names_stay_in_their_folder() {
        for (name, stem) in [
            ("..\\..\\x", "_.._X"),
            ("../x", "_X"),
            ("..", "_"),
            ("a/b", "A_B"),
            ("a:b", "A_B"),
            ("CON", "_CON"),
            ("nul.txt", "_NUL.TXT"),
            ("com1", "_COM1"),
            ("COM10", "COM10"),
            ("pc-b12", "PC-B12"),
            ("tab\there. ", "TAB HERE"),
            ("PC ", "PC"),
            ("right\u{202E}left", "RIGHT LEFT"),
            ("", "_"),
        ] {
            assert_eq!(file_stem(name), stem, "for {name:?}");
        }
    }

    #[test]
    fn long_names_are_cut_by_bytes_and_stay_distinct() {
        let long = [
            "x".repeat(300),
            "€".repeat(100),
            "\u{390}".repeat(100),
            "李".repeat(90),
            "é".repeat(150),
        ];
        for name in &long {
            let stem = file_stem(name);
            assert!(
                stem.len() <= MAX_BYTES && stem.chars().count() <= MAX_CHARS,
                "{name}: {stem} ({} bytes)",
                stem.len()
            );
            assert_eq!(file_stem(&stem), stem, "a stem is its own stem");
        }
        assert_ne!(
            file_stem(&format!("{}a", "€".repeat(99))),
            file_stem(&format!("{}b", "€".repeat(99)))
        );
        assert_eq!(
            file_stem(&"x".repeat(300)),
            file_stem(&"X".repeat(300)),
            "case does not matter"
        );
        assert_eq!(
            file_stem(&"x".repeat(100)),
            "X".repeat(100),
            "a stem that fits is not cut"
        );
    }
}
