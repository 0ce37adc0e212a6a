//! Where the store is: `--store PATH`, or `--server NAME --share SHARE`
//! (`\\NAME\SHARE`, the share defaulting to `Logs$`), or `$KOXOLOG_STORE`,
//! or the default below for a first run on one machine.
//!
//! | platform | default store |
//! |----------|---------------|
//! | Windows  | `%ProgramData%\KoXoLog\Logs` |
//! | others   | `$XDG_DATA_HOME/koxolog/logs`, else `~/.local/share/koxolog/logs` |
//!
//! The server name `%PDC_SERVER%` (KoXo's placeholder) stands for the
//! domain's PDC emulator: the command resolves it (see
//! [`crate::context::pdc_server`]) and hands the store a server's name.

use super::Store;
use std::path::PathBuf;

/// The KoXo placeholder for the domain's PDC emulator.
pub const PDC_PLACEHOLDER: &str = "%PDC_SERVER%";

/// The default share name.
pub const DEFAULT_SHARE: &str = "Logs$";

/// Fails when a store on a server's share is asked for where it cannot be
/// reached at all: only Windows opens `\\SERVER\SHARE` paths; elsewhere
/// the share must be mounted and named with `--store`. (A setting that can
/// never work is an error, not a reason to spool.)
pub fn check_supported(server: Option<&str>) -> anyhow::Result<()> {
    match server {
        Some(server) if !cfg!(windows) => anyhow::bail!(
            "--server {server} needs Windows to reach a share: on this system, mount the share and give its folder with --store"
        ),
        _ => Ok(()),
    }
}

/// Whether a server's name is KoXo's placeholder for the PDC emulator.
pub fn is_pdc_placeholder(server: &str) -> bool {
    server.eq_ignore_ascii_case(PDC_PLACEHOLDER)
}

/// The store on a server's share: `\\SERVER\SHARE`; `server` is a name,
/// not [`PDC_PLACEHOLDER`] (resolved first by the caller).
pub fn on_share(server: &str, share: &str) -> anyhow::Result<Store> {
    check_supported(Some(server))?;
    let server = server.trim_start_matches('\\');
    anyhow::ensure!(
        !server.is_empty() && !server.contains(['\\', '/']),
        "--server '{server}' is not a server name"
    );
    anyhow::ensure!(
        !share.is_empty() && !share.contains(['\\', '/']),
        "--share '{share}' is not a share name"
    );
    Ok(Store::new(format!(r"\\{server}\{share}")))
}

/// The store used when none is named.
pub fn default_store() -> Store {
    Store::new(default_root())
}

fn default_root() -> PathBuf {
    if cfg!(windows) {
        let base = std::env::var_os("ProgramData").map_or_else(|| PathBuf::from(r"C:\ProgramData"), PathBuf::from);
        base.join("KoXoLog").join("Logs")
    } else {
        data_home().join("koxolog").join("logs")
    }
}

fn data_home() -> PathBuf {
    match std::env::var_os("XDG_DATA_HOME") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => home().join(".local").join("share"),
    }
}

/// The user's home folder (`.` when unknown).
pub fn home() -> PathBuf {
    std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map_or_else(|| PathBuf::from("."), PathBuf::from)
}
