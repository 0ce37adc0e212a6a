//! `koxolog write`: record an event of the current session in the store.
//!
//! The record goes to its computer's log, its user's log and, for a remote
//! session, its thin client's log. A logon is never held up for long: the
//! logs are written by a worker thread, and when the store cannot be reached
//! before `--timeout` (network not ready, server down, a log locked), what
//! is left is kept in the local spool and the exit code is 4. The next
//! successful `write` delivers the spool first.
//!
//! A write that hangs past the timeout (a share that stopped answering) may
//! still land after its record was spooled; the spooled copy then lands
//! too, with the same id, and `sessions` counts a record id once.

use crate::cli::{StoreArgs, event_argument, seconds_argument};
use crate::context::SessionContext;
use crate::exit::{BadArgument, Exit};
use crate::format::event::Event;
use crate::format::header::Field;
use crate::format::line;
use crate::format::time::{self, Time};
use crate::json::record::RecordValues;
use crate::json::written::Written;
use crate::output::Output;
use crate::record::Record;
use crate::spool::{Spool, Target};
use crate::store::{Branch, Store};
use crate::{diag, ulid};
use clap::Args;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

/// Record a logon, a logoff or another event of the current session.
///
/// Values not given are taken from the system. Prints the record written.
#[derive(Debug, Args)]
pub struct Write {
    /// The event: logon, logoff, lock, unlock, reconnect, disconnect,
    /// startup, shutdown; KoXo's tags `[LOGON.]` and `[LOGOFF]` are accepted too.
    #[arg(long, value_name = "EVENT", value_parser = event_argument)]
    pub event: Event,

    /// The user's logon name.
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,

    /// The user's domain.
    #[arg(long, value_name = "NAME")]
    pub domain: Option<String>,

    /// The computer's name.
    #[arg(long, value_name = "NAME")]
    pub computer: Option<String>,

    /// For a remote session, the client's name (CLIENTNAME).
    #[arg(long, value_name = "NAME")]
    pub client: Option<String>,

    /// The Windows session name (Console, RDP-Tcp#3).
    #[arg(long, value_name = "NAME")]
    pub session: Option<String>,

    /// The Windows session id (the WTS session id, 0 to 65535 on most
    /// systems): it tells a user's sessions on one computer apart (default:
    /// this process's session on Windows, unless --session names another;
    /// none elsewhere).
    #[arg(long, value_name = "ID")]
    pub session_id: Option<String>,

    /// The computer's IP addresses, comma-separated.
    #[arg(long, value_name = "ADDRESSES")]
    pub ip: Option<String>,

    /// The computer's MAC addresses, comma-separated.
    #[arg(long, value_name = "ADDRESSES")]
    pub mac: Option<String>,

    /// The domain controller that authenticated the logon.
    #[arg(long, value_name = "NAME")]
    pub logon_server: Option<String>,

    /// The operating system.
    #[arg(long, value_name = "TEXT")]
    pub os: Option<String>,

    /// The event's time (default: now).
    #[arg(long, value_name = "TIME", value_parser = time::parse_argument)]
    pub time: Option<Time>,

    #[command(flatten)]
    pub store: StoreArgs,

    /// The folder of the local spool (default: this machine's, see the
    /// README).
    #[arg(long, env = "KOXOLOG_SPOOL", value_name = "PATH")]
    pub spool: Option<PathBuf>,

    /// Keep records in this user's spool rather than this machine's.
    #[arg(long, conflicts_with = "spool")]
    pub per_user_spool: bool,

    /// Seconds to wait for the store before spooling the record.
    #[arg(long, value_name = "SECONDS", default_value_t = 5.0, value_parser = seconds_argument)]
    pub timeout: f64,
}

/// How far the worker got, shared with the waiting main thread.
#[derive(Default)]
struct Progress {
    abandoned: bool,
    /// The store, once found.
    store: Option<Store>,
    done: Vec<bool>,
    delivered: usize,
}

impl Write {
    fn context(&self) -> SessionContext {
        let given = SessionContext {
            user: self.user.clone(),
            domain: self.domain.clone(),
            computer: self.computer.clone(),
            client: self.client.clone(),
            session: self.session.clone(),
            session_id: self.session_id.clone(),
            ip: self.ip.clone(),
            mac: self.mac.clone(),
            logon_server: self.logon_server.clone(),
            os: self.os.clone(),
        };
        let mut context = given.complete();
        // Windows names the console "Console" in CLIENTNAME: not a thin client.
        if context
            .client
            .as_deref()
            .is_some_and(|c| c.eq_ignore_ascii_case("console"))
        {
            context.client = None;
        }
        context
    }
}

fn targets(context: &SessionContext) -> Vec<Target> {
    let branches = [
        (Branch::Computers, &context.computer),
        (Branch::Users, &context.user),
        (Branch::ThinClients, &context.client),
    ];
    branches
        .into_iter()
        .filter_map(|(branch, name)| {
            let name = crate::format::sanitize::value(name.as_deref()?)?;
            Some(Target {
                branch,
                name: name.into_owned(),
            })
        })
        .collect()
}

/// Refuses a record without a value that every record needs (its user, its
/// computer): one given empty (nothing left once made safe), or one the
/// system could not tell. Such a record would reach no log, or not the one
/// store-wide queries read.
fn required(flag: &str, given: Option<&str>, found: Option<&str>, what: &str) -> Result<(), BadArgument> {
    if found.and_then(crate::format::sanitize::value).is_some() {
        return Ok(());
    }
    Err(BadArgument(match given {
        Some(raw) => format!(
            "{flag} {raw:?} is empty once made safe (spaces and control characters only): a record needs {what}"
        ),
        None => format!("cannot tell {what}: give {flag}"),
    }))
}

/// Writes every target on a worker thread; returns the first error.
fn spawn_worker(
    store: StoreArgs,
    spool: Spool,
    line: String,
    targets: Vec<Target>,
    deadline: Instant,
    progress: Arc<Mutex<Progress>>,
) -> mpsc::Receiver<anyhow::Result<()>> {
    let store_is_default = store.is_default();
    let identity = store.identity();
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let lock = || progress.lock().unwrap_or_else(|e| e.into_inner());
        let work = || -> anyhow::Result<()> {
            // Finding the store may take a directory lookup (%PDC_SERVER%):
            // it is inside the deadline too.
            let store = store.store()?;
            if store_is_default {
                std::fs::create_dir_all(store.root())?;
            }
            lock().store = Some(store.clone());
            match spool.deliver(&store, &identity, deadline) {
                Ok(delivered) => lock().delivered = delivered,
                Err(e) => diag::warning("spool-not-delivered", &format!("{e:#}"), None, None),
            }
            for (index, target) in targets.iter().enumerate() {
                if lock().abandoned {
                    return Ok(());
                }
                target.append(&store, &line, deadline)?;
                lock().done[index] = true;
            }
            Ok(())
        };
        let _ = send.send(work());
    });
    receive
}

impl super::Run for Write {
    fn run(&self, out: &mut Output) -> anyhow::Result<Exit> {
        crate::store::location::check_supported(self.store.server.as_deref())?;
        let started = Instant::now();
        let deadline = started + Duration::from_secs_f64(self.timeout);
        let mut context = self.context();
        // A computer's own events belong to no user's log, nor session.
        if matches!(self.event, Event::Startup | Event::Shutdown) {
            context.user = None;
            context.domain = None;
            context.session_id = None;
        } else {
            required(
                "--user",
                self.user.as_deref(),
                context.user.as_deref(),
                "who the user is",
            )?;
        }
        required(
            "--computer",
            self.computer.as_deref(),
            context.computer.as_deref(),
            "the computer's name",
        )?;
        let time = self.time.unwrap_or_else(time::now);
        let id = ulid::new(u64::try_from(time.timestamp_millis()).unwrap_or(0));
        let given = [
            (Field::User, context.user.as_deref()),
            (Field::Domain, context.domain.as_deref()),
            (Field::Computer, context.computer.as_deref()),
            (Field::Client, context.client.as_deref()),
            (Field::Session, context.session.as_deref()),
            (Field::SessionId, context.session_id.as_deref()),
            (Field::Ip, context.ip.as_deref()),
            (Field::Mac, context.mac.as_deref()),
            (Field::LogonServer, context.logon_server.as_deref()),
            (Field::Os, context.os.as_deref()),
            (Field::Id, Some(id.as_str())),
        ];
        let record = Record::new(self.event, None, time, given);
        let line = line::render(&record);
        let targets = targets(&context);
        let spool = self
            .spool
            .clone()
            .map_or_else(|| Spool::default(self.per_user_spool), Spool::new);

        let progress = Arc::new(Mutex::new(Progress {
            done: vec![false; targets.len()],
            ..Progress::default()
        }));
        let worker = spawn_worker(
            self.store.clone(),
            spool.clone(),
            line.clone(),
            targets.clone(),
            deadline,
            progress.clone(),
        );
        // A little beyond the deadline, so that the worker's own timeouts
        // (a lock) report first and precisely.
        let wait = deadline.saturating_duration_since(Instant::now()) + Duration::from_millis(250);
        let outcome = match worker.recv_timeout(wait) {
            Ok(result) => result,
            Err(_) => Err(anyhow::anyhow!("the store did not answer within {} s", self.timeout)),
        };
        let (left, delivered, store) = {
            let mut progress = progress.lock().unwrap_or_else(|e| e.into_inner());
            progress.abandoned = true;
            let left: Vec<Target> = targets
                .iter()
                .zip(&progress.done)
                .filter(|(_, done)| !**done)
                .map(|(t, _)| t.clone())
                .collect();
            (left, progress.delivered, progress.store.clone())
        };
        let spool_file = match (&outcome, left.is_empty()) {
            (Err(e), false) => {
                let file = spool
                    .keep(&id, &line, &self.store.identity(), &left)
                    .map_err(|spool_error| {
                        anyhow::anyhow!(
                            "{e:#}; and the record could not be spooled in {}: {spool_error}",
                            spool.dir().display()
                        )
                    })?;
                diag::warning(
                    "store-unreachable",
                    &format!("{e:#}: the record was spooled and will be delivered by the next write"),
                    Some(&file),
                    None,
                );
                Some(file)
            }
            _ => None,
        };
        let spooled = spool_file.is_some();
        let logs: Vec<String> = match &store {
            Some(store) => targets
                .iter()
                .map(|t| store.log_path(t.branch, &t.name).display().to_string())
                .collect(),
            None => targets
                .iter()
                .map(|t| format!("{}/{}", t.branch.folder(), t.name))
                .collect(),
        };
        out.emit(&Written {
            record: RecordValues::new(&record),
            logs: logs.join(", "),
            spooled,
            spool_file: spool_file.map(|f| f.display().to_string()),
            delivered,
        })?;
        Ok(if spooled { Exit::Spooled } else { Exit::Success })
    }
}
