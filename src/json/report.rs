//! `KoXoLog.Report`: the figures of a selection and period, as `report`
//! prints them (one object, on one line), and the page `--html FILE` draws
//! from the same object.
//!
//! A session counts once, on the day and hour it started: its logon, or the
//! logoff of an `Orphan` (whose logon is not in the log). The period
//! (`--since`/`--until`) keeps the sessions that started in it. Days and
//! hours are the writer's local time (the offset each record carries).
//!
//! | key | type | what |
//! |-----|------|------|
//! | `Since`, `Until` | time | the period asked for; `null` when open-ended |
//! | `First`, `Last` | time | the first and the last session start counted |
//! | `Sessions` | number | sessions counted |
//! | `Closed`, `Open`, `Unterminated`, `Orphan` | number | of them, in each state |
//! | `Users`, `Computers` | number | distinct users and computers among them |
//! | `Days` | [`ReportDay`] array | each day with a session, in order |
//! | `Hours` | [`ReportHour`] array | the 24 hours of the day, 0 to 23 |
//! | `BusiestComputers` | [`ReportComputer`] array | the `--top` computers with the most sessions |
//! | `Rooms` | [`ReportRoom`] array | every room, most sessions first |
//! | `UserComputers` | [`ReportUser`] array | every user, by name, with the computers used |
//! | `LongestSessions` | `KoXoLog.Session` array | the `--top` longest `Closed` sessions |
//! | `NeverClosed` | number | sessions without a logoff (`Open` or `Unterminated`) |
//! | `NeverClosedSessions` | `KoXoLog.Session` array | the `--top` latest of them |
//! | `Html` | string | the page written by `--html`; `null` without it |
//!
//! A room is what the generator and schools name it: the part of a
//! computer's name before its last `-` (`A01` for `A01-PC05`); a computer
//! whose name has no `-` (an RDS server) is in no room
//! (see [`crate::report::room`]).

use super::session::SessionJson;
use serde::Serialize;

/// The report.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ReportJson {
    /// The start of the period asked for (`--since`); `null` without it.
    pub since: Option<String>,
    /// The end of the period asked for (`--until`); `null` without it.
    pub until: Option<String>,
    /// The first session start counted; `null` when none was.
    pub first: Option<String>,
    /// The last session start counted.
    pub last: Option<String>,
    /// The sessions counted.
    pub sessions: u64,
    /// Of them, `Closed` (logon and logoff in the log).
    pub closed: u64,
    /// Of them, `Open` (nothing says they are over).
    pub open: u64,
    /// Of them, `Unterminated` (a later record proved them over).
    pub unterminated: u64,
    /// Of them, `Orphan` (a logoff whose logon is not in the log).
    pub orphan: u64,
    /// Distinct users (case-insensitive) among them.
    pub users: u64,
    /// Distinct computers (case-insensitive) among them.
    pub computers: u64,
    /// Each day with a session, in order.
    pub days: Vec<ReportDay>,
    /// The hours of the day, 0 to 23, each with its logons.
    pub hours: Vec<ReportHour>,
    /// The computers with the most sessions, most first (`--top` of them).
    pub busiest_computers: Vec<ReportComputer>,
    /// Every room, most sessions first.
    pub rooms: Vec<ReportRoom>,
    /// Every user, by name, with the computers they used.
    pub user_computers: Vec<ReportUser>,
    /// The longest `Closed` sessions, longest first (`--top` of them).
    pub longest_sessions: Vec<SessionJson<'static>>,
    /// How many sessions never got their logoff (`Open` or `Unterminated`).
    pub never_closed: u64,
    /// The latest of them, latest first (`--top` of them).
    pub never_closed_sessions: Vec<SessionJson<'static>>,
    /// The HTML page written (`--html FILE`); `null` without it.
    pub html: Option<String>,
}

/// One day.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ReportDay {
    /// The day, `yyyy-mm-dd`, in the writer's local time.
    pub date: String,
    /// Sessions started that day.
    pub sessions: u64,
    /// Distinct users who started one that day.
    pub users: u64,
}

/// One hour of the day, over the whole period.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ReportHour {
    /// The hour, 0 to 23, in the writer's local time.
    pub hour: u32,
    /// Logons in that hour (an `Orphan` has none).
    pub logons: u64,
}

/// One computer.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ReportComputer {
    pub computer: String,
    /// Its room; `null` when its name has none.
    pub room: Option<String>,
    /// Sessions started on it.
    pub sessions: u64,
    /// Distinct users of those sessions.
    pub users: u64,
    /// The time its `Closed` sessions lasted, in seconds.
    pub seconds: f64,
}

/// One room.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ReportRoom {
    pub room: String,
    /// Distinct computers of the room with a session.
    pub computers: u64,
    /// Sessions started in it.
    pub sessions: u64,
    /// Distinct users of those sessions.
    pub users: u64,
}

/// One user and the computers they used.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ReportUser {
    /// The user, as first seen.
    pub user: String,
    /// Their sessions.
    pub sessions: u64,
    /// The computers they opened a session on, by name, comma-separated.
    pub computers: String,
}
