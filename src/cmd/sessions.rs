//! `koxolog sessions`: logons paired with logoffs, with their durations, and
//! the sessions still open (`--open`: who is logged on where, now).
//! The pairing rules are in `docs/SESSIONS.md` and `src/pairing.rs`.
//!
//! Gather the computers' logs to pair (`selection::computer_logs`), pair
//! each one whole on a worker thread, keep the sessions the flags ask for
//! (`session_filter`), print them log by log. Each worker writes its log's
//! sessions as JSON lines (for `--sort time`, as entries of the runs to
//! merge) and hands them over in pieces ([`crate::parallel::stream_ordered`]),
//! so the largest log's sessions are never held whole as text.

use crate::cli::{ReachArgs, SelectArgs, StoreArgs};
use crate::diag::Progress;
use crate::exit::Exit;
use crate::filter::Pattern;
use crate::format::time::{self, Time};
use crate::json::session::SessionJson;
use crate::merge::{self, Runs};
use crate::output::Output;
use crate::pairing::{self, Session, State, timespan};
use crate::parallel::{Made, Sink};
use crate::record::field::Field;
use crate::selection::{self, ComputerLog};
use crate::session_filter::SessionFilter;
use crate::{diag, parallel};
use anyhow::Context;
use clap::Args;
use std::borrow::Cow;
use std::sync::atomic::{AtomicUsize, Ordering};

// The flags of `koxolog sessions`. What its help says of it is the doc
// of `Command::Sessions` (mod.rs): clap builds these flags only when it runs.
#[derive(Debug, Args)]
pub struct Sessions {
    #[command(flatten)]
    pub select: SelectArgs,

    /// Only the sessions still open: who is logged on where, now (the same
    /// as --state Open).
    #[arg(long, conflicts_with = "state")]
    pub open: bool,

    /// Only the sessions in these states: Closed, Open, Unterminated, Orphan
    /// (repeat the flag, or separate with commas).
    #[arg(long, value_name = "STATE", value_delimiter = ',', value_parser = state_argument)]
    pub state: Vec<State>,

    /// Leave out the open sessions opened longer ago than this (12h, 3d,
    /// 90min: a logon that old without a logoff has probably lost it).
    #[arg(long, value_name = "DURATION", value_parser = duration_argument)]
    pub max_age: Option<chrono::Duration>,

    /// Only the closed sessions that lasted at least this long (5min, 2h).
    #[arg(long, value_name = "DURATION", value_parser = duration_argument)]
    pub min_duration: Option<chrono::Duration>,

    /// Only the closed sessions that lasted at most this long.
    #[arg(long, value_name = "DURATION", value_parser = duration_argument)]
    pub max_duration: Option<chrono::Duration>,

    /// The order of the output: log (computer after computer, each in time
    /// order, streamed as each log is paired) or time (all sessions in order
    /// of their start, once every log is paired).
    #[arg(long, value_name = "ORDER", value_enum, default_value_t = Sort::Log)]
    pub sort: Sort,

    #[command(flatten)]
    pub store: StoreArgs,

    #[command(flatten)]
    pub reach: ReachArgs,
}

/// The order of `sessions`' output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Sort {
    /// Log after log, each in time order.
    Log,
    /// In order of the sessions' starts (logon, or logoff of an orphan) across all logs.
    Time,
}

fn state_argument(text: &str) -> Result<State, String> {
    State::from_name(text.trim())
        .ok_or_else(|| format!("'{text}' is not a state: use Closed, Open, Unterminated or Orphan"))
}

fn duration_argument(text: &str) -> Result<chrono::Duration, String> {
    humantime::parse_duration(text.trim())
        .ok()
        .and_then(|d| chrono::Duration::from_std(d).ok())
        .ok_or_else(|| format!("'{text}' is not a duration: use 90s, 5min, 12h, 3d, 1h 30min"))
}

fn seconds(duration: chrono::Duration) -> f64 {
    duration.num_milliseconds() as f64 / 1000.0
}

/// A paired session as `sessions` prints it (`report` lists some too).
pub fn to_json<'a>(session: &'a Session, path: &'a str, now: Time) -> SessionJson<'a> {
    let duration = session.duration();
    let open_for = (session.state == State::Open)
        .then(|| session.logon().map(|on| now.signed_duration_since(on)))
        .flatten();
    let clients: Vec<&str> = session.clients().collect();
    let clients = (!clients.is_empty()).then(|| clients.join(", "));
    let by = &session.opened_by;
    let value = |field| by.get(field).map(Cow::Borrowed);
    // The end is written once, and is the logoff's time when a logoff
    // ended the session (`Session::logoff_text`, without a second writing).
    let end = session.end_text();
    let logoff = end.clone().filter(|_| session.ended_by_logoff());
    SessionJson {
        logon: session.logon().is_some().then(|| by.time_text()),
        logoff,
        end,
        end_reason: session.end_reason.map(|r| r.name()),
        duration: duration.map(timespan),
        duration_seconds: duration.map(seconds),
        open_for: open_for.map(timespan),
        open_for_seconds: open_for.map(seconds),
        state: session.state.name(),
        user: value(Field::User),
        domain: value(Field::Domain),
        computer: value(Field::Computer),
        client: session.client().map(Cow::Borrowed),
        clients,
        session: value(Field::Session),
        session_id: value(Field::SessionId),
        ip: value(Field::Ip),
        path: Cow::Borrowed(path),
    }
}

impl Sessions {
    /// The states asked for: --state's, or `Open` for --open.
    fn states(&self) -> Vec<State> {
        if self.open {
            vec![State::Open]
        } else {
            self.state.clone()
        }
    }

    /// The settings of the query, as the domain takes them.
    fn filter(&self, now: Time) -> SessionFilter {
        let select = &self.select;
        SessionFilter {
            user: select.user.as_deref().map(Pattern::new),
            computer: select.computer.as_deref().map(Pattern::new),
            client: select.thin_client.as_deref().map(Pattern::new),
            ip: select.ip.clone(),
            since: select.since,
            until: select.until,
            states: self.states(),
            min_duration: self.min_duration,
            max_duration: self.max_duration,
            max_age: self.max_age,
            ..SessionFilter::all(now)
        }
    }
}

/// Pairs one computer's log whole and writes the sessions `filter` keeps,
/// as JSON lines (for `--sort time`, as [`merge`](crate::merge) entries
/// keyed by their start), handing them over in pieces; counts the open
/// sessions opened more than a day ago in `old_open`.
fn pair(log: &ComputerLog, filter: &SessionFilter, sort: Sort, sink: &mut Sink, old_open: &AtomicUsize) {
    let shown = log.path.display().to_string();
    let a_day_ago = filter.now - chrono::Duration::days(1);
    let mut sessions = selection::sessions(log, filter);
    for session in sessions.drain(..) {
        if session.state == State::Open && session.logon().is_some_and(|on| on < a_day_ago) {
            old_open.fetch_add(1, Ordering::Relaxed);
        }
        let line = to_json(&session, &shown, filter.now);
        match sort {
            Sort::Log => line.write_line(sink.buffer()),
            Sort::Time => merge::entry(sink.buffer(), sort_key(&session), |out| line.write_line(out)),
        }
        if sink.ready().is_break() {
            return;
        }
    }
    pairing::recycle(sessions);
}

/// The instant a session is sorted by for `--sort time` (milliseconds).
fn sort_key(session: &Session) -> i64 {
    session.start().map_or(i64::MIN, |t| t.timestamp_millis())
}

impl super::Run for Sessions {
    fn run(&self, out: &mut Output) -> anyhow::Result<Exit> {
        let store = self.store.store()?;
        self.reach.reach(&[self.select.first_to_reach(&store)])?;
        let logs = selection::computer_logs(self.select.named(), &store)?;
        let filter = self.filter(time::now());
        let mut progress = Progress::new("pairing", "Pairing logons with logoffs", logs.len());
        let batch = parallel::small_items(logs.len());
        let old_open = AtomicUsize::new(0);
        let pair = |log: &ComputerLog, sink: &mut Sink| pair(log, &filter, self.sort, sink, &old_open);
        match self.sort {
            Sort::Log => super::stream_printed(out, &logs, batch, pair, |finished| progress.done(finished))?,
            Sort::Time => {
                let mut runs = Runs::new().context("cannot create a temporary file to sort the sessions in")?;
                parallel::stream_ordered(&logs, batch, pair, None, |piece, finished| {
                    // Without a Convert, every piece is raw.
                    let (Made::Raw(piece) | Made::Converted(piece)) = piece;
                    runs.add_entries(piece)
                        .context("cannot write the sessions to sort to a temporary file")?;
                    progress.done(finished);
                    Ok::<(), anyhow::Error>(())
                })?;
                runs.merge(|line| out.write_raw(line))?;
            }
        }
        let old_open = old_open.into_inner();
        if old_open > 0 {
            diag::warning(
                "old-open-sessions",
                &format!(
                    "{old_open} of the open sessions shown were opened more than a day ago: their logoff was probably lost (OpenFor says how long; --max-age 1d leaves them out)"
                ),
                None,
                None,
            );
        }
        Ok(Exit::Success)
    }
}
