//! `KoXoLog.Session`: a logon paired with its logoff, as `sessions` prints it.
//!
//! Sessions are paired on each computer's own log (see `docs/SESSIONS.md`),
//! so a session has the same keys and values whichever selection showed it.
//!
//! | key | type | set when |
//! |-----|------|----------|
//! | `User`, `Domain`, `Computer`, `Session`, `Ip` | string | from the logon (the logoff of an `Orphan`) |
//! | `SessionId` | string | the Windows session id, when the log records it |
//! | `Client`, `Clients` | string | remote sessions: the last thin client; every one, comma-separated |
//! | `Logon` | time | all but `Orphan` |
//! | `Logoff` | time | `Closed`, `Orphan` |
//! | `End`, `EndReason` | time, string | all but `Open` |
//! | `Duration`, `DurationSeconds` | TimeSpan text, number | `Closed` |
//! | `OpenFor`, `OpenForSeconds` | TimeSpan text, number | `Open` |
//! | `State` | string | always: `Closed`, `Open`, `Unterminated`, `Orphan` |
//! | `Path` | string | always: the computer's log it was paired from |

use serde::Serialize;

/// One session.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SessionJson {
    pub user: Option<String>,
    pub domain: Option<String>,
    pub computer: Option<String>,
    /// The thin client a remote session was last used from (a reconnect
    /// from another client moves the session there).
    pub client: Option<String>,
    /// Every thin client it was used from, first to last, comma-separated.
    pub clients: Option<String>,
    /// The Windows session name at logon.
    pub session: Option<String>,
    /// The Windows (WTS) session id; `null` in logs written before it was
    /// recorded.
    pub session_id: Option<String>,
    /// The IP addresses at logon.
    pub ip: Option<String>,
    /// When the session was opened; `null` for an `Orphan` logoff.
    pub logon: Option<String>,
    /// When it was closed; `null` unless `Closed` or `Orphan`.
    pub logoff: Option<String>,
    /// When it ended: its logoff, or the record that proved it over (an
    /// `Unterminated` session); `null` while `Open`.
    pub end: Option<String>,
    /// What ended it: `Logoff`, `NextLogon` (a later logon of the same user
    /// there, or one that took its session id), `ConsoleTakeover` (another
    /// user's logon on the same console), `Startup` or `Shutdown` of the
    /// computer; `null` while `Open`.
    pub end_reason: Option<&'static str>,
    /// How long it lasted, as a .NET `TimeSpan` text (`hh:mm:ss`, or
    /// `d.hh:mm:ss` past a day); `null` unless `Closed`.
    pub duration: Option<String>,
    /// The same in seconds.
    pub duration_seconds: Option<f64>,
    /// How long an `Open` session has been open, as of now, as a `TimeSpan`
    /// text; `null` unless `Open`.
    pub open_for: Option<String>,
    /// The same in seconds.
    pub open_for_seconds: Option<f64>,
    /// `Closed`, `Open` (nothing in the computer's log says it is over),
    /// `Unterminated` (its logoff never came: see `EndReason`), or `Orphan`
    /// (a logoff whose logon is not in the log).
    pub state: &'static str,
    /// The computer's log the session was paired from.
    pub path: String,
}
