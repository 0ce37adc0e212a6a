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
use crate::json::written::WrittenRecord;
use crate::output::Output;
use crate::record::Record;
use crate::spool::{Spool, Target};
use crate::store::{Branch, Store};
use crate::{diag, ulid};
use anyhow::Context;
use clap::Args;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

// The flags of `koxolog write`. What its help says of it is the doc
// of `Command::Write` (mod.rs): clap builds these flags only when it runs.
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

    /// For a remote session, the IP address its client reported (default:
    /// this session's on Windows, unless --client names another client;
    /// none elsewhere).
    #[arg(long, value_name = "ADDRESS")]
    pub client_ip: Option<String>,

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
struct WorkerState {
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
            client_ip: self.client_ip.clone(),
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
            "{flag} {raw:?} is empty once made safe (spaces and control characters only, or `-`, which a log reads as no value): a record needs {what}"
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
    state: Arc<Mutex<WorkerState>>,
) -> mpsc::Receiver<anyhow::Result<()>> {
    let store_is_default = store.is_default();
    let identity = store.identity();
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let lock = || state.lock().unwrap_or_else(|e| e.into_inner());
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

impl Write {
    /// The session's context, checked: a computer's own events (startup,
    /// shutdown) belong to no user's log, nor session; any other needs its
    /// user; every record needs its computer.
    fn checked_context(&self) -> Result<SessionContext, BadArgument> {
        let mut context = self.context();
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
        Ok(context)
    }

    /// The spool named by the flags, or this machine's (or user's).
    fn spool(&self) -> Spool {
        self.spool
            .clone()
            .map_or_else(|| Spool::default(self.per_user_spool), Spool::new)
    }

    /// Writes `line` to every target on a worker thread, waiting for it
    /// until a little after `deadline`; what it did not write by then is
    /// left.
    fn deliver(&self, spool: &Spool, line: &str, targets: &[Target], deadline: Instant) -> Delivery {
        let state = Arc::new(Mutex::new(WorkerState {
            done: vec![false; targets.len()],
            ..WorkerState::default()
        }));
        let worker = spawn_worker(
            self.store.clone(),
            spool.clone(),
            line.to_owned(),
            targets.to_vec(),
            deadline,
            state.clone(),
        );
        // A little beyond the deadline, so that the worker's own timeouts
        // (a lock) report first and precisely.
        let wait = deadline.saturating_duration_since(Instant::now()) + Duration::from_millis(250);
        let outcome = match worker.recv_timeout(wait) {
            Ok(result) => result,
            Err(_) => Err(anyhow::anyhow!("the store did not answer within {} s", self.timeout)),
        };
        let mut state = state.lock().unwrap_or_else(|e| e.into_inner());
        state.abandoned = true;
        let left = targets
            .iter()
            .zip(&state.done)
            .filter(|(_, done)| !**done)
            .map(|(t, _)| t.clone())
            .collect();
        Delivery {
            outcome,
            left,
            delivered: state.delivered,
            store: state.store.clone(),
        }
    }

    /// Keeps in the spool what the delivery left, when it failed: the spool
    /// file, with a `store-unreachable` warning.
    fn spool_left(&self, spool: &Spool, id: &str, line: &str, delivery: &Delivery) -> anyhow::Result<Option<PathBuf>> {
        let Err(e) = &delivery.outcome else {
            return Ok(None);
        };
        if delivery.left.is_empty() {
            return Ok(None);
        }
        let file = spool
            .keep(id, line, &self.store.identity(), &delivery.left)
            .with_context(|| {
                format!(
                    "{e:#}; and the record could not be spooled in {}",
                    spool.dir().display()
                )
            })?;
        diag::warning(
            "store-unreachable",
            &format!("{e:#}: the record was spooled and will be delivered by the next write"),
            Some(&file),
            None,
        );
        Ok(Some(file))
    }
}

/// What the worker did before the deadline.
struct Delivery {
    /// Its first error, or the deadline passed.
    outcome: anyhow::Result<()>,
    /// The targets it did not write.
    left: Vec<Target>,
    /// How many spooled records it delivered first.
    delivered: usize,
    /// The store, once found.
    store: Option<Store>,
}

/// The record of the event, with the session's values and its id.
fn record_of<'a>(event: Event, time: Time, context: &'a SessionContext, id: &'a str) -> Record<'a> {
    let given = context.fields().into_iter().chain([(Field::Id, Some(id))]);
    Record::new(event, None, time, given)
}

/// The logs the record belongs to, comma-separated: their paths once the
/// store was found, else `Branch/NAME`.
fn log_names(store: Option<&Store>, targets: &[Target]) -> String {
    let logs: Vec<String> = match store {
        Some(store) => targets
            .iter()
            .map(|t| store.log_path(t.branch, &t.name).display().to_string())
            .collect(),
        None => targets
            .iter()
            .map(|t| format!("{}/{}", t.branch.folder(), t.name))
            .collect(),
    };
    logs.join(", ")
}

impl super::Run for Write {
    fn run(&self, out: &mut Output) -> anyhow::Result<Exit> {
        crate::store::location::check_supported(self.store.server.as_deref())?;
        // Gathering the context counts in the deadline.
        let deadline = Instant::now() + Duration::from_secs_f64(self.timeout);
        let context = self.checked_context()?;
        let time = self.time.unwrap_or_else(time::now);
        let id = ulid::new(u64::try_from(time.timestamp_millis()).unwrap_or(0));
        let record = record_of(self.event, time, &context, &id);
        let line = line::render(&record);
        let targets = targets(&context);
        let spool = self.spool();
        let delivery = self.deliver(&spool, &line, &targets, deadline);
        let spool_file = self.spool_left(&spool, &id, &line, &delivery)?;
        let spooled = spool_file.is_some();
        out.emit(&WrittenRecord {
            record: RecordValues::new(&record),
            logs: log_names(delivery.store.as_ref(), &targets),
            spooled,
            spool_file: spool_file.map(|f| f.display().to_string()),
            delivered: delivery.delivered,
        })?;
        Ok(if spooled { Exit::Spooled } else { Exit::Success })
    }
}
