//! `koxolog sessions`: logons paired with logoffs, with their durations, and
//! the sessions still open (`--open`: who is logged on where, now).
//! The pairing rules are in `docs/SESSIONS.md` and `src/pairing.rs`.

use crate::cli::{ReachArgs, SelectArgs, StoreArgs};
use crate::diag::Progress;
use crate::exit::Exit;
use crate::json::session::SessionJson;
use crate::output::Output;
use crate::pairing::{Pairing, Session, State};
use crate::selection;
use crate::{diag, parallel, reader};
use clap::Args;
use std::ops::ControlFlow;
use std::path::Path;

/// Pair logons with logoffs: each session with its duration and state
/// (Closed, Open, Unterminated, Orphan).
#[derive(Debug, Args)]
pub struct Sessions {
    #[command(flatten)]
    pub select: SelectArgs,

    /// Only the sessions still open: who is logged on where, now.
    #[arg(long)]
    pub open: bool,

    #[command(flatten)]
    pub store: StoreArgs,

    #[command(flatten)]
    pub reach: ReachArgs,
}

/// A duration as .NET's `TimeSpan` writes it: `hh:mm:ss`, `d.hh:mm:ss`.
pub fn timespan(duration: chrono::Duration) -> String {
    let sign = if duration < chrono::Duration::zero() {
        "-"
    } else {
        ""
    };
    let total = duration.num_seconds().unsigned_abs();
    let (days, hours, minutes, seconds) = (
        total / 86_400,
        total / 3600 % 24,
        total / 60 % 60,
        total % 60,
    );
    if days > 0 {
        format!("{sign}{days}.{hours:02}:{minutes:02}:{seconds:02}")
    } else {
        format!("{sign}{hours:02}:{minutes:02}:{seconds:02}")
    }
}

fn to_json(session: Session, path: &str) -> SessionJson {
    let duration = session.duration();
    let by = session.opened_by;
    SessionJson {
        logon: session.logon.is_some().then(|| by.time_text.clone()),
        logoff: session.logoff_text,
        duration: duration.map(timespan),
        duration_seconds: duration.map(|d| d.num_milliseconds() as f64 / 1000.0),
        state: session.state.name(),
        user: by.user,
        domain: by.domain,
        computer: by.computer,
        client: by.client,
        session: by.session,
        ip: by.ip,
        path: path.to_owned(),
    }
}

impl Sessions {
    fn keep(&self, session: &Session) -> bool {
        let select = &self.select;
        let start = session.logon.or(session.logoff);
        let end = if session.state == State::Closed {
            session.logoff
        } else {
            None
        };
        (!self.open || session.state == State::Open)
            && select
                .until
                .is_none_or(|until| start.is_some_and(|s| s <= until))
            && select
                .since
                .is_none_or(|since| end.is_none_or(|e| e >= since))
            && select.ip.as_ref().is_none_or(|ip| {
                session
                    .opened_by
                    .ip
                    .as_deref()
                    .is_some_and(|ips| ips.split(',').any(|a| a.trim() == ip))
            })
    }

    fn pair(&self, path: &Path) -> Vec<u8> {
        // Time and address filters apply to sessions, after pairing; names
        // apply to records, since a session never mixes users or computers.
        let filter = crate::filter::Filter {
            since: None,
            until: None,
            ip: None,
            ..self.select.filter()
        };
        let mut pairing = Pairing::default();
        let read = reader::read_forward(path, None, &mut |record, _| {
            if filter.matches(record) {
                pairing.add(record);
            }
            ControlFlow::Continue(())
        });
        if let Err(e) = read {
            diag::error(
                "cannot-read",
                &format!("cannot read the log: {e}"),
                Some(path),
                None,
            );
        }
        let shown = path.display().to_string();
        let mut chunk = Vec::new();
        for session in pairing.sessions().into_iter().filter(|s| self.keep(s)) {
            if serde_json::to_writer(&mut chunk, &to_json(session, &shown)).is_ok() {
                chunk.push(b'\n');
            }
        }
        chunk
    }
}

impl super::Run for Sessions {
    fn run(&self, out: &mut Output) -> anyhow::Result<Exit> {
        let store = self.store.store()?;
        let logs = selection::logs(&self.select, &store, &self.reach)?;
        let mut progress = Progress::new("pairing", "Pairing logons with logoffs", logs.len());
        let bytes = logs
            .iter()
            .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
            .sum();
        parallel::map_ordered(
            &logs,
            parallel::logs_of(logs.len(), bytes),
            |path| self.pair(path),
            |index, chunk| {
                out.write_raw(&chunk)?;
                out.flush()?;
                progress.done(index + 1);
                Ok::<(), anyhow::Error>(())
            },
        )?;
        Ok(Exit::Success)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_timespans() {
        assert_eq!(timespan(chrono::Duration::seconds(6878)), "01:54:38");
        assert_eq!(timespan(chrono::Duration::seconds(90_061)), "1.01:01:01");
        assert_eq!(timespan(chrono::Duration::seconds(-5)), "-00:00:05");
    }
}
