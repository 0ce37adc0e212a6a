//! `KoXoLog.RtfExport`: what `export-rtf --output FILE` wrote.

use serde::Serialize;

/// A summary of an RTF document written to a file.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RtfExport {
    /// The document's path.
    pub path: String,
    /// Records in the document (one paragraph each).
    pub records: u64,
    /// The document's size in bytes.
    pub bytes: u64,
    /// The document's title.
    pub title: String,
    /// The earliest record's time; `null` without records.
    pub first: Option<String>,
    /// The latest record's time; `null` without records.
    pub last: Option<String>,
}
