//! The integrated bind: SASL GSSAPI as the logged-on user, with the
//! Kerberos ticket this logon already holds (through SSPI on Windows, the
//! system's GSSAPI library and the `kinit` ticket cache on Linux), for the
//! service `ldap/HOST` of the server's host name.
//!
//! Over `ldap://` ldap3 asks for Kerberos's confidentiality layer: every
//! request after the bind is signed and sealed (encrypted), which is what a
//! domain controller that requires LDAP signing accepts. Over `ldaps://` or
//! StartTLS, Kerberos only authenticates (with the TLS channel binding).
//!
//! Compiled in on Windows always, and on Linux with the cargo feature
//! `kerberos` (it links the system's GSSAPI library): without it,
//! [`bind`] says how to bind otherwise.

use ldap3::LdapConn;
use std::time::Duration;

/// What to do when the integrated bind is not possible.
const OTHERWISE: &str = "or bind with --bind-dn DN (a password) or --anonymous";

/// Binds `ldap` (connected to `server`, a URL) as the logged-on user.
#[cfg(any(windows, feature = "kerberos"))]
pub fn bind(ldap: &mut LdapConn, server: &str, timeout: Duration) -> anyhow::Result<()> {
    use super::connection::{connection_error, server_text};
    use anyhow::anyhow;
    use ldap3::LdapError;

    let host = host(server);
    let result = ldap
        .with_timeout(timeout)
        .sasl_gssapi_bind(host)
        .map_err(|error| match error {
            LdapError::GssapiOperationError(detail) => anyhow!(
                "cannot bind to the LDAP server {server} as the logged-on user with Kerberos (service ldap/{host}): {}. {}",
                why(&detail),
                what_to_do(host)
            ),
            LdapError::NoGssapiToken => anyhow!(
                "the LDAP server {server} did not complete the Kerberos bind (no GSSAPI token in its answer): {OTHERWISE}"
            ),
            other => connection_error(other, server, timeout, false),
        })?;
    match result.rc {
        0 => Ok(()),
        rc => Err(anyhow!(
            "the LDAP server {server} refused the Kerberos bind as the logged-on user (result code {rc}){}: {}",
            server_text(&result),
            what_to_do(host)
        )),
    }
}

/// Without Kerberos compiled in: an error that says how to bind otherwise.
#[cfg(not(any(windows, feature = "kerberos")))]
pub fn bind(_ldap: &mut LdapConn, server: &str, _timeout: Duration) -> anyhow::Result<()> {
    anyhow::bail!(
        "cannot bind to the LDAP server {server} as the logged-on user: this build of koxolog has no Kerberos \
         (build it with `cargo build --features kerberos`); {OTHERWISE}"
    )
}

/// Why the Kerberos library could not start the bind, in our words where
/// the case is a common one, with the library's own words after.
#[cfg(any(windows, feature = "kerberos"))]
fn why(detail: &str) -> String {
    let detail = detail.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = detail.to_lowercase();
    let ours = if lower.contains("expired") {
        "the Kerberos ticket of this logon has expired"
    } else if lower.contains("no kerberos credentials") || lower.contains("no credentials") {
        "there is no Kerberos ticket for this logon"
    } else if lower.contains("not found in kerberos database") || lower.contains("target principal name") {
        "the domain knows no such service (is --server the controller's DNS name?)"
    } else {
        return format!("the Kerberos library says: {detail}");
    };
    format!("{ours} (the Kerberos library says: {detail})")
}

/// What to do about a failed integrated bind to `host`.
#[cfg(any(windows, feature = "kerberos"))]
fn what_to_do(host: &str) -> String {
    let address = host.parse::<std::net::IpAddr>().is_ok() || host.starts_with('[');
    let name = if address {
        "Kerberos needs the server's DNS name in --server, not its address. "
    } else {
        ""
    };
    format!(
        "{name}Get a Kerberos ticket first (on Linux `kinit USER@REALM`, `klist` shows it; on Windows log on with a \
         domain account), {OTHERWISE}"
    )
}

/// The host of an LDAP URL (`ldap://dc1.example.test:389/` →
/// `dc1.example.test`), which names the service principal `ldap/HOST`.
pub fn host(server: &str) -> &str {
    let rest = server.split_once("://").map_or(server, |(_, rest)| rest);
    let authority = rest.split('/').next().unwrap_or(rest);
    match authority.strip_prefix('[') {
        Some(bracketed) => bracketed.split(']').next().unwrap_or(bracketed),
        None => authority.split(':').next().unwrap_or(authority),
    }
}

#[cfg(test)]
mod tests {
    use super::host;

    #[test]
    fn the_service_is_named_after_the_host_of_the_url() {
        assert_eq!(host("ldap://dc1.example.test"), "dc1.example.test");
        assert_eq!(host("ldap://localhost:3890"), "localhost");
        assert_eq!(host("ldaps://DC1.Example.Test:636/"), "DC1.Example.Test");
        assert_eq!(host("ldap://[::1]:389"), "::1");
    }
}
