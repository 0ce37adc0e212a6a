//! `KoXoLog.Session`: a logon paired with its logoff, as `sessions` prints it.

use serde::Serialize;

/// One session.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SessionJson {
    pub user: Option<String>,
    pub domain: Option<String>,
    pub computer: Option<String>,
    /// The thin client a remote session was opened from.
    pub client: Option<String>,
    /// The Windows session name at logon.
    pub session: Option<String>,
    /// The IP addresses at logon.
    pub ip: Option<String>,
    /// When the session was opened; `null` for an `Orphan` logoff.
    pub logon: Option<String>,
    /// When it was closed; `null` unless `Closed` or `Orphan`.
    pub logoff: Option<String>,
    /// How long it lasted, as a .NET `TimeSpan` text (`hh:mm:ss`, or
    /// `d.hh:mm:ss` past a day); `null` unless `Closed`.
    pub duration: Option<String>,
    /// The same in seconds.
    pub duration_seconds: Option<f64>,
    /// `Closed`, `Open` (no later event of that user on that computer),
    /// `Unterminated` (a later logon, startup or shutdown shows the logoff
    /// never came),
    /// or `Orphan` (a logoff whose logon is not in the log).
    pub state: &'static str,
    /// The log the session was read from.
    pub path: String,
}
