//! Reading one line of a log back.
//!
//! The parser keeps the state a log carries from line to line (the columns
//! named by the last `#Fields:` directive, whether we are inside a header)
//! and never fails: every line comes out as a record, a line to skip, or a
//! bad line with the reason.

use super::event::{Event, is_tag};
use super::header::{self, Columns};
use super::{EMPTY, legacy, sanitize, time};
use crate::record::Record;
use crate::record::sanitize::LineBytes;
use std::borrow::Cow;

/// What one line turned out to be.
#[derive(Debug, PartialEq)]
pub enum Line<'a> {
    /// A record.
    Record(Record<'a>),
    /// A record that followed a torn one on the same line (a writer was
    /// killed mid-write before it); the torn text before it was dropped.
    Repaired(Record<'a>),
    /// A header line, a directive or a blank line.
    Skip,
    /// Not a record; the reason is for a diagnostic.
    Bad(String),
}

/// The line-to-line state of one log being read.
#[derive(Debug, Default)]
pub struct Parser {
    columns: Columns,
    header_left: usize,
}

impl Parser {
    /// A parser for lines after the header, with the columns given.
    pub fn with_columns(columns: Columns) -> Parser {
        Parser {
            columns,
            header_left: 0,
        }
    }

    /// Whether the next line is inside a header.
    pub fn in_header(&self) -> bool {
        self.header_left > 0
    }

    /// The columns in force (from the last `#Fields:` directive).
    pub fn columns(&self) -> &Columns {
        &self.columns
    }

    /// Reads one line, without its line ending.
    pub fn line<'a>(&mut self, text: &'a str) -> Line<'a> {
        // Records far outnumber directives: one look at the first byte.
        let directive = text.starts_with('#');
        if directive && text.starts_with("#####") {
            self.header_left = header::LINES - 1;
            return Line::Skip;
        }
        let in_header = self.header_left > 0;
        self.header_left = self.header_left.saturating_sub(1);
        if directive {
            return match text.strip_prefix(header::FIELDS_DIRECTIVE).map(Columns::parse) {
                Some(Ok(columns)) => {
                    self.columns = columns;
                    Line::Skip
                }
                Some(Err(why)) => Line::Bad(why),
                None => Line::Skip,
            };
        }
        if text.trim().is_empty() {
            return Line::Skip;
        }
        match record(text, &self.columns) {
            Some((record, false)) => Line::Record(record),
            // More columns than named: a newer writer's fields, or a torn
            // record with a whole one after it.
            Some((record, true)) => repaired(text, &self.columns).map_or(Line::Record(record), Line::Repaired),
            None => match repaired(text, &self.columns) {
                Some(record) => Line::Repaired(record),
                None => match legacy::parse(text) {
                    Some(record) => Line::Record(record),
                    // The original header's lines 2 to 6 are free text.
                    None if in_header => Line::Skip,
                    None => Line::Bad(why_bad(text, &self.columns)),
                },
            },
        }
    }
}

/// A record of KoXoLog's own format, and whether it has more columns than
/// named (those are ignored). Missing columns make the line bad, since a torn
/// record is missing its last columns.
fn record<'a>(text: &'a str, columns: &Columns) -> Option<(Record<'a>, bool)> {
    let mut parts = Cells { text, at: 0 };
    let tag = parts.next().filter(|t| is_tag(t.as_bytes()))?;
    let time_text = parts.next()?;
    let (time, canonical) = time::parse_text(time_text)?;
    let mut values: [Option<Cow<str>>; header::Field::ALL.len()] = Default::default();
    // Made safe again: the log may not be KoXoLog's own writing. A line of
    // printable ASCII, the usual one, is looked at once, not a cell at a
    // time.
    let bytes = sanitize::line_bytes(text);
    let mut set = |field: header::Field, value: &'a str| {
        values[field.index()] = match value {
            EMPTY => None,
            _ if bytes != LineBytes::Other => sanitize::read_back_plain(value),
            _ => sanitize::read_back(value),
        };
    };
    for field in &columns.fields {
        let value = parts.next()?;
        if let Some(field) = field {
            set(*field, value);
        }
    }
    // A log created by an older version names fewer columns than writers
    // of this version append (they cannot read the log to know): when its
    // columns are the first ones of this version's, the trailing values
    // are this version's next fields, in order.
    // Such values count as extra columns too, so that a torn record with a
    // whole one after it on the line is still found (see `line`).
    let mut absorbed = false;
    if columns.is_prefix_of_current() {
        for field in &header::Field::ALL[columns.fields.len()..] {
            match parts.next() {
                Some(value) => {
                    set(*field, value);
                    absorbed = true;
                }
                None => break,
            }
        }
    }
    let time_text = if canonical {
        Cow::Borrowed(time_text)
    } else {
        Cow::Owned(time::format(&time))
    };
    let record = Record {
        event: Event::from_tag(tag),
        tag: Cow::Borrowed(tag),
        time,
        time_text,
        values,
        raw: None,
        // A time not in its canonical form is written again in it: ASCII
        // digits and signs.
        escape_free: bytes == LineBytes::Bare,
    };
    Some((record, absorbed || parts.next().is_some()))
}

/// The tab-separated cells of a line.
struct Cells<'a> {
    text: &'a str,
    /// Where the next cell starts; past the end once the last was given.
    at: usize,
}

impl<'a> Iterator for Cells<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.text.as_bytes().get(self.at..)?;
        let end = memchr::memchr(b'\t', rest).unwrap_or(rest.len());
        // A tab is ASCII: the cell ends on a character boundary.
        let cell = &self.text[self.at..self.at + end];
        self.at += end + 1;
        Some(cell)
    }
}

/// A whole record that starts inside the line, after a torn one.
fn repaired<'a>(text: &'a str, columns: &Columns) -> Option<Record<'a>> {
    memchr::memchr_iter(b'[', text.as_bytes())
        .filter(|&at| at > 0)
        .filter(|&at| text.as_bytes().get(at + 8) == Some(&b'\t') && is_tag(&text.as_bytes()[at..at + 8]))
        .find_map(|at| record(&text[at..], columns).map(|(record, _)| record))
}

fn why_bad(text: &str, columns: &Columns) -> String {
    let found = text.split('\t').count();
    if !text.get(..8).is_some_and(|t| is_tag(t.as_bytes())) {
        "the line does not start with an eight-character tag such as [LOGON.]".into()
    } else if legacy::looks_legacy(text) {
        let shown: String = text.chars().take(120).collect();
        format!(
            "an unknown layout of the original KoXo logs (a date such as 24/11/2008 and a time such as 08:01 should follow the tag): {shown}"
        )
    } else if text.split('\t').nth(1).is_none_or(|t| time::parse(t).is_none()) {
        "the second column is not a time with its offset".into()
    } else {
        format!(
            "{found} columns where {} are named: the record is cut short",
            columns.len()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::header::Field;

    const REC: &str = "[LOGON.]\t2026-11-24T08:01:02.345+01:00\tjdoe\tLYCEE\tPC-B12\t-\tConsole\t10.0.0.5\t00-1A\tDC1\tWindows 11\t01JDX\t7\t192.168.1.9";

    fn parse_all(lines: &[&'static str]) -> Vec<Line<'static>> {
        let mut parser = Parser::default();
        lines.iter().map(|l| parser.line(l)).collect()
    }

    #[test]
    fn a_record_reads_back_with_empty_values_as_none() {
        let Line::Record(r) = Parser::default().line(REC) else {
            panic!("not a record")
        };
        assert_eq!(r.get(Field::User), Some("jdoe"));
        assert_eq!(r.get(Field::Client), None);
        assert_eq!(r.get(Field::Id), Some("01JDX"));
        assert_eq!(r.get(Field::SessionId), Some("7"));
        assert_eq!(r.get(Field::ClientIp), Some("192.168.1.9"));
        assert_eq!(r.time_text, "2026-11-24T08:01:02.345+01:00");
    }

    #[test]
    fn values_are_made_safe_on_plain_lines_and_on_others() {
        // Printable ASCII alone: only the spaces around a value go.
        let plain = "[LOGON.]\t2026-11-24T08:01:02.345+01:00\t jdoe \tLYCEE\t - \t-\t-\t-\t-\t-\t-\t-\t-\t-";
        // A control character and a right-to-left override elsewhere on the
        // line: the same values, and those two become spaces.
        let other =
            "[LOGON.]\t2026-11-24T08:01:02.345+01:00\t jdoe \tLY\u{1}CEE\t - \tTC\u{202E}01\t-\t-\t-\t-\t-\t-\t-\t-";
        for (text, domain, client) in [(plain, "LYCEE", None), (other, "LY CEE", Some("TC 01"))] {
            let Line::Record(r) = Parser::default().line(text) else {
                panic!("{text:?}")
            };
            assert_eq!(r.get(Field::User), Some("jdoe"), "{text:?}");
            assert_eq!(r.get(Field::Domain), Some(domain), "{text:?}");
            assert_eq!(r.get(Field::Computer), None, "{text:?}");
            assert_eq!(r.get(Field::Client), client, "{text:?}");
        }
    }

    #[test]
    fn a_later_fields_directive_changes_the_columns() {
        let lines = parse_all(&[
            "#Fields: tag time computer user",
            "[LOGOFF]\t2026-11-24T09:00:00.000+01:00\tPC1\tann",
        ]);
        let Line::Record(r) = &lines[1] else {
            panic!("{lines:?}")
        };
        assert_eq!((r.get(Field::Computer), r.get(Field::User)), (Some("PC1"), Some("ann")));
    }

    #[test]
    fn trailing_values_of_a_log_made_by_an_older_version_are_its_next_fields() {
        let older = parse_all(&[
            "#Fields: tag time user domain computer client session ip mac logonserver os id",
            "[LOGON.]\t2026-11-24T09:00:00.000+01:00\tann\t-\tPC1\t-\t-\t-\t-\t-\t-\t01J\t4\t10.9.9.9",
        ]);
        let Line::Record(r) = &older[1] else {
            panic!("{older:?}")
        };
        assert_eq!(
            (r.get(Field::SessionId), r.get(Field::ClientIp)),
            (Some("4"), Some("10.9.9.9"))
        );
        // Columns in another order are no older version's: extra values stay unread.
        let other = parse_all(&[
            "#Fields: tag time computer user",
            "[LOGON.]\t2026-11-24T09:00:00.000+01:00\tPC1\tann\tLYCEE",
        ]);
        let Line::Record(r) = &other[1] else {
            panic!("{other:?}")
        };
        assert_eq!(r.get(Field::Domain), None);
    }

    #[test]
    fn a_torn_record_followed_by_a_whole_one_is_repaired() {
        let merged: &'static str =
            Box::leak(format!("[LOGON.]\t2026-11-24T08:00:00.000+01:00\tjd{REC}").into_boxed_str());
        let lines = parse_all(&[merged]);
        let Line::Repaired(r) = &lines[0] else {
            panic!("{lines:?}")
        };
        assert_eq!(r.get(Field::Id), Some("01JDX"));
    }

    #[test]
    fn a_short_record_is_bad_and_says_why() {
        let lines = parse_all(&["[LOGON.]\t2026-11-24T08:00:00.000+01:00\tjd"]);
        let Line::Bad(why) = &lines[0] else { panic!("{lines:?}") };
        assert!(why.contains("cut short"), "{why}");
        assert!(matches!(&parse_all(&["garbage"])[0], Line::Bad(_)));
    }

    #[test]
    fn the_original_header_is_skipped_whatever_it_holds() {
        let lines = parse_all(&[
            "##### KoXo LOG SESSIONS #####",
            "Ordinateur : PC-B12",
            "x",
            "y",
            "z",
            "w",
            "[LOGON.] 24/11/2008 08:01:02 jdoe",
        ]);
        assert!(lines[..6].iter().all(|l| *l == Line::Skip), "{lines:?}");
        assert!(matches!(lines[6], Line::Record(_)));
    }
}
