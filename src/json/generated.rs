//! `KoXoLog.GeneratedStore`: what `generate` made.

use serde::Serialize;

/// A summary of a generated store.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GeneratedStore {
    /// The store's root folder.
    pub store: String,
    pub computers: usize,
    pub thin_clients: usize,
    pub users: usize,
    /// School days generated.
    pub days: u32,
    /// Events generated (each is written to two or three logs).
    pub records: u64,
    /// Bytes written, all logs together.
    pub bytes: u64,
    pub seed: u64,
}
