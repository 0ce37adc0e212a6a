//! What a line must hold to be worth parsing: the reader skips the lines
//! without it ([`crate::reader::read_forward`]), so that a query over the
//! whole store parses only the lines that may match.
//!
//! A needle is a superset test: every line whose record matches the filter
//! holds it, but not every line that holds it matches.
//!
//! * an address (`--ip`) is searched as its bytes;
//! * a name (`--user`, `--computer`, `--thin-client`) matches
//!   case-insensitively, wildcards and all: its longest run of ASCII
//!   letters, digits and punctuation is searched with ASCII case folded.
//!   Runs stop at a space (a record's space may be a control character made
//!   safe), at a non-ASCII character, and at `k` and `i`, which
//!   `U+212A KELVIN SIGN` and `U+0130` lowercase to: such a value holds
//!   the pattern without its ASCII letters.

use crate::record::field::Field;
use crate::words;
use memchr::memmem::Finder;

/// Bytes that every line of a matching record holds.
pub struct Needle {
    search: Search,
    /// The field a name needle was taken from: a log of the original
    /// scripts names its own records after itself, without the name in the
    /// line, so a log of that field's branch is read whole.
    field: Option<Field>,
}

enum Search {
    Exact(Box<Finder<'static>>),
    /// A run of ASCII, lowercased, and the position of its rarest byte,
    /// which is looked for first (in both cases).
    AnyCase {
        run: Vec<u8>,
        anchor: usize,
    },
}

/// Bytes with the bit that tells an ASCII letter's case set: a window of a
/// line holds a run in any case when the two are equal so folded. Some
/// other bytes fold together too (`@` and `` ` ``): the needle is a
/// superset test, and such a line is only parsed for nothing.
fn folded(word: u64) -> u64 {
    word | (words::ONES * 0x20)
}

/// Whether `window` holds `run` (lowercase) in any case, or differs from
/// it only where [`folded`] cannot tell; eight bytes at a time.
fn holds_folded(window: &[u8], run: &[u8]) -> bool {
    let word = |bytes: &[u8], at: usize| u64::from_ne_bytes(bytes[at..at + 8].try_into().unwrap_or_default());
    let same = |at: usize| folded(word(window, at)) == folded(word(run, at));
    match run.len() {
        0..8 => window.iter().zip(run).all(|(&w, &r)| w | 0x20 == r | 0x20),
        length => (0..(length - 1) / 8).all(|i| same(i * 8)) && same(length - 8),
    }
}

/// The shortest run worth searching for: shorter ones are in most lines.
const MIN_RUN: usize = 3;

impl Needle {
    /// Exactly these bytes.
    pub fn exact(bytes: &[u8]) -> Needle {
        Needle {
            search: Search::Exact(Box::new(Finder::new(bytes).into_owned())),
            field: None,
        }
    }

    /// What every value matched by `pattern` (lowercased, `*` and `?`
    /// wildcards) holds, in the line of its record; `None` when no run is
    /// long enough to be worth a search.
    pub fn any_case(pattern: &str, field: Field) -> Option<Needle> {
        let usable = |b: u8| b.is_ascii_graphic() && !matches!(b, b'*' | b'?' | b'k' | b'i');
        let run = pattern
            .as_bytes()
            .split(|&b| !usable(b))
            .max_by_key(|run| run.len())
            .filter(|run| run.len() >= MIN_RUN)?;
        let anchor = (0..run.len()).min_by_key(|&at| commonness(run[at])).unwrap_or(0);
        Some(Needle {
            search: Search::AnyCase {
                run: run.to_ascii_lowercase(),
                anchor,
            },
            field: Some(field),
        })
    }

    /// The needle to use on a log that names its own records after its
    /// `own` field, if any.
    pub fn for_log(&self, own: Option<Field>) -> Option<&Needle> {
        (self.field.is_none() || self.field != own).then_some(self)
    }

    /// Where the needle first is in `haystack`.
    pub fn find(&self, haystack: &[u8]) -> Option<usize> {
        match &self.search {
            Search::Exact(finder) => finder.find(haystack),
            Search::AnyCase { run, anchor } => {
                let byte = run[*anchor];
                let mut from = *anchor;
                while from < haystack.len() {
                    let at = from + memchr::memchr2(byte, byte.to_ascii_uppercase(), &haystack[from..])?;
                    let start = at - anchor;
                    if haystack
                        .get(start..start + run.len())
                        .is_some_and(|window| holds_folded(window, run))
                    {
                        return Some(start);
                    }
                    from = at + 1;
                }
                None
            }
        }
    }
}

/// How common a byte is in a log line, roughly: the rarest byte of a run
/// is looked for first, so that few places are checked.
fn commonness(byte: u8) -> u8 {
    match byte.to_ascii_lowercase() {
        b'j' | b'q' | b'x' | b'z' | b'w' | b'y' | b'v' | b'@' | b'_' | b'$' => 0,
        b'b' | b'f' | b'g' | b'h' | b'p' | b'u' | b'm' => 1,
        b'c' | b'l' | b'd' | b'n' | b'r' | b's' | b'o' | b't' => 2,
        b'a' | b'e' => 3,
        // Digits, dots, dashes and colons are in every time and address.
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_found_in_any_case() {
        let needle = Needle::any_case("jean.martin0*", Field::User).unwrap();
        assert_eq!(needle.find(b"[LOGON.]\t...\tJEAN.MARTIN01\t-"), Some(13));
        assert_eq!(needle.find(b"[LOGON.]\t...\tjean.marti"), Some(13));
        assert_eq!(needle.find(b"[LOGON.]\t...\tjeanne.martin"), None);
        assert_eq!(needle.find(b"jean.mar"), None);
    }

    #[test]
    fn a_run_is_held_in_any_case_at_any_length_and_not_with_another_letter() {
        let text = b"jean.martin-0123456789xyz";
        for length in 1..=text.len() {
            let run = &text[..length];
            for at in 0..length {
                let mut upper = run.to_vec();
                upper[at] = upper[at].to_ascii_uppercase();
                assert!(holds_folded(&upper, run), "{upper:?}");
                assert!(holds_folded(&run.to_ascii_uppercase(), run));
                let mut other = run.to_vec();
                other[at] = if other[at] == b'q' { b'r' } else { b'q' };
                assert!(!holds_folded(&other, run), "{other:?}");
            }
        }
    }

    #[test]
    fn runs_stop_where_a_value_may_differ_from_its_line() {
        // "PC K12" may be "PC\u{1}\u{212A}12" in the line: only "12" is
        // certain, too short to search.
        assert!(Needle::any_case("pc k12", Field::Computer).is_none());
        assert!(Needle::any_case("*é*", Field::User).is_none());
        let needle = Needle::any_case("mike.dupont", Field::User).unwrap();
        assert_eq!(needle.find("mi\u{212A}e.dupont".as_bytes()), Some(5));
    }

    #[test]
    fn a_log_named_after_the_same_field_is_read_whole() {
        let needle = Needle::any_case("jdoe", Field::User).unwrap();
        assert!(needle.for_log(Some(Field::User)).is_none());
        assert!(needle.for_log(Some(Field::Computer)).is_some());
        assert!(Needle::exact(b"10.0.0.1").for_log(Some(Field::User)).is_some());
    }
}
