//! Which logs a reading command reads, from its `SelectArgs`, and which of
//! their records ([`read`]).
//!
//! Paths given are read as they are. Otherwise a name without wildcards
//! picks one log (the user's, else the thin client's, else the computer's:
//! each event is in all three, so any holds every match). Otherwise the
//! whole store is read through its `Computers` branch, which holds every
//! event once.

use crate::cli::{ReachArgs, SelectArgs};
use crate::filter::{Filter, Pattern};
use crate::reader::{self, LineNumber};
use crate::record::Record;
use crate::store::{Branch, Store};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

/// The logs to read, in order, once the store (or the first log named)
/// has answered within `reach`'s timeout.
pub fn logs(select: &SelectArgs, store: &Store, reach: &ReachArgs) -> anyhow::Result<Vec<PathBuf>> {
    let first = select
        .paths
        .first()
        .map_or_else(|| store.root().to_owned(), PathBuf::clone);
    reach.reach(&[first])?;
    if !select.paths.is_empty() {
        return Ok(select.paths.clone());
    }
    let named = [
        (Branch::Users, &select.user),
        (Branch::ThinClients, &select.thin_client),
        (Branch::Computers, &select.computer),
    ];
    for (branch, name) in named {
        if let Some(name) = name.as_deref().filter(|n| !Pattern::new(n).is_wildcard()) {
            let path = store.log_path(branch, name);
            anyhow::ensure!(
                path.is_file(),
                "there is no log for {} '{name}' in {} (looked for {})",
                singular(branch),
                store.root().display(),
                path.display()
            );
            return Ok(vec![path]);
        }
    }
    let root = store.root();
    anyhow::ensure!(
        root.is_dir(),
        "the store {} does not exist or cannot be reached",
        root.display()
    );
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
            if filter.matches(record) {
                visit(record, Some(line))
            } else {
                ControlFlow::Continue(())
            }
        }),
    }
}

fn singular(branch: Branch) -> &'static str {
    match branch {
        Branch::Computers => "computer",
        Branch::ThinClients => "thin client",
        Branch::Users => "user",
    }
}
