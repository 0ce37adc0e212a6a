//! A record's time: local time with its UTC offset, to the millisecond,
//! and its canonical text (the log's grammar for times is in
//! [`crate::format::time`]).

use chrono::{DateTime, FixedOffset};

/// A point in time as the log holds it.
pub type Time = DateTime<FixedOffset>;

/// The canonical text of a time: `YYYY-MM-DDTHH:MM:SS.mmm+HH:MM`. Written
/// by hand, digit by digit: it is on the path of every record written and
/// of every session printed.
pub fn format(time: &Time) -> String {
    use chrono::{Datelike, Timelike};
    let offset = time.offset().local_minus_utc();
    let (sign, offset) = if offset < 0 { (b'-', -offset) } else { (b'+', offset) };
    // The local fields, worked out once (each of chrono's getters would
    // add the offset again).
    let local = time.naive_local();
    let Ok(year @ 0..=9999) = u32::try_from(local.year()) else {
        return beyond_four_digits(time);
    };
    let mut text = *b"0000-00-00T00:00:00.000+00:00";
    let mut put = |at: usize, width: usize, mut value: u32| {
        for digit in text[at..at + width].iter_mut().rev() {
            *digit = b'0' + (value % 10) as u8;
            value /= 10;
        }
    };
    put(0, 4, year);
    put(5, 2, local.month());
    put(8, 2, local.day());
    put(11, 2, local.hour());
    put(14, 2, local.minute());
    put(17, 2, local.second());
    put(20, 3, local.nanosecond() / 1_000_000 % 1000);
    put(24, 2, offset.unsigned_abs() / 3600);
    put(27, 2, offset.unsigned_abs() / 60 % 60);
    text[23] = sign;
    // Digits and separators: ASCII, so always UTF-8.
    String::from_utf8(text.to_vec()).unwrap_or_default()
}

/// A year before 0 or after 9999 (never written, but read from hostile
/// logs): the same fields, the year as long as it is.
fn beyond_four_digits(time: &Time) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{FixedOffset, TimeZone};

    #[test]
    fn the_canonical_text_is_written_digit_by_digit() {
        let at = |year, offset| {
            FixedOffset::east_opt(offset)
                .unwrap()
                .with_ymd_and_hms(year, 11, 24, 8, 1, 2)
                .unwrap()
                + chrono::Duration::milliseconds(45)
        };
        assert_eq!(format(&at(2026, 3600)), "2026-11-24T08:01:02.045+01:00");
        assert_eq!(format(&at(7, -(5 * 3600 + 30 * 60))), "0007-11-24T08:01:02.045-05:30");
        assert_eq!(format(&at(-1, 0)), "-001-11-24T08:01:02.045+00:00");
        assert_eq!(format(&at(12_026, 45 * 60)), "12026-11-24T08:01:02.045+00:45");
    }
}
