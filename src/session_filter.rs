//! Which paired sessions `sessions` shows: chosen after pairing, so that a
//! session has the same state whichever log or name selected it.
//!
//! A session covers the time from its logon to its end (its logoff, or the
//! record that proved it over); an `Open` session covers every time after
//! its logon; an `Orphan` is known only at its logoff. `--since`/`--until`
//! keep the sessions that cover some of the period.

use crate::filter::Pattern;
use crate::format::time::Time;
use crate::pairing::{Session, State};
use crate::record::field::Field;
use crate::store::{Branch, names};

/// The log a session must belong to: the user's or a thin client's log,
/// by its branch and file name (what a path given on the command line
/// names).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InLog {
    pub branch: Branch,
    /// The log's file name without its extension.
    pub stem: String,
}

/// The settings of a session query, from the command line.
#[derive(Debug, Clone)]
pub struct SessionFilter {
    pub user: Option<Pattern>,
    pub computer: Option<Pattern>,
    /// Matches any thin client the session was used from.
    pub client: Option<Pattern>,
    /// One of the addresses at logon.
    pub ip: Option<String>,
    pub since: Option<Time>,
    pub until: Option<Time>,
    /// The states kept; empty keeps every state.
    pub states: Vec<State>,
    /// Only `Closed` sessions at least / at most this long.
    pub min_duration: Option<chrono::Duration>,
    pub max_duration: Option<chrono::Duration>,
    /// `Open` sessions opened longer ago than this (before `now`) are left out.
    pub max_age: Option<chrono::Duration>,
    pub now: Time,
    /// Sessions of this log only.
    pub in_log: Option<InLog>,
}

impl SessionFilter {
    /// A filter that keeps every session.
    pub fn all(now: Time) -> SessionFilter {
        SessionFilter {
            user: None,
            computer: None,
            client: None,
            ip: None,
            since: None,
            until: None,
            states: Vec::new(),
            min_duration: None,
            max_duration: None,
            max_age: None,
            now,
            in_log: None,
        }
    }

    /// Whether the session passes every setting.
    pub fn keeps(&self, session: &Session) -> bool {
        let by = &session.opened_by;
        let name = |pattern: &Option<Pattern>, value: Option<&str>| {
            pattern.as_ref().is_none_or(|p| value.is_some_and(|v| p.matches(v)))
        };
        let duration = session.duration();
        name(&self.user, by.get(Field::User))
            && name(&self.computer, by.get(Field::Computer))
            && self
                .client
                .as_ref()
                .is_none_or(|p| session.clients().any(|c| p.matches(c)))
            && self.ip.as_ref().is_none_or(|ip| by.ips().any(|a| a == ip))
            && self.overlaps(session)
            && (self.states.is_empty() || self.states.contains(&session.state))
            && self.min_duration.is_none_or(|min| duration.is_some_and(|d| d >= min))
            && self.max_duration.is_none_or(|max| duration.is_some_and(|d| d <= max))
            && self.max_age.is_none_or(|age| {
                session.state != State::Open
                    || session
                        .logon()
                        .is_some_and(|on| self.now.signed_duration_since(on) <= age)
            })
            && self.in_log.as_ref().is_none_or(|log| belongs(session, log))
    }

    /// Whether the session covers some of `--since`..`--until`.
    fn overlaps(&self, session: &Session) -> bool {
        let (from, to) = match session.state {
            State::Orphan => (session.end, session.end),
            _ => (session.logon(), session.end),
        };
        self.until.is_none_or(|until| from.is_some_and(|f| f <= until))
            && self.since.is_none_or(|since| to.is_none_or(|t| t >= since))
    }
}

fn belongs(session: &Session, log: &InLog) -> bool {
    let is = |name: &str| names::file_stem(name).eq_ignore_ascii_case(&log.stem);
    match log.branch {
        Branch::Users => session.opened_by.get(Field::User).is_some_and(is),
        Branch::ThinClients => session.clients().any(is),
        Branch::Computers => session.opened_by.get(Field::Computer).is_some_and(is),
    }
}
