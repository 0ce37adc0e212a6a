//! `KoXoLog.Setting`: a setting of the files that name the store, as
//! `config` prints it.

use serde::Serialize;

/// One setting.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SettingJson {
    /// `store`, `server` or `share`.
    pub key: &'static str,
    /// Its value; `null` once `config unset` removed it.
    pub value: Option<String>,
    /// `User` or `Machine`: the file it is in; `Effective` for the store
    /// readers use when none is named (the settings, the environment, the
    /// domain's PDC emulator, or this machine's default).
    pub scope: String,
    /// The settings file; `null` for `Effective`.
    pub path: Option<String>,
}
