//! The JSON Lines schema: every object `koxolog` prints on stdout.
//!
//! One object per line, one kind of object per subcommand, keys in
//! PascalCase (so that the objects PowerShell builds need no renaming).
//! Times are ISO 8601 with the offset of the computer that wrote them
//! (`2026-11-24T08:01:02.345+01:00`). An empty value is `null`.
//! Multi-valued fields (IP and MAC addresses) are one string, comma-separated
//! (`"10.0.0.5, 10.0.1.5"`), so that `Out-GridView` and `Export-Csv` show
//! them well.
//!
//! | subcommand | object | PowerShell type |
//! |------------|--------|-----------------|
//! | `write`    | [`written::WrittenRecord`] | `KoXoLog.WrittenRecord` |
//! | `log`      | [`record::RecordJson`] | `KoXoLog.Record` |
//! | `tree`     | [`tree_item::TreeItem`] | `KoXoLog.TreeItem` |
//! | `sessions` | [`session::SessionJson`] | `KoXoLog.Session` |
//! | `generate` | [`generated::GeneratedStore`] | `KoXoLog.GeneratedStore` |
//! | `generate --truth FILE` (in FILE) | [`truth::TruthSession`] | – |
//! | `export-rtf --output` | [`rtf_export::RtfExport`] | `KoXoLog.RtfExport` |
//! | `compress` | [`archive::Archive`] | `KoXoLog.Archive` |
//! | `purge` | [`purge::PurgeJson`] | `KoXoLog.Purge` |
//! | `config` | [`setting::SettingJson`] | `KoXoLog.Setting` |
//! | `directory` | [`directory_entry::DirectoryEntry`] | `KoXoLog.DirectoryEntry` |
//! | `report` | [`report::ReportJson`] | `KoXoLog.Report` |
//! | `report` (in `Days`) | [`report::ReportDay`] | `KoXoLog.ReportDay` |
//! | `report` (in `Hours`) | [`report::ReportHour`] | `KoXoLog.ReportHour` |
//! | `report` (in `BusiestComputers`) | [`report::ReportComputer`] | `KoXoLog.ReportComputer` |
//! | `report` (in `Rooms`) | [`report::ReportRoom`] | `KoXoLog.ReportRoom` |
//! | `report` (in `UserComputers`) | [`report::ReportUser`] | `KoXoLog.ReportUser` |
//!
//! A struct is named after its PowerShell type, less `KoXoLog.`, with `Json`
//! added where the domain has a type of that name (`RecordJson`,
//! `SessionJson`); an object with no PowerShell type is named after what it
//! holds (`TruthSession`), and so are the parts objects share
//! ([`record::RecordValues`]) and what is read back ([`piped::PipedRecord`]).
//!
//! [`text`] writes `log`'s records, `sessions`' sessions and `tree`'s
//! items by hand, byte for byte as `serde_json` would, for speed.
//!
//! Tests read every object back into structs with `deny_unknown_fields`,
//! so a change of this schema fails a test until the tests and this page
//! follow it.

pub mod archive;
pub mod directory_entry;
pub mod generated;
pub mod piped;
pub mod purge;
pub mod record;
pub mod report;
pub mod rtf_export;
pub mod session;
pub mod setting;
pub mod text;
pub mod tree_item;
pub mod truth;
pub mod written;
