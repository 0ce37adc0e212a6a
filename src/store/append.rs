//! Appending a record to a log, safely among many writers.
//!
//! The writer needs only the rights to create a file and append to it (and
//! to read its attributes): it never reads, rewrites or truncates a log.
//!
//! 1. The log is opened for appending, created if missing (its branch folder
//!    too, but never the store's root: a store that is not there is
//!    unreachable, not something to create).
//! 2. An exclusive lock is taken on it, retried until the deadline, so that
//!    writers on other computers wait their turn instead of interleaving.
//! 3. Under the lock, an empty file gets the header first: exactly one
//!    header, even when writers race to create the log.
//! 4. The header (if any) and the record go out in one write of one buffer.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;
use std::time::{Duration, Instant};

/// Why an append did not happen.
#[derive(Debug, thiserror::Error)]
pub enum AppendError {
    #[error("cannot open {path} for appending")]
    Open { path: String, source: io::Error },
    #[error("{path} stayed locked by another writer until the deadline")]
    Locked { path: String },
    #[error("cannot append to {path}")]
    Write { path: String, source: io::Error },
}

fn open(path: &Path) -> io::Result<File> {
    let options = || OpenOptions::new().append(true).create(true).open(path);
    match options() {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if let Some(dir) = path.parent() {
                match std::fs::create_dir(dir) {
                    Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
                    _ => {}
                }
            }
            options()
        }
        other => other,
    }
}

fn lock_until(file: &File, deadline: Instant) -> Result<(), ()> {
    let mut pause = Duration::from_millis(1);
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(()),
            Err(_) if Instant::now() + pause < deadline => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(25));
            }
            Err(_) => return Err(()),
        }
    }
}

/// Appends `line` to the log at `path`, writing `header` first when the log
/// is new. Gives up when the lock cannot be had before `deadline`.
pub fn append(path: &Path, header: &str, line: &str, deadline: Instant) -> Result<(), AppendError> {
    let shown = || path.display().to_string();
    let mut file = open(path).map_err(|source| AppendError::Open { path: shown(), source })?;
    lock_until(&file, deadline).map_err(|()| AppendError::Locked { path: shown() })?;
    let write = |file: &mut File| -> io::Result<()> {
        let is_new = file.metadata()?.len() == 0;
        let buffer = if is_new { format!("{header}{line}") } else { line.to_owned() };
        file.write_all(buffer.as_bytes())?;
        file.flush()
    };
    let written = write(&mut file);
    let _ = file.unlock();
    written.map_err(|source| AppendError::Write { path: shown(), source })
}
