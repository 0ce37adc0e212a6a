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

use super::text;
use serde::Serialize;
use std::borrow::Cow;

/// One session.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SessionJson<'a> {
    pub user: Option<Cow<'a, str>>,
    pub domain: Option<Cow<'a, str>>,
    pub computer: Option<Cow<'a, str>>,
    /// The thin client a remote session was last used from (a reconnect
    /// from another client moves the session there).
    pub client: Option<Cow<'a, str>>,
    /// Every thin client it was used from, first to last, comma-separated.
    pub clients: Option<String>,
    /// The Windows session name at logon.
    pub session: Option<Cow<'a, str>>,
    /// The Windows (WTS) session id; `null` in logs written before it was
    /// recorded.
    pub session_id: Option<Cow<'a, str>>,
    /// The IP addresses at logon.
    pub ip: Option<Cow<'a, str>>,
    /// When the session was opened; `null` for an `Orphan` logoff.
    pub logon: Option<Cow<'a, str>>,
    /// When it was closed; `null` unless `Closed` or `Orphan`.
    pub logoff: Option<Cow<'a, str>>,
    /// When it ended: its logoff, or the record that proved it over (an
    /// `Unterminated` session); `null` while `Open`.
    pub end: Option<Cow<'a, str>>,
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
    pub path: Cow<'a, str>,
}

impl SessionJson<'_> {
    /// Appends the session as one JSON line, byte for byte as `serde_json`
    /// writes it, by hand: `sessions` prints every session of a store.
    pub fn write_line(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"User\":");
        text::optional(out, self.user.as_deref());
        text::member!(out, "Domain", self.domain.as_deref());
        text::member!(out, "Computer", self.computer.as_deref());
        text::member!(out, "Client", self.client.as_deref());
        text::member!(out, "Clients", self.clients.as_deref());
        text::member!(out, "Session", self.session.as_deref());
        text::member!(out, "SessionId", self.session_id.as_deref());
        text::member!(out, "Ip", self.ip.as_deref());
        text::member!(out, "Logon", self.logon.as_deref());
        text::member!(out, "Logoff", self.logoff.as_deref());
        text::member!(out, "End", self.end.as_deref());
        text::member!(out, "EndReason", self.end_reason);
        text::member!(out, "Duration", self.duration.as_deref());
        out.extend_from_slice(b",\"DurationSeconds\":");
        seconds(out, self.duration_seconds);
        text::member!(out, "OpenFor", self.open_for.as_deref());
        out.extend_from_slice(b",\"OpenForSeconds\":");
        seconds(out, self.open_for_seconds);
        text::member!(out, "State", Some(self.state));
        text::member!(out, "Path", Some(&*self.path));
        out.extend_from_slice(b"}\n");
    }

    /// The same session, holding its own text (to be kept beyond the
    /// session it was made of: a report's lists).
    pub fn into_owned(self) -> SessionJson<'static> {
        let owned = |text: Option<Cow<str>>| text.map(|t| Cow::Owned(t.into_owned()));
        SessionJson {
            user: owned(self.user),
            domain: owned(self.domain),
            computer: owned(self.computer),
            client: owned(self.client),
            clients: self.clients,
            session: owned(self.session),
            session_id: owned(self.session_id),
            ip: owned(self.ip),
            logon: owned(self.logon),
            logoff: owned(self.logoff),
            end: owned(self.end),
            end_reason: self.end_reason,
            duration: self.duration,
            duration_seconds: self.duration_seconds,
            open_for: self.open_for,
            open_for_seconds: self.open_for_seconds,
            state: self.state,
            path: Cow::Owned(self.path.into_owned()),
        }
    }
}

/// A number of seconds, as `serde_json` writes a float (its own writer, so
/// that every digit is the same).
fn seconds(out: &mut Vec<u8>, seconds: Option<f64>) {
    if serde_json::to_writer(&mut *out, &seconds).is_err() {
        out.extend_from_slice(b"null");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_written_by_hand_are_serde_jsons() {
        let closed = SessionJson {
            user: Some("jdoe".into()),
            domain: Some("LYCEE".into()),
            computer: Some("RDS01".into()),
            client: Some("TC-07".into()),
            clients: Some("TC-01, TC-07".into()),
            session: Some("RDP-Tcp#3".into()),
            session_id: Some("3".into()),
            ip: Some("10.0.0.5".into()),
            logon: Some("2026-11-24T08:01:02.345+01:00".into()),
            logoff: Some("2026-11-24T09:55:40.000+01:00".into()),
            end: Some("2026-11-24T09:55:40.000+01:00".into()),
            end_reason: Some("Logoff"),
            duration: Some("01:54:37".into()),
            duration_seconds: Some(6877.655),
            open_for: None,
            open_for_seconds: None,
            state: "Closed",
            path: r"\\srv\Logs$\Computers\RDS01.LOG".into(),
        };
        let open = SessionJson {
            user: Some("a\"b\\c\u{1}".into()),
            end_reason: None,
            duration_seconds: None,
            open_for: Some("1.00:00:00".into()),
            open_for_seconds: Some(86_400.0),
            state: "Open",
            ..closed.clone()
        };
        for session in [closed, open] {
            text::assert_written_as_serde_writes(|out| session.write_line(out), &session);
        }
    }
}
