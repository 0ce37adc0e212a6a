//! The filters pushed down into the binary (`--since`, `--user`, `--ip`...).
//!
//! Names match case-insensitively, with `*` and `?` wildcards as in
//! PowerShell; a name is made safe as a value first, as `write` stores it
//! (so `'PC '` finds `PC`, and a 300-character name its 256-character
//! value); an IP address matches any one of a record's addresses.

use crate::format::event::Event;
use crate::format::header::Field;
use crate::format::time::Time;
use crate::needle::Needle;
use crate::record::Record;

/// A name pattern: case-insensitive, `*` any run, `?` any one character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    lower: Vec<char>,
}

impl Pattern {
    /// The pattern of a name, made safe as `write` makes a value safe.
    pub fn new(text: &str) -> Pattern {
        let value = crate::format::sanitize::value(text).unwrap_or_default();
        Pattern {
            lower: value.chars().flat_map(char::to_lowercase).collect(),
        }
    }

    /// Whether the pattern has a wildcard (and so names no single log).
    pub fn is_wildcard(&self) -> bool {
        self.lower.iter().any(|&c| c == '*' || c == '?')
    }

    pub fn matches(&self, text: &str) -> bool {
        let text: Vec<char> = text.chars().flat_map(char::to_lowercase).collect();
        glob(&self.lower, &text)
    }
}

fn glob(pattern: &[char], text: &[char]) -> bool {
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some('*') => {
                star = Some((p, t));
                p += 1;
            }
            Some(&c) if c == '?' || c == text[t] => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    p = sp + 1;
                    t = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&c| c == '*')
}

/// Which records to keep.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub since: Option<Time>,
    pub until: Option<Time>,
    pub events: Vec<Event>,
    pub user: Option<Pattern>,
    pub computer: Option<Pattern>,
    pub client: Option<Pattern>,
    pub ip: Option<String>,
}

impl Filter {
    /// Whether a record passes every filter.
    pub fn matches(&self, record: &Record) -> bool {
        let name = |pattern: &Option<Pattern>, field| {
            pattern
                .as_ref()
                .is_none_or(|p| record.get(field).is_some_and(|v| p.matches(v)))
        };
        self.since.is_none_or(|since| record.time >= since)
            && self.until.is_none_or(|until| record.time <= until)
            && (self.events.is_empty() || self.events.contains(&record.event))
            && name(&self.user, Field::User)
            && name(&self.computer, Field::Computer)
            && name(&self.client, Field::Client)
            && self.ip.as_ref().is_none_or(|ip| record.ips().any(|a| a == ip))
    }

    /// What every line of a matching record holds, to skip most lines
    /// without parsing them: the address, else the longest name's.
    pub fn needle(&self) -> Option<Needle> {
        if let Some(ip) = &self.ip {
            return Some(Needle::exact(ip.as_bytes()));
        }
        [
            (&self.user, Field::User),
            (&self.computer, Field::Computer),
            (&self.client, Field::Client),
        ]
        .into_iter()
        .filter_map(|(pattern, field)| {
            let text: String = pattern.as_ref()?.lower.iter().collect();
            Some((text.len(), Needle::any_case(&text, field)?))
        })
        .max_by_key(|(length, _)| *length)
        .map(|(_, needle)| needle)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_are_case_insensitive_globs() {
        assert!(Pattern::new("j*").matches("JDoe"));
        assert!(Pattern::new("pc-b1?").matches("PC-B12"));
        assert!(!Pattern::new("pc-b1?").matches("PC-B123"));
        assert!(Pattern::new("*é*").matches("HÉLÈNE"));
        assert!(Pattern::new("jdoe").matches("jdoe") && !Pattern::new("jdoe").is_wildcard());
        assert!(Pattern::new("a*b*c").matches("aXXbYYc") && !Pattern::new("a*b*c").matches("aXXbYY"));
        assert!(Pattern::new("a\tb").matches("a b") && Pattern::new("PC ").matches("PC"));
    }
}
