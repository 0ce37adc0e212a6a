//! `koxolog directory`: the directory (Active Directory, LDAP) entry of
//! users, computers and thin clients, named by flags or piped in as the
//! JSON Lines of `log`, `sessions` or `tree`. Each distinct name is looked
//! up once; a name not found is an error diagnostic and the rest goes on.

use crate::diag;
use crate::directory::connection::Directory as Connected;
use crate::directory::settings::Connection;
use crate::directory::{Kind, input, lookup};
use crate::exit::Exit;
use crate::output::Output;
use anyhow::Context;
use clap::Args;
use std::collections::HashSet;
use std::io::BufRead;

/// Show the directory (Active Directory) entry of users, computers and thin
/// clients: OU, groups, enabled, locked out, last logon, operating system...
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
    pub connection: Connection,
}

/// Looks names up, each distinct one once, printing what is found.
struct Lookups<'a> {
    directory: Connected,
    out: &'a mut Output,
    seen: HashSet<(Kind, String)>,
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
                    self.directory.base(),
                    self.directory.server()
                ),
                None,
                None,
            );
        }
        for entry in &entries {
            self.out.emit(entry)?;
        }
        self.out.flush()
    }
}

impl super::Run for Directory {
    fn run(&self, out: &mut Output) -> anyhow::Result<Exit> {
        let directory = Connected::open(&self.connection)?;
        let mut lookups = Lookups {
            directory,
            out,
            seen: HashSet::new(),
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
