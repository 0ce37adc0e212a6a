//! Which directory server to ask, and how to bind: plain settings, built
//! from the flags of `koxolog directory` (in `cmd::directory`) or, for
//! `%PDC_SERVER%` resolution, which has no flags of its own, from the
//! `KOXOLOG_LDAP_*` environment variables alone ([`Settings::from_environment`]).

use std::path::PathBuf;
use std::time::Duration;

/// The variables [`Settings::from_environment`] reads, each the twin of a
/// flag of `koxolog directory`.
pub mod variable {
    pub const SERVER: &str = "KOXOLOG_LDAP_SERVER";
    pub const START_TLS: &str = "KOXOLOG_LDAP_START_TLS";
    pub const BASE: &str = "KOXOLOG_LDAP_BASE";
    pub const BIND_DN: &str = "KOXOLOG_LDAP_BIND_DN";
    pub const ANONYMOUS: &str = "KOXOLOG_LDAP_ANONYMOUS";
    pub const PASSWORD: &str = "KOXOLOG_LDAP_PASSWORD";
    pub const CA_CERT: &str = "KOXOLOG_LDAP_CA_CERT";
    pub const TIMEOUT: &str = "KOXOLOG_LDAP_TIMEOUT";
}

/// The longest `--timeout`, in seconds.
pub const MAX_TIMEOUT_SECONDS: u64 = 3600;
/// `--timeout` when none is given, in seconds.
pub const DEFAULT_TIMEOUT_SECONDS: u64 = 10;

/// How to bind to the directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bind {
    /// As the logged-on user, with Kerberos (SASL GSSAPI): the ticket of
    /// this logon on Windows, the `kinit` ticket cache on Linux. The
    /// connection is sealed (encrypted) by Kerberos on `ldap://`.
    Integrated,
    /// A simple bind as `dn`, with the password in the environment variable
    /// `password_env` (or asked on the terminal).
    Simple { dn: String, password_env: String },
    /// No bind: an anonymous search.
    Anonymous,
}

/// Which directory server to ask, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The server's URL (`ldap://HOST[:PORT]`, `ldaps://...`, or a bare
    /// host); `None`: the domain controller found from this machine.
    pub server: Option<String>,
    /// StartTLS before binding (`ldap://` only).
    pub start_tls: bool,
    /// Where to search; `None`: the rootDSE's naming context.
    pub base: Option<String>,
    /// How to bind.
    pub bind: Bind,
    /// Certificate authorities to trust besides the system's.
    pub ca_cert: Option<PathBuf>,
    /// The longest wait for one step (connecting, binding, one search).
    pub timeout: Duration,
}

impl Settings {
    /// The settings that the `KOXOLOG_LDAP_*` environment variables give
    /// (the same meaning as the flags': see `koxolog directory --help`).
    pub fn from_environment() -> anyhow::Result<Settings> {
        Settings::from_variables(|name| std::env::var(name).ok())
    }

    /// The settings that `variable` (the environment, in tests a map) gives.
    pub fn from_variables(variable: impl Fn(&str) -> Option<String>) -> anyhow::Result<Settings> {
        let text = |name: &str| variable(name).filter(|value| !value.trim().is_empty());
        let bind = match (
            text(variable::BIND_DN),
            text(variable::ANONYMOUS).as_deref().map(is_true),
        ) {
            (_, Some(true)) => Bind::Anonymous,
            (Some(dn), _) => Bind::Simple {
                dn,
                password_env: variable::PASSWORD.to_owned(),
            },
            (None, _) => Bind::Integrated,
        };
        let timeout = match text(variable::TIMEOUT) {
            Some(value) => timeout_seconds(&value).map_err(|e| anyhow::anyhow!("{}: {e}", variable::TIMEOUT))?,
            None => DEFAULT_TIMEOUT_SECONDS,
        };
        Ok(Settings {
            server: text(variable::SERVER),
            start_tls: text(variable::START_TLS).as_deref().is_some_and(is_true),
            base: text(variable::BASE),
            bind,
            ca_cert: text(variable::CA_CERT).map(PathBuf::from),
            timeout: Duration::from_secs(timeout),
        })
    }
}

/// A number of seconds from 1 to [`MAX_TIMEOUT_SECONDS`].
pub fn timeout_seconds(value: &str) -> Result<u64, String> {
    match value.trim().parse::<u64>() {
        Ok(seconds) if (1..=MAX_TIMEOUT_SECONDS).contains(&seconds) => Ok(seconds),
        _ => Err(format!(
            "'{value}' is not a number of seconds from 1 to {MAX_TIMEOUT_SECONDS}"
        )),
    }
}

/// A switch's variable as clap reads one: anything but `0`, `false`, `no`,
/// `off`, `n`, `f` (in any case) turns it on.
fn is_true(value: &str) -> bool {
    !matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "0" | "false" | "no" | "off" | "n" | "f"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn from(pairs: &[(&str, &str)]) -> anyhow::Result<Settings> {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Settings::from_variables(|name| map.get(name).cloned())
    }

    #[test]
    fn without_variables_the_bind_is_integrated_and_the_server_found() {
        let settings = from(&[]).unwrap();
        assert_eq!(settings.bind, Bind::Integrated);
        assert_eq!(settings.server, None);
        assert_eq!(settings.base, None);
        assert!(!settings.start_tls);
        assert_eq!(settings.timeout, Duration::from_secs(DEFAULT_TIMEOUT_SECONDS));
    }

    #[test]
    fn each_variable_sets_its_setting() {
        let settings = from(&[
            (variable::SERVER, "ldaps://dc1.example.test"),
            (variable::START_TLS, "true"),
            (variable::BASE, "OU=Lab,DC=example,DC=test"),
            (variable::BIND_DN, "reader@example.test"),
            (variable::CA_CERT, "/etc/ca.pem"),
            (variable::TIMEOUT, "30"),
        ])
        .unwrap();
        assert_eq!(settings.server.as_deref(), Some("ldaps://dc1.example.test"));
        assert!(settings.start_tls);
        assert_eq!(settings.base.as_deref(), Some("OU=Lab,DC=example,DC=test"));
        assert_eq!(
            settings.bind,
            Bind::Simple {
                dn: "reader@example.test".into(),
                password_env: variable::PASSWORD.into()
            }
        );
        assert_eq!(settings.ca_cert, Some(PathBuf::from("/etc/ca.pem")));
        assert_eq!(settings.timeout, Duration::from_secs(30));
    }

    #[test]
    fn anonymous_wins_over_a_bind_dn_and_false_values_are_off() {
        let anonymous = from(&[(variable::BIND_DN, "reader"), (variable::ANONYMOUS, "1")]).unwrap();
        assert_eq!(anonymous.bind, Bind::Anonymous);
        let off = from(&[(variable::ANONYMOUS, "false"), (variable::START_TLS, "No")]).unwrap();
        assert_eq!(off.bind, Bind::Integrated);
        assert!(!off.start_tls);
    }

    #[test]
    fn empty_values_count_as_unset() {
        let settings = from(&[(variable::BASE, ""), (variable::BIND_DN, " "), (variable::TIMEOUT, "")]).unwrap();
        assert_eq!(settings.base, None);
        assert_eq!(settings.bind, Bind::Integrated);
        assert_eq!(settings.timeout, Duration::from_secs(DEFAULT_TIMEOUT_SECONDS));
    }

    #[test]
    fn a_timeout_out_of_range_is_refused_naming_the_variable() {
        for bad in ["0", "3601", "ten"] {
            let error = from(&[(variable::TIMEOUT, bad)]).unwrap_err().to_string();
            assert!(error.contains(variable::TIMEOUT) && error.contains(bad), "{error}");
        }
    }
}
