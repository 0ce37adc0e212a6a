//! The session's context from the environment and the network interfaces:
//! what there is on a machine that is not Windows (Linux, a Samba shop's
//! tests). Windows takes it from the system instead (see `windows`).

use super::{addresses, SessionContext};

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn hostname() -> Option<String> {
    let name = gethostname::gethostname().to_string_lossy().into_owned();
    let short = name.split('.').next().unwrap_or_default().to_owned();
    (!short.is_empty()).then_some(short)
}

/// The machine's IP addresses.
fn addresses() -> Option<String> {
    let interfaces = if_addrs::get_if_addrs().ok()?;
    addresses::ip_list(interfaces.iter().map(if_addrs::Interface::ip))
}

/// The MAC addresses of the network interfaces that are up (as on Windows).
fn macs() -> Option<String> {
    let dir = std::fs::read_dir("/sys/class/net").ok()?;
    let is_up = |dir: &std::path::Path| std::fs::read_to_string(dir.join("operstate")).is_ok_and(|s| matches!(s.trim(), "up" | "unknown"));
    let macs = dir
        .flatten()
        .map(|e| e.path())
        .filter(|dir| is_up(dir))
        .filter_map(|dir| std::fs::read_to_string(dir.join("address")).ok())
        .filter_map(|a| {
            let bytes: Result<Vec<u8>, _> = a.trim().split(':').map(|b| u8::from_str_radix(b, 16)).collect();
            addresses::mac_text(&bytes.ok()?)
        });
    addresses::mac_list(macs)
}

fn os() -> Option<String> {
    let release = std::fs::read_to_string("/etc/os-release").ok();
    release
        .as_deref()
        .and_then(|r| r.lines().find_map(|l| l.strip_prefix("PRETTY_NAME=")))
        .map(|name| name.trim_matches('"').to_owned())
        .or_else(|| Some(std::env::consts::OS.to_owned()))
}

/// Fills the values still missing, looking up only those.
pub(super) fn complete(mut context: SessionContext) -> SessionContext {
    let user = || env("USERNAME").or_else(|| env("USER")).or_else(|| env("LOGNAME"));
    context.user = context.user.or_else(user);
    context.domain = context.domain.or_else(|| env("USERDOMAIN"));
    context.computer = context.computer.or_else(|| env("COMPUTERNAME").or_else(hostname));
    context.client = context.client.or_else(|| env("CLIENTNAME"));
    context.session = context.session.or_else(|| env("SESSIONNAME"));
    context.ip = context.ip.or_else(addresses);
    context.mac = context.mac.or_else(macs);
    context.logon_server = context
        .logon_server
        .or_else(|| env("LOGONSERVER").map(|s| s.trim_start_matches('\\').to_owned()));
    context.os = context.os.or_else(os);
    context
}
