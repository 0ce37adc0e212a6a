//! What an archive of the store holds: every log of the `Computers`,
//! `ThinClients` and `Users` branches, named by its path relative to the
//! store (`Computers/PC-B12.LOG`). The `BACKUP` folder is never among them.
//!
//! Each log's length and modification time are read once, when the list is
//! made: the archive holds the store as it was then (the logs' prefixes of
//! that length, cut back to their last whole line).

use crate::diag;
use crate::store::{Branch, Store};
use std::path::PathBuf;
use std::time::SystemTime;

/// One log to archive.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The log's path.
    pub source: PathBuf,
    /// Its name in the archive: `<branch>/<file name>`, `/`-separated.
    pub name: String,
    /// Its length when the list was made: no byte past it is archived.
    pub length: u64,
    /// Its modification time when the list was made.
    pub modified: SystemTime,
}

/// The logs of the store, branch by branch, sorted by name. A log or branch
/// that cannot be read is an `error` diagnostic and is left out.
pub fn list(store: &Store) -> Vec<Entry> {
    let mut entries = Vec::new();
    for branch in Branch::ALL {
        let logs = match store.logs(branch) {
            Ok(logs) => logs,
            Err(e) => {
                diag::cannot_list(&store.branch_dir(branch), &e);
                continue;
            }
        };
        for source in logs {
            let metadata = match std::fs::metadata(&source) {
                Ok(metadata) => metadata,
                Err(e) => {
                    diag::cannot_read(&source, &e);
                    continue;
                }
            };
            let file_name = source
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            entries.push(Entry {
                name: format!("{}/{file_name}", branch.folder()),
                length: metadata.len(),
                modified: metadata.modified().unwrap_or(SystemTime::UNIX_EPOCH),
                source,
            });
        }
    }
    entries
}
