//! `KoXoLog.WrittenRecord`: what `write` recorded, and where.

use super::record::RecordValues;
use serde::Serialize;

/// The record `write` made, and what became of it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct WrittenRecord<'a> {
    /// The record's values (its `Id` is never `null`).
    #[serde(flatten)]
    pub record: RecordValues<'a>,
    /// The logs the record belongs to, comma-separated.
    pub logs: String,
    /// Whether the record (or part of it) waits in the local spool because
    /// the store could not be reached in time.
    pub spooled: bool,
    /// The spool file holding it, when spooled.
    pub spool_file: Option<String>,
    /// How many records spooled by earlier runs were delivered first.
    pub delivered: usize,
}
