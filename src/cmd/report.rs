//! `koxolog report`: the figures of a selection and period (sessions per
//! day, distinct users per day, logons by hour, busiest computers and
//! rooms, each user's computers, longest sessions, sessions never closed)
//! as one JSON object, and with `--html FILE` as a self-contained page.
//!
//! Gather the computers' logs, pair each one whole and keep the sessions
//! the selection shows ([`selection::sessions`], as `sessions` does), keep
//! those that started in the period, fold them into a [`Tally`] log by log,
//! then print (and draw).

use crate::cli::{ReachArgs, SelectArgs, StoreArgs};
use crate::diag::Progress;
use crate::exit::Exit;
use crate::filter::Pattern;
use crate::format::time::{self, Time};
use crate::output::Output;
use crate::pairing::Session;
use crate::parallel;
use crate::report::{html, tally::Tally};
use crate::selection;
use crate::session_filter::SessionFilter;
use anyhow::Context;
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};

// The flags of `koxolog report`. What its help says of it is the doc
// of `Command::Report` (mod.rs): clap builds these flags only when it runs.
#[derive(Debug, Args)]
pub struct Report {
    #[command(flatten)]
    pub select: SelectArgs,

    /// How many computers, longest sessions and never-closed sessions to list.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub top: usize,

    /// Also write the report to this HTML file (replaced if it exists): one
    /// self-contained page, with inline charts and no script.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,

    /// The page's title.
    #[arg(long, value_name = "TEXT", default_value = "KoXoLog report")]
    pub title: String,

    #[command(flatten)]
    pub store: StoreArgs,

    #[command(flatten)]
    pub reach: ReachArgs,
}

/// The prefix of the page's temporary file, next to it.
const HTML_PARTIAL_PREFIX: &str = ".koxolog-report-";

impl Report {
    /// The sessions the selection shows, as the domain takes it.
    fn filter(&self, now: Time) -> SessionFilter {
        let select = &self.select;
        SessionFilter {
            user: select.user.as_deref().map(Pattern::new),
            computer: select.computer.as_deref().map(Pattern::new),
            client: select.thin_client.as_deref().map(Pattern::new),
            ip: select.ip.clone(),
            since: select.since,
            until: select.until,
            ..SessionFilter::all(now)
        }
    }

    /// Whether a session started in the period.
    fn in_period(&self, session: &Session) -> bool {
        session.start().is_some_and(|start| {
            self.select.since.is_none_or(|since| start >= since) && self.select.until.is_none_or(|until| start <= until)
        })
    }
}

/// Writes `page` to `path` whole or not at all (see [`crate::partial`]).
fn write_page(path: &Path, page: &str) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    };
    crate::partial::remove_stale(&dir, HTML_PARTIAL_PREFIX);
    let mut partial = crate::partial::create(&dir, HTML_PARTIAL_PREFIX)
        .with_context(|| format!("cannot create a file in {}", dir.display()))?;
    partial
        .write_all(page.as_bytes())
        .and_then(|()| partial.as_file().sync_all())
        .with_context(|| format!("cannot write {}", partial.path().display()))?;
    partial
        .persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot write the page to {}", path.display()))?;
    Ok(())
}

impl super::Run for Report {
    fn run(&self, out: &mut Output) -> anyhow::Result<Exit> {
        let store = self.store.store()?;
        self.reach.reach(&[self.select.first_to_reach(&store)])?;
        let logs = selection::computer_logs(self.select.named(), &store)?;
        let now = time::now();
        let filter = self.filter(now);
        let mut progress = Progress::new("pairing", "Pairing logons with logoffs", logs.len());
        let bytes = logs
            .iter()
            .map(|l| std::fs::metadata(&l.path).map_or(0, |m| m.len()))
            .sum();
        let mut tally = Tally::new(self.top);
        parallel::map_ordered(
            &logs,
            parallel::logs_of(logs.len(), bytes),
            |log| {
                let mut sessions = selection::sessions(log, &filter);
                sessions.retain(|s| self.in_period(s));
                sessions
            },
            |index, sessions| {
                let shown = logs[index].path.display().to_string();
                for session in sessions {
                    tally.add(session, &shown);
                }
                progress.done(index + 1);
                Ok::<(), anyhow::Error>(())
            },
        )?;
        let mut report = tally.finish(self.select.since, self.select.until, |session, path| {
            super::sessions::to_json(&session, path, now).into_owned()
        });
        if let Some(path) = &self.html {
            write_page(path, &html::render(&report, &self.title))?;
            report.html = Some(path.display().to_string());
        }
        out.emit(&report)?;
        Ok(Exit::Success)
    }
}
