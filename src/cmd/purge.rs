//! `koxolog purge --older-than AGE`: removes the records older than AGE
//! from every log of the store (a retention period, such as the 400 days
//! an administrator may be held to), while writers keep appending.
//!
//! First every log is scanned and what will be removed goes into a ZIP
//! archive (`<stem>-purged-<time>Z.zip` in the store's BACKUP folder, or
//! `--destination`), read back and verified before anything is removed;
//! `--no-archive` skips it. Then each log that had old records is held
//! against writers (who wait, as for one another), rewritten without them,
//! and let go. `--dry-run` scans, reports and changes nothing. See
//! [`crate::purge`] and [`crate::archive::removed`].

use crate::archive::removed::{self, RemovedArchive};
use crate::archive::{archives, entries};
use crate::cli::{ReachArgs, StoreArgs, seconds_argument};
use crate::diag::{self, Progress};
use crate::exit::Exit;
use crate::format::time::{self, Time};
use crate::json::purge::PurgeJson;
use crate::output::Output;
use crate::purge::{self, Scan};
use crate::store::{BACKUP, append};
use anyhow::Context;
use clap::Args;
use std::fs::File;
use std::path::PathBuf;
use std::time::{Duration, Instant};

// The flags of `koxolog purge`. What its help says of it is the doc
// of `Command::Purge` (mod.rs): clap builds these flags only when it runs.
#[derive(Debug, Args)]
pub struct Purge {
    /// Remove the records older than this: `400d`, `13months`, `2years`
    /// (any humantime duration).
    #[arg(long, value_name = "AGE", value_parser = age_argument)]
    pub older_than: Duration,

    /// The folder the archive of what is removed goes to (created if
    /// missing); by default the store's BACKUP folder.
    #[arg(long, value_name = "DIR", conflicts_with = "no_archive")]
    pub destination: Option<PathBuf>,

    /// Remove without archiving first.
    #[arg(long)]
    pub no_archive: bool,

    /// Say what would be removed (a verbose diagnostic per log), and change
    /// nothing.
    #[arg(long)]
    pub dry_run: bool,

    /// Seconds to wait for each log while writers hold it before leaving it
    /// as it is (an error) and going on with the others.
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0, value_parser = seconds_argument)]
    pub lock_timeout: f64,

    #[command(flatten)]
    pub store: StoreArgs,

    #[command(flatten)]
    pub reach: ReachArgs,
}

/// Reads `--older-than`: a humantime duration of at least a second.
fn age_argument(text: &str) -> Result<Duration, String> {
    match humantime::parse_duration(text.trim()) {
        Ok(age) if age >= Duration::from_secs(1) => Ok(age),
        Ok(_) => Err(format!("'{text}' is shorter than a second")),
        Err(e) => Err(format!("'{text}' is not an age such as 400d or 13months: {e}")),
    }
}

/// A log that has records to remove.
struct Planned {
    path: PathBuf,
    scan: Scan,
}

impl Purge {
    /// The time before which records are removed.
    fn cutoff(&self) -> anyhow::Result<Time> {
        let now = time::now();
        chrono::Duration::from_std(self.older_than)
            .ok()
            .and_then(|age| now.checked_sub_signed(age))
            .ok_or_else(|| anyhow::anyhow!("--older-than {:?} reaches before any date", self.older_than))
    }

    /// Scans every log, archiving what is to be removed into `archive`.
    fn scan(&self, logs: &[entries::Entry], cutoff: Time, mut archive: Option<&mut RemovedArchive>) -> Vec<Planned> {
        let mut planned = Vec::new();
        let mut progress = Progress::new("scanning", "Finding old records", logs.len());
        for (done, log) in logs.iter().enumerate() {
            progress.done(done);
            let file = match File::open(&log.source) {
                Ok(file) => file,
                Err(e) => {
                    diag::cannot_read(&log.source, &e);
                    continue;
                }
            };
            let scanned = match archive.as_deref_mut() {
                Some(archive) => {
                    let mut entry = archive.log(&log.name);
                    let scanned = purge::scan(file, cutoff, |line, kind| entry.line(line, kind));
                    entry.end();
                    scanned
                }
                None => purge::scan(file, cutoff, |_, _| Ok(())),
            };
            match scanned {
                Ok(scan) if scan.removed > 0 => {
                    if self.dry_run {
                        diag::verbose(
                            "would-remove",
                            &format!("would remove {} records ({} bytes)", scan.removed, scan.removed_bytes),
                            Some(&log.source),
                        );
                    }
                    planned.push(Planned {
                        path: log.source.clone(),
                        scan,
                    });
                }
                Ok(_) => {}
                Err(e) => diag::error(
                    "cannot-read",
                    &format!("cannot read the log, left as it is: {e}"),
                    Some(&log.source),
                    None,
                ),
            }
        }
        progress.done(logs.len());
        planned
    }

    /// Rewrites every planned log; gives those rewritten (a log that could
    /// not be is a `cannot-purge` error, and is as it was).
    fn rewrite_all<'a>(&self, planned: &'a [Planned], cutoff: Time) -> Vec<&'a Planned> {
        let mut progress = Progress::new("purging", "Removing old records", planned.len());
        let mut rewritten = Vec::new();
        for (done, log) in planned.iter().enumerate() {
            progress.done(done);
            match self.rewrite(log, cutoff) {
                Ok(()) => rewritten.push(log),
                Err(e) => diag::error(
                    "cannot-purge",
                    &format!("cannot remove the old records, the log is as it was: {e:#}"),
                    Some(&log.path),
                    None,
                ),
            }
        }
        progress.done(planned.len());
        rewritten
    }

    /// Rewrites one planned log without its old records.
    fn rewrite(&self, log: &Planned, cutoff: Time) -> anyhow::Result<()> {
        let deadline = Instant::now() + Duration::from_secs_f64(self.lock_timeout);
        let mut held = append::hold_for_rewrite(&log.path, deadline)?;
        let folder = log.path.parent().unwrap_or(&log.path);
        let name = crate::store::name_of(&log.path);
        // Beside the log: if this run is killed while copying it back, the
        // log's whole new content is there (see docs/PURGE.md).
        let mut scratch = crate::partial::create(folder, &format!(".{name}.LOG.purge."))
            .with_context(|| format!("cannot create a scratch file in {}", folder.display()))?;
        purge::rewrite(&mut held, &log.scan, cutoff, scratch.as_file_mut())?;
        Ok(())
    }
}

impl super::Run for Purge {
    fn run(&self, out: &mut Output) -> anyhow::Result<Exit> {
        let store = self.store.store()?;
        self.reach.reach(&[store.root().to_owned()])?;
        store.ensure_reachable()?;
        let root = store.root();
        let cutoff = self.cutoff()?;
        let made = chrono::Utc::now();
        let destination = self.destination.clone().unwrap_or_else(|| root.join(BACKUP));
        let stem = archives::stem(&store);
        let logs = entries::list(&store);

        let mut archive = match self.no_archive || self.dry_run {
            true => None,
            false => {
                crate::partial::remove_stale(&destination, &format!(".{stem}-purged-"));
                Some(RemovedArchive::create(&destination, &stem, made)?)
            }
        };
        let planned = self.scan(&logs, cutoff, archive.as_mut());
        let archived = match archive {
            Some(archive) => archive.finish()?,
            None => None,
        };
        let would_archive = (self.dry_run && !self.no_archive && !planned.is_empty())
            .then(|| destination.join(removed::file_name(&stem, made)));

        // The logs rewritten (with --dry-run: all those that would be).
        let done: Vec<&Planned> = if self.dry_run {
            planned.iter().collect()
        } else {
            self.rewrite_all(&planned, cutoff)
        };
        out.emit(&PurgeJson {
            cutoff: time::format(&cutoff),
            logs: done.len() as u64,
            records: done.iter().map(|log| log.scan.removed).sum(),
            bytes: done.iter().map(|log| log.scan.removed_bytes).sum(),
            archive: archived.or(would_archive).map(|path| path.display().to_string()),
            dry_run: self.dry_run,
        })?;
        Ok(Exit::Success)
    }
}
