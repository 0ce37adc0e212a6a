//! The session's context from the environment and the network interfaces:
//! what there is on a machine that is not a Windows domain member.

use super::SessionContext;

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn hostname() -> Option<String> {
    let name = gethostname::gethostname().to_string_lossy().into_owned();
    let short = name.split('.').next().unwrap_or_default().to_owned();
    (!short.is_empty()).then_some(short)
}

/// The machine's addresses: IPv4 first, then global IPv6; no loopback, no
/// link-local.
#[cfg(not(windows))]
fn addresses() -> Option<String> {
    let interfaces = if_addrs::get_if_addrs().ok()?;
    let mut ips: Vec<std::net::IpAddr> = interfaces
        .iter()
        .map(|i| i.ip())
        .filter(|ip| !ip.is_loopback())
        .filter(|ip| match ip {
            std::net::IpAddr::V6(v6) => (v6.segments()[0] & 0xffc0) != 0xfe80,
            std::net::IpAddr::V4(v4) => !v4.is_link_local(),
        })
        .collect();
    ips.sort_by_key(|ip| ip.is_ipv6());
    ips.dedup();
    let text: Vec<String> = ips.iter().map(ToString::to_string).collect();
    (!text.is_empty()).then(|| text.join(", "))
}

#[cfg(windows)]
fn addresses() -> Option<String> {
    None
}

/// The MAC addresses of the network interfaces, written as Windows does
/// (`00-1A-2B-3C-4D-5E`).
fn macs() -> Option<String> {
    let dir = std::fs::read_dir("/sys/class/net").ok()?;
    let mut macs: Vec<String> = dir
        .flatten()
        .filter(|e| e.file_name() != "lo")
        .filter_map(|e| std::fs::read_to_string(e.path().join("address")).ok())
        .map(|a| a.trim().replace(':', "-").to_uppercase())
        .filter(|a| a.len() == 17 && a != "00-00-00-00-00-00")
        .collect();
    macs.sort();
    macs.dedup();
    (!macs.is_empty()).then(|| macs.join(", "))
}

fn os() -> Option<String> {
    let release = std::fs::read_to_string("/etc/os-release").ok();
    release
        .as_deref()
        .and_then(|r| r.lines().find_map(|l| l.strip_prefix("PRETTY_NAME=")))
        .map(|name| name.trim_matches('"').to_owned())
        .or_else(|| Some(std::env::consts::OS.to_owned()))
}

pub(super) fn gather() -> SessionContext {
    SessionContext {
        user: env("USERNAME").or_else(|| env("USER")).or_else(|| env("LOGNAME")),
        domain: env("USERDOMAIN"),
        computer: env("COMPUTERNAME").or_else(hostname),
        client: env("CLIENTNAME"),
        session: env("SESSIONNAME"),
        ip: addresses(),
        mac: macs(),
        logon_server: env("LOGONSERVER").map(|s| s.trim_start_matches('\\').to_owned()),
        os: os(),
    }
}
