//! `koxolog compress`: a verified ZIP archive of every log of the store,
//! written to `<store>/BACKUP/<stem>-<yyyyMMdd-HHmmss>.zip` (or
//! `--destination`), while writers keep appending.
//!
//! Nothing counts until verified: the archive is written under a temporary
//! name (`.<name>.*.partial`), read back with every entry's CRC checked, and
//! only then renamed. `--keep N` then removes the oldest archives beyond N.
//! A run stopped midway leaves no archive under a final name, and never
//! touches the logs (they are only read). See [`crate::archive`].

use crate::archive::{archives, build, entries, verify};
use crate::cli::{ReachArgs, StoreArgs};
use crate::diag::{self, Progress};
use crate::exit::Exit;
use crate::json::archive::Archive;
use crate::output::Output;
use crate::store::BACKUP;
use anyhow::Context;
use clap::Args;
use std::path::{Path, PathBuf};
use std::time::Instant;

// The flags of `koxolog compress`. What its help says of it is the doc
// of `Command::Compress` (mod.rs): clap builds these flags only when it runs.
#[derive(Debug, Args)]
pub struct Compress {
    /// The folder the archive is written to (created if missing); by
    /// default the store's BACKUP folder.
    #[arg(long, value_name = "DIR")]
    pub destination: Option<PathBuf>,

    /// Keep only the newest N archives of this store in the destination
    /// (the new one included): the older ones are removed once the new one
    /// is verified.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub keep: Option<u64>,

    /// The compression level: 0 stores the logs as they are, 1 is the
    /// fastest deflate, 9 the smallest.
    #[arg(long, value_name = "0-9", default_value_t = 6, value_parser = clap::value_parser!(u8).range(0..=9))]
    pub level: u8,

    /// List what would go into the archive (verbose diagnostics) and what
    /// --keep would remove, and write nothing.
    #[arg(long)]
    pub dry_run: bool,

    #[command(flatten)]
    pub store: StoreArgs,

    #[command(flatten)]
    pub reach: ReachArgs,
}

fn joined(paths: &[PathBuf]) -> Option<String> {
    let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    (!shown.is_empty()).then(|| shown.join(", "))
}

impl Compress {
    /// The archives --keep removes once `new`, the newest, exists among
    /// the others.
    fn to_remove(&self, destination: &Path, stem: &str, new: &Path) -> anyhow::Result<Vec<PathBuf>> {
        let Some(keep) = self.keep else {
            return Ok(Vec::new());
        };
        let mut existing = archives::existing(destination, stem)
            .with_context(|| format!("cannot list the archives in {}", destination.display()))?;
        existing.retain(|p| p != new);
        existing.push(new.to_owned());
        Ok(archives::beyond(&existing, keep as usize).to_vec())
    }
}

impl super::Run for Compress {
    fn run(&self, out: &mut Output) -> anyhow::Result<Exit> {
        let started = Instant::now();
        let store = self.store.store()?;
        self.reach.reach(&[store.root().to_owned()])?;
        store.ensure_reachable()?;
        let root = store.root();
        let destination = self.destination.clone().unwrap_or_else(|| root.join(BACKUP));
        let stem = archives::stem(&store);
        let made = chrono::Utc::now();
        let name = archives::file_name(&stem, made);
        let target = destination.join(&name);
        let entries = entries::list(&store);
        let bytes_in: u64 = entries.iter().map(|e| e.length).sum();
        if self.dry_run {
            for entry in &entries {
                diag::verbose(
                    "would-archive",
                    &format!("would archive {} ({} bytes)", entry.name, entry.length),
                    Some(&entry.source),
                );
            }
            out.emit(&Archive {
                path: target.display().to_string(),
                entries: entries.len() as u64,
                bytes_in,
                bytes_out: None,
                seconds: None,
                removed: joined(&self.to_remove(&destination, &stem, &target)?),
                dry_run: true,
            })?;
            return Ok(Exit::Success);
        }
        std::fs::create_dir_all(&destination)
            .with_context(|| format!("cannot create the destination {}", destination.display()))?;
        crate::partial::remove_stale(&destination, &format!(".{stem}-"));
        anyhow::ensure!(
            !target.exists(),
            "the archive {} already exists: try again",
            target.display()
        );
        let partial = crate::partial::create(&destination, &format!(".{name}."))
            .with_context(|| format!("cannot create a temporary archive in {}", destination.display()))?;
        let shown = partial.path().display().to_string();
        let file = partial.as_file().try_clone()?;
        let mut progress = Progress::new("compressing", "Compressing logs", entries.len());
        let (file, archived) = build::write(&entries, self.level, &archives::comment(made), file, |done| {
            progress.done(done)
        })
        .with_context(|| format!("cannot write the archive {shown}"))?;
        drop(file);
        let mut progress = Progress::new("verifying", "Verifying the archive", archived.len());
        let reread = partial
            .reopen()
            .with_context(|| format!("cannot read back the archive {shown}"))?;
        verify::verify(reread, &archived, |done| progress.done(done))
            .with_context(|| format!("the archive {shown} failed verification, it was not kept"))?;
        partial
            .persist_noclobber(&target)
            .map_err(|e| e.error)
            .with_context(|| format!("cannot rename the verified archive to {}", target.display()))?;
        let bytes_out = std::fs::metadata(&target).map(|m| m.len()).unwrap_or_default();
        let mut removed = Vec::new();
        for old in self.to_remove(&destination, &stem, &target)? {
            match std::fs::remove_file(&old) {
                Ok(()) => removed.push(old),
                Err(e) => diag::error(
                    "cannot-remove",
                    &format!("cannot remove the old archive: {e}"),
                    Some(&old),
                    None,
                ),
            }
        }
        out.emit(&Archive {
            path: target.display().to_string(),
            entries: archived.len() as u64,
            bytes_in: archived.iter().map(|a| a.size).sum(),
            bytes_out: Some(bytes_out),
            seconds: Some(started.elapsed().as_secs_f64()),
            removed: joined(&removed),
            dry_run: false,
        })?;
        Ok(Exit::Success)
    }
}
