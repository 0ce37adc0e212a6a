//! A record in memory: one event read from, or about to be written to, a log,
//! and the vocabulary it is made of.
//!
//! * [`event`]: what happened, and its eight-character tag;
//! * [`field`]: the named values after the tag and the time;
//! * [`time`]: the record's time and its canonical text;
//! * [`sanitize`]: what a value may hold (made safe to write on one line).
//!
//! The log's grammar ([`crate::format`]) reads and writes records; a record
//! knows nothing of it.

pub mod event;
pub mod field;
pub mod sanitize;
pub mod time;

use event::Event;
use field::Field;
use std::borrow::Cow;
use time::Time;

/// The tag of a record whose event has none of its own ([`Event::Other`]).
pub const OTHER_TAG: &str = "[OTHER.]";

/// The named values of a record, indexed by [`Field::index`]; `None` when
/// empty.
pub type Values<'a> = [Option<Cow<'a, str>>; Field::ALL.len()];

/// One event. Values borrow from the line they were read from, or are owned
/// ([`Record::into_owned`]) when the record outlives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Record<'a> {
    /// What happened.
    pub event: Event,
    /// The eight-character tag as written (kept for unknown kinds).
    pub tag: Cow<'a, str>,
    /// When, in the local time of the computer that wrote it.
    pub time: Time,
    /// The time in its canonical text form (`2026-11-24T08:01:02.345+01:00`).
    pub time_text: Cow<'a, str>,
    /// The named values.
    pub values: Values<'a>,
    /// For a record of the original KoXo scripts: the text after the date and
    /// time, kept as it was.
    pub raw: Option<Cow<'a, str>>,
    /// Whether the tag, the time's text and every value are known to be
    /// printable ASCII without `"` or `\`, as the parser finds most lines
    /// in one look: JSON then holds them as they are, unescaped. `false`
    /// when not known.
    pub escape_free: bool,
}

impl<'a> Record<'a> {
    /// A record made from given values (`write`, `generate`, records piped in
    /// as JSON): each value made safe ([`sanitize::value`]), an empty one
    /// left out; the tag is `tag`, else the event's, else [`OTHER_TAG`].
    pub fn new(
        event: Event,
        tag: Option<&'a str>,
        time: Time,
        given: impl IntoIterator<Item = (Field, Option<&'a str>)>,
    ) -> Record<'a> {
        let mut values = Values::default();
        for (field, value) in given {
            values[field.index()] = value.and_then(sanitize::value);
        }
        Record {
            event,
            tag: Cow::Borrowed(tag.or(event.tag()).unwrap_or(OTHER_TAG)),
            time,
            time_text: Cow::Owned(time::format(&time)),
            values,
            raw: None,
            escape_free: false,
        }
    }

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

    /// The same record, owning its values.
    pub fn into_owned(self) -> Record<'static> {
        Record {
            event: self.event,
            tag: Cow::Owned(self.tag.into_owned()),
            time: self.time,
            time_text: Cow::Owned(self.time_text.into_owned()),
            values: self.values.map(|value| value.map(|v| Cow::Owned(v.into_owned()))),
            raw: self.raw.map(|raw| Cow::Owned(raw.into_owned())),
            escape_free: self.escape_free,
        }
    }
}
