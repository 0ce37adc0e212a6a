//! Records read back from JSON Lines: the `KoXoLog.Record` objects that
//! `log` prints (see [`crate::json::record`]), piped to `export-rtf --stdin`
//! by the `Export-KoXoSessionRtf` cmdlet.
//!
//! `Time` must be an RFC 3339 time with its offset (as `log` prints it);
//! the event is taken from `Tag`, else from `Event`. Properties this
//! version does not know are ignored (PowerShell may add some). Values are
//! made safe again ([`sanitize::value`]): what comes on stdin may have been
//! made by anyone, not by `log`.

use crate::format::event::Event;
use crate::format::header::Field;
use crate::format::sanitize;
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
            let name = self.event.as_deref().unwrap_or_default();
            <Event as clap::ValueEnum>::from_str(name, true).unwrap_or(Event::Other)
        };
        let event = match self.tag.as_deref() {
            Some(tag) if Event::from_tag(tag) != Event::Other => Event::from_tag(tag),
            _ => by_name(),
        };
        let tag = self.tag.as_deref().or(event.tag()).unwrap_or("[OTHER.]");
        let mut values: [Option<Cow<'_, str>>; Field::ALL.len()] = Default::default();
        let given = [
            (Field::User, &self.user),
            (Field::Domain, &self.domain),
            (Field::Computer, &self.computer),
            (Field::Client, &self.client),
            (Field::Session, &self.session),
            (Field::Ip, &self.ip),
            (Field::Mac, &self.mac),
            (Field::LogonServer, &self.logon_server),
            (Field::Os, &self.os),
            (Field::Id, &self.id),
            (Field::SessionId, &self.session_id),
        ];
        for (field, value) in given {
            values[field.index()] = value.as_deref().and_then(sanitize::value);
        }
        Ok(Record {
            event,
            tag,
            time,
            time_text: Cow::Owned(time::format(&time)),
            values,
            raw: self.raw.as_deref(),
        })
    }
}
