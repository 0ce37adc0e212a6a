//! `KoXoLog.TreeItem`: one log of the store, as `tree` prints it.

use serde::Serialize;

/// One log, with what its last record says.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct TreeItem {
    /// `Computers`, `ThinClients` or `Users`.
    pub branch: &'static str,
    /// The log's name (its file name without `.LOG`).
    pub name: String,
    /// The log's full path.
    pub path: String,
    /// Its size in bytes.
    pub length: u64,
    /// When it was last written, in this machine's local time.
    pub last_write_time: Option<String>,
    /// The time of its last record.
    pub last_time: Option<String>,
    /// The event of its last record.
    pub last_event: Option<&'static str>,
    /// The user of its last record.
    pub last_user: Option<String>,
    /// The computer of its last record.
    pub last_computer: Option<String>,
    /// The thin client of its last record.
    pub last_client: Option<String>,
    /// The IP addresses of its last record.
    pub last_ip: Option<String>,
}
