//! The session's context on Windows, from the system itself: the process
//! token and the logon session (user, domain, logon server), the computer
//! name, the Remote Desktop session (client name, session name), the
//! registry (OS), the network adapters (IP, MAC). Nothing is taken from
//! environment variables (`USERNAME`, `COMPUTERNAME`, `CLIENTNAME`,
//! `LOGONSERVER`...), which the user can set to anything before a logoff.
//!
//! The one place of the crate allowed `unsafe` (Cargo.toml's `[lints]`): each
//! block says why it is sound in its SAFETY comment.

#![allow(unsafe_code)]

mod account;
mod adapters;
mod dc;
mod os;
mod session;
mod wide;

use super::SessionContext;

pub(super) use dc::{joined_domain, pdc_emulator};
pub(super) use os::user_language_is_french;

/// Fills the values still missing, asking the system only for those.
pub(super) fn complete(mut context: SessionContext) -> SessionContext {
    if context.user.is_none() || context.domain.is_none() || context.logon_server.is_none() {
        let account = account::of_process();
        context.user = context.user.or(account.user);
        context.domain = context.domain.or(account.domain);
        context.logon_server = context.logon_server.or(account.logon_server);
    }
    if context.ip.is_none() || context.mac.is_none() {
        let adapters = adapters::list();
        context.ip = context.ip.or(adapters.ip);
        context.mac = context.mac.or(adapters.mac);
    }
    context.computer = context.computer.or_else(session::computer);
    // The client's address goes with its name: a --client naming another
    // client than this session's takes none of this session's address.
    if context.client.is_none() {
        context.client = session::client();
        context.client_ip = context.client_ip.or_else(session::client_address);
    }
    // The name and the id describe one session: a --session naming another
    // than this process's takes none of this process's id.
    if context.session.is_none() {
        context.session = session::station();
        context.session_id = context.session_id.or_else(session::id);
    }
    context.os = context.os.or_else(os::name);
    context
}
