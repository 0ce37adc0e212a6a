//! Which LDAP server to ask when `--server` is not given: the domain
//! controller of the domain this machine (or this logon) belongs to.
//!
//! In order:
//!
//! 1. `LOGONSERVER` (`\\DC1`, set by Windows at a domain logon) is the
//!    controller that authenticated the user; with `USERDNSDOMAIN`
//!    (`EXAMPLE.COM`) it becomes `DC1.EXAMPLE.COM`. A `LOGONSERVER` naming
//!    this computer itself (`COMPUTERNAME`) is a local logon and is ignored.
//! 2. `USERDNSDOMAIN` alone: in Active Directory's DNS the domain's own name
//!    resolves to its controllers.
//! 3. Elsewhere than Windows, the DNS domain of `/etc/resolv.conf`
//!    (`domain`, else the first `search` entry), for Samba domain members.
//!
//! SRV records (`_ldap._tcp.dc._msdcs.DOMAIN`) are not queried: that would
//! need a DNS client of its own, and the domain name resolves to the
//! controllers in every Active Directory DNS zone.

/// A server found, and what it was found from (for `--verbose` output and
/// error messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub url: String,
    pub source: &'static str,
}

/// The domain controller, from the environment given by `variable` and the
/// text of `/etc/resolv.conf` (when there is one).
pub fn domain_controller(variable: impl Fn(&str) -> Option<String>, resolv_conf: Option<&str>) -> Option<Located> {
    let value = |name: &str| variable(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let dns_domain = value("USERDNSDOMAIN");
    let logon_server = value("LOGONSERVER")
        .map(|server| server.trim_start_matches('\\').to_owned())
        .filter(|server| !server.is_empty())
        .filter(|server| value("COMPUTERNAME").is_none_or(|computer| !computer.eq_ignore_ascii_case(server)));
    if let Some(server) = logon_server {
        let host = match &dns_domain {
            Some(domain) if !server.contains('.') => format!("{server}.{domain}"),
            _ => server,
        };
        return Some(Located {
            url: format!("ldap://{host}"),
            source: "LOGONSERVER",
        });
    }
    if let Some(domain) = dns_domain {
        return Some(Located {
            url: format!("ldap://{domain}"),
            source: "USERDNSDOMAIN",
        });
    }
    let domain = resolv_conf.and_then(resolver_domain)?;
    Some(Located {
        url: format!("ldap://{domain}"),
        source: "/etc/resolv.conf",
    })
}

/// The domain controller of this machine, from its real environment.
pub fn this_machine() -> Option<Located> {
    let resolv_conf = if cfg!(windows) {
        None
    } else {
        std::fs::read_to_string("/etc/resolv.conf").ok()
    };
    domain_controller(|name| std::env::var(name).ok(), resolv_conf.as_deref())
}

/// The DNS domain a resolver configuration names: `domain`, else the first
/// `search` entry (the last line of a kind wins, as for the resolver).
/// A single-label name (`localdomain`) is not taken for a domain.
fn resolver_domain(text: &str) -> Option<String> {
    let mut domain = None;
    let mut search = None;
    for line in text.lines() {
        let mut words = line.split_whitespace();
        match words.next() {
            Some("domain") => domain = words.next(),
            Some("search") => search = words.next(),
            _ => {}
        }
    }
    let name = domain.or(search)?.trim_end_matches('.');
    name.contains('.').then(|| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn environment<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| (*v).to_owned())
    }

    #[test]
    fn the_logon_server_in_the_dns_domain_comes_first() {
        let env = environment(&[
            ("LOGONSERVER", r"\\DC1"),
            ("USERDNSDOMAIN", "EXAMPLE.COM"),
            ("COMPUTERNAME", "PC-B12"),
        ]);
        let found = domain_controller(env, Some("search other.org")).unwrap();
        assert_eq!(
            found,
            Located {
                url: "ldap://DC1.EXAMPLE.COM".into(),
                source: "LOGONSERVER"
            }
        );
    }

    #[test]
    fn a_local_logon_falls_back_to_the_dns_domain() {
        let env = environment(&[
            ("LOGONSERVER", r"\\PC-B12"),
            ("USERDNSDOMAIN", "EXAMPLE.COM"),
            ("COMPUTERNAME", "pc-b12"),
        ]);
        let found = domain_controller(env, None).unwrap();
        assert_eq!(
            found,
            Located {
                url: "ldap://EXAMPLE.COM".into(),
                source: "USERDNSDOMAIN"
            }
        );
    }

    #[test]
    fn the_resolver_domain_is_the_last_resort() {
        let none = environment(&[]);
        let conf = "nameserver 10.0.0.1\nsearch lycee.example.org other.org\n";
        assert_eq!(
            domain_controller(&none, Some(conf)).unwrap().url,
            "ldap://lycee.example.org"
        );
        let conf = "domain ad.example.net\nsearch lycee.example.org\n";
        assert_eq!(
            domain_controller(&none, Some(conf)).unwrap().url,
            "ldap://ad.example.net"
        );
        assert_eq!(
            domain_controller(&none, Some("nameserver 127.0.0.53\nsearch localdomain\n")),
            None
        );
        assert_eq!(domain_controller(&none, None), None);
    }
}
