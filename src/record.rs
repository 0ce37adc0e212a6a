//! A record in memory: one event read from, or about to be written to, a log.

use crate::format::event::Event;
use crate::format::header::Field;
use crate::format::time::Time;
use std::borrow::Cow;

/// One event. Values borrow from the line they were read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Record<'a> {
    /// What happened.
    pub event: Event,
    /// The eight-character tag as written (kept for unknown kinds).
    pub tag: &'a str,
    /// When, in the local time of the computer that wrote it.
    pub time: Time,
    /// The time in its canonical text form (`2026-11-24T08:01:02.345+01:00`).
    pub time_text: Cow<'a, str>,
    /// The named values, indexed by [`Field::index`]; `None` when empty.
    pub values: [Option<Cow<'a, str>>; Field::ALL.len()],
    /// For a record of the original KoXo scripts: the text after the date and
    /// time, kept as it was.
    pub raw: Option<&'a str>,
}

impl<'a> Record<'a> {
    /// The value of a field, if any.
    pub fn get(&self, field: Field) -> Option<&str> {
        self.values[field.index()].as_deref()
    }

    /// The IP addresses, one by one (the field holds them comma-separated).
    pub fn ips(&self) -> impl Iterator<Item = &str> {
        self.get(Field::Ip)
            .into_iter()
            .flat_map(|ips| ips.split(',').map(str::trim).filter(|s| !s.is_empty()))
    }
}
