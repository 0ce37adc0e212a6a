//! The flags several subcommands share (the store, the wait for it, which
//! logs and records to read) and the parsers of their values. Each
//! subcommand's own flags are in its file under `src/cmd/`, and the whole
//! command line is [`crate::cmd::Cli`]; this module sees no subcommand.
//!
//! The help text of each flag is its doc comment. A group of flags is
//! described by a plain comment instead: clap would show a group's doc
//! comment as the help of the subcommand that flattens it, whose own help
//! is the doc of its `Command` variant ([`crate::cmd::Command`]).
//!
//! The PowerShell module is checked against the definition by
//! `tests/it/powershell_static.rs`, so a flag renamed here fails the build
//! until the module follows.

use crate::config::StoreSetting;
use crate::filter::{Filter, Pattern};
use crate::format::event::Event;
use crate::format::time::{self, Time};
use crate::selection::Named;
use crate::store::{self, Branch, Store, location};
use clap::Args;
use std::path::PathBuf;

// Which store to use.
#[derive(Debug, Clone, Args)]
pub struct StoreArgs {
    /// The store's root folder (a local path, a mounted share, or a UNC path
    /// such as \\dc1\Logs$).
    #[arg(long, env = "KOXOLOG_STORE", value_name = "PATH", conflicts_with = "server")]
    pub store: Option<PathBuf>,

    /// The server whose share holds the store: the store is \\SERVER\SHARE.
    /// `%PDC_SERVER%` stands for the domain's PDC emulator, as in KoXo.
    #[arg(long, value_name = "NAME")]
    pub server: Option<String>,

    /// The share on --server.
    #[arg(long, value_name = "NAME", default_value = location::DEFAULT_SHARE, requires = "server")]
    pub share: String,

    /// Where the store is, found once per run: the settings files are read
    /// (and a damaged one warned of) once, however often it is asked.
    #[arg(skip)]
    pub found: std::sync::OnceLock<StoreLocation>,
}

/// Where the store is, as [`StoreArgs`] finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreLocation {
    /// A folder: `--store`, `$KOXOLOG_STORE` or the `store` setting.
    Folder(PathBuf),
    /// A server's share: `--server`, the `server` setting, or the PDC
    /// emulator's `Logs$` on a domain member.
    Share { server: String, share: String },
    /// This machine's own default store ([`location::default_store`]).
    Default,
}

impl StoreArgs {
    /// Where the store is, first found of: `--store` (or `$KOXOLOG_STORE`),
    /// `--server`/`--share`, the settings files ([`crate::config`], the
    /// user's then the machine's), `\\%PDC_SERVER%\Logs$` on a computer
    /// joined to a domain (as the GPO writes), this machine's default.
    pub fn location(&self) -> StoreLocation {
        self.found.get_or_init(|| self.find()).clone()
    }

    fn find(&self) -> StoreLocation {
        match (&self.store, &self.server) {
            (Some(path), _) => StoreLocation::Folder(path.clone()),
            (None, Some(server)) => StoreLocation::Share {
                server: server.clone(),
                share: self.share.clone(),
            },
            (None, None) => match crate::config::store() {
                Some((StoreSetting::Folder(path), _)) => StoreLocation::Folder(path),
                Some((StoreSetting::Share { server, share }, _)) => StoreLocation::Share {
                    server,
                    share: share.unwrap_or_else(|| location::DEFAULT_SHARE.to_owned()),
                },
                None if crate::context::joined_domain().is_some() => StoreLocation::Share {
                    server: location::PDC_PLACEHOLDER.to_owned(),
                    share: location::DEFAULT_SHARE.to_owned(),
                },
                None => StoreLocation::Default,
            },
        }
    }

    /// The store named, or the default one.
    pub fn store(&self) -> anyhow::Result<Store> {
        match self.location() {
            StoreLocation::Folder(path) => Ok(Store::new(path)),
            StoreLocation::Share { server, share } if location::is_pdc_placeholder(&server) => {
                location::check_supported(Some(&server))?;
                location::on_share(&crate::context::pdc_server()?, &share)
            }
            StoreLocation::Share { server, share } => location::on_share(&server, &share),
            StoreLocation::Default => Ok(location::default_store()),
        }
    }

    /// The store as named, for the spool to tell stores apart without
    /// reaching them: a folder as an absolute path, `\\SERVER\SHARE` as
    /// given (`%PDC_SERVER%` included: the PDC of the day), or the default
    /// store's folder.
    pub fn identity(&self) -> String {
        let absolute = |path: &std::path::Path| std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        match self.location() {
            StoreLocation::Folder(path) => absolute(&path).display().to_string(),
            StoreLocation::Share { server, share } => format!(r"\\{}\{share}", server.trim_start_matches('\\')),
            StoreLocation::Default => absolute(location::default_store().root()).display().to_string(),
        }
    }

    /// Whether the store is this machine's default one (which may be
    /// created on first use).
    pub fn is_default(&self) -> bool {
        self.location() == StoreLocation::Default
    }
}

// How long a reading command waits for the store.
#[derive(Debug, Clone, Args)]
pub struct ReachArgs {
    /// Seconds to wait for the store (or the first log named) to answer
    /// before giving up with exit 3: a hung mount or share never holds a
    /// scheduled task for ever.
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0, value_parser = seconds_argument)]
    pub timeout: f64,
}

impl ReachArgs {
    /// Waits at most `--timeout` for `paths` to answer.
    pub fn reach(&self, paths: &[PathBuf]) -> Result<(), store::reach::Unanswered> {
        store::reach::within(paths, std::time::Duration::from_secs_f64(self.timeout))
    }
}

/// Reads a number of seconds, from 0 to an hour.
pub fn seconds_argument(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(s) if s.is_finite() && (0.0..=3600.0).contains(&s) => Ok(s),
        _ => Err(format!("'{text}' is not a number of seconds from 0 to 3600")),
    }
}

// Which logs to read, and which of their records to keep.
#[derive(Debug, Clone, Args)]
pub struct SelectArgs {
    /// Logs to read, by path. Without a path and a name, the whole store is
    /// read (its Computers branch, which holds every event once).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Only this computer's records (reads its log when no path is given).
    /// Wildcards * and ? allowed.
    #[arg(long, value_name = "NAME")]
    pub computer: Option<String>,

    /// Only this user's records or sessions (reads the user's log when no
    /// path is given; `sessions` reads the logs of the computers it names).
    /// Wildcards * and ? allowed.
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,

    /// Only the remote sessions opened from this thin client, or reconnected
    /// from it (reads its log when no path is given; `sessions` reads the
    /// logs of the computers it names). Wildcards * and ? allowed.
    #[arg(long, visible_alias = "client", value_name = "NAME")]
    pub thin_client: Option<String>,

    /// Only records at or after this time: now, today, yesterday, a
    /// duration ago (-7d, -12h, -90min), a date (2026-11-24), a local time
    /// (2026-11-24 08:00) or a time with its offset (2026-11-24T08:00:00+01:00).
    /// Dates and times without an offset are this machine's local time.
    #[arg(long, value_name = "TIME", value_parser = since_argument, allow_hyphen_values = true)]
    pub since: Option<Time>,

    /// Only records at or before this time, read as for --since; a date
    /// alone is the end of that day (--since 2026-11-24 --until 2026-11-24
    /// is that whole day; today and yesterday too).
    #[arg(long, value_name = "TIME", value_parser = until_argument, allow_hyphen_values = true)]
    pub until: Option<Time>,

    /// Only records from the computer with this IP address.
    #[arg(long, value_name = "ADDRESS")]
    pub ip: Option<String>,
}

impl SelectArgs {
    /// What must answer within --timeout before the logs are read: the
    /// first log named, else the store.
    pub fn first_to_reach(&self, store: &Store) -> PathBuf {
        self.paths
            .first()
            .map_or_else(|| store.root().to_owned(), PathBuf::clone)
    }

    /// The paths and names that pick the logs to read.
    pub fn named(&self) -> Named<'_> {
        Named {
            paths: &self.paths,
            computer: self.computer.as_deref(),
            user: self.user.as_deref(),
            thin_client: self.thin_client.as_deref(),
        }
    }

    /// The record filter these flags describe.
    pub fn filter(&self) -> Filter {
        Filter {
            since: self.since,
            until: self.until,
            events: Vec::new(),
            user: self.user.as_deref().map(Pattern::new),
            computer: self.computer.as_deref().map(Pattern::new),
            client: self.thin_client.as_deref().map(Pattern::new),
            ip: self.ip.clone(),
        }
    }
}

// Which records of the logs read to keep, beyond `SelectArgs`: the
// flags `log` and `export-rtf` share.
#[derive(Debug, Clone, Args)]
pub struct RecordArgs {
    /// Only records of these events: logon, logoff, lock, unlock, reconnect,
    /// disconnect, startup, shutdown (repeat the flag, or separate with commas).
    #[arg(long, value_name = "EVENT", value_delimiter = ',', value_parser = event_argument)]
    pub event: Vec<Event>,

    /// Only the last N matching records of each log read (read from the end
    /// of the file, without reading the rest).
    #[arg(long, value_name = "N")]
    pub last: Option<usize>,
}

impl RecordArgs {
    /// The record filter of these flags and of `select`'s.
    pub fn filter(&self, select: &SelectArgs) -> Filter {
        Filter {
            events: self.event.clone(),
            ..select.filter()
        }
    }
}

fn since_argument(text: &str) -> Result<Time, String> {
    time::parse_bound(text, time::Bound::Start, time::now())
}

fn until_argument(text: &str) -> Result<Time, String> {
    time::parse_bound(text, time::Bound::End, time::now())
}

/// Reads an event by name (`logon`) or by KoXo tag (`[LOGON.]`).
pub fn event_argument(text: &str) -> Result<Event, String> {
    let event = if text.starts_with('[') {
        Event::from_tag(&text.to_ascii_uppercase())
    } else {
        text.parse().unwrap_or(Event::Other)
    };
    if event == Event::Other {
        return Err(format!(
            "'{text}' is not an event: use logon, logoff, lock, unlock, reconnect, disconnect, startup, shutdown, or a tag such as [LOGON.]"
        ));
    }
    Ok(event)
}

/// The parser of a branch on the command line: its possible values, each
/// with its help, as clap shows them.
pub fn branch_parser() -> impl clap::builder::TypedValueParser<Value = Branch> {
    use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
    PossibleValuesParser::new(Branch::ALL.map(|b| PossibleValue::new(b.name()).help(b.about())))
        .map(|name| name.parse::<Branch>().expect("a possible value is a branch"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_read_by_name_or_tag() {
        assert_eq!(event_argument("LogOn"), Ok(Event::Logon));
        assert_eq!(event_argument("[logoff]"), Ok(Event::Logoff));
        assert!(event_argument("party").unwrap_err().contains("'party'"));
    }
}
