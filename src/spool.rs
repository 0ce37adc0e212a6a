//! The local spool: records kept on this machine while the store cannot be
//! reached, delivered by the next successful `write` with their original
//! times.
//!
//! One file per record, `<id>.spool` (ids sort by time, so records are
//! delivered in the order they happened):
//!
//! ```text
//! #KoXoLog spool 1
//! <the record's line, as it goes into the logs>
//! target<TAB>Computers<TAB>PC-B12
//! target<TAB>Users<TAB>jdoe
//! done<TAB>Computers<TAB>PC-B12        (appended as each log is written)
//! ```
//!
//! A delivering writer locks the spool file, so two writers on one machine
//! never deliver the same record twice; it appends a `done` line after each
//! log is written, so a delivery cut short resumes where it stopped; it
//! removes the file when every log has the record.
//!
//! | platform | spool folder (per user: logon scripts run as the user) |
//! |----------|--------------------------------------------------------|
//! | Windows  | `%LOCALAPPDATA%\KoXoLog\spool` |
//! | others   | `$XDG_STATE_HOME/koxolog/spool`, else `~/.local/state/koxolog/spool` |

use crate::format::{header, sanitize, EOL};
use crate::store::{append, Branch, Store};
use std::fs::{self, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

const MAGIC: &str = "#KoXoLog spool 1";

/// A log a record must reach: its branch and the name it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub branch: Branch,
    pub name: String,
}

impl Target {
    fn text(&self) -> String {
        format!("{}\t{}", self.branch.folder(), self.name)
    }

    fn from_text(text: &str) -> Option<Target> {
        let (branch, name) = text.split_once('\t')?;
        Some(Target {
            branch: Branch::from_folder(branch)?,
            name: name.to_owned(),
        })
    }

    /// Appends `line` to this target's log in `store`.
    pub fn append(&self, store: &Store, line: &str, deadline: Instant) -> Result<(), append::AppendError> {
        let shown_name = sanitize::value(&self.name).unwrap_or_default();
        let header = header::text(self.branch.folder(), &shown_name);
        append::append(&store.log_path(self.branch, &self.name), &header, line, deadline)
    }
}

/// The default spool folder of this user on this machine.
pub fn default_dir() -> PathBuf {
    if cfg!(windows) {
        let base = std::env::var_os("LOCALAPPDATA")
            .map_or_else(|| crate::store::location::home().join("AppData").join("Local"), PathBuf::from);
        base.join("KoXoLog").join("spool")
    } else {
        let state = match std::env::var_os("XDG_STATE_HOME") {
            Some(dir) if !dir.is_empty() => PathBuf::from(dir),
            _ => crate::store::location::home().join(".local").join("state"),
        };
        state.join("koxolog").join("spool")
    }
}

/// A spool folder.
#[derive(Debug, Clone)]
pub struct Spool {
    dir: PathBuf,
}

impl Spool {
    pub fn new(dir: impl Into<PathBuf>) -> Spool {
        Spool { dir: dir.into() }
    }

    /// The spool's folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Keeps a record for later: `line` (with its line ending) must reach
    /// every one of `targets`. Returns the spool file.
    pub fn keep(&self, id: &str, line: &str, targets: &[Target]) -> io::Result<PathBuf> {
        fs::create_dir_all(&self.dir)?;
        let mut text = format!("{MAGIC}\n{}\n", line.trim_end_matches(EOL));
        for target in targets {
            text.push_str(&format!("target\t{}\n", target.text()));
        }
        let path = self.dir.join(format!("{id}.spool"));
        // Written whole under another name first: a spool file is never torn.
        let mut partial = crate::partial::create(&self.dir, &format!(".{id}."))?;
        partial.write_all(text.as_bytes())?;
        partial.persist(&path).map_err(|e| e.error)?;
        Ok(path)
    }

    /// The spool files waiting, oldest first.
    pub fn waiting(&self) -> io::Result<Vec<PathBuf>> {
        let mut files: Vec<PathBuf> = match fs::read_dir(&self.dir) {
            Ok(dir) => dir
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "spool"))
                .collect(),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(e),
        };
        files.sort();
        Ok(files)
    }

    /// Delivers the waiting records to `store`, oldest first, until done or
    /// until `deadline`, and says how many are now in every one of their
    /// logs. Stops at the first log that cannot be written.
    pub fn deliver(&self, store: &Store, deadline: Instant) -> Result<usize, anyhow::Error> {
        let files = self.waiting()?;
        let mut delivered = 0;
        for path in files {
            if Instant::now() >= deadline {
                break;
            }
            if deliver_one(&path, store, deadline)? {
                delivered += 1;
            }
        }
        Ok(delivered)
    }
}

/// Delivers one spool file; `Ok(false)` when another writer is delivering it.
fn deliver_one(path: &Path, store: &Store, deadline: Instant) -> anyhow::Result<bool> {
    let mut file = match OpenOptions::new().read(true).append(true).open(path) {
        Ok(file) => file,
        // Delivered and removed by another writer meanwhile.
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(anyhow::anyhow!("cannot open the spool file {}: {e}", path.display())),
    };
    if file.try_lock().is_err() {
        return Ok(false);
    }
    let mut text = String::new();
    file.read_to_string(&mut text)?;
    let Some((line, pending)) = parse(&text) else {
        // Set aside, so that one damaged file never blocks the others.
        drop(file);
        let aside = path.with_extension("bad");
        fs::rename(path, &aside)?;
        crate::diag::warning("bad-spool-file", "not a KoXoLog spool file: set aside", Some(&aside), None);
        return Ok(false);
    };
    let line = format!("{line}{EOL}");
    for target in pending {
        target.append(store, &line, deadline)?;
        file.write_all(format!("done\t{}\n", target.text()).as_bytes())?;
        file.flush()?;
    }
    let _ = file.unlock();
    drop(file);
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e.into()),
        _ => Ok(true),
    }
}

/// The record line and the targets not yet done.
fn parse(text: &str) -> Option<(&str, Vec<Target>)> {
    let mut lines = text.lines();
    (lines.next()? == MAGIC).then_some(())?;
    let line = lines.next()?;
    let mut targets = Vec::new();
    let mut done = Vec::new();
    for entry in lines {
        match entry.split_once('\t') {
            Some(("target", rest)) => targets.extend(Target::from_text(rest)),
            Some(("done", rest)) => done.extend(Target::from_text(rest)),
            _ => {}
        }
    }
    targets.retain(|t| !done.contains(t));
    Some((line, targets))
}
