//! A connection to the directory: plain LDAP, LDAPS or StartTLS (rustls,
//! trusting the system's authorities and `--ca-cert`), bound as the
//! logged-on user (Kerberos, see [`super::kerberos`]), with a DN and a
//! password (a simple bind), or not at all (anonymous); and the search base
//! from the rootDSE. Every failure names the server and says what to do:
//! refused, unreachable, no answer in time, not an LDAP server, an
//! untrusted certificate, bad credentials, no Kerberos ticket.

use super::kerberos;
use super::locate;
use super::password;
use super::settings::{Bind, Settings};
use crate::diag;
use anyhow::{Context, anyhow, bail};
use ldap3::{LdapConn, LdapConnSettings, LdapError, LdapResult, Scope, SearchEntry};
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// The LDAP result code of a bind refused for its credentials.
const INVALID_CREDENTIALS: u32 = 49;

/// The LDAP result codes of a server that wants TLS (or signing) first:
/// `strongerAuthRequired` (Active Directory), `confidentialityRequired`.
const STRONGER_AUTH_REQUIRED: [u32; 2] = [8, 13];

/// The result codes that mean "bind first": Active Directory answers an
/// anonymous search with `operationsError` (1), others with
/// `inappropriateAuthentication` (48), `insufficientAccessRights` (50) or,
/// as slapd does, `unwillingToPerform` (53, "authentication required"), or
/// `confidentialityRequired` (13) where only a sealed bind may search.
const BIND_REQUIRED: [u32; 5] = [1, 13, 48, 50, 53];

/// A connected, bound directory.
pub struct Connection {
    ldap: LdapConn,
    server: String,
    timeout: Duration,
    anonymous: bool,
    base: String,
    default_naming_context: Option<String>,
}

impl Connection {
    /// Connects, binds and finds the base, as `settings` say, with the
    /// password (for a simple bind) from the environment or the terminal.
    pub fn open(settings: &Settings) -> anyhow::Result<Connection> {
        let password = match &settings.bind {
            Bind::Simple { dn, password_env } => Some(password::for_bind(password_env, dn)?),
            Bind::Integrated | Bind::Anonymous => None,
        };
        Connection::connect(settings, password.as_deref())
    }

    /// Connects, binds (with `password` for a simple bind) and finds the
    /// base.
    pub fn connect(settings: &Settings, password: Option<&str>) -> anyhow::Result<Connection> {
        let server = server_url(settings)?;
        if settings.start_tls && !server.starts_with("ldap://") {
            bail!("--start-tls needs an ldap:// server, not {server}");
        }
        let timeout = settings.timeout;
        let tls = server.starts_with("ldaps://") || settings.start_tls;
        let mut ldap_settings = LdapConnSettings::new()
            .set_conn_timeout(timeout)
            .set_starttls(settings.start_tls);
        if tls {
            ldap_settings = ldap_settings.set_config(tls_config(settings.ca_cert.as_deref())?);
        } else if let Some(file) = &settings.ca_cert {
            diag::warning(
                "unused-ca-cert",
                &format!("--ca-cert is not used: {server} is plain LDAP (use ldaps:// or --start-tls)"),
                Some(file),
                None,
            );
        }
        let ldap = LdapConn::with_settings(ldap_settings, &server)
            .map_err(|e| connection_error(e, &server, timeout, settings.start_tls))?;
        let mut connection = Connection {
            ldap,
            server,
            timeout,
            anonymous: settings.bind == Bind::Anonymous,
            base: String::new(),
            default_naming_context: None,
        };
        match (&settings.bind, password) {
            (Bind::Simple { dn, .. }, Some(password)) => {
                if !tls {
                    diag::warning(
                        "cleartext-bind",
                        &format!(
                            "the password of {dn} goes to {} unencrypted: use ldaps:// or --start-tls",
                            connection.server
                        ),
                        None,
                        None,
                    );
                }
                connection.simple_bind(dn, password)?;
            }
            (Bind::Simple { dn, .. }, None) => bail!("no password given to bind as {dn}"),
            (Bind::Integrated, _) => {
                let (server, timeout) = (connection.server.clone(), connection.timeout);
                kerberos::bind(&mut connection.ldap, &server, timeout)?;
            }
            (Bind::Anonymous, _) => {}
        }
        connection.read_root()?;
        let given = settings.base.as_deref().map(str::trim).filter(|base| !base.is_empty());
        connection.base = match (given, &connection.default_naming_context) {
            (Some(base), _) => base.to_owned(),
            (None, Some(context)) => context.clone(),
            (None, None) => bail!(
                "the LDAP server {} names no default naming context in its rootDSE: give the search base with --base DN",
                connection.server
            ),
        };
        Ok(connection)
    }

    /// The server's URL, for messages and output.
    pub fn server(&self) -> &str {
        &self.server
    }

    /// Where searches start: `--base`, or the domain.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The domain's DN, from the rootDSE (`defaultNamingContext`).
    pub fn default_naming_context(&self) -> Option<&str> {
        self.default_naming_context.as_deref()
    }

    fn simple_bind(&mut self, bind_dn: &str, password: &str) -> anyhow::Result<()> {
        let server = self.server.clone();
        let timeout = self.timeout;
        let result = self
            .ldap
            .with_timeout(timeout)
            .simple_bind(bind_dn, password)
            .map_err(|e| connection_error(e, &server, timeout, false))?;
        match result.rc {
            0 => Ok(()),
            INVALID_CREDENTIALS => Err(anyhow!(
                "the LDAP server {server} refused the credentials of {bind_dn}: invalid credentials (wrong DN or password){}",
                server_text(&result)
            )),
            rc if STRONGER_AUTH_REQUIRED.contains(&rc) => Err(anyhow!(
                "the LDAP server {server} refused a simple bind without TLS: use ldaps:// or --start-tls, or leave out --bind-dn to bind as the logged-on user with Kerberos ({result})"
            )),
            _ => Err(anyhow!(
                "the LDAP server {server} refused the bind as {bind_dn}: {result}"
            )),
        }
    }

    /// Reads the rootDSE: the domain's naming context.
    fn read_root(&mut self) -> anyhow::Result<()> {
        let root = self.read("", &["defaultNamingContext", "namingContexts"])?;
        let first = |name: &str| {
            root.as_ref()?
                .attrs
                .iter()
                .find(|(key, _)| key.eq_ignore_ascii_case(name))
                .and_then(|(_, values)| values.iter().find(|value| !value.trim().is_empty()).cloned())
        };
        self.default_naming_context = first("defaultNamingContext").or_else(|| first("namingContexts"));
        Ok(())
    }

    /// The entries under `base` that `filter` matches, with `attributes`.
    pub fn search(
        &mut self,
        base: &str,
        scope: Scope,
        filter: &str,
        attributes: &[&str],
    ) -> anyhow::Result<Vec<SearchEntry>> {
        let (server, timeout, anonymous) = (self.server.clone(), self.timeout, self.anonymous);
        let outcome = self
            .ldap
            .with_timeout(timeout)
            .search(base, scope, filter, attributes)
            .map_err(|e| connection_error(e, &server, timeout, false))?;
        let (entries, result) = (outcome.0, outcome.1);
        match result.rc {
            0 => Ok(entries
                .into_iter()
                .filter(|e| !e.is_ref())
                .map(SearchEntry::construct)
                .collect()),
            // noSuchObject: the base itself is not there.
            32 if scope != Scope::Base => bail!(
                "the search base {} does not exist on the LDAP server {server} (see --base){}",
                describe_base(base),
                server_text(&result)
            ),
            32 => Ok(Vec::new()),
            rc if anonymous && BIND_REQUIRED.contains(&rc) => bail!(
                "the LDAP server {server} refused an anonymous search ({}): leave out --anonymous to bind as the logged-on user with Kerberos, or give --bind-dn DN, with the password in the variable --password-env names",
                result
            ),
            _ => bail!(
                "the LDAP server {server} failed the search under {}: {}",
                describe_base(base),
                result
            ),
        }
    }

    /// The entry `dn` with `attributes`, if it exists and can be read.
    pub fn read(&mut self, dn: &str, attributes: &[&str]) -> anyhow::Result<Option<SearchEntry>> {
        Ok(self
            .search(dn, Scope::Base, "(objectClass=*)", attributes)?
            .into_iter()
            .next())
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        let _ = self.ldap.with_timeout(Duration::from_secs(1)).unbind();
    }
}

/// A search base as messages name it: the DN, or "the root of the
/// directory (an empty base)" rather than nothing at all.
pub fn describe_base(base: &str) -> String {
    if base.trim().is_empty() {
        "the root of the directory (an empty base)".to_owned()
    } else {
        base.to_owned()
    }
}

/// The server's URL: `--server` (a bare host becomes `ldap://HOST`), else
/// the domain controller found from this machine's environment.
fn server_url(settings: &Settings) -> anyhow::Result<String> {
    let server = match &settings.server {
        Some(url) => match url.split_once("://") {
            Some((scheme, rest)) => format!("{}://{}", scheme.to_ascii_lowercase(), rest.trim_end_matches('/')),
            None => format!("ldap://{url}"),
        },
        None => {
            let found = locate::this_machine().ok_or_else(|| {
                anyhow!(
                    "no LDAP server: name it with --server ldap://HOST (or KOXOLOG_LDAP_SERVER); none was found from LOGONSERVER, USERDNSDOMAIN or the DNS domain"
                )
            })?;
            diag::verbose(
                "ldap-server",
                &format!("using the LDAP server {} (from {})", found.url, found.source),
                None,
            );
            found.url
        }
    };
    if !server.starts_with("ldap://") && !server.starts_with("ldaps://") {
        bail!("--server {server}: the URL must start with ldap:// or ldaps://");
    }
    Ok(server)
}

/// The TLS settings: the system's authorities, plus those of `ca_cert`.
fn tls_config(ca_cert: Option<&Path>) -> anyhow::Result<Arc<rustls::ClientConfig>> {
    let mut roots = rustls::RootCertStore::empty();
    let system = rustls_native_certs::load_native_certs();
    roots.add_parsable_certificates(system.certs);
    if let Some(file) = ca_cert {
        let certificates = CertificateDer::pem_file_iter(file)
            .and_then(|certificates| certificates.collect::<Result<Vec<_>, _>>())
            .map_err(|e| anyhow!("--ca-cert {}: cannot read the certificates: {e}", file.display()))?;
        if certificates.is_empty() {
            bail!("--ca-cert {}: no PEM certificate in the file", file.display());
        }
        for certificate in certificates {
            roots
                .add(certificate)
                .with_context(|| format!("--ca-cert {}: not a usable CA certificate", file.display()))?;
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}

/// An ldap3 failure to connect or to get an answer, said for a person.
/// `start_tls`: whether an LDAP result can only be the answer to StartTLS.
pub(super) fn connection_error(error: LdapError, server: &str, timeout: Duration, start_tls: bool) -> anyhow::Error {
    let seconds = timeout.as_secs();
    match error {
        LdapError::Timeout { .. } => anyhow!(
            "the LDAP server {server} did not answer within {seconds} s (see --timeout): is it down, or is a firewall dropping the connection?"
        ),
        LdapError::Io { source } if source.kind() == std::io::ErrorKind::ConnectionRefused => anyhow!(
            "the LDAP server {server} refused the connection: no LDAP service on that host and port (is it running? is the port right?)"
        ),
        LdapError::Io { source } => match source.get_ref().and_then(|inner| inner.downcast_ref::<rustls::Error>()) {
            Some(tls_error) => anyhow!(
                "TLS with the LDAP server {server} failed: {tls_error}. If its certificate is signed by an authority this machine does not trust, give that authority's certificate with --ca-cert FILE"
            ),
            None => anyhow!("cannot reach the LDAP server {server}: {source}"),
        },
        LdapError::LdapResult { result } if start_tls => {
            anyhow!("the LDAP server {server} refused StartTLS: {}", result)
        }
        LdapError::UrlParsing { source } => anyhow!("--server {server} is not an LDAP URL: {source}"),
        // The connection ended before an answer: the server closed it at
        // once, or ldap3 dropped it on bytes that are not LDAP.
        LdapError::EndOfStream | LdapError::ResultRecv { .. } | LdapError::OpSend { .. } => not_ldap(server),
        other => anyhow!("the LDAP server {server}: {other}"),
    }
}

/// A server that closed the connection or answered with something else
/// than LDAP, said in our words.
fn not_ldap(server: &str) -> anyhow::Error {
    anyhow!(
        "the LDAP server {server} closed the connection without an LDAP answer: is it an LDAP server, and the port right (389 for ldap://, 636 for ldaps://)? A server that wants TLS may need ldaps:// or --start-tls"
    )
}

/// The server's own words, when it said something.
pub(super) fn server_text(result: &LdapResult) -> String {
    if result.text.trim().is_empty() {
        String::new()
    } else {
        format!(" (the server says: {})", result.text.trim())
    }
}
