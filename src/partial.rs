//! Files written whole or not at all: a document or archive is written
//! under a temporary name next to its destination (`.<prefix>XXXXXX.partial`,
//! removed if the run fails) and renamed to its final name once complete,
//! so that a final name never holds half a file.

use std::io;
use std::path::Path;
use tempfile::NamedTempFile;

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
    builder.tempfile_in(dir)
}
