//! Turning a computer, thin-client or user name into a safe file name.
//!
//! Names come from users and remote clients, so they are hostile: a name must
//! never make the writer touch anything outside its branch folder, nor create
//! a file Windows cannot open. The rules, in order:
//!
//! 1. control characters, path separators and the characters Windows forbids
//!    in file names (`< > : " / \ | ? *`) become `_`;
//! 2. leading and trailing spaces and dots are removed (Windows drops
//!    trailing ones silently, and `..` must not survive);
//! 3. the name is cut at [`MAX_CHARS`] characters;
//! 4. nothing left gives `_`;
//! 5. a Windows device name (`CON`, `PRN`, `AUX`, `NUL`, `COM1`-`COM9`,
//!    `LPT1`-`LPT9`, also followed by an extension such as `nul.txt`) gets a
//!    leading `_`;
//! 6. letters are upper-cased, as Windows computer names are, so that the
//!    same name gives the same file on case-sensitive file systems.
//!
//! Two names may give the same file (`a/b` and `a_b`): the records inside
//! still hold the real names, and readers filter on those.

/// The longest file stem, in characters.
pub const MAX_CHARS: usize = 100;

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
        || ((upper.starts_with("COM") || upper.starts_with("LPT"))
            && matches!(&base[3..], "¹" | "²" | "³"))
}

/// The safe file stem (without `.LOG`) for a name.
pub fn file_stem(name: &str) -> String {
    let replaced: String = name.chars().map(|c| if forbidden(c) { '_' } else { c }).collect();
    let trimmed = replaced.trim_matches(|c| c == ' ' || c == '.');
    let cut: String = trimmed.chars().take(MAX_CHARS).collect();
    let cut = cut.trim_end_matches([' ', '.']);
    let stem = if cut.is_empty() { "_".to_owned() } else { cut.to_uppercase() };
    if is_device(&stem) { format!("_{stem}") } else { stem }
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
            ("tab\there. ", "TAB_HERE"),
            ("", "_"),
        ] {
            assert_eq!(file_stem(name), stem, "for {name:?}");
        }
    }

    #[test]
    fn long_names_are_cut() {
        assert_eq!(file_stem(&"x".repeat(300)).chars().count(), MAX_CHARS);
    }
}
