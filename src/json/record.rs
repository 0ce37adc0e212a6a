//! `KoXoLog.Record`: one event, as `log` prints it.

use crate::format::header::Field;
use crate::record::Record;
use serde::Serialize;

/// A record's values: the first keys of both `KoXoLog.Record` (`log`) and
/// `KoXoLog.WrittenRecord` (`write`), which embed them.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RecordValues<'a> {
    /// `Logon`, `Logoff`, `Lock`, `Unlock`, `Reconnect`, `Disconnect`,
    /// `Startup`, `Shutdown`, or `Other` for a tag this version does not know.
    pub event: &'static str,
    /// The eight-character tag as written (`[LOGON.]`).
    pub tag: &'a str,
    /// When, with the writer's UTC offset.
    pub time: &'a str,
    /// The user's logon name.
    pub user: Option<&'a str>,
    /// The user's domain (NetBIOS name).
    pub domain: Option<&'a str>,
    /// The computer the session was opened on.
    pub computer: Option<&'a str>,
    /// For a remote session, the name of the client it was opened from.
    pub client: Option<&'a str>,
    /// The Windows session name (`Console`, `RDP-Tcp#3`).
    pub session: Option<&'a str>,
    /// The computer's IP addresses, comma-separated.
    pub ip: Option<&'a str>,
    /// The computer's MAC addresses, comma-separated.
    pub mac: Option<&'a str>,
    /// The domain controller that authenticated the logon.
    pub logon_server: Option<&'a str>,
    /// The operating system.
    pub os: Option<&'a str>,
    /// The record's unique id (a ULID); `null` for the original KoXo logs
    /// (never for a record `write` made).
    pub id: Option<&'a str>,
    /// The Windows (WTS) session id the event belongs to; `null` in logs
    /// written before it was recorded.
    pub session_id: Option<&'a str>,
}

impl<'a> RecordValues<'a> {
    pub fn new(record: &'a Record) -> RecordValues<'a> {
        RecordValues {
            event: record.event.name(),
            tag: &record.tag,
            time: &record.time_text,
            user: record.get(Field::User),
            domain: record.get(Field::Domain),
            computer: record.get(Field::Computer),
            client: record.get(Field::Client),
            session: record.get(Field::Session),
            ip: record.get(Field::Ip),
            mac: record.get(Field::Mac),
            logon_server: record.get(Field::LogonServer),
            os: record.get(Field::Os),
            id: record.get(Field::Id),
            session_id: record.get(Field::SessionId),
        }
    }
}

/// One event of a log.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RecordJson<'a> {
    /// The record's values.
    #[serde(flatten)]
    pub values: RecordValues<'a>,
    /// For a record of the original KoXo scripts, the text after the date
    /// and time, as it was.
    pub raw: Option<&'a str>,
    /// The log it was read from.
    pub path: &'a str,
    /// Its 1-based line in that log; `null` when read backward from the end
    /// (`--last`).
    pub line: Option<u64>,
}

impl<'a> RecordJson<'a> {
    pub fn new(record: &'a Record, path: &'a str, line: Option<u64>) -> RecordJson<'a> {
        RecordJson {
            values: RecordValues::new(record),
            raw: record.raw.as_deref(),
            path,
            line,
        }
    }
}
