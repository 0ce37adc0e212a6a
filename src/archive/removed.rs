//! The archive of what a purge removes: `<stem>-purged-<yyyyMMdd-HHmmss.fff>Z.zip`,
//! one entry per log that had old records, named as in a backup
//! (`Computers/PC-B12.LOG`) and holding the log's header lines and its old
//! records, so that an entry unzipped is a log `koxolog log` reads.
//!
//! Written under a temporary name, read back with every entry checked, and
//! renamed only then, like a backup ([`super::verify`]); `--keep` never
//! counts these archives among a store's backups (their names do not
//! parse as one).

use super::build::Archived;
use super::{archives, verify};
use crate::partial;
use crate::purge::Kind;
use chrono::{DateTime, Utc};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;
use zip::ZipWriter;
use zip::write::SimpleFileOptions;

/// An archive of removed records being written.
pub struct RemovedArchive {
    partial: NamedTempFile,
    zip: ZipWriter<BufWriter<File>>,
    written: Vec<Archived>,
    target: PathBuf,
    options: SimpleFileOptions,
}

/// The file name of the archive of a purge of the store of `stem` at `at`.
pub fn file_name(stem: &str, at: DateTime<Utc>) -> String {
    archives::file_name(&format!("{stem}-purged"), at)
}

impl RemovedArchive {
    /// Starts the archive in `destination` (created if missing).
    pub fn create(destination: &Path, stem: &str, at: DateTime<Utc>) -> anyhow::Result<RemovedArchive> {
        std::fs::create_dir_all(destination)
            .map_err(|e| anyhow::anyhow!("cannot create the destination {}: {e}", destination.display()))?;
        let name = file_name(stem, at);
        let target = destination.join(&name);
        anyhow::ensure!(
            !target.exists(),
            "the archive {} already exists: try again",
            target.display()
        );
        let partial = partial::create(destination, &format!(".{name}."))
            .map_err(|e| anyhow::anyhow!("cannot create a temporary archive in {}: {e}", destination.display()))?;
        let mut zip = ZipWriter::new(BufWriter::with_capacity(1024 * 1024, partial.as_file().try_clone()?));
        zip.set_comment(archives::comment(at))?;
        let local = chrono::DateTime::<chrono::Local>::from(at).naive_local();
        let options = SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::try_from(local).unwrap_or_default())
            .unix_permissions(0o644)
            .large_file(true);
        Ok(RemovedArchive {
            partial,
            zip,
            written: Vec::new(),
            target,
            options,
        })
    }

    /// The entry of the log named `name`: started only if an old record
    /// comes, its header lines kept until then.
    pub fn log<'a>(&'a mut self, name: &'a str) -> LogEntry<'a> {
        LogEntry {
            archive: self,
            name,
            pending: Vec::new(),
            size: None,
        }
    }

    /// Finishes the archive, reads it back, and renames it to its final
    /// name; gives its path, or nothing (and no file) when it holds no log.
    pub fn finish(mut self) -> anyhow::Result<Option<PathBuf>> {
        if self.written.is_empty() {
            return Ok(None);
        }
        let shown = self.partial.path().display().to_string();
        let writer = self.zip.finish()?;
        writer
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?
            .sync_all()
            .map_err(|e| anyhow::anyhow!("cannot write the archive {shown}: {e}"))?;
        let reread = self
            .partial
            .reopen()
            .map_err(|e| anyhow::anyhow!("cannot read back the archive {shown}: {e}"))?;
        verify::verify(reread, &self.written, |_| {})
            .map_err(|e| anyhow::anyhow!("the archive {shown} failed verification, nothing was removed: {e:#}"))?;
        self.partial.persist_noclobber(&self.target).map_err(|e| {
            anyhow::anyhow!(
                "cannot rename the verified archive to {}: {}",
                self.target.display(),
                e.error
            )
        })?;
        Ok(Some(std::mem::take(&mut self.target)))
    }
}

/// The entry of one log in a [`RemovedArchive`].
pub struct LogEntry<'a> {
    archive: &'a mut RemovedArchive,
    name: &'a str,
    /// Header lines seen before the first old record.
    pending: Vec<u8>,
    /// Bytes written, once started.
    size: Option<u64>,
}

impl LogEntry<'_> {
    /// Takes one line a purge archives.
    pub fn line(&mut self, line: &[u8], kind: Kind) -> io::Result<()> {
        match (self.size, kind) {
            (None, Kind::Header) => {
                self.pending.extend_from_slice(line);
                return Ok(());
            }
            (None, _) => {
                self.archive.zip.start_file(self.name, self.archive.options)?;
                let pending = std::mem::take(&mut self.pending);
                self.archive.zip.write_all(&pending)?;
                self.size = Some(pending.len() as u64);
            }
            _ => {}
        }
        self.archive.zip.write_all(line)?;
        *self.size.get_or_insert(0) += line.len() as u64;
        Ok(())
    }

    /// Ends the entry (if it was started).
    pub fn end(self) {
        if let Some(size) = self.size {
            self.archive.written.push(Archived {
                name: self.name.to_owned(),
                size,
            });
        }
    }
}
