//! Records read back from JSON Lines: the `KoXoLog.Record` objects that
//! `log` prints (see [`super::record`]), piped to `export-rtf --stdin`
//! by the `Export-KoXoSessionRtf` cmdlet.
//!
//! `Time` must be an RFC 3339 time with its offset (as `log` prints it);
//! the event is taken from `Tag`, else from `Event`. Properties this
//! version does not know are ignored (PowerShell may add some). Values are
//! made safe again ([`Record::new`]): what comes on stdin may have been
//! made by anyone, not by `log`.

use crate::format::event::Event;
use crate::format::header::Field;
use crate::format::time;
use crate::record::Record;
use serde::Deserialize;
use std::borrow::Cow;

/// One `KoXoLog.Record`, as read from a JSON line.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PipedRecord {
    pub event: Option<String>,
    pub tag: Option<String>,
    pub time: String,
    pub user: Option<String>,
    pub domain: Option<String>,
    pub computer: Option<String>,
    pub client: Option<String>,
    pub session: Option<String>,
    pub ip: Option<String>,
    pub mac: Option<String>,
    pub logon_server: Option<String>,
    pub os: Option<String>,
    pub id: Option<String>,
    pub session_id: Option<String>,
    pub raw: Option<String>,
    pub path: Option<String>,
}

impl PipedRecord {
    /// The record it holds, or why it holds none.
    pub fn record(&self) -> Result<Record<'_>, String> {
        let time = time::parse(&self.time).ok_or_else(|| format!("Time '{}' is not an RFC 3339 time", self.time))?;
        let by_name = || {
            self.event
                .as_deref()
                .unwrap_or_default()
                .parse()
                .unwrap_or(Event::Other)
        };
        let event = match self.tag.as_deref() {
            Some(tag) if Event::from_tag(tag) != Event::Other => Event::from_tag(tag),
            _ => by_name(),
        };
        let given = [
            (Field::User, self.user.as_deref()),
            (Field::Domain, self.domain.as_deref()),
            (Field::Computer, self.computer.as_deref()),
            (Field::Client, self.client.as_deref()),
            (Field::Session, self.session.as_deref()),
            (Field::Ip, self.ip.as_deref()),
            (Field::Mac, self.mac.as_deref()),
            (Field::LogonServer, self.logon_server.as_deref()),
            (Field::Os, self.os.as_deref()),
            (Field::Id, self.id.as_deref()),
            (Field::SessionId, self.session_id.as_deref()),
        ];
        Ok(Record {
            raw: self.raw.as_deref().map(Cow::Borrowed),
            ..Record::new(event, self.tag.as_deref(), time, given)
        })
    }
}
