//! The session's context from the environment and the network interfaces:
//! what there is on a machine that is not Windows (Linux, a Samba shop's
//! tests). Windows takes it from the system instead (see `windows`).
//!
//! The user is `USERNAME`, `USER` or `LOGNAME`, else the account name of the
//! process's effective user, asked of the system (`getpwuid_r`, so through
//! NSS: local, LDAP or winbind accounts alike): a container, a service or a
//! cron job sets none of those variables.

use super::{SessionContext, addresses};

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// The account name of the effective user, from the system's user database.
#[allow(unsafe_code)] // the one libc call outside `context/windows`
fn account_name() -> Option<String> {
    // SAFETY: getpwuid_r writes only into `entry` and `buffer`, whose sizes
    // it is given; `name` points into `buffer`, read before it goes.
    unsafe {
        let uid = libc::geteuid();
        let mut entry: libc::passwd = std::mem::zeroed();
        let mut buffer = vec![0 as libc::c_char; 16 * 1024];
        let mut found: *mut libc::passwd = std::ptr::null_mut();
        let status = libc::getpwuid_r(uid, &mut entry, buffer.as_mut_ptr(), buffer.len(), &mut found);
        if status != 0 || found.is_null() || entry.pw_name.is_null() {
            return None;
        }
        let name = std::ffi::CStr::from_ptr(entry.pw_name).to_string_lossy().into_owned();
        (!name.is_empty()).then_some(name)
    }
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
    let is_up = |dir: &std::path::Path| {
        std::fs::read_to_string(dir.join("operstate")).is_ok_and(|s| matches!(s.trim(), "up" | "unknown"))
    };
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
    let user = || {
        env("USERNAME")
            .or_else(|| env("USER"))
            .or_else(|| env("LOGNAME"))
            .or_else(account_name)
    };
    context.user = context.user.or_else(user);
    context.domain = context.domain.or_else(|| env("USERDOMAIN"));
    context.computer = context.computer.or_else(|| env("COMPUTERNAME").or_else(hostname));
    context.client = context.client.or_else(|| env("CLIENTNAME"));
    context.session = context.session.or_else(|| env("SESSIONNAME"));
    context.ip = context.ip.or_else(addresses);
    // A remote client's address has no source here: only --client-ip.
    context.mac = context.mac.or_else(macs);
    context.logon_server = context
        .logon_server
        .or_else(|| env("LOGONSERVER").map(|s| s.trim_start_matches('\\').to_owned()));
    context.os = context.os.or_else(os);
    context
}
