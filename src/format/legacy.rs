//! Records written by the original KoXo LOG SESSIONS scripts: a tag, then a
//! date and a time separated by spaces or tabs, then free text.
//!
//! ```text
//! [LOGON.] 24/11/2008 08:01:02 jdoe PC-B12 ...
//! ```
//!
//! Accepted dates: `dd/mm/yyyy`, `dd-mm-yyyy`, `dd.mm.yyyy`, `yyyy-mm-dd`,
//! the year of four digits (a year such as `-014` or `12345` could not be
//! written back as an RFC 3339 time); times `H:MM:SS` or `H:MM`. The time carried no offset: it is read as the
//! local time of the machine reading it. The rest of the line is kept as
//! [`Record::raw`]; the reader names the computer, user or thin client from
//! the log's own name.

use super::event::{Event, is_tag};
use super::time;
use crate::record::Record;
use chrono::{NaiveDate, NaiveTime};
use std::borrow::Cow;

fn separator(c: char) -> bool {
    c == ' ' || c == '\t'
}

fn date(text: &str) -> Option<NaiveDate> {
    ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(text, f).ok())
        .filter(|d| (1000..=9999).contains(&chrono::Datelike::year(d)))
}

fn clock(text: &str) -> Option<NaiveTime> {
    ["%H:%M:%S", "%H:%M"]
        .iter()
        .find_map(|f| NaiveTime::parse_from_str(text, f).ok())
}

/// Reads a line of the original scripts, or `None` when it is not one.
pub fn parse(line: &str) -> Option<Record<'_>> {
    let tag = line.get(..8).filter(|t| is_tag(t.as_bytes()))?;
    let rest = line[8..].trim_start_matches(separator);
    let (day, rest) = rest.split_once(separator)?;
    let rest = rest.trim_start_matches(separator);
    let (clock_text, raw) = rest.split_once(separator).unwrap_or((rest, ""));
    let time = time::local(date(day)?.and_time(clock(clock_text)?))?;
    let raw = raw.trim_matches(separator);
    Some(Record {
        event: Event::from_tag(tag),
        tag: Cow::Borrowed(tag),
        time_text: Cow::Owned(time::format(&time)),
        time,
        values: Default::default(),
        raw: (!raw.is_empty()).then_some(Cow::Borrowed(raw)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_dates_and_free_text_are_read() {
        let record = parse("[LOGON.] 24/11/2008 08:01:02 jdoe sur PC-B12").expect("a record");
        assert_eq!(record.event, Event::Logon);
        assert_eq!(
            record.time.format("%Y-%m-%d %H:%M:%S").to_string(),
            "2008-11-24 08:01:02"
        );
        assert_eq!(record.raw.as_deref(), Some("jdoe sur PC-B12"));
    }

    #[test]
    fn lines_without_a_date_are_not_records() {
        assert!(parse("[LOGOFF] hier soir").is_none());
        // Found by fuzzing: such a year made a time no reader could read back.
        assert!(parse("[LOGON.]\t-014-11-24 \t20:2 x").is_none());
        assert!(parse("[LOGON.] 24/11/12345 08:00 x").is_none());
        assert!(parse("bonjour").is_none());
    }
}
