//! `KoXoLog.WrittenRecord`: what `write` recorded, and where.

use serde::Serialize;

/// The record `write` made, and what became of it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Written<'a> {
    /// `Logon`, `Logoff`, ...
    pub event: &'static str,
    /// The eight-character tag.
    pub tag: &'a str,
    /// When, with this computer's UTC offset.
    pub time: &'a str,
    pub user: Option<&'a str>,
    pub domain: Option<&'a str>,
    pub computer: Option<&'a str>,
    pub client: Option<&'a str>,
    pub session: Option<&'a str>,
    pub ip: Option<&'a str>,
    pub mac: Option<&'a str>,
    pub logon_server: Option<&'a str>,
    pub os: Option<&'a str>,
    /// The record's unique id (a ULID).
    pub id: &'a str,
    /// The Windows (WTS) session id.
    pub session_id: Option<&'a str>,
    /// The logs the record belongs to, comma-separated.
    pub logs: String,
    /// Whether the record (or part of it) waits in the local spool because
    /// the store could not be reached in time.
    pub spooled: bool,
    /// The spool file holding it, when spooled.
    pub spool_file: Option<String>,
    /// How many records spooled by earlier runs were delivered first.
    pub delivered: usize,
}
