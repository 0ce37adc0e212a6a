//! `KoXoLog.Record`: one event, as `log` prints it.

use super::text;
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
    /// For a remote session, the IP address its client reported
    /// (`WTSClientAddress`), beside the server's `Ip`; `null` for a console
    /// session and in logs written before it was recorded (`#Fields:`
    /// without `clientip`).
    pub client_ip: Option<&'a str>,
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
            client_ip: record.get(Field::ClientIp),
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

/// Writes the records of one log as [`RecordJson`] lines, byte for byte as
/// `serde_json` writes them, by hand: `log` prints every record of a store
/// this way (the log's path is escaped once, not once a record).
pub struct RecordLines {
    /// `,"Path":"…","Line":`, the end every line of the log shares.
    path_and_line: Vec<u8>,
}

impl RecordLines {
    pub fn new(path: &str) -> RecordLines {
        let mut path_and_line = b",\"Path\":".to_vec();
        text::string(&mut path_and_line, path);
        path_and_line.extend_from_slice(b",\"Line\":");
        RecordLines { path_and_line }
    }

    /// Appends the record read at `line` as one JSON line.
    pub fn write(&self, record: &Record, line: Option<u64>, out: &mut Vec<u8>) {
        // Most records hold nothing to escape, and the parser knows it
        // from one look at the line: their values are then copied as they
        // are, not each searched for a byte to escape.
        if record.escape_free {
            self.write_with(record, line, out, |out, text| out.extend_from_slice(text.as_bytes()));
        } else {
            self.write_with(record, line, out, text::inside);
        }
    }

    /// [`RecordLines::write`], with `inside` writing a value between its
    /// quotes.
    #[inline(always)]
    fn write_with(&self, record: &Record, line: Option<u64>, out: &mut Vec<u8>, inside: impl Fn(&mut Vec<u8>, &str)) {
        out.extend_from_slice(b"{\"Event\":\"");
        out.extend_from_slice(record.event.name().as_bytes());
        out.extend_from_slice(b"\",\"Tag\":\"");
        inside(out, &record.tag);
        out.extend_from_slice(b"\",\"Time\":\"");
        inside(out, &record.time_text);
        out.push(b'"');
        text::member!(out, "User", record.get(Field::User), inside);
        text::member!(out, "Domain", record.get(Field::Domain), inside);
        text::member!(out, "Computer", record.get(Field::Computer), inside);
        text::member!(out, "Client", record.get(Field::Client), inside);
        text::member!(out, "Session", record.get(Field::Session), inside);
        text::member!(out, "Ip", record.get(Field::Ip), inside);
        text::member!(out, "Mac", record.get(Field::Mac), inside);
        text::member!(out, "LogonServer", record.get(Field::LogonServer), inside);
        text::member!(out, "Os", record.get(Field::Os), inside);
        text::member!(out, "Id", record.get(Field::Id), inside);
        text::member!(out, "SessionId", record.get(Field::SessionId), inside);
        text::member!(out, "ClientIp", record.get(Field::ClientIp), inside);
        text::member!(out, "Raw", record.raw.as_deref(), inside);
        out.extend_from_slice(&self.path_and_line);
        match line {
            Some(line) => text::number(out, line),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b"}\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::parse::{Line, Parser};

    #[test]
    fn lines_written_by_hand_are_serde_jsons() {
        let lines = [
            "[LOGON.]\t2026-11-24T08:01:02.345+01:00\tjdoe\tLYCEE\tPC-B12\t-\tConsole\t10.0.0.5, 10.0.1.5\t00-1A\tDC1\tWindows 11\t01JDX\t7\t-",
            "[LOGOFF]\t2026-11-24T09:01:02.345-05:30\ta\"b\\c\t-\t-\t-\t-\t-\t-\t-\t-\t-\t-\t-",
            "[A\"B\\C.]\t2026-11-24T09:01:02.345+00:00\tjosé 😀\t-\tPC\u{2028}1\t-\t-\t-\t-\t-\t-\t-\t-\t-",
            "[LOGON.] 24/11/2008 08:01:02 jdoe PC-B12",
        ];
        let mut parser = Parser::default();
        for (number, text) in lines.iter().enumerate() {
            let (Line::Record(record) | Line::Repaired(record)) = parser.line(text) else {
                panic!("{text}");
            };
            // Only the first line is printable ASCII without `"` or `\`.
            assert_eq!(record.escape_free, number == 0, "{text}");
            for (path, line) in [
                (r"\\srv\Logs$\Computers\PC.LOG", Some(number as u64 + 1)),
                ("a\"\tb", None),
            ] {
                text::assert_written_as_serde_writes(
                    |out| RecordLines::new(path).write(&record, line, out),
                    &RecordJson::new(&record, path, line),
                );
            }
        }
    }
}
