//! Records written by the original KoXo LOG SESSIONS scripts: a tag, then a
//! date and a time, then free text naming the user and the computer.
//!
//! ```text
//! [LOGON.] 24/11/2008 08:01:02 jdoe PC-B12 10.0.0.5
//! [LOGOFF] 24/11/08 - 09h55 - LYCEE\jdoe - PC-B12
//! ```
//!
//! * The parts are separated by spaces, tabs, or ` - `.
//! * Dates: `dd/mm/yyyy`, `dd-mm-yyyy`, `dd.mm.yyyy`, `yyyy-mm-dd`; a year
//!   of two digits is 20xx (`24/11/08` is 2008, never year 8), one of four
//!   digits from 1000 (a year such as `-014` or `12345` could not be written
//!   back as an RFC 3339 time).
//! * Times: `H:MM:SS`, `H:MM`, `08h01`, `08h01:02`, `08h01m02`.
//! * The free text is kept whole as [`Record::raw`], and read as
//!   `[DOMAIN\]USER [sur|on|@] COMPUTER [IP]`: its first word is the user
//!   (and domain), the next the computer, then an IPv4 address if one
//!   follows. The reader names from the log's own name only the field the
//!   line leaves empty, so a user's log is that of the user its lines name.
//!
//! The time carried no offset: it is read as the local time of the machine
//! reading it.

use super::event::{Event, is_tag};
use super::header::Field;
use super::time;
use crate::record::{Record, Values};
use chrono::{NaiveDate, NaiveTime};
use std::borrow::Cow;

fn separator(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// `text` without its leading separators: spaces, tabs, and dashes standing
/// alone (` - `).
fn skip_separators(mut text: &str) -> &str {
    loop {
        text = text.trim_start_matches(separator);
        match text.strip_prefix('-') {
            Some(rest) if rest.is_empty() || rest.starts_with(separator) => text = rest,
            _ => return text,
        }
    }
}

/// The next part of `text` (up to a space or tab), and what follows it.
fn part(text: &str) -> (&str, &str) {
    let text = skip_separators(text);
    text.split_once(separator).unwrap_or((text, ""))
}

fn date(text: &str) -> Option<NaiveDate> {
    let four = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(text, f).ok())
        .filter(|d| (1000..=9999).contains(&chrono::Datelike::year(d)));
    four.or_else(|| two_digit_year(text))
}

/// `dd/mm/yy` (or with `-` or `.`): the year is 20yy.
fn two_digit_year(text: &str) -> Option<NaiveDate> {
    let mut parts = text.split(['/', '-', '.']);
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    let digits =
        |s: &str, n: std::ops::RangeInclusive<usize>| n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if parts.next().is_some() || !digits(day, 1..=2) || !digits(month, 1..=2) || !digits(year, 2..=2) {
        return None;
    }
    NaiveDate::from_ymd_opt(2000 + year.parse::<i32>().ok()?, month.parse().ok()?, day.parse().ok()?)
}

fn clock(text: &str) -> Option<NaiveTime> {
    ["%H:%M:%S", "%H:%M", "%Hh%M", "%Hh%M:%S", "%Hh%Mm%S", "%Hh%Mm%Ss"]
        .iter()
        .find_map(|f| NaiveTime::parse_from_str(text, f).ok())
}

/// The user, domain, computer and IP address the free text names.
fn names<'a>(raw: &'a str, values: &mut Values<'a>) {
    let (first, rest) = part(raw);
    if first.is_empty() {
        return;
    }
    let (domain, user) = first.split_once('\\').unwrap_or(("", first));
    let mut set = |field: Field, value: &'a str| {
        if !value.is_empty() {
            values[field.index()] = Some(Cow::Borrowed(value));
        }
    };
    set(Field::User, user);
    set(Field::Domain, domain);
    let (mut computer, mut rest) = part(rest);
    if ["sur", "on", "@"].iter().any(|w| computer.eq_ignore_ascii_case(w)) {
        (computer, rest) = part(rest);
    }
    set(Field::Computer, computer);
    let (ip, _) = part(rest);
    if ip.parse::<std::net::Ipv4Addr>().is_ok() {
        set(Field::Ip, ip);
    }
}

/// Reads a line of the original scripts, or `None` when it is not one.
pub fn parse(line: &str) -> Option<Record<'_>> {
    let tag = line.get(..8).filter(|t| is_tag(t.as_bytes()))?;
    let (day, rest) = part(&line[8..]);
    let (clock_text, rest) = part(rest);
    let time = time::local(date(day)?.and_time(clock(clock_text)?))?;
    let raw = skip_separators(rest).trim_end_matches(separator);
    let mut values = Default::default();
    names(raw, &mut values);
    Some(Record {
        event: Event::from_tag(tag),
        tag: Cow::Borrowed(tag),
        time_text: Cow::Owned(time::format(&time)),
        time,
        values,
        raw: (!raw.is_empty()).then_some(Cow::Borrowed(raw)),
        escape_free: false,
    })
}

/// Whether a line that is no record looks like one of the original scripts'
/// (a tag, then a space rather than KoXoLog's tab): its layout is unknown.
pub fn looks_legacy(line: &str) -> bool {
    line.get(..8).is_some_and(|t| is_tag(t.as_bytes())) && line[8..].starts_with(' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(record: &Record) -> String {
        record.time.format("%Y-%m-%d %H:%M:%S").to_string()
    }

    #[test]
    fn french_dates_and_free_text_are_read() {
        let record = parse("[LOGON.] 24/11/2008 08:01:02 jdoe sur PC-B12").expect("a record");
        assert_eq!(record.event, Event::Logon);
        assert_eq!(at(&record), "2008-11-24 08:01:02");
        assert_eq!(record.raw.as_deref(), Some("jdoe sur PC-B12"));
        assert_eq!(record.get(Field::User), Some("jdoe"));
        assert_eq!(record.get(Field::Computer), Some("PC-B12"));
    }

    #[test]
    fn user_domain_computer_and_address_are_fields() {
        let record = parse("[LOGOFF] 24/11/2008 09:55:40 LYCEE\\Hélène  PC1  10.0.0.5").expect("a record");
        assert_eq!(record.get(Field::User), Some("Hélène"));
        assert_eq!(record.get(Field::Domain), Some("LYCEE"));
        assert_eq!(record.get(Field::Computer), Some("PC1"));
        assert_eq!(record.get(Field::Ip), Some("10.0.0.5"));
        assert_eq!(record.raw.as_deref(), Some("LYCEE\\Hélène  PC1  10.0.0.5"));
        let alone = parse("[LOGON.] 24/11/2008 08:00").expect("a record without text");
        assert_eq!((alone.get(Field::User), alone.raw.as_deref()), (None, None));
    }

    #[test]
    fn two_digit_years_are_this_century() {
        let record = parse("[LOGON.] 24/11/15 08:01 jdoe PC1").expect("a record");
        assert_eq!(at(&record), "2015-11-24 08:01:00");
        assert_eq!(
            at(&parse("[LOGON.] 1.2.09 8:01 jdoe PC1").unwrap()),
            "2009-02-01 08:01:00"
        );
    }

    #[test]
    fn dashes_between_parts_and_hours_written_with_h_are_read() {
        let record = parse("[LOGON.] 24/11/2008 - 08:01 - jdoe - PC-B12").expect("a record");
        assert_eq!(at(&record), "2008-11-24 08:01:00");
        assert_eq!(record.get(Field::User), Some("jdoe"));
        assert_eq!(record.get(Field::Computer), Some("PC-B12"));
        assert_eq!(record.raw.as_deref(), Some("jdoe - PC-B12"));
        let record = parse("[LOGOFF] - 24/11/08 - 08h01 - jdoe - PC-B12").expect("a record");
        assert_eq!(at(&record), "2008-11-24 08:01:00");
        assert_eq!(
            at(&parse("[LOGOFF] 24/11/08 17h05m09 x y").unwrap()),
            "2008-11-24 17:05:09"
        );
    }

    #[test]
    fn lines_without_a_date_are_not_records() {
        assert!(parse("[LOGOFF] hier soir").is_none());
        // Found by fuzzing: such a year made a time no reader could read back.
        assert!(parse("[LOGON.]\t-014-11-24 \t20:2 x").is_none());
        assert!(parse("[LOGON.] 24/11/12345 08:00 x").is_none());
        assert!(parse("[LOGON.] 24/11/123 08:00 x").is_none());
        assert!(parse("[LOGON.] 32/11/08 08:00 x").is_none());
        assert!(parse("bonjour").is_none());
        assert!(looks_legacy("[LOGOFF] hier soir") && !looks_legacy("[LOGOFF]\thier"));
    }
}
