//! Files written whole or not at all: a document or archive is written
//! under a temporary name next to its destination (`.<prefix>XXXXXX.partial`,
//! removed if the run fails) and renamed to its final name once complete,
//! so that a final name never holds half a file.
//!
//! A run killed midway (`kill -9`, a power cut) cannot remove its temporary
//! file: the next run of the same command removes those left in its folder
//! ([`remove_stale`]) once they are more than [`STALE_AFTER`] old and no run
//! holds them (a run holds its own with a lock on Unix; on Windows a file
//! open in a run cannot be removed), each with a `stale-partial` warning.

use std::io;
use std::path::Path;
use std::time::Duration;
use tempfile::NamedTempFile;

/// How old a leftover temporary file must be before it is removed.
pub const STALE_AFTER: Duration = Duration::from_secs(24 * 60 * 60);

/// A new temporary file in `dir`, named after `prefix`, with the
/// permissions of an ordinary new file (not the owner-only ones of a
/// temporary file): it becomes the finished file.
pub fn create(dir: &Path, prefix: &str) -> io::Result<NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix).suffix(".partial");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Narrowed by the umask, as for any new file.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let file = builder.tempfile_in(dir)?;
    // Held while in use, so that another run never takes it for a leftover.
    // (An advisory lock: Unix only, where it keeps no one from reading it.)
    #[cfg(unix)]
    let _ = file.as_file().try_lock();
    Ok(file)
}

/// Removes the temporary files of runs stopped midway from `dir`: those
/// named `<prefix>...partial`, last written more than [`STALE_AFTER`] ago,
/// that no run holds. Each one removed is a `stale-partial` warning; one
/// that cannot be removed is left for a later run.
pub fn remove_stale(dir: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let named = entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with(prefix) && n.ends_with(".partial"));
        let age = entry
            .metadata()
            .ok()
            .filter(std::fs::Metadata::is_file)
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok());
        let Some(age) = age.filter(|age| named && *age > STALE_AFTER) else {
            continue;
        };
        let path = entry.path();
        if !in_use(&path) && std::fs::remove_file(&path).is_ok() {
            let hours = age.as_secs() / 3600;
            let why = format!("removed the temporary file of a run stopped midway, last written {hours} hours ago");
            crate::diag::warning("stale-partial", &why, Some(&path), None);
        }
    }
}

/// Whether a run holds the temporary file at `path`.
fn in_use(path: &Path) -> bool {
    #[cfg(unix)]
    {
        std::fs::File::open(path).map_or(true, |file| file.try_lock().is_err())
    }
    #[cfg(not(unix))]
    {
        // Windows refuses to remove a file open in another run.
        let _ = path;
        false
    }
}
