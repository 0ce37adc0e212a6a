//! Which logs a reading command reads, from its `SelectArgs`, and which of
//! their records ([`read`]).
//!
//! Paths given are read as they are, each once (a log named twice, or piped
//! once per session it holds, is read once; case-insensitively on Windows).
//! Otherwise a name without wildcards picks one log (the user's, else the
//! thin client's, else the computer's: each event is in all three, so any
//! holds every match); a name without a log is a per-item error
//! (`no-log`), not a failure of the command. Otherwise the whole store is
//! read through its `Computers` branch, which holds every event once.

use crate::cli::SelectArgs;
use crate::diag;
use crate::filter::{Filter, Pattern};
use crate::reader::{self, LineNumber};
use crate::record::Record;
use crate::store::{Branch, Store};
use std::collections::HashSet;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

/// The logs to read, in order.
pub fn logs(select: &SelectArgs, store: &Store) -> anyhow::Result<Vec<PathBuf>> {
    if !select.paths.is_empty() {
        return Ok(each_once(&select.paths));
    }
    let named = [
        (Branch::Users, &select.user),
        (Branch::ThinClients, &select.thin_client),
        (Branch::Computers, &select.computer),
    ];
    let root = store.root();
    anyhow::ensure!(root.is_dir(), "the store {} does not exist or cannot be reached", root.display());
    for (branch, name) in named {
        if let Some(name) = name.as_deref().filter(|n| !Pattern::new(n).is_wildcard()) {
            let path = store.log_path(branch, name);
            if !path.is_file() {
                let message = format!("there is no log for {} '{name}' in {}", singular(branch), root.display());
                diag::error("no-log", &message, Some(&path), None);
                return Ok(Vec::new());
            }
            return Ok(vec![path]);
        }
    }
    Ok(store.logs(Branch::Computers)?)
}

/// Reads the records of the log at `path` that `filter` keeps, in file
/// order: all of them, or only the last `last` (read backward from the end).
pub fn read(
    path: &Path,
    filter: &Filter,
    last: Option<usize>,
    visit: &mut dyn FnMut(&Record, LineNumber) -> ControlFlow<()>,
) -> std::io::Result<()> {
    match last {
        Some(count) => reader::read_last(path, count, &|r| filter.matches(r), visit),
        None => reader::read_forward(path, filter.needle(), &mut |record, line| {
            if filter.matches(record) { visit(record, Some(line)) } else { ControlFlow::Continue(()) }
        }),
    }
}

/// `paths` in their order, each once. Windows file names are
/// case-insensitive, so there `a.log` and `A.LOG` are one log.
fn each_once(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut seen = HashSet::new();
    paths
        .iter()
        .filter(|path| {
            let key = path.to_string_lossy();
            seen.insert(if cfg!(windows) { key.to_lowercase() } else { key.into_owned() })
        })
        .cloned()
        .collect()
}

fn singular(branch: Branch) -> &'static str {
    match branch {
        Branch::Computers => "computer",
        Branch::ThinClients => "thin client",
        Branch::Users => "user",
    }
}
