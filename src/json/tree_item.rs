//! `KoXoLog.TreeItem`: one log of the store, as `tree` prints it.

use super::text;
use serde::Serialize;

/// One log, with what its last record says.
#[derive(Debug, Default, Serialize)]
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

impl TreeItem {
    /// Appends the item as one JSON line, byte for byte as `serde_json`
    /// writes it: a store holds thousands of logs.
    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"Branch\":");
        text::string(out, self.branch);
        out.extend_from_slice(b",\"Name\":");
        text::string(out, &self.name);
        out.extend_from_slice(b",\"Path\":");
        text::string(out, &self.path);
        out.extend_from_slice(b",\"Length\":");
        text::number(out, self.length);
        text::member!(out, "LastWriteTime", self.last_write_time.as_deref());
        text::member!(out, "LastTime", self.last_time.as_deref());
        text::member!(out, "LastEvent", self.last_event);
        text::member!(out, "LastUser", self.last_user.as_deref());
        text::member!(out, "LastComputer", self.last_computer.as_deref());
        text::member!(out, "LastClient", self.last_client.as_deref());
        text::member!(out, "LastIp", self.last_ip.as_deref());
        out.extend_from_slice(b"}\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_written_by_hand_are_serde_jsons() {
        let full = TreeItem {
            branch: "Computers",
            name: "PC\"B\\12\u{1}".into(),
            path: r"\\srv\Logs$\Computers\PC-B12.LOG".into(),
            length: 12_345,
            last_write_time: Some("2026-11-24T08:01:02.345+01:00".into()),
            last_time: Some("2026-11-24T08:01:02.345+01:00".into()),
            last_event: Some("Logon"),
            last_user: Some("josé 😀".into()),
            last_computer: Some("PC-B12".into()),
            last_client: Some("TC\t07".into()),
            last_ip: Some("10.0.0.5, 10.0.1.5".into()),
        };
        let empty = TreeItem {
            branch: "Users",
            ..TreeItem::default()
        };
        for item in [full, empty] {
            text::assert_written_as_serde_writes(|out| item.write(out), &item);
        }
    }
}
