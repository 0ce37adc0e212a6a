//! `KoXoLog.Purge`: what `purge` removed (with `--dry-run`: would remove).

use serde::Serialize;

/// A summary of a purge of the store.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct PurgeJson {
    /// Records older than this time were removed (now minus `--older-than`).
    pub cutoff: String,
    /// Logs rewritten without their old records (would be, with `--dry-run`).
    pub logs: u64,
    /// Old records removed (would be removed).
    pub records: u64,
    /// Their bytes.
    pub bytes: u64,
    /// The verified archive of what was removed (with `--dry-run`: the path
    /// it would have); `null` with `--no-archive` or when nothing was old.
    pub archive: Option<String>,
    /// Whether nothing was changed (`--dry-run`).
    pub dry_run: bool,
}
