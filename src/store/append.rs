//! Appending a record to a log, safely among many writers.
//!
//! The writer needs only the rights to create a file and append to it (and
//! to read its attributes): it never reads, rewrites or truncates a log.
//!
//! 1. The log is opened for appending, created if missing (its branch folder
//!    too, but never the store's root: a store that is not there is
//!    unreachable, not something to create), and held exclusively, retried
//!    until the deadline, so that writers on other computers wait their
//!    turn instead of interleaving:
//!    * elsewhere, by an exclusive `flock`-style lock ([`File::try_lock`]);
//!    * on Windows, by the share mode of the open itself (others may read
//!      the log meanwhile, no one else may write it). Windows refuses a
//!      byte-range lock (`LockFileEx`) on a handle that may only append
//!      (rust-lang/rust#54118), and asking for read or write-anywhere
//!      rights to get one would break the append-only design. The handle
//!      asks for nothing but `FILE_APPEND_DATA` and `FILE_READ_ATTRIBUTES`.
//! 2. While held, an empty file gets the header first: exactly one header,
//!    even when writers race to create the log.
//! 3. The header (if any) and the record go out in one write of one buffer.
//!
//! [`hold_for_rewrite`] takes the same hold, with the rights to read and
//! rewrite the log, for the one command whose job is to rewrite logs
//! (`purge`): writers wait for it as they wait for each other.

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

impl AppendError {
    /// Whether the log refuses this record itself, whatever the state of the
    /// store: its file name is not valid there (too long, a character the
    /// file system refuses), or a folder stands where the log should be.
    /// Trying again later cannot help, unlike a store that cannot be reached.
    pub fn is_refusal(&self) -> bool {
        let AppendError::Open { source, path } = self else {
            return false;
        };
        matches!(
            source.kind(),
            io::ErrorKind::InvalidFilename
                | io::ErrorKind::IsADirectory
                | io::ErrorKind::InvalidInput
        )
            // Windows says "access denied" for a folder opened as a file.
            || Path::new(path).is_dir()
            // A log that cannot be created in a folder that is there: its
            // name is what is refused (Wine says "file not found" for a
            // name too long, where Windows says the name is invalid).
            || (source.kind() == io::ErrorKind::NotFound && Path::new(path).parent().is_some_and(Path::is_dir))
    }
}

/// Why the log could not be held this time.
enum Refused {
    /// Another writer holds it: try again.
    Busy,
    Failed(io::Error),
}

/// Opens `options` on `path`, creating the branch folder when missing.
fn open_creating_folder(options: &OpenOptions, path: &Path) -> io::Result<File> {
    match options.open(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if let Some(dir) = path.parent() {
                match std::fs::create_dir(dir) {
                    Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
                    _ => {}
                }
            }
            options.open(path)
        }
        other => other,
    }
}

#[cfg(not(windows))]
fn try_hold(path: &Path) -> Result<File, Refused> {
    let file = open_creating_folder(OpenOptions::new().append(true).create(true), path).map_err(Refused::Failed)?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(Refused::Busy),
        Err(std::fs::TryLockError::Error(e)) => Err(Refused::Failed(e)),
    }
}

#[cfg(windows)]
fn try_hold(path: &Path) -> Result<File, Refused> {
    use std::os::windows::fs::OpenOptionsExt;
    use windows_sys::Win32::Foundation::{ERROR_LOCK_VIOLATION, ERROR_SHARING_VIOLATION};
    use windows_sys::Win32::Storage::FileSystem::{
        FILE_APPEND_DATA, FILE_READ_ATTRIBUTES, FILE_SHARE_READ, SYNCHRONIZE,
    };
    let mut options = OpenOptions::new();
    options
        .append(true)
        .create(true)
        .access_mode(FILE_APPEND_DATA | FILE_READ_ATTRIBUTES | SYNCHRONIZE)
        .share_mode(FILE_SHARE_READ);
    open_creating_folder(&options, path).map_err(|e| match e.raw_os_error().map(|code| code as u32) {
        Some(ERROR_SHARING_VIOLATION | ERROR_LOCK_VIOLATION) => Refused::Busy,
        _ => Refused::Failed(e),
    })
}

/// An existing log, opened to be read and rewritten in place, and held
/// exclusively against writers as they hold it against each other.
#[cfg(not(windows))]
fn try_hold_rewrite(path: &Path) -> Result<File, Refused> {
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
        .map_err(Refused::Failed)?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(Refused::Busy),
        Err(std::fs::TryLockError::Error(e)) => Err(Refused::Failed(e)),
    }
}

#[cfg(windows)]
fn try_hold_rewrite(path: &Path) -> Result<File, Refused> {
    use std::os::windows::fs::OpenOptionsExt;
    use windows_sys::Win32::Foundation::{ERROR_LOCK_VIOLATION, ERROR_SHARING_VIOLATION};
    use windows_sys::Win32::Storage::FileSystem::FILE_SHARE_READ;
    // Others may read meanwhile; a writer's open (which asks to append)
    // fails with a sharing violation and is retried, as against a writer.
    let mut options = OpenOptions::new();
    options.read(true).write(true).share_mode(FILE_SHARE_READ);
    options
        .open(path)
        .map_err(|e| match e.raw_os_error().map(|code| code as u32) {
            Some(ERROR_SHARING_VIOLATION | ERROR_LOCK_VIOLATION) => Refused::Busy,
            _ => Refused::Failed(e),
        })
}

/// The log at `path`, held exclusively to be read and rewritten in place;
/// retried while a writer holds it, until `deadline`. Writers wait until
/// the file is closed.
pub fn hold_for_rewrite(path: &Path, deadline: Instant) -> Result<File, AppendError> {
    hold_until(path, deadline, try_hold_rewrite)
}

/// The log, opened by `try_hold` and held exclusively; retried while
/// another writer holds it, until `deadline`.
fn hold_until(
    path: &Path,
    deadline: Instant,
    try_hold: fn(&Path) -> Result<File, Refused>,
) -> Result<File, AppendError> {
    let shown = || path.display().to_string();
    let mut pause = Duration::from_millis(1);
    loop {
        match try_hold(path) {
            Ok(file) => return Ok(file),
            Err(Refused::Busy) if Instant::now() + pause < deadline => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(25));
            }
            Err(Refused::Busy) => return Err(AppendError::Locked { path: shown() }),
            Err(Refused::Failed(source)) => {
                return Err(AppendError::Open { path: shown(), source });
            }
        }
    }
}

/// Appends `line` to the log at `path`, writing `header` first when the log
/// is new. Gives up when the lock cannot be had before `deadline`.
pub fn append(path: &Path, header: &str, line: &str, deadline: Instant) -> Result<(), AppendError> {
    let mut file = hold_until(path, deadline, try_hold)?;
    let write = |file: &mut File| -> io::Result<()> {
        let is_new = file.metadata()?.len() == 0;
        let buffer = if is_new {
            format!("{header}{line}")
        } else {
            line.to_owned()
        };
        file.write_all(buffer.as_bytes())?;
        file.flush()
    };
    // Closing the file (when it drops) lets the next writer in.
    write(&mut file).map_err(|source| AppendError::Write {
        path: path.display().to_string(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_the_file_system_refuses_is_a_refusal_and_a_missing_store_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let deadline = Instant::now() + Duration::from_secs(5);
        // Over 255 bytes (ext4) and 255 UTF-16 units (NTFS) alike.
        let too_long = dir.path().join("Computers").join(format!("{}.LOG", "x".repeat(300)));
        let refused = append(&too_long, "", "x\r\n", deadline).unwrap_err();
        assert!(refused.is_refusal(), "{refused:?}");
        let folder = dir.path().join("Computers").join("PC1.LOG");
        std::fs::create_dir_all(&folder).unwrap();
        assert!(
            append(&folder, "", "x\r\n", deadline).unwrap_err().is_refusal(),
            "a folder where the log should be"
        );
        let unreachable = dir.path().join("no-store").join("Computers").join("PC1.LOG");
        assert!(!append(&unreachable, "", "x\r\n", deadline).unwrap_err().is_refusal());
    }
}
