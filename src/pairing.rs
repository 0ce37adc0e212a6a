//! Logons paired with logoffs into sessions. The rules are written down in
//! `docs/SESSIONS.md`; in short:
//!
//! 1. The records of a log are put in clock order (by UTC instant; records
//!    at the same instant keep their file order), so records delivered late
//!    from a spool, and daylight-saving changes, pair as they happened.
//! 2. A record id seen twice is counted once.
//! 3. A session is a user on a computer: a logoff closes the open session of
//!    the same user on the same computer (an RDS server holds many at once).
//! 4. A later logon of the same user on the same computer, a console logon
//!    of another user on the same computer's console, or a startup or
//!    shutdown of the computer ends the open session as `Unterminated`: its
//!    logoff never came.
//! 5. A logoff with no open session is an `Orphan`.
//! 6. A session still open at the end of the log is `Open`.

use crate::format::event::Event;
use crate::format::header::Field;
use crate::format::time::Time;
use crate::record::Record;
use std::collections::{HashMap, HashSet};

/// The state of a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Closed,
    Open,
    Unterminated,
    Orphan,
}

impl State {
    pub fn name(self) -> &'static str {
        match self {
            State::Closed => "Closed",
            State::Open => "Open",
            State::Unterminated => "Unterminated",
            State::Orphan => "Orphan",
        }
    }
}

/// What pairing keeps of a record.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub event: Event,
    pub time: Time,
    pub time_text: String,
    pub user: Option<String>,
    pub domain: Option<String>,
    pub computer: Option<String>,
    pub client: Option<String>,
    pub session: Option<String>,
    pub ip: Option<String>,
    pub id: Option<String>,
}

/// A paired session.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// The logon (or, for an `Orphan`, the logoff) that the session's
    /// user, computer, client and addresses come from.
    pub opened_by: Entry,
    pub logon: Option<Time>,
    pub logoff: Option<Time>,
    pub logoff_text: Option<String>,
    pub state: State,
}

impl Session {
    /// The session's length, when it was closed.
    pub fn duration(&self) -> Option<chrono::Duration> {
        match (self.state, self.logon, self.logoff) {
            (State::Closed, Some(on), Some(off)) => Some(off.signed_duration_since(on)),
            _ => None,
        }
    }
}

fn key_part(value: &Option<String>) -> String {
    value.as_deref().unwrap_or_default().to_lowercase()
}

fn is_console(event: &Entry) -> bool {
    event.session.as_deref().is_some_and(|s| s.eq_ignore_ascii_case("console"))
}

/// Collects the records of one log for pairing.
#[derive(Debug, Default)]
pub struct Pairing {
    events: Vec<Entry>,
    ids: HashSet<String>,
}

impl Pairing {
    /// Takes a record; records that do not open or close sessions, and
    /// records whose id was already taken, are left out.
    pub fn add(&mut self, record: &Record) {
        if !matches!(record.event, Event::Logon | Event::Logoff | Event::Startup | Event::Shutdown) {
            return;
        }
        if let Some(id) = record.get(Field::Id)
            && !self.ids.insert(id.to_owned())
        {
            return;
        }
        let owned = |field| record.get(field).map(str::to_owned);
        self.events.push(Entry {
            event: record.event,
            time: record.time,
            time_text: record.time_text.to_string(),
            user: owned(Field::User),
            domain: owned(Field::Domain),
            computer: owned(Field::Computer),
            client: owned(Field::Client),
            session: owned(Field::Session),
            ip: owned(Field::Ip),
            id: owned(Field::Id),
        });
    }

    /// Pairs what was taken; sessions come out in logon order.
    pub fn sessions(mut self) -> Vec<Session> {
        // A stable sort: equal instants keep their order in the file.
        self.events.sort_by_key(|e| e.time);
        let mut open: HashMap<(String, String), Entry> = HashMap::new();
        let mut sessions = Vec::new();
        let end = |sessions: &mut Vec<Session>, logon: Entry, state| {
            sessions.push(Session { logon: Some(logon.time), logoff: None, logoff_text: None, opened_by: logon, state });
        };
        for event in self.events {
            let computer = key_part(&event.computer);
            match event.event {
                Event::Logon => {
                    let key = (computer.clone(), key_part(&event.user));
                    if let Some(previous) = open.remove(&key) {
                        end(&mut sessions, previous, State::Unterminated);
                    }
                    if is_console(&event) {
                        let ended: Vec<_> = open
                            .iter()
                            .filter(|((c, _), e)| *c == computer && is_console(e))
                            .map(|(k, _)| k.clone())
                            .collect();
                        for key in ended {
                            if let Some(previous) = open.remove(&key) {
                                end(&mut sessions, previous, State::Unterminated);
                            }
                        }
                    }
                    open.insert(key, event);
                }
                Event::Logoff => {
                    let key = (computer, key_part(&event.user));
                    let logoff = Some(event.time);
                    let logoff_text = Some(event.time_text.clone());
                    sessions.push(match open.remove(&key) {
                        Some(logon) => Session { logon: Some(logon.time), opened_by: logon, logoff, logoff_text, state: State::Closed },
                        None => Session { logon: None, opened_by: event, logoff, logoff_text, state: State::Orphan },
                    });
                }
                _ => {
                    let ended: Vec<_> = open.keys().filter(|(c, _)| *c == computer).cloned().collect();
                    for key in ended {
                        if let Some(previous) = open.remove(&key) {
                            end(&mut sessions, previous, State::Unterminated);
                        }
                    }
                }
            }
        }
        for (_, logon) in open {
            end(&mut sessions, logon, State::Open);
        }
        sessions.sort_by_key(|s| s.logon.or(s.logoff));
        sessions
    }
}
