//! The session's context on Windows, from the system itself: the process
//! token and the logon session (user, domain, logon server), the computer
//! name, the Remote Desktop session (client name, session name), the
//! registry (OS), the network adapters (IP, MAC). Nothing is taken from
//! environment variables (`USERNAME`, `COMPUTERNAME`, `CLIENTNAME`,
//! `LOGONSERVER`...), which the user can set to anything before a logoff.

mod account;
mod adapters;
mod dc;
mod os;
mod session;
mod wide;

use super::SessionContext;

pub(super) use dc::pdc_emulator;

pub(super) fn gather() -> SessionContext {
    let account = account::of_process();
    let adapters = adapters::list();
    SessionContext {
        user: account.user,
        domain: account.domain,
        computer: session::computer(),
        client: session::client(),
        session: session::station(),
        ip: adapters.ip,
        mac: adapters.mac,
        logon_server: account.logon_server,
        os: os::name(),
    }
}
