//! The session's context: who, where, from where.
//!
//! Every value can be given on the command line (tests, non-Windows use);
//! what is not given is gathered from the system by [`SessionContext::complete`]. On Windows
//! identity must come from the system, not from environment variables that a
//! user can set (`windows`); elsewhere the environment is what there is
//! (`portable`).

use crate::record::field::Field;

mod addresses;
#[cfg(not(windows))]
mod portable;
#[cfg(windows)]
mod windows;

/// Everything a record says about the session, before it is made safe.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionContext {
    pub user: Option<String>,
    pub domain: Option<String>,
    pub computer: Option<String>,
    /// The remote client's name, for a remote (RDS) session.
    pub client: Option<String>,
    /// `Console`, `RDP-Tcp#3`, ...
    pub session: Option<String>,
    /// The Windows (WTS) session id, in decimal.
    pub session_id: Option<String>,
    /// The IP addresses, comma-separated.
    pub ip: Option<String>,
    /// The MAC addresses, comma-separated.
    pub mac: Option<String>,
    pub logon_server: Option<String>,
    pub os: Option<String>,
}

impl SessionContext {
    /// Each value with the field of a record it fills.
    pub fn fields(&self) -> [(Field, Option<&str>); 10] {
        [
            (Field::User, self.user.as_deref()),
            (Field::Domain, self.domain.as_deref()),
            (Field::Computer, self.computer.as_deref()),
            (Field::Client, self.client.as_deref()),
            (Field::Session, self.session.as_deref()),
            (Field::SessionId, self.session_id.as_deref()),
            (Field::Ip, self.ip.as_deref()),
            (Field::Mac, self.mac.as_deref()),
            (Field::LogonServer, self.logon_server.as_deref()),
            (Field::Os, self.os.as_deref()),
        ]
    }

    /// Fills every value still missing from the system; values given are
    /// not looked up at all (a logon is not held up by lookups it does not
    /// need).
    pub fn complete(self) -> SessionContext {
        #[cfg(windows)]
        return windows::complete(self);
        #[cfg(not(windows))]
        return portable::complete(self);
    }
}

/// The name of the domain's PDC emulator, for KoXo's `%PDC_SERVER%`: on
/// Windows from the domain's locator (`DsGetDcNameW`).
///
/// Where no Windows call answers, it is asked of the directory over LDAP
/// (the `KOXOLOG_LDAP_*` variables, or this machine's domain controller):
/// see [`crate::directory::pdc`].
pub fn pdc_server() -> anyhow::Result<String> {
    use anyhow::Context;
    #[cfg(windows)]
    let located = windows::pdc_emulator();
    #[cfg(not(windows))]
    let located: Result<String, String> = Err("no Windows domain locator here".to_owned());
    let why_not_windows = match located {
        Ok(name) => return Ok(name),
        Err(why) => why,
    };
    crate::directory::pdc::from_environment().with_context(|| {
        format!(
            "cannot find the domain's PDC emulator for %PDC_SERVER% ({why_not_windows}; name the server with --server NAME or the store with --store PATH; \
             over LDAP it is asked of $KOXOLOG_LDAP_SERVER, else of this machine's domain controller)"
        )
    })
}
