//! Times in the log: local time with its UTC offset and milliseconds,
//! `2026-11-24T08:01:02.345+01:00`. The offset keeps a history unambiguous
//! across daylight-saving changes; comparisons use the UTC instant.

use chrono::{DateTime, FixedOffset, Local, NaiveDate, NaiveDateTime, TimeZone};

pub use crate::record::time::{Time, format};

/// The current local time with its offset, to the millisecond.
pub fn now() -> Time {
    let now = Local::now().fixed_offset();
    truncate_to_millis(now)
}

fn truncate_to_millis(time: Time) -> Time {
    let nanos = time.timestamp_subsec_nanos();
    time - chrono::Duration::nanoseconds(i64::from(nanos % 1_000_000))
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
    bytes
        .iter()
        .try_fold(0u32, |n, &b| b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0')))
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
    let naive = [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
    .or_else(|| {
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
    });
    naive.and_then(local).ok_or_else(|| {
        format!("'{text}' is not a time (use 2026-11-24, 2026-11-24 08:00, or 2026-11-24T08:00:00+01:00)")
    })
}

/// Which end of a period a time given on the command line stands for: a
/// day given alone is its first instant as a start, its last as an end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Start,
    End,
}

/// Parses a bound of a period (`--since`, `--until`): `now`, `today`,
/// `yesterday`, a duration ago (`-7d`, `-12h`, `-90min`: any humantime
/// duration after a `-`), a date (`2026-11-24`: that day's first instant
/// for a start, its last for an end), or a time as [`parse_argument`]
/// reads it. Days and times without an offset are this machine's local time.
pub fn parse_bound(text: &str, bound: Bound, now: Time) -> Result<Time, String> {
    let day = |date: NaiveDate| -> Option<Time> {
        match bound {
            Bound::Start => local(date.and_hms_opt(0, 0, 0)?),
            Bound::End => Some(local(date.succ_opt()?.and_hms_opt(0, 0, 0)?)? - chrono::Duration::milliseconds(1)),
        }
    };
    let today = now.with_timezone(&Local).date_naive();
    let named = match text.trim().to_ascii_lowercase().as_str() {
        "now" => Some(Ok(now)),
        "today" => Some(day(today).ok_or(())),
        "yesterday" => Some(today.pred_opt().and_then(day).ok_or(())),
        _ => None,
    };
    if let Some(time) = named {
        return time.map_err(|()| format!("'{text}' has no local time on this machine"));
    }
    if let Some(ago) = text.trim().strip_prefix('-') {
        let duration = humantime::parse_duration(ago.trim())
            .map_err(|e| format!("'{text}' is not a duration ago ({e}; use -7d, -12h, -90min)"))?;
        return chrono::Duration::from_std(duration)
            .ok()
            .and_then(|d| now.checked_sub_signed(d))
            .ok_or_else(|| format!("'{text}' is too long ago"));
    }
    if let Ok(date) = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
        return day(date).ok_or_else(|| format!("'{text}' has no local time on this machine"));
    }
    parse_argument(text).map_err(|_| {
        format!(
            "'{text}' is not a time: use now, today, yesterday, a duration ago (-7d, -12h), a date (2026-11-24), a local time (2026-11-24 08:00) or a time with its offset (2026-11-24T08:00:00+01:00)"
        )
    })
}

/// A local wall-clock time of this machine's time zone, with its offset.
/// In a daylight-saving gap the later reading is taken; in an overlap, the
/// earlier.
pub fn local(naive: NaiveDateTime) -> Option<Time> {
    let mapped = Local.from_local_datetime(&naive);
    mapped
        .earliest()
        .or_else(|| {
            Local
                .from_local_datetime(&(naive + chrono::Duration::hours(1)))
                .earliest()
        })
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
        assert_eq!(
            format(&parse("2026-03-29T03:00:00.000-09:30").unwrap()),
            "2026-03-29T03:00:00.000-09:30"
        );
    }

    #[test]
    fn canonical_text_is_recognised_and_other_text_is_not() {
        assert!(parse_text("2026-11-24T08:01:02.345+01:00").unwrap().1);
        assert!(!parse_text("2026-11-24T08:01:02.345Z").unwrap().1);
        assert_eq!(
            format(&parse("2026-11-24T08:01:02.3456+01:00").unwrap()),
            "2026-11-24T08:01:02.345+01:00"
        );
    }

    #[test]
    fn other_rfc3339_forms_are_accepted() {
        let time = parse("2026-11-24T07:01:02Z").expect("parses");
        assert_eq!(format(&time), "2026-11-24T07:01:02.000+00:00");
    }

    #[test]
    fn garbage_is_not_a_time() {
        for bad in [
            "",
            "2026-13-24T08:01:02.345+01:00",
            "2026-11-24T08:01:02.345+0100",
            "yesterday",
        ] {
            assert!(parse(bad).is_none(), "{bad}");
        }
        assert!(parse_argument("soon").unwrap_err().contains("'soon'"));
    }

    #[test]
    fn a_date_alone_is_its_first_instant_as_a_start_and_its_last_as_an_end() {
        let now = parse("2026-11-24T15:00:00.000+00:00").unwrap();
        let start = parse_bound("2026-11-24", Bound::Start, now).unwrap();
        let end = parse_bound("2026-11-24", Bound::End, now).unwrap();
        assert_eq!(
            end.signed_duration_since(start),
            chrono::Duration::days(1) - chrono::Duration::milliseconds(1)
        );
        assert_eq!(start.naive_local().to_string(), "2026-11-24 00:00:00");
        assert_eq!(end.naive_local().to_string(), "2026-11-24 23:59:59.999");
    }

    #[test]
    fn bounds_read_now_today_yesterday_and_durations_ago() {
        let now = parse("2026-11-24T15:00:00.000+00:00").unwrap();
        assert_eq!(parse_bound("now", Bound::End, now), Ok(now));
        assert_eq!(
            parse_bound("-7d", Bound::Start, now),
            Ok(now - chrono::Duration::days(7))
        );
        assert_eq!(
            parse_bound("-90min", Bound::Start, now),
            Ok(now - chrono::Duration::minutes(90))
        );
        let today = now.with_timezone(&Local).date_naive();
        let yesterday = parse_bound("Yesterday", Bound::Start, now).unwrap();
        assert_eq!(
            yesterday.naive_local(),
            today.pred_opt().unwrap().and_hms_opt(0, 0, 0).unwrap()
        );
        let end_of_today = parse_bound("today", Bound::End, now).unwrap();
        assert_eq!(end_of_today.with_timezone(&Local).date_naive(), today);
        assert!(end_of_today > now);
        assert_eq!(
            parse_bound("2026-11-24T08:00:00+01:00", Bound::End, now),
            Ok(parse("2026-11-24T08:00:00.000+01:00").unwrap())
        );
        assert!(
            parse_bound("-7 fortnights", Bound::Start, now)
                .unwrap_err()
                .contains("'-7 fortnights'")
        );
        assert!(
            parse_bound("soon", Bound::Start, now)
                .unwrap_err()
                .contains("'soon' is not a time")
        );
    }

    #[test]
    fn arguments_take_dates_alone() {
        let t = parse_argument("2026-11-24").unwrap();
        assert_eq!(t.format("%Y-%m-%d %H:%M").to_string(), "2026-11-24 00:00");
    }
}
