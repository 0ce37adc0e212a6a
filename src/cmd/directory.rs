//! `koxolog directory`: the directory (Active Directory, LDAP) entry of
//! users, computers and thin clients, named by flags or piped in as the
//! JSON Lines of `log`, `sessions` or `tree`. Each distinct name is looked
//! up once, and an entry found by two names (`jdoe` and
//! `jdoe@example.test`) is printed once; a name not found is an error
//! diagnostic and the rest goes on. Binds as the logged-on user (Kerberos)
//! unless `--bind-dn` or `--anonymous` says otherwise.

use crate::diag;
use crate::directory::connection::{Connection, describe_base};
use crate::directory::settings::{self, Bind, Settings, variable};
use crate::directory::{Kind, input, lookup};
use crate::exit::Exit;
use crate::output::Output;
use anyhow::Context;
use clap::Args;
use std::collections::HashSet;
use std::io::BufRead;
use std::path::PathBuf;

// The flags of `koxolog directory`. What its help says of it is the doc
// of `Command::Directory` (mod.rs): clap builds these flags only when it runs.
#[derive(Debug, Args)]
#[group(id = "names", required = true, multiple = true, args = ["user", "computer", "thin_client", "stdin"])]
pub struct Directory {
    /// A user to look up, by logon name (sAMAccountName) or user principal
    /// name. Repeat for more.
    #[arg(long, value_name = "NAME")]
    pub user: Vec<String>,

    /// A computer to look up, by name (cn, sAMAccountName without its $, or
    /// dNSHostName). Repeat for more.
    #[arg(long, value_name = "NAME")]
    pub computer: Vec<String>,

    /// A thin client (the computer a remote session was opened from) to look
    /// up, as a computer. Repeat for more.
    #[arg(long, visible_alias = "client", value_name = "NAME")]
    pub thin_client: Vec<String>,

    /// Also read JSON Lines on stdin: the objects of `log`, `sessions` (their
    /// User, Computer and Client) or `tree` (its Branch and Name).
    #[arg(long)]
    pub stdin: bool,

    #[command(flatten)]
    pub ldap: LdapFlags,
}

// Which directory server to ask, and how to bind: the flags, each also
// read from an environment variable (the same ones
// `Settings::from_environment` reads).
#[derive(Debug, Clone, Args)]
pub struct LdapFlags {
    /// The LDAP server: ldap://HOST or ldaps://HOST, with :PORT after HOST
    /// for another port than 389 or 636 (a bare HOST means ldap://HOST). Without it, on a domain member, the domain
    /// controller found from LOGONSERVER and USERDNSDOMAIN, else from the DNS
    /// domain (see the README). For Kerberos, name it by its DNS name.
    #[arg(long, env = variable::SERVER, value_name = "URL")]
    pub server: Option<String>,

    /// Upgrade the ldap:// connection to TLS with StartTLS before binding.
    #[arg(long, env = variable::START_TLS)]
    pub start_tls: bool,

    /// Where to search. Without it, the domain: the rootDSE's
    /// defaultNamingContext (or its first namingContexts).
    #[arg(long, env = variable::BASE, value_name = "DN")]
    pub base: Option<String>,

    /// Bind as this DN (on Active Directory also user@domain or DOMAIN\user), with the
    /// password from the environment variable named by --password-env, or
    /// asked on the terminal. Without it (and without --anonymous), the bind is
    /// as the logged-on user, with Kerberos: the ticket of this Windows logon,
    /// or on Linux the one `kinit` got.
    #[arg(long, env = variable::BIND_DN, value_name = "DN")]
    pub bind_dn: Option<String>,

    /// Do not bind: search anonymously (Active Directory refuses it), even
    /// with --bind-dn (or KOXOLOG_LDAP_BIND_DN) given.
    #[arg(long, env = variable::ANONYMOUS)]
    pub anonymous: bool,

    /// The environment variable that holds the bind password. There is no
    /// flag for the password itself: a command line is seen by every user
    /// of the machine.
    #[arg(long, value_name = "VARIABLE", default_value = variable::PASSWORD)]
    pub password_env: String,

    /// Also trust the certificate authorities in this PEM file, for ldaps://
    /// and --start-tls (the system's are always trusted).
    #[arg(long, env = variable::CA_CERT, value_name = "FILE")]
    pub ca_cert: Option<PathBuf>,

    /// Give up on a server that does not connect or answer within this many
    /// seconds.
    #[arg(
        long,
        env = variable::TIMEOUT,
        value_name = "SECONDS",
        default_value_t = settings::DEFAULT_TIMEOUT_SECONDS,
        value_parser = settings::timeout_seconds
    )]
    pub timeout: u64,
}

impl LdapFlags {
    /// The settings the flags give.
    pub fn settings(&self) -> Settings {
        let bind = match (&self.bind_dn, self.anonymous) {
            (_, true) => Bind::Anonymous,
            (Some(dn), false) => Bind::Simple {
                dn: dn.clone(),
                password_env: self.password_env.clone(),
            },
            (None, false) => Bind::Integrated,
        };
        Settings {
            server: self.server.clone(),
            start_tls: self.start_tls,
            base: self.base.clone(),
            bind,
            ca_cert: self.ca_cert.clone(),
            timeout: std::time::Duration::from_secs(self.timeout),
        }
    }
}

/// Looks names up, each distinct one once, printing what is found, each
/// entry once per kind.
struct Lookups<'a> {
    directory: Connection,
    out: &'a mut Output,
    seen: HashSet<(Kind, String)>,
    printed: HashSet<(Kind, String)>,
}

impl Lookups<'_> {
    fn look_up(&mut self, kind: Kind, name: &str) -> anyhow::Result<()> {
        let name = name.trim();
        if !self.seen.insert((kind, name.to_lowercase())) {
            return Ok(());
        }
        if name.is_empty() {
            diag::error(
                "bad-name",
                &format!("an empty {} name cannot be looked up", kind.noun()),
                None,
                None,
            );
            return Ok(());
        }
        let entries = lookup::find(&mut self.directory, kind, name)?;
        if entries.is_empty() {
            diag::error(
                "not-found",
                &format!(
                    "no {} named '{name}' under {} on {}",
                    kind.noun(),
                    describe_base(self.directory.base()),
                    self.directory.server()
                ),
                None,
                None,
            );
        }
        for entry in &entries {
            // Another name (`jdoe`, `jdoe@example.test`) found it already.
            if self.printed.insert((kind, entry.distinguished_name.to_lowercase())) {
                self.out.emit(entry)?;
            }
        }
        self.out.flush()
    }
}

impl super::Run for Directory {
    fn run(&self, out: &mut Output) -> anyhow::Result<Exit> {
        let directory = Connection::open(&self.ldap.settings())?;
        let mut lookups = Lookups {
            directory,
            out,
            seen: HashSet::new(),
            printed: HashSet::new(),
        };
        let named = [
            (Kind::User, &self.user),
            (Kind::Computer, &self.computer),
            (Kind::ThinClient, &self.thin_client),
        ];
        for (kind, names) in named {
            for name in names {
                lookups.look_up(kind, name)?;
            }
        }
        if self.stdin {
            let stdin = std::io::stdin().lock();
            for (index, line) in stdin.lines().enumerate() {
                let line = line.context("cannot read stdin")?;
                if line.trim().is_empty() {
                    continue;
                }
                match input::names(&line) {
                    Ok(names) => {
                        for (kind, name) in names {
                            lookups.look_up(kind, &name)?;
                        }
                    }
                    Err(message) => diag::error(
                        "bad-input",
                        &format!("stdin line {}: {message}", index + 1),
                        None,
                        Some(index as u64 + 1),
                    ),
                }
            }
        }
        Ok(Exit::Success)
    }
}
