//! The durations of the sessions that logoffs closed (`export-rtf
//! --sessions`), found by the pairing rules of [`crate::pairing`] and shown
//! on each logoff's line.
//!
//! Only closed sessions are kept: one small entry each, for the whole export.

use crate::pairing::{Pairing, timespan};
use crate::record::field::Field;
use std::collections::HashMap;

/// A logoff, by computer, user (both case-insensitive) and time as written.
type Logoff = (String, String, String);

fn key(computer: Option<&str>, user: Option<&str>, time_text: &str) -> Logoff {
    let lower = |v: Option<&str>| v.unwrap_or_default().to_lowercase();
    (lower(computer), lower(user), time_text.to_owned())
}

/// The duration of each closed session, by its logoff.
#[derive(Debug, Default)]
pub struct Durations {
    by_logoff: HashMap<Logoff, String>,
}

impl Durations {
    /// Takes the closed sessions of one log's pairing.
    pub fn add(&mut self, pairing: Pairing) {
        for session in pairing.sessions() {
            if let (Some(duration), Some(logoff)) = (session.duration(), session.logoff_text()) {
                let by = &session.opened_by;
                self.by_logoff.insert(
                    key(by.get(Field::Computer), by.get(Field::User), &logoff),
                    timespan(duration),
                );
            }
        }
    }

    /// The duration of the session closed by the logoff of `user` on
    /// `computer` at `time_text`, as a `TimeSpan` text.
    pub fn of_logoff(&self, computer: &str, user: &str, time_text: &str) -> Option<&str> {
        let key = key(Some(computer), Some(user), time_text);
        self.by_logoff.get(&key).map(String::as_str)
    }
}
