//! The session's context: who, where, from where.
//!
//! Every value can be given on the command line (tests, non-Windows use);
//! what is not given is gathered from the system by [`gather`]. On Windows
//! identity must come from the system, not from environment variables that a
//! user can set (`windows`); elsewhere the environment is what there is
//! (`portable`).

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
    /// The IP addresses, comma-separated.
    pub ip: Option<String>,
    /// The MAC addresses, comma-separated.
    pub mac: Option<String>,
    pub logon_server: Option<String>,
    pub os: Option<String>,
}

impl SessionContext {
    /// Fills every value still missing from the system.
    pub fn complete(mut self) -> SessionContext {
        let system = gather();
        let fill = |mine: &mut Option<String>, theirs: Option<String>| {
            if mine.is_none() {
                *mine = theirs;
            }
        };
        fill(&mut self.user, system.user);
        fill(&mut self.domain, system.domain);
        fill(&mut self.computer, system.computer);
        fill(&mut self.client, system.client);
        fill(&mut self.session, system.session);
        fill(&mut self.ip, system.ip);
        fill(&mut self.mac, system.mac);
        fill(&mut self.logon_server, system.logon_server);
        fill(&mut self.os, system.os);
        self
    }
}

/// The context of the current session, from the system.
pub fn gather() -> SessionContext {
    #[cfg(windows)]
    return windows::gather();
    #[cfg(not(windows))]
    return portable::gather();
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
