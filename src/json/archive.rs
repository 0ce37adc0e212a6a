//! `KoXoLog.Archive`: the archive `compress` made, or would make
//! (`--dry-run`).

use serde::Serialize;

/// A summary of a verified archive of the store.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Archive {
    /// The archive's path (with `--dry-run`: the path it would have).
    pub path: String,
    /// Logs in the archive.
    pub entries: u64,
    /// Bytes of logs archived (the consistent prefix of each log; with
    /// `--dry-run`, the logs' lengths now).
    pub bytes_in: u64,
    /// The archive's size in bytes; `null` with `--dry-run`.
    pub bytes_out: Option<u64>,
    /// How long the backup took, in seconds; `null` with `--dry-run`.
    pub seconds: Option<f64>,
    /// The older archives `--keep` removed (with `--dry-run`: would remove),
    /// comma-separated paths; `null` when none.
    pub removed: Option<String>,
    /// Whether nothing was written (`--dry-run`).
    pub dry_run: bool,
}
