//! A record's time: local time with its UTC offset, to the millisecond,
//! and its canonical text (the log's grammar for times is in
//! [`crate::format::time`]).

use chrono::{DateTime, FixedOffset};

/// A point in time as the log holds it.
pub type Time = DateTime<FixedOffset>;

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
