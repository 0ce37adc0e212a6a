//! Logons paired with logoffs into sessions, on a computer's own event
//! stream. The rules are written down in `docs/SESSIONS.md`; in short:
//!
//! 1. The records of a computer's log are put in clock order (by UTC
//!    instant; records at the same instant keep their file order), so
//!    records delivered late from a spool, and daylight-saving changes, pair
//!    as they happened. A record id seen twice is counted once.
//! 2. A session is a user's Windows session on a computer: a logoff closes
//!    the open session with the same computer, user and session id; when
//!    either side has no session id (logs written before it was recorded),
//!    the open session of that user on that computer (of the same session
//!    name first, else the latest).
//! 3. An open session is proved over, and ends as `Unterminated` at the
//!    record that proves it, by a logon with its session id (Windows reuses
//!    an id only once its session is gone), a later logon of the same user
//!    when ids are missing, a console logon while it was on the console
//!    (`NextLogon` for the same user, `ConsoleTakeover` for another), or a
//!    startup or shutdown of the computer.
//! 4. A logoff with no open session is an `Orphan`: its end is the logoff,
//!    its start unknown.
//! 5. A reconnect keeps the session; from another thin client it moves the
//!    session to that client.
//! 6. A session still open at the end of the log is `Open`.
//!
//! Pairing sees whole computer logs: which sessions are shown (a user's, a
//! thin client's, a period's) is decided afterwards, by
//! [`crate::session_filter`], so every selection gives a session the same
//! state.

use crate::format::event::Event;
use crate::format::header::Field;
use crate::format::time::Time;
use crate::record::Record;
use std::collections::HashSet;

/// The state of a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum State {
    /// Its logon and its logoff are in the log.
    Closed,
    /// Nothing in the log says it is over: the user is logged on now.
    Open,
    /// Its logoff never came; a later record proved it over.
    Unterminated,
    /// A logoff whose logon is not in the log.
    Orphan,
}

impl State {
    /// Every state, in the order they are documented.
    pub const ALL: [State; 4] = [State::Closed, State::Open, State::Unterminated, State::Orphan];

    pub fn name(self) -> &'static str {
        match self {
            State::Closed => "Closed",
            State::Open => "Open",
            State::Unterminated => "Unterminated",
            State::Orphan => "Orphan",
        }
    }

    /// The state of that name (case-insensitive).
    pub fn from_name(name: &str) -> Option<State> {
        State::ALL.into_iter().find(|s| s.name().eq_ignore_ascii_case(name))
    }
}

/// The record that ended a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EndReason {
    /// Its own logoff (`Closed`, `Orphan`).
    Logoff,
    /// A later logon of the same user there, or a logon that took its
    /// session id.
    NextLogon,
    /// Another user's logon on the same console.
    ConsoleTakeover,
    /// The computer started up.
    Startup,
    /// The computer shut down.
    Shutdown,
}

impl EndReason {
    pub fn name(self) -> &'static str {
        match self {
            EndReason::Logoff => "Logoff",
            EndReason::NextLogon => "NextLogon",
            EndReason::ConsoleTakeover => "ConsoleTakeover",
            EndReason::Startup => "Startup",
            EndReason::Shutdown => "Shutdown",
        }
    }
}

/// What pairing keeps of a record: the record itself, owned.
pub type Entry = Record<'static>;

/// A paired session.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// The logon (or, for an `Orphan`, the logoff) that the session's
    /// user, computer, session and addresses come from.
    pub opened_by: Entry,
    pub logon: Option<Time>,
    /// When it ended: its logoff, or the record that proved it over;
    /// `None` while `Open`.
    pub end: Option<Time>,
    pub end_text: Option<String>,
    pub end_reason: Option<EndReason>,
    /// The thin client it was last used from (a reconnect from another
    /// client moves it there).
    pub client: Option<String>,
    /// Every thin client it was used from, first to last, each once.
    pub clients: Vec<String>,
    pub state: State,
}

impl Session {
    /// The session's length, when it was closed.
    pub fn duration(&self) -> Option<chrono::Duration> {
        match (self.state, self.logon, self.end) {
            (State::Closed, Some(on), Some(off)) => Some(off.signed_duration_since(on)),
            _ => None,
        }
    }

    /// Its logoff's time, for `Closed` and `Orphan` sessions.
    pub fn logoff_text(&self) -> Option<&str> {
        self.end_text
            .as_deref()
            .filter(|_| self.end_reason == Some(EndReason::Logoff))
    }

    /// The instant it is sorted by: its logon, or the logoff of an `Orphan`.
    pub fn start(&self) -> Option<Time> {
        self.logon.or(self.end)
    }
}

/// A duration as .NET's `TimeSpan` writes it: `hh:mm:ss`, `d.hh:mm:ss`.
pub fn timespan(duration: chrono::Duration) -> String {
    let sign = if duration < chrono::Duration::zero() { "-" } else { "" };
    let total = duration.num_seconds().unsigned_abs();
    let (days, hours, minutes, seconds) = (total / 86_400, total / 3600 % 24, total / 60 % 60, total % 60);
    if days > 0 {
        format!("{sign}{days}.{hours:02}:{minutes:02}:{seconds:02}")
    } else {
        format!("{sign}{hours:02}:{minutes:02}:{seconds:02}")
    }
}

fn same(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.to_lowercase() == b.to_lowercase(),
        (None, None) => true,
        _ => false,
    }
}

fn is_console(event: &Entry) -> bool {
    event
        .get(Field::Session)
        .is_some_and(|s| s.eq_ignore_ascii_case("console"))
}

/// Collects the records of one computer's log for pairing.
#[derive(Debug, Default)]
pub struct Pairing {
    events: Vec<Entry>,
    ids: HashSet<String>,
}

impl Pairing {
    /// Takes a record; records that do not start, end or move sessions, and
    /// records whose id was already taken, are left out.
    pub fn add(&mut self, record: &Record) {
        if !matches!(
            record.event,
            Event::Logon | Event::Logoff | Event::Startup | Event::Shutdown | Event::Reconnect
        ) {
            return;
        }
        if let Some(id) = record.get(Field::Id)
            && !self.ids.insert(id.to_owned())
        {
            return;
        }
        self.events.push(record.clone().into_owned());
    }

    /// Pairs what was taken; sessions come out in order of their start
    /// (logon, or logoff for an `Orphan`).
    pub fn sessions(mut self) -> Vec<Session> {
        // A stable sort: equal instants keep their order in the file.
        self.events.sort_by_key(|e| e.time);
        let mut open: Vec<Session> = Vec::new();
        let mut sessions = Vec::new();
        for event in self.events {
            match event.event {
                Event::Logon => {
                    let mut index = 0;
                    while index < open.len() {
                        match proves_over(&open[index].opened_by, &event) {
                            Some(reason) => sessions.push(end(open.remove(index), &event, reason)),
                            None => index += 1,
                        }
                    }
                    open.push(start(event));
                }
                Event::Logoff => match find(&open, &event) {
                    Some(index) => {
                        let mut session = open.remove(index);
                        move_to(&mut session, event.get(Field::Client));
                        sessions.push(end(session, &event, EndReason::Logoff));
                    }
                    None => sessions.push(orphan(event)),
                },
                Event::Reconnect => {
                    if let Some(index) = find(&open, &event) {
                        move_to(&mut open[index], event.get(Field::Client));
                    }
                }
                _ => {
                    let reason = if event.event == Event::Startup {
                        EndReason::Startup
                    } else {
                        EndReason::Shutdown
                    };
                    let (ended, kept) = open
                        .into_iter()
                        .partition(|s| same(s.opened_by.get(Field::Computer), event.get(Field::Computer)));
                    open = kept;
                    sessions.extend(ended.into_iter().map(|s| end(s, &event, reason)));
                }
            }
        }
        sessions.extend(open);
        sessions.sort_by_key(Session::start);
        sessions
    }
}

/// Why a logon proves an open session of the same log over, if it does.
fn proves_over(logon: &Entry, next: &Entry) -> Option<EndReason> {
    if !same(logon.get(Field::Computer), next.get(Field::Computer)) {
        return None;
    }
    let same_user = same(logon.get(Field::User), next.get(Field::User));
    match (logon.get(Field::SessionId), next.get(Field::SessionId)) {
        // Windows gives a session id to one session at a time.
        (Some(a), Some(b)) if a == b => return Some(EndReason::NextLogon),
        (None, _) | (_, None) if same_user => return Some(EndReason::NextLogon),
        _ => {}
    }
    (is_console(logon) && is_console(next)).then_some(if same_user {
        EndReason::NextLogon
    } else {
        EndReason::ConsoleTakeover
    })
}

/// The open session a logoff or a reconnect belongs to: the one with its
/// computer, user and session id; failing ids, that user's there, of the
/// same session name first, else the latest.
fn find(open: &[Session], event: &Entry) -> Option<usize> {
    let mine = |s: &Session| {
        same(s.opened_by.get(Field::Computer), event.get(Field::Computer))
            && same(s.opened_by.get(Field::User), event.get(Field::User))
    };
    if event.get(Field::SessionId).is_some()
        && let Some(index) = open
            .iter()
            .position(|s| mine(s) && s.opened_by.get(Field::SessionId) == event.get(Field::SessionId))
    {
        return Some(index);
    }
    let candidates = || {
        open.iter().enumerate().filter(|(_, s)| {
            mine(s) && (s.opened_by.get(Field::SessionId).is_none() || event.get(Field::SessionId).is_none())
        })
    };
    candidates()
        .rev()
        .find(|(_, s)| same(s.opened_by.get(Field::Session), event.get(Field::Session)))
        .or_else(|| candidates().next_back())
        .map(|(index, _)| index)
}

fn start(logon: Entry) -> Session {
    let client = logon.get(Field::Client).map(str::to_owned);
    let clients = client.iter().cloned().collect();
    Session {
        logon: Some(logon.time),
        end: None,
        end_text: None,
        end_reason: None,
        client,
        clients,
        opened_by: logon,
        state: State::Open,
    }
}

fn end(mut session: Session, by: &Entry, reason: EndReason) -> Session {
    session.end = Some(by.time);
    session.end_text = Some(by.time_text.to_string());
    session.end_reason = Some(reason);
    session.state = if reason == EndReason::Logoff {
        State::Closed
    } else {
        State::Unterminated
    };
    session
}

fn orphan(logoff: Entry) -> Session {
    let mut session = start(logoff);
    session.logon = None;
    let by = session.opened_by.clone();
    let mut session = end(session, &by, EndReason::Logoff);
    session.state = State::Orphan;
    session
}

/// A session used from `client` (a reconnect, a logoff): that is its client now.
fn move_to(session: &mut Session, client: Option<&str>) {
    if let Some(client) = client {
        if !session.clients.iter().any(|c| c.eq_ignore_ascii_case(client)) {
            session.clients.push(client.to_owned());
        }
        session.client = Some(client.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_timespans() {
        assert_eq!(timespan(chrono::Duration::seconds(6878)), "01:54:38");
        assert_eq!(timespan(chrono::Duration::seconds(90_061)), "1.01:01:01");
        assert_eq!(timespan(chrono::Duration::seconds(-5)), "-00:00:05");
    }
}
