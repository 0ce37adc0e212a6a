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
//! The spool is per machine by default, so that a record outlives the
//! user's profile (computer labs delete profiles or restore disks):
//!
//! | platform | per machine (default) | per user (`--per-user-spool`, and the fallback) |
//! |----------|-----------------------|--------------------------------------------------|
//! | Windows  | `%ProgramData%\KoXoLog\spool` | `%LOCALAPPDATA%\KoXoLog\spool` |
//! | others   | `/var/spool/koxolog` | `$XDG_STATE_HOME/koxolog/spool`, else `~/.local/state/koxolog/spool` |
//!
//! The machine's folder is made, when missing, so that every user may add
//! files and none may read or remove another's (see `make_shared`); when it
//! cannot be made or written (an ordinary user where `/var/spool` is
//! root's), the record goes to the user's folder with a `spool-per-user`
//! warning. Records are delivered from both folders; another user's record
//! in the machine's folder cannot be opened, and waits for its owner's
//! next write.

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
        let read = io::Seek::seek(&mut log, io::SeekFrom::Start(length.saturating_sub(TAIL_BYTES)))
            .and_then(|_| log.take(TAIL_BYTES).read_to_end(&mut tail));
        !id.is_empty() && read.is_ok() && memchr::memmem::find(&tail, id.as_bytes()).is_some()
    }

    /// Appends `line` to this target's log in `store`.
    pub fn append(&self, store: &Store, line: &str, deadline: Instant) -> Result<(), append::AppendError> {
        let shown_name = sanitize::value(&self.name).unwrap_or_default();
        let header = header::text(self.branch.folder(), &shown_name);
        append::append(&store.log_path(self.branch, &self.name), &header, line, deadline)
    }
}

/// The spool folder of this user on this machine (`--per-user-spool`).
pub fn user_dir() -> PathBuf {
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

/// The spool folder of this machine, the default: it outlives a user's
/// profile (computer labs delete profiles, or restore disks).
pub fn machine_dir() -> PathBuf {
    if cfg!(windows) {
        let base = std::env::var_os("ProgramData").map_or_else(|| PathBuf::from(r"C:\ProgramData"), PathBuf::from);
        base.join("KoXoLog").join("spool")
    } else {
        PathBuf::from("/var/spool/koxolog")
    }
}

/// Makes the machine's spool folder, shared by its users, when missing:
/// anyone may add a file, no one may read or remove another's. On Unix
/// mode 1777 (sticky, as `/tmp`), the files being the writer's alone
/// (0600). On Windows an access list without inheritance: SYSTEM and
/// Administrators full control, Users list, add files, traverse and read
/// attributes on the folder only, CREATOR OWNER full control of the files
/// they add (`icacls`).
fn make_shared(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent() {
        fs::create_dir_all(parent)?;
    }
    match fs::create_dir(dir) {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Ok(()),
        other => other?,
    }
    let shared = share(dir);
    if shared.is_err() {
        let _ = fs::remove_dir(dir);
    }
    shared
}

#[cfg(unix)]
fn share(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o1777))
}

#[cfg(not(unix))]
fn share(dir: &Path) -> io::Result<()> {
    let status = std::process::Command::new("icacls")
        .arg(dir)
        .args([
            "/inheritance:r",
            "/grant:r",
            "*S-1-5-18:(OI)(CI)F",
            "*S-1-5-32-544:(OI)(CI)F",
        ])
        .args(["*S-1-5-32-545:(RD,WD,X,RA)", "*S-1-3-0:(OI)(CI)(IO)F"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()?;
    if status.success() {
        Ok(())
    } else {
        Err(io::Error::other(format!(
            "icacls could not set the folder's rights ({status})"
        )))
    }
}

/// Where records are kept: one folder, or the machine's with the user's as
/// the fallback.
#[derive(Debug, Clone)]
pub struct Spool {
    /// Where a record is kept, first choice first; every one is delivered from.
    dirs: Vec<PathBuf>,
}

impl Spool {
    /// The spool in the folder `dir` (`--spool`).
    pub fn new(dir: impl Into<PathBuf>) -> Spool {
        Spool { dirs: vec![dir.into()] }
    }

    /// The default spool: the machine's ([`machine_dir`]), falling back to
    /// the user's ([`user_dir`]) when the machine's cannot be made or
    /// written; or the user's alone when `per_user`. Records are delivered
    /// from both, so none kept by a fallback or an earlier version is left.
    pub fn default(per_user: bool) -> Spool {
        let dirs = if per_user {
            vec![user_dir()]
        } else {
            vec![machine_dir(), user_dir()]
        };
        Spool { dirs }
    }

    /// The folder a record is kept in first.
    pub fn dir(&self) -> &Path {
        &self.dirs[0]
    }

    /// Keeps a record for later: `line` (with its line ending) must reach
    /// every one of `targets` in the store `store` (as [`Spool::deliver`]
    /// is told it). Returns the spool file. When the first folder cannot be
    /// used, the next is, with a `spool-per-user` warning.
    pub fn keep(&self, id: &str, line: &str, store: &str, targets: &[Target]) -> io::Result<PathBuf> {
        let mut text = format!("{MAGIC}\n{}\nstore\t{store}\n", line.trim_end_matches(EOL));
        for target in targets {
            text.push_str(&format!("target\t{}\n", target.text()));
        }
        let mut failure = None;
        for (index, dir) in self.dirs.iter().enumerate() {
            let kept = if index + 1 < self.dirs.len() {
                make_shared(dir)
            } else {
                fs::create_dir_all(dir)
            }
            .and_then(|()| keep_in(dir, id, &text));
            match (kept, failure.take()) {
                (Ok(path), None) => return Ok(path),
                (Ok(path), Some((first, why))) => {
                    let message = format!(
                        "cannot spool in this machine's folder {} ({why}): the record was spooled for this user only; \
                         create that folder (as an administrator) to spool per machine, or give --per-user-spool",
                        Path::display(first)
                    );
                    crate::diag::warning("spool-per-user", &message, Some(&path), None);
                    return Ok(path);
                }
                (Err(e), earlier) => failure = Some(earlier.unwrap_or((dir, e))),
            }
        }
        Err(failure.map_or_else(|| io::Error::other("no spool folder"), |(_, e)| e))
    }

    /// The spool files waiting in every folder, oldest first.
    pub fn waiting(&self) -> io::Result<Vec<PathBuf>> {
        let mut files = Vec::new();
        for dir in &self.dirs {
            match fs::read_dir(dir) {
                Ok(entries) => files.extend(
                    entries
                        .flatten()
                        .map(|e| e.path())
                        .filter(|p| p.extension().is_some_and(|e| e == "spool")),
                ),
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
        // Ids sort by time.
        files.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
        Ok(files)
    }

    /// Delivers the records waiting for the store `store` (named as in
    /// [`Spool::keep`]), whose folder is `root`, oldest first, until done or
    /// until `deadline`, and says how many are now in every one of their
    /// logs. Stops at the first log that cannot be reached; a record a log
    /// refuses is set aside and the others go on.
    pub fn deliver(&self, root: &Store, store: &str, deadline: Instant) -> Result<usize, anyhow::Error> {
        for dir in &self.dirs {
            crate::partial::remove_stale(dir, ".");
        }
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

/// Writes the spool file of record `id` in `dir`, whole, readable by its
/// writer alone.
fn keep_in(dir: &Path, id: &str, text: &str) -> io::Result<PathBuf> {
    let path = dir.join(format!("{id}.spool"));
    // Written whole under another name first: a spool file is never torn.
    let mut partial = crate::partial::create(dir, &format!(".{id}."))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        partial.as_file().set_permissions(fs::Permissions::from_mode(0o600))?;
    }
    partial.write_all(text.as_bytes())?;
    partial.persist(&path).map_err(|e| e.error)?;
    Ok(path)
}

/// Delivers one spool file.
fn deliver_one(path: &Path, root: &Store, store: &str, deadline: Instant) -> anyhow::Result<Outcome> {
    let mut file = match OpenOptions::new().read(true).append(true).open(path) {
        Ok(file) => file,
        // Delivered and removed by another writer meanwhile; or another
        // user's, in the machine's spool: theirs to deliver.
        Err(e) if matches!(e.kind(), io::ErrorKind::NotFound | io::ErrorKind::PermissionDenied) => {
            return Ok(Outcome::Left);
        }
        Err(e) => {
            return Err(anyhow::Error::from(e).context(format!("cannot open the spool file {}", path.display())));
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
        let (mut store, mut targets, mut sending, mut done) = (None, Vec::new(), Vec::new(), Vec::new());
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
        Some(Entry { line, store, pending })
    }
}
