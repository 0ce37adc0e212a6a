//! The settings files: where the store is, so that no one has to name it
//! on every command (`koxolog config`, `Set-KoXoLogStore -Scope`).
//!
//! Two TOML files, the user's winning over the machine's:
//!
//! | scope   | Windows | others | named instead by |
//! |---------|---------|--------|------------------|
//! | user    | `%APPDATA%\KoXoLog\config.toml` | `$XDG_CONFIG_HOME/koxolog/config.toml`, else `~/.config/koxolog/config.toml` | `$KOXOLOG_CONFIG` |
//! | machine | `%ProgramData%\KoXoLog\config.toml` | `/etc/koxolog/config.toml` | `$KOXOLOG_MACHINE_CONFIG` |
//!
//! ```toml
//! store = '\\srv\Logs$'          # a folder, or
//! server = '%PDC_SERVER%'       # a server's share (`share` defaults to Logs$)
//! share = 'Logs$'
//! ```
//!
//! The first file that names a store (`store` or `server`) gives it, with
//! its own `share`. A file that cannot be read as TOML, or a key this
//! version does not know, is a `bad-config` warning naming the file, and
//! the rest goes on. How the store is chosen among the flags, the
//! environment, these files and the defaults: [`crate::cli::StoreArgs`].

use crate::diag;
use std::fmt;
use std::path::{Path, PathBuf};

/// The keys of a settings file.
pub const KEYS: [&str; 3] = ["store", "server", "share"];

/// Which file a setting lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    User,
    Machine,
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Scope::User => "User",
            Scope::Machine => "Machine",
        })
    }
}

impl Scope {
    /// The settings file of this scope.
    pub fn path(self) -> PathBuf {
        let named = |variable: &str| std::env::var_os(variable).filter(|v| !v.is_empty()).map(PathBuf::from);
        match self {
            Scope::User => named("KOXOLOG_CONFIG").unwrap_or_else(|| user_folder().join("config.toml")),
            Scope::Machine => named("KOXOLOG_MACHINE_CONFIG").unwrap_or_else(|| machine_folder().join("config.toml")),
        }
    }
}

fn user_folder() -> PathBuf {
    let variable = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    if cfg!(windows) {
        variable("APPDATA")
            .unwrap_or_else(|| crate::store::location::home().join("AppData").join("Roaming"))
            .join("KoXoLog")
    } else {
        variable("XDG_CONFIG_HOME")
            .unwrap_or_else(|| crate::store::location::home().join(".config"))
            .join("koxolog")
    }
}

fn machine_folder() -> PathBuf {
    if cfg!(windows) {
        std::env::var_os("ProgramData")
            .map_or_else(|| PathBuf::from(r"C:\ProgramData"), PathBuf::from)
            .join("KoXoLog")
    } else {
        PathBuf::from("/etc/koxolog")
    }
}

/// Where the settings name the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreSetting {
    /// `store = PATH`.
    Folder(PathBuf),
    /// `server = NAME` (maybe `%PDC_SERVER%`), with its `share`.
    Share { server: String, share: Option<String> },
}

/// A value read from a settings file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    pub key: &'static str,
    pub value: String,
    pub scope: Scope,
    pub path: PathBuf,
}

/// The keys and string values of one settings file; nothing when it is
/// not there. A file that is not TOML, a value that is not a string and a
/// key this version does not know are `bad-config` warnings.
pub fn read(scope: Scope) -> Vec<Setting> {
    let path = scope.path();
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
        Err(e) => {
            diag::warning(
                "bad-config",
                &format!("cannot read the settings: {e}"),
                Some(&path),
                None,
            );
            return Vec::new();
        }
    };
    let table = match toml::from_str::<toml::Table>(&text) {
        Ok(table) => table,
        Err(e) => {
            let line = e.span().map(|span| text[..span.start].matches('\n').count() as u64 + 1);
            let message = format!("not a settings file (TOML), ignored: {}", e.message());
            diag::warning("bad-config", &message, Some(&path), line);
            return Vec::new();
        }
    };
    let mut settings = Vec::new();
    for (key, value) in table {
        let Some(known) = KEYS.iter().find(|k| **k == key) else {
            let message = format!("unknown setting '{key}' ignored (known: {})", KEYS.join(", "));
            diag::warning("bad-config", &message, Some(&path), None);
            continue;
        };
        match value.as_str() {
            Some(text) => settings.push(Setting {
                key: known,
                value: text.to_owned(),
                scope,
                path: path.clone(),
            }),
            None => diag::warning(
                "bad-config",
                &format!("the setting '{key}' must be a quoted text, ignored"),
                Some(&path),
                None,
            ),
        }
    }
    settings
}

/// The store the settings name: the user's file first, then the machine's.
pub fn store() -> Option<(StoreSetting, Scope)> {
    [Scope::User, Scope::Machine].into_iter().find_map(|scope| {
        let settings = read(scope);
        let value = |key: &str| settings.iter().find(|s| s.key == key).map(|s| s.value.clone());
        match (value("store"), value("server")) {
            (Some(folder), _) => Some((StoreSetting::Folder(PathBuf::from(folder)), scope)),
            (None, Some(server)) => Some((
                StoreSetting::Share {
                    server,
                    share: value("share"),
                },
                scope,
            )),
            (None, None) => None,
        }
    })
}

/// Checks a value before it is written: what a reader would refuse later
/// is refused now.
pub fn check(key: &str, value: &str) -> Result<(), String> {
    let name_only = |what: &str| {
        if value.is_empty() || value.contains(['\\', '/']) {
            Err(format!("'{value}' is not a {what} name"))
        } else {
            Ok(())
        }
    };
    match key {
        "store" if value.trim().is_empty() => Err("the store's folder cannot be empty".to_owned()),
        "store" => Ok(()),
        "server" => name_only("server"),
        "share" => name_only("share"),
        _ => Err(format!("unknown setting '{key}' (known: {})", KEYS.join(", "))),
    }
}

/// Sets (`Some`) or removes (`None`) `key` in the file of `scope`, keeping
/// its other keys; `store` and `server` exclude each other, so setting one
/// removes the other from that file. The file is replaced whole, never
/// left half-written. Gives the file's path.
pub fn write(scope: Scope, key: &str, value: Option<&str>) -> anyhow::Result<PathBuf> {
    let path = scope.path();
    let mut table = match std::fs::read_to_string(&path) {
        Ok(text) => toml::from_str::<toml::Table>(&text).map_err(|e| {
            anyhow::anyhow!(
                "{} is not a settings file (TOML): {}; fix or remove it first",
                path.display(),
                e.message()
            )
        })?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => toml::Table::new(),
        Err(e) => anyhow::bail!("cannot read the settings {}: {e}", path.display()),
    };
    match value {
        Some(value) => {
            let other = match key {
                "store" => Some("server"),
                "server" => Some("store"),
                _ => None,
            };
            if let Some(other) = other {
                table.remove(other);
            }
            table.insert(key.to_owned(), toml::Value::String(value.to_owned()));
        }
        None => {
            table.remove(key);
        }
    }
    let folder = path.parent().unwrap_or(Path::new("."));
    let denied = |e: std::io::Error| {
        let hint = match (e.kind(), scope) {
            (std::io::ErrorKind::PermissionDenied, Scope::Machine) => " (the machine's settings need an administrator)",
            _ => "",
        };
        anyhow::anyhow!("cannot write the settings {}: {e}{hint}", path.display())
    };
    std::fs::create_dir_all(folder).map_err(denied)?;
    let mut partial = crate::partial::create(folder, ".config.toml.").map_err(denied)?;
    std::io::Write::write_all(partial.as_file_mut(), toml::to_string(&table)?.as_bytes()).map_err(denied)?;
    partial.as_file().sync_all().map_err(denied)?;
    partial.persist(&path).map_err(|e| denied(e.error))?;
    Ok(path)
}
