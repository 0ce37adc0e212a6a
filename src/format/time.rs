//! Times in the log: local time with its UTC offset and milliseconds,
//! `2026-11-24T08:01:02.345+01:00`. The offset keeps a history unambiguous
//! across daylight-saving changes; comparisons use the UTC instant.

use chrono::{DateTime, FixedOffset, Local, NaiveDate, NaiveDateTime, TimeZone};

/// A point in time as the log holds it.
pub type Time = DateTime<FixedOffset>;

/// The current local time with its offset, to the millisecond.
pub fn now() -> Time {
    let now = Local::now().fixed_offset();
    truncate_to_millis(now)
}

fn truncate_to_millis(time: Time) -> Time {
    let nanos = time.timestamp_subsec_nanos();
    time - chrono::Duration::nanoseconds(i64::from(nanos % 1_000_000))
}

/// The canonical text of a time: `YYYY-MM-DDTHH:MM:SS.mmm+HH:MM`. Written
/// by hand: it is on the path of every record read or written.
pub fn format(time: &Time) -> String {
    use chrono::{Datelike, Timelike};
    let offset = time.offset().local_minus_utc();
    let (sign, offset) = if offset < 0 { ('-', -offset) } else { ('+', offset) };
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}{sign}{:02}:{:02}",
        time.year(),
        time.month(),
        time.day(),
        time.hour(),
        time.minute(),
        time.second(),
        time.nanosecond() / 1_000_000 % 1000,
        offset / 3600,
        offset / 60 % 60
    )
}

/// Parses a time as written in the log. The canonical form is read by a
/// fast path; any other RFC 3339 time is accepted too.
pub fn parse(text: &str) -> Option<Time> {
    parse_text(text).map(|(time, _)| time)
}

/// Parses a time, and says whether its text already is the canonical form.
pub fn parse_text(text: &str) -> Option<(Time, bool)> {
    match parse_canonical(text.as_bytes()) {
        Some(time) => Some((time, true)),
        None => DateTime::parse_from_rfc3339(text).ok().map(|time| (time, false)),
    }
}

fn digits(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

fn parse_canonical(b: &[u8]) -> Option<Time> {
    if b.len() != 29
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
        || b[19] != b'.'
        || b[26] != b':'
    {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(digits(&b[0..4])? as i32, digits(&b[5..7])?, digits(&b[8..10])?)?;
    let time = date.and_hms_milli_opt(
        digits(&b[11..13])?,
        digits(&b[14..16])?,
        digits(&b[17..19])?,
        digits(&b[20..23])?,
    )?;
    let sign = match b[23] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let offset = sign * (digits(&b[24..26])? * 3600 + digits(&b[27..29])? * 60) as i32;
    FixedOffset::east_opt(offset)?.from_local_datetime(&time).single()
}

/// Parses a time given on the command line: RFC 3339, or a local
/// `YYYY-MM-DD`, `YYYY-MM-DD HH:MM` or `YYYY-MM-DDTHH:MM:SS` (the offset of
/// this machine's time zone at that date is used).
pub fn parse_argument(text: &str) -> Result<Time, String> {
    if let Some(time) = parse(text) {
        return Ok(time);
    }
    let naive = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        .or_else(|| {
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        });
    naive
        .and_then(local)
        .ok_or_else(|| format!("'{text}' is not a time (use 2026-11-24, 2026-11-24 08:00, or 2026-11-24T08:00:00+01:00)"))
}

/// A local wall-clock time of this machine's time zone, with its offset.
/// In a daylight-saving gap the later reading is taken; in an overlap, the
/// earlier.
pub fn local(naive: NaiveDateTime) -> Option<Time> {
    let mapped = Local.from_local_datetime(&naive);
    mapped
        .earliest()
        .or_else(|| Local.from_local_datetime(&(naive + chrono::Duration::hours(1))).earliest())
        .map(|t| t.fixed_offset())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_times_round_trip() {
        let text = "2026-11-24T08:01:02.345+01:00";
        let time = parse(text).expect("parses");
        assert_eq!(format(&time), text);
        assert_eq!(format(&parse("2026-03-29T03:00:00.000-09:30").unwrap()), "2026-03-29T03:00:00.000-09:30");
    }

    #[test]
    fn canonical_text_is_recognised_and_other_text_is_not() {
        assert!(parse_text("2026-11-24T08:01:02.345+01:00").unwrap().1);
        assert!(!parse_text("2026-11-24T08:01:02.345Z").unwrap().1);
        assert_eq!(format(&parse("2026-11-24T08:01:02.3456+01:00").unwrap()), "2026-11-24T08:01:02.345+01:00");
    }

    #[test]
    fn other_rfc3339_forms_are_accepted() {
        let time = parse("2026-11-24T07:01:02Z").expect("parses");
        assert_eq!(format(&time), "2026-11-24T07:01:02.000+00:00");
    }

    #[test]
    fn garbage_is_not_a_time() {
        for bad in ["", "2026-13-24T08:01:02.345+01:00", "2026-11-24T08:01:02.345+0100", "yesterday"] {
            assert!(parse(bad).is_none(), "{bad}");
        }
        assert!(parse_argument("soon").unwrap_err().contains("'soon'"));
    }

    #[test]
    fn arguments_take_dates_alone() {
        let t = parse_argument("2026-11-24").unwrap();
        assert_eq!(t.format("%Y-%m-%d %H:%M").to_string(), "2026-11-24 00:00");
    }
}
