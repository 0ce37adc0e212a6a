//! The connection to the directory, as flags of `koxolog directory`, each
//! also read from an environment variable. `%PDC_SERVER%` resolution, which
//! has no flags of its own, reads the same variables through the same
//! definition ([`Connection::from_environment`]).

use clap::{Args, FromArgMatches};
use std::path::PathBuf;

/// Which directory server to ask, and how.
#[derive(Debug, Clone, Args)]
pub struct Connection {
    /// The LDAP server: ldap://HOST or ldaps://HOST, with :PORT after HOST
    /// for another port than 389 or 636 (a bare HOST means ldap://HOST). Without it, on a domain member, the domain
    /// controller found from LOGONSERVER and USERDNSDOMAIN, else from the DNS
    /// domain (see the README).
    #[arg(long, env = "KOXOLOG_LDAP_SERVER", value_name = "URL")]
    pub server: Option<String>,

    /// Upgrade the ldap:// connection to TLS with StartTLS before binding.
    #[arg(long, env = "KOXOLOG_LDAP_START_TLS")]
    pub start_tls: bool,

    /// Where to search. Without it, the domain: the rootDSE's
    /// defaultNamingContext (or its first namingContexts).
    #[arg(long, env = "KOXOLOG_LDAP_BASE", value_name = "DN")]
    pub base: Option<String>,

    /// Bind as this DN (on Active Directory also user@domain or DOMAIN\user), with the
    /// password from the environment variable named by --password-env, or
    /// asked on the terminal. Without it the search is anonymous.
    #[arg(long, env = "KOXOLOG_LDAP_BIND_DN", value_name = "DN")]
    pub bind_dn: Option<String>,

    /// The environment variable that holds the bind password. There is no
    /// flag for the password itself: a command line is seen by every user
    /// of the machine.
    #[arg(long, value_name = "VARIABLE", default_value = "KOXOLOG_LDAP_PASSWORD")]
    pub password_env: String,

    /// Also trust the certificate authorities in this PEM file, for ldaps://
    /// and --start-tls (the system's are always trusted).
    #[arg(long, env = "KOXOLOG_LDAP_CA_CERT", value_name = "FILE")]
    pub ca_cert: Option<PathBuf>,

    /// Give up on a server that does not connect or answer within this many
    /// seconds.
    #[arg(
        long,
        env = "KOXOLOG_LDAP_TIMEOUT",
        value_name = "SECONDS",
        default_value_t = 10,
        value_parser = clap::value_parser!(u64).range(1..=3600)
    )]
    pub timeout: u64,
}

impl Connection {
    /// The settings that the `KOXOLOG_LDAP_*` environment variables give.
    pub fn from_environment() -> anyhow::Result<Connection> {
        let command = Connection::augment_args(clap::Command::new("koxolog"));
        let matches = command.try_get_matches_from(["koxolog"])?;
        Ok(Connection::from_arg_matches(&matches)?)
    }

    /// The longest wait for one step (connecting, binding, one search).
    pub fn timeout(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.timeout)
    }
}
