//! The store: a folder (usually the hidden share `\\server\Logs$`) holding
//! one log per computer, per thin client and per user.
//!
//! ```text
//! <root>/Computers/<COMPUTER>.LOG    every event on that computer
//! <root>/ThinClients/<CLIENT>.LOG    events of remote sessions opened from that client
//! <root>/Users/<USER>.LOG            every event of that user
//! <root>/BACKUP/                     archives made by `compress`
//! ```
//!
//! Each event is appended to its computer's and its user's log, and to its
//! thin client's log for a remote session: the `Computers` branch alone holds
//! every event once, so whole-store queries read only that branch.

pub mod append;
pub mod location;
pub mod names;
pub mod reach;

use serde::Serialize;
use std::path::{Path, PathBuf};

/// The folder archives are written to, inside the store.
pub const BACKUP: &str = "BACKUP";

/// The extension of every log.
pub const EXTENSION: &str = "LOG";

/// The three kinds of logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Branch {
    /// One log per computer: every event that happened on it.
    Computers,
    /// One log per thin client: the remote sessions opened from it.
    ThinClients,
    /// One log per user: every event of that user.
    Users,
}

impl Branch {
    /// Every branch, in the order the tree shows them.
    pub const ALL: [Branch; 3] = [Branch::Computers, Branch::ThinClients, Branch::Users];

    /// The branch's folder name in the store.
    pub fn folder(self) -> &'static str {
        match self {
            Branch::Computers => "Computers",
            Branch::ThinClients => "ThinClients",
            Branch::Users => "Users",
        }
    }

    /// The branch's name on the command line (`thin-clients`).
    pub fn name(self) -> &'static str {
        match self {
            Branch::Computers => "computers",
            Branch::ThinClients => "thin-clients",
            Branch::Users => "users",
        }
    }

    /// What the branch's logs are about, for the command line's help.
    pub fn about(self) -> &'static str {
        match self {
            Branch::Computers => "One log per computer: every event that happened on it",
            Branch::ThinClients => "One log per thin client: the remote sessions opened from it",
            Branch::Users => "One log per user: every event of that user",
        }
    }

    /// The branch whose folder is named `name` (case-insensitive).
    pub fn from_folder(name: &str) -> Option<Branch> {
        Branch::ALL.into_iter().find(|b| b.folder().eq_ignore_ascii_case(name))
    }
}

impl std::str::FromStr for Branch {
    type Err = String;

    /// The branch of a name on the command line ([`Branch::name`]).
    fn from_str(name: &str) -> Result<Branch, String> {
        Branch::ALL
            .into_iter()
            .find(|b| b.name() == name)
            .ok_or_else(|| format!("'{name}' is not a branch"))
    }
}

/// A store, by its root folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Store {
    root: PathBuf,
}

impl Store {
    pub fn new(root: impl Into<PathBuf>) -> Store {
        Store { root: root.into() }
    }

    /// Fails unless the store's root is a folder that answers: "the store
    /// ... does not exist or cannot be reached".
    pub fn ensure_reachable(&self) -> anyhow::Result<()> {
        anyhow::ensure!(
            self.root.is_dir(),
            "the store {} does not exist or cannot be reached",
            self.root.display()
        );
        Ok(())
    }

    /// The store's root folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder of a branch.
    pub fn branch_dir(&self, branch: Branch) -> PathBuf {
        self.root.join(branch.folder())
    }

    /// The log of `name` in `branch`; the name is made safe first, so the
    /// path is always directly inside the branch folder.
    pub fn log_path(&self, branch: Branch, name: &str) -> PathBuf {
        self.branch_dir(branch)
            .join(format!("{}.{EXTENSION}", names::file_stem(name)))
    }

    /// The logs of a branch, sorted by name. A missing branch folder has no
    /// logs.
    pub fn logs(&self, branch: Branch) -> std::io::Result<Vec<PathBuf>> {
        let mut logs = files_in(&self.branch_dir(branch))?;
        logs.retain(|(_, path)| is_log(path));
        // All in one folder: sorting by the file names the listing already
        // holds is enough, and much cheaper than comparing paths.
        logs.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        Ok(logs.into_iter().map(|(_, path)| path).collect())
    }
}

/// Whether a path names a log (extension `.LOG`, any case).
pub fn is_log(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case(EXTENSION))
}

/// The branch a log belongs to, from its parent folder's name.
pub fn branch_of(path: &Path) -> Option<Branch> {
    path.parent()
        .and_then(Path::file_name)
        .and_then(|n| n.to_str())
        .and_then(Branch::from_folder)
}

/// The name of a log: its file name without the extension.
pub fn name_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The files directly in `dir` (not its folders, nor links), each with its
/// name, in no order: every listing of a folder of the store goes through
/// here. A missing folder has none.
pub fn files_in(dir: &Path) -> std::io::Result<Vec<(std::ffi::OsString, PathBuf)>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            files.push((entry.file_name(), entry.path()));
        }
    }
    Ok(files)
}
