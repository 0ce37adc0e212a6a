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
//! store<TAB>/mnt/logs                    (the store it is meant for)
//! target<TAB>Computers<TAB>PC-B12
//! target<TAB>Users<TAB>jdoe
//! sending<TAB>Computers<TAB>PC-B12       (appended before each log is written)
//! done<TAB>Computers<TAB>PC-B12          (appended after)
//! ```
//!
//! * **Its store only.** A record is delivered only by a `write` to the
//!   store it was meant for (the `store` line: the `--store` folder as an
//!   absolute path, `\\SERVER\SHARE` as given, `%PDC_SERVER%` included, or
//!   the default store); a `write` to another store leaves it waiting.
//!   (A spool file of an older version, without a `store` line, goes to the
//!   next store reached.)
//! * **Exactly once.** A delivering writer locks the spool file, so two
//!   writers on one machine never deliver the same record twice. It appends
//!   `sending` before each log is written and `done` after, so a delivery
//!   cut short resumes where it stopped; a `sending` without its `done` (the
//!   writer was killed in between) makes it look for the record's id in the
//!   last [`TAIL_BYTES`] of that log first, and append it only when it is
//!   not there. It removes the file when every log has the record.
//! * **Nothing blocks the rest.** Records go oldest first and delivery stops
//!   at the first log that cannot be reached (the store is down again). A
//!   log that refuses this record itself (its file name is invalid there,
//!   or a folder stands where the log should be) does not stop it: the
//!   spool file is set aside as `<id>.refused` with a `spool-refused`
//!   warning, and the others are delivered. A damaged spool file is set
//!   aside as `<id>.bad` (`bad-spool-file`).
//!
//! | platform | spool folder (per user: logon scripts run as the user) |
//! |----------|--------------------------------------------------------|
//! | Windows  | `%LOCALAPPDATA%\KoXoLog\spool` |
//! | others   | `$XDG_STATE_HOME/koxolog/spool`, else `~/.local/state/koxolog/spool` |

use crate::format::{EOL, header, sanitize};
use crate::store::{Branch, Store, append};
use std::fs::{self, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

const MAGIC: &str = "#KoXoLog spool 1";

/// How far from the end of a log a delivery cut short looks for its record.
pub const TAIL_BYTES: u64 = 1024 * 1024;

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

    /// Whether this target's log in `store` already holds the record `id`
    /// near its end (a delivery was killed after writing it). A log that
    /// cannot be read (a writer may only append) holds nothing.
    fn holds(&self, store: &Store, id: &str) -> bool {
        let Ok(mut log) = fs::File::open(store.log_path(self.branch, &self.name)) else {
            return false;
        };
        let length = log.metadata().map_or(0, |m| m.len());
        let mut tail = Vec::new();
        let read = io::Seek::seek(
            &mut log,
            io::SeekFrom::Start(length.saturating_sub(TAIL_BYTES)),
        )
        .and_then(|_| log.take(TAIL_BYTES).read_to_end(&mut tail));
        !id.is_empty() && read.is_ok() && memchr::memmem::find(&tail, id.as_bytes()).is_some()
    }

    /// Appends `line` to this target's log in `store`.
    pub fn append(
        &self,
        store: &Store,
        line: &str,
        deadline: Instant,
    ) -> Result<(), append::AppendError> {
        let shown_name = sanitize::value(&self.name).unwrap_or_default();
        let header = header::text(self.branch.folder(), &shown_name);
        append::append(
            &store.log_path(self.branch, &self.name),
            &header,
            line,
            deadline,
        )
    }
}

/// The default spool folder of this user on this machine.
pub fn default_dir() -> PathBuf {
    if cfg!(windows) {
        let base = std::env::var_os("LOCALAPPDATA").map_or_else(
            || crate::store::location::home().join("AppData").join("Local"),
            PathBuf::from,
        );
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
    /// every one of `targets` in the store `store` (as [`Spool::deliver`]
    /// is told it). Returns the spool file.
    pub fn keep(
        &self,
        id: &str,
        line: &str,
        store: &str,
        targets: &[Target],
    ) -> io::Result<PathBuf> {
        fs::create_dir_all(&self.dir)?;
        let mut text = format!("{MAGIC}\n{}\nstore\t{store}\n", line.trim_end_matches(EOL));
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

    /// Delivers the records waiting for the store `store` (named as in
    /// [`Spool::keep`]), whose folder is `root`, oldest first, until done or
    /// until `deadline`, and says how many are now in every one of their
    /// logs. Stops at the first log that cannot be reached; a record a log
    /// refuses is set aside and the others go on.
    pub fn deliver(
        &self,
        root: &Store,
        store: &str,
        deadline: Instant,
    ) -> Result<usize, anyhow::Error> {
        crate::partial::remove_stale(&self.dir, ".");
        let files = self.waiting()?;
        let mut delivered = 0;
        for path in files {
            if Instant::now() >= deadline {
                break;
            }
            if deliver_one(&path, root, store, deadline)? == Outcome::Delivered {
                delivered += 1;
            }
        }
        Ok(delivered)
    }
}

/// What became of one spool file.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    Delivered,
    /// Another writer is delivering it, it is meant for another store, or
    /// it was set aside.
    Left,
}

/// Delivers one spool file.
fn deliver_one(
    path: &Path,
    root: &Store,
    store: &str,
    deadline: Instant,
) -> anyhow::Result<Outcome> {
    let mut file = match OpenOptions::new().read(true).append(true).open(path) {
        Ok(file) => file,
        // Delivered and removed by another writer meanwhile.
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Outcome::Left),
        Err(e) => {
            return Err(anyhow::anyhow!(
                "cannot open the spool file {}: {e}",
                path.display()
            ));
        }
    };
    if file.try_lock().is_err() {
        return Ok(Outcome::Left);
    }
    let mut text = String::new();
    file.read_to_string(&mut text)?;
    let Some(entry) = Entry::parse(&text) else {
        // Set aside, so that one damaged file never blocks the others.
        drop(file);
        let aside = set_aside(path, "bad")?;
        crate::diag::warning(
            "bad-spool-file",
            "not a KoXoLog spool file: set aside",
            Some(&aside),
            None,
        );
        return Ok(Outcome::Left);
    };
    if entry.store.is_some_and(|meant| !same_store(meant, store)) {
        return Ok(Outcome::Left);
    }
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let line = format!("{}{EOL}", entry.line);
    for (target, was_sending) in entry.pending {
        if !(was_sending && target.holds(root, &id)) {
            file.write_all(format!("sending\t{}\n", target.text()).as_bytes())?;
            file.flush()?;
            match target.append(root, &line, deadline) {
                Ok(()) => {}
                Err(e) if e.is_refusal() && root.root().is_dir() => {
                    drop(file);
                    let aside = set_aside(path, "refused")?;
                    let why = format!(
                        "{:#}: the record can never be delivered there, and was set aside",
                        anyhow::Error::from(e)
                    );
                    crate::diag::warning("spool-refused", &why, Some(&aside), None);
                    return Ok(Outcome::Left);
                }
                Err(e) => return Err(e.into()),
            }
        }
        file.write_all(format!("done\t{}\n", target.text()).as_bytes())?;
        file.flush()?;
    }
    let _ = file.unlock();
    drop(file);
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e.into()),
        _ => Ok(Outcome::Delivered),
    }
}

/// Renames a spool file to the extension `extension`; returns the new path.
fn set_aside(path: &Path, extension: &str) -> io::Result<PathBuf> {
    let aside = path.with_extension(extension);
    fs::rename(path, &aside)?;
    Ok(aside)
}

/// Whether two names of a store are the same store (Windows paths ignore case).
fn same_store(a: &str, b: &str) -> bool {
    if cfg!(windows) {
        a.eq_ignore_ascii_case(b)
    } else {
        a == b
    }
}

/// A spool file read.
struct Entry<'t> {
    /// The record line.
    line: &'t str,
    /// The store it is meant for (none in an older version's file).
    store: Option<&'t str>,
    /// The targets not yet done, each with whether a delivery was sending
    /// it when it stopped.
    pending: Vec<(Target, bool)>,
}

impl<'t> Entry<'t> {
    fn parse(text: &'t str) -> Option<Entry<'t>> {
        let mut lines = text.lines();
        (lines.next()? == MAGIC).then_some(())?;
        let line = lines.next()?;
        let (mut store, mut targets, mut sending, mut done) =
            (None, Vec::new(), Vec::new(), Vec::new());
        for entry in lines {
            match entry.split_once('\t') {
                Some(("store", rest)) => store = Some(rest),
                Some(("target", rest)) => targets.extend(Target::from_text(rest)),
                Some(("sending", rest)) => sending.extend(Target::from_text(rest)),
                Some(("done", rest)) => done.extend(Target::from_text(rest)),
                _ => {}
            }
        }
        let pending = targets
            .into_iter()
            .filter(|t| !done.contains(t))
            .map(|t| {
                let was_sending = sending.contains(&t);
                (t, was_sending)
            })
            .collect();
        Some(Entry {
            line,
            store,
            pending,
        })
    }
}
