//! `generate --truth FILE`: the sessions the generator simulated, one JSON
//! object per line, with the keys of [`super::session::SessionJson`] that
//! `sessions` must give for them (the tests compare the two).
//!
//! The truth says what the written records prove: a session whose logoff
//! was not written ends at the first written record that proves it over,
//! by the rules of `docs/SESSIONS.md`, or is `Open`; a session whose logon
//! was lost is an `Orphan`. Events after `--until` are not written.

use serde::Serialize;

/// One simulated session.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct TruthSession {
    pub user: String,
    pub computer: String,
    /// The thin client it was last used from; `null` on a console.
    pub client: Option<String>,
    /// Every thin client it was used from, first to last, comma-separated.
    pub clients: Option<String>,
    /// `Console` or `RDP-Tcp#N`.
    pub session: String,
    /// The Windows session id.
    pub session_id: String,
    /// `null` when the logon was lost.
    pub logon: Option<String>,
    /// `null` when the logoff was not written (lost, or after `--until`).
    pub logoff: Option<String>,
    /// The logoff, or the written record that proved the session over;
    /// `null` while `Open`.
    pub end: Option<String>,
    /// How it ended: `Logoff`, `NextLogon`, `ConsoleTakeover`, `Startup`,
    /// `Shutdown`; `null` while `Open`.
    pub end_reason: Option<&'static str>,
    /// `Closed`, `Open`, `Unterminated` or `Orphan`.
    pub state: &'static str,
}
