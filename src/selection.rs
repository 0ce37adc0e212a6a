//! Which logs a reading command reads, from the paths and names it was
//! given ([`Named`]), and which of their records ([`read`]).
//!
//! Paths given are read as they are, each once (a log named twice, or piped
//! once per session it holds, is read once; case-insensitively on Windows).
//! Otherwise a name without wildcards picks one log (the user's, else the
//! thin client's, else the computer's: each event is in all three, so any
//! holds every match); a name without a log is a per-item error
//! (`no-log`), not a failure of the command. Otherwise the whole store is
//! read through its `Computers` branch, which holds every event once.
//!
//! Sessions are paired on computers' logs only ([`computer_logs`]): a
//! user's or a thin client's log is read for the computers it names.

use crate::diag;
use crate::filter::{Filter, Pattern};
use crate::format::header::Field;
use crate::pairing::{self, Pairing, Session};
use crate::reader::{self, LineNumber, Sieve};
use crate::record::Record;
use crate::session_filter::{InLog, SessionFilter};
use crate::store::{self, Branch, Store};
use std::collections::{BTreeMap, HashSet};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

/// What names the logs to read: paths, or the names of a computer, a user,
/// a thin client (wildcards allowed).
#[derive(Debug, Clone, Copy, Default)]
pub struct Named<'a> {
    pub paths: &'a [PathBuf],
    pub computer: Option<&'a str>,
    pub user: Option<&'a str>,
    pub thin_client: Option<&'a str>,
}

/// The logs to read, in order.
pub fn logs(select: Named<'_>, store: &Store) -> anyhow::Result<Vec<PathBuf>> {
    if !select.paths.is_empty() {
        return Ok(each_once(select.paths));
    }
    let named = [
        (Branch::Users, select.user),
        (Branch::ThinClients, select.thin_client),
        (Branch::Computers, select.computer),
    ];
    ensure_a_store(store)?;
    for (branch, name) in named {
        if let Some(name) = plain(name) {
            return Ok(existing(store, branch, name).into_iter().collect());
        }
    }
    whole_store(store)
}

/// Fails when `store` is no store: a folder that is not there, or one with
/// none of the `Computers`, `ThinClients`, `Users` folders (a wrong folder
/// named as the store, a store never written to), where an empty answer
/// would say that nobody ever logged on.
pub fn ensure_a_store(store: &Store) -> anyhow::Result<()> {
    store.ensure_reachable()?;
    let root = store.root();
    anyhow::ensure!(
        Branch::ALL.iter().any(|b| store.branch_dir(*b).is_dir()),
        "{} is no KoXoLog store: it has no Computers, ThinClients or Users folder (name the store with --store, $KOXOLOG_STORE or --server; the first record written creates them)",
        root.display()
    );
    Ok(())
}

/// Every computer's log: the whole store, each event once.
fn whole_store(store: &Store) -> anyhow::Result<Vec<PathBuf>> {
    let computers = store.branch_dir(Branch::Computers);
    anyhow::ensure!(
        computers.is_dir(),
        "the store {} has no Computers folder, which holds every event: read its logs by path, --user or --thin-client",
        store.root().display()
    );
    Ok(store.logs(Branch::Computers)?)
}

/// A computer's log to pair, and, when a path of a user's or a thin
/// client's log asked for it, that log: only its sessions are shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComputerLog {
    pub path: PathBuf,
    pub for_log: Option<InLog>,
}

/// The computers' logs `sessions` pairs, in order: the paths given (a user's
/// or a thin client's log in a store stands for the logs of the computers it
/// names), or
/// the log of `--computer`, or the logs of the computers named by the log of
/// `--user` or `--thin-client`, or the whole `Computers` branch.
pub fn computer_logs(select: Named<'_>, store: &Store) -> anyhow::Result<Vec<ComputerLog>> {
    let all = |path: PathBuf| ComputerLog { path, for_log: None };
    if !select.paths.is_empty() {
        let mut logs = Vec::new();
        for path in &each_once(select.paths) {
            match store::branch_of(path) {
                Some(branch @ (Branch::Users | Branch::ThinClients)) if in_a_store(path) => {
                    let root = path.parent().and_then(Path::parent).unwrap_or(Path::new("."));
                    let for_log = InLog {
                        branch,
                        stem: store::name_of(path),
                    };
                    let named = named_computers(path, &Store::new(root));
                    logs.extend(named.into_iter().map(|path| ComputerLog {
                        path,
                        for_log: Some(for_log.clone()),
                    }));
                }
                _ => logs.push(all(path.clone())),
            }
        }
        return Ok(logs);
    }
    ensure_a_store(store)?;
    if let Some(computer) = plain(select.computer) {
        return Ok(existing(store, Branch::Computers, computer)
            .into_iter()
            .map(all)
            .collect());
    }
    for (branch, name) in [(Branch::Users, select.user), (Branch::ThinClients, select.thin_client)] {
        if let Some(name) = plain(name) {
            let Some(log) = existing(store, branch, name) else {
                return Ok(Vec::new());
            };
            return Ok(named_computers(&log, store).into_iter().map(all).collect());
        }
    }
    Ok(whole_store(store)?.into_iter().map(all).collect())
}

/// The sessions of one computer's log that `filter` keeps (and, for a log
/// asked for through a user's or thin client's log, that belong to it): the
/// log read and paired whole, so that a session has the same state
/// whichever selection shows it. A log that cannot be read is a
/// `cannot-read` error, and gives the sessions read before it failed.
pub fn sessions(log: &ComputerLog, filter: &SessionFilter) -> Vec<Session> {
    let (pairing, read) = pairing_of(&log.path);
    if let Err(e) = read {
        diag::error(
            "cannot-read",
            &format!("cannot read the log: {e}"),
            Some(&log.path),
            None,
        );
    }
    let filter = SessionFilter {
        in_log: log.for_log.clone(),
        ..filter.clone()
    };
    let mut sessions = pairing.sessions();
    sessions.retain(|s| filter.keeps(s));
    sessions
}

/// What pairing reads of a log: the records of the events it pairs (a
/// fifth of a school's records are locks and unlocks, left unparsed).
const PAIRED: Sieve = Sieve {
    events: Some(&pairing::EVENTS),
    ..Sieve::NONE
};

/// The records of the log at `path`, taken for pairing, and how the
/// reading ended. They are paired as they are read
/// ([`Pairing::in_order`]), holding only sessions; a log with a record out
/// of clock order (one delivered late from a spool) is read again, every
/// record kept and sorted, its diagnostics given once.
pub fn pairing_of(path: &Path) -> (Pairing, std::io::Result<()>) {
    let mut pairing = Pairing::in_order();
    let mut stopped_at = None;
    let read = reader::read_forward(path, PAIRED, &mut |record, line| {
        pairing.add(record);
        if pairing.out_of_order() {
            stopped_at = Some(line);
            return ControlFlow::Break(());
        }
        ControlFlow::Continue(())
    });
    let Some(line) = stopped_at else {
        return (pairing, read);
    };
    let mut pairing = Pairing::default();
    let read = diag::quiet_through(path, line, || {
        reader::read_forward(path, PAIRED, &mut |record, _| {
            pairing.add(record);
            ControlFlow::Continue(())
        })
    });
    (pairing, read)
}

/// The log of `name` in `branch`; when there is none, a `no-log` error
/// (the command goes on, and ends with exit 1).
fn existing(store: &Store, branch: Branch, name: &str) -> Option<PathBuf> {
    let path = store.log_path(branch, name);
    if path.is_file() {
        return Some(path);
    }
    let message = format!(
        "there is no log for {} '{name}' in {}",
        singular(branch),
        store.root().display()
    );
    diag::error("no-log", &message, Some(&path), None);
    None
}

/// The logs, in `store`, of the computers the log at `path` names, by file
/// name. A computer without a log there is reported and left out.
fn named_computers(path: &Path, store: &Store) -> Vec<PathBuf> {
    let mut named = BTreeMap::new();
    let read = reader::read_forward(path, Sieve::NONE, &mut |record, _| {
        if let Some(computer) = record.get(Field::Computer)
            && !named.contains_key(computer)
        {
            named.insert(computer.to_owned(), store.log_path(Branch::Computers, computer));
        }
        ControlFlow::Continue(())
    });
    if let Err(e) = read {
        diag::cannot_read(path, &e);
    }
    let mut logs: Vec<PathBuf> = named.into_values().collect();
    logs.sort();
    logs.dedup();
    logs.retain(|log| {
        let found = log.is_file();
        if !found {
            diag::warning(
                "no-computer-log",
                &format!(
                    "this log names a computer whose log {} is not in the store: its sessions there are not shown",
                    log.display()
                ),
                Some(path),
                None,
            );
        }
        found
    });
    logs
}

/// Reads the records of the log at `path` that `filter` keeps, in file
/// order: all of them, or only the last `last` (read backward from the end).
pub fn read(
    path: &Path,
    filter: &Filter,
    last: Option<usize>,
    visit: &mut dyn FnMut(&Record, Option<LineNumber>) -> ControlFlow<()>,
) -> std::io::Result<()> {
    match last {
        Some(count) => reader::read_last(path, count, &|r| filter.matches(r), visit),
        None => reader::read_forward(
            path,
            Sieve {
                needle: filter.needle().as_ref(),
                ..Sieve::NONE
            },
            &mut |record, line| {
                if filter.matches(record) {
                    visit(record, Some(line))
                } else {
                    ControlFlow::Continue(())
                }
            },
        ),
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
            seen.insert(if cfg!(windows) {
                key.to_lowercase()
            } else {
                key.into_owned()
            })
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

/// Whether a log's folder has a `Computers` folder beside it (a copy of one
/// log, alone, is paired as it is).
fn in_a_store(path: &Path) -> bool {
    let root = path.parent().and_then(Path::parent).unwrap_or(Path::new("."));
    Store::new(root).branch_dir(Branch::Computers).is_dir()
}

/// A name that picks one log: without wildcards.
fn plain(name: Option<&str>) -> Option<&str> {
    name.filter(|n| !Pattern::new(n).is_wildcard())
}
