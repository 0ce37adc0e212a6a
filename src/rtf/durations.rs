//! The durations of the sessions that logoffs closed (`export-rtf
//! --sessions`), found by the pairing rules of [`crate::pairing`] and shown
//! on each logoff's line.
//!
//! Only closed sessions are kept, as one small entry each (about 40
//! bytes): the computer's and the user's names in lower case are kept once
//! each and referred to by number, the logoff's time by its instant and
//! offset (its text, only when it is not the canonical text of that time),
//! and the duration in seconds. An export of logs keeps one log's at a
//! time (each log is paired, then its rows spooled with their durations);
//! an export of records piped in keeps the sessions of all of them, known
//! only once the last has come.

use crate::format::event::Event;
use crate::format::time::{self, Time};
use crate::pairing::{Pairing, timespan};
use crate::record::field::Field;
use std::collections::HashMap;

/// A logoff: its computer and user (both case-insensitive, as numbers of
/// [`Durations::names`]) and its time as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Logoff {
    computer: u32,
    user: u32,
    when: When,
}

/// A logoff's time as written: canonical text kept as the instant (in
/// milliseconds) and the offset it stands for, any other text as itself.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum When {
    Canonical { millis: i64, offset: i32 },
    Written(Box<str>),
}

impl When {
    fn of(text: &str, time: Option<Time>) -> When {
        match time.or_else(|| time::parse(text)) {
            Some(time) if time::format(&time) == text => When::Canonical {
                millis: time.timestamp_millis(),
                offset: time.offset().local_minus_utc(),
            },
            _ => When::Written(text.into()),
        }
    }
}

/// The duration of each closed session, by its logoff.
#[derive(Debug, Default)]
pub struct Durations {
    /// Computers' and users' names in lower case, each once.
    names: HashMap<Box<str>, u32>,
    /// Each closed session's duration in whole seconds, by its logoff.
    by_logoff: HashMap<Logoff, i64>,
}

impl Durations {
    /// Takes the closed sessions of one log's pairing.
    pub fn add(&mut self, pairing: Pairing) {
        for session in pairing.sessions() {
            if let (Some(duration), Some(logoff)) = (session.duration(), session.logoff_text()) {
                let by = &session.opened_by;
                let (computer, user) = (self.name(by.get(Field::Computer)), self.name(by.get(Field::User)));
                let when = When::of(&logoff, session.end);
                self.by_logoff
                    .insert(Logoff { computer, user, when }, duration.num_seconds());
            }
        }
    }

    fn name(&mut self, name: Option<&str>) -> u32 {
        let lower = name.unwrap_or_default().to_lowercase();
        let next = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        *self.names.entry(lower.into_boxed_str()).or_insert(next)
    }

    /// The duration a row shows: for a logoff (by its `tag`), that of the
    /// session it closed; `None` for any other row.
    pub fn of_row(&self, tag: &str, computer: &str, user: &str, time_text: &str) -> Option<String> {
        (Event::from_tag(tag) == Event::Logoff)
            .then(|| self.of_logoff(computer, user, time_text))
            .flatten()
    }

    /// The duration of the session closed by the logoff of `user` on
    /// `computer` at `time_text`, as a `TimeSpan` text.
    pub fn of_logoff(&self, computer: &str, user: &str, time_text: &str) -> Option<String> {
        let name = |name: &str| self.names.get(name.to_lowercase().as_str()).copied();
        let key = Logoff {
            computer: name(computer)?,
            user: name(user)?,
            when: When::of(time_text, None),
        };
        self.by_logoff
            .get(&key)
            .map(|&seconds| timespan(chrono::Duration::seconds(seconds)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::event::Event;
    use crate::record::Record;

    fn record(event: Event, time: &str, user: &'static str) -> Record<'static> {
        let given = [(Field::User, Some(user)), (Field::Computer, Some("PC1"))];
        Record::new(event, None, time::parse(time).unwrap(), given)
    }

    #[test]
    fn a_logoff_finds_the_duration_of_the_session_it_closed() {
        let mut pairing = Pairing::default();
        pairing.add(&record(Event::Logon, "2026-11-24T08:00:00.000+01:00", "Ann"));
        pairing.add(&record(Event::Logoff, "2026-11-24T09:30:05.250+01:00", "ann"));
        pairing.add(&record(Event::Logon, "2026-11-24T10:00:00.000+01:00", "bob"));
        let mut durations = Durations::default();
        durations.add(pairing);
        assert_eq!(
            durations
                .of_logoff("pc1", "ANN", "2026-11-24T09:30:05.250+01:00")
                .as_deref(),
            Some("01:30:05")
        );
        // The same instant written with another offset is another text.
        assert_eq!(durations.of_logoff("PC1", "ann", "2026-11-24T08:30:05.250+00:00"), None);
        assert_eq!(durations.of_logoff("PC1", "bob", "2026-11-24T09:30:05.250+01:00"), None);
        assert_eq!(durations.of_logoff("PC2", "ann", "2026-11-24T09:30:05.250+01:00"), None);
    }

    #[test]
    fn a_time_written_otherwise_is_kept_as_its_text() {
        assert_eq!(
            When::of("2026-11-24T09:30:05.250+01:00", None),
            When::of(
                "2026-11-24T09:30:05.250+01:00",
                time::parse("2026-11-24T09:30:05.250+01:00")
            )
        );
        assert_eq!(
            When::of("2026-11-24T09:30:05.250-00:00", None),
            When::Written("2026-11-24T09:30:05.250-00:00".into())
        );
        assert_ne!(
            When::of("2026-11-24T09:30:05.250-00:00", None),
            When::of("2026-11-24T09:30:05.250+00:00", None)
        );
    }
}
