//! The generator's ground truth (`generate --truth FILE`): each simulated
//! session as `sessions` must show it, from what was written.
//!
//! The generator knows which records belong to which session, so it needs
//! no matching: a session is `Closed` when its logon and logoff were
//! written, an `Orphan` when only its logoff was, and otherwise ends at the
//! first written record of its computer that proves it over (a logon that
//! takes its session id; a console logon while it was on the console; a
//! startup or shutdown), or is `Open`.

use super::day::Happening;
use crate::format::event::Event;
use crate::json::truth::TruthSession;
use crate::pairing::{EndReason, State};
use std::collections::HashMap;
use std::io::{self, Write};

/// A session whose logon was written, and its end not yet.
struct Live {
    session: TruthSession,
    console: bool,
    clients: Vec<String>,
}

/// The names a written record holds, made safe as the log holds them.
pub struct Names<'a> {
    pub user: Option<&'a str>,
    pub computer: &'a str,
    pub client: Option<&'a str>,
    pub time: &'a str,
}

/// Follows the written records and writes each session out once its end is known.
pub struct Truth<'w> {
    out: Option<&'w mut dyn Write>,
    live: HashMap<u64, Live>,
    on_computer: HashMap<usize, Vec<u64>>,
}

impl<'w> Truth<'w> {
    pub fn new(out: Option<&'w mut dyn Write>) -> Truth<'w> {
        Truth {
            out,
            live: HashMap::new(),
            on_computer: HashMap::new(),
        }
    }

    /// Takes a record that was written.
    pub fn written(&mut self, happening: &Happening, names: &Names) -> io::Result<()> {
        match happening.event {
            Event::Logon => {
                let ended: Vec<(u64, EndReason)> = self
                    .on(happening.computer)
                    .filter_map(|(serial, live)| proves_over(live, happening, names).map(|reason| (serial, reason)))
                    .collect();
                for (serial, reason) in ended {
                    self.end(happening.computer, serial, names.time, reason, State::Unterminated)?;
                }
                if let Some(serial) = happening.serial {
                    let mut session = of(happening, names);
                    session.logon = Some(names.time.to_owned());
                    session.state = State::Open.name();
                    let live = Live {
                        console: happening.client.is_none(),
                        clients: names.client.iter().map(|c| c.to_string()).collect(),
                        session,
                    };
                    self.live.insert(serial, live);
                    self.on_computer.entry(happening.computer).or_default().push(serial);
                }
            }
            Event::Logoff => match happening.serial.filter(|s| self.live.contains_key(s)) {
                Some(serial) => {
                    self.move_to(serial, names.client);
                    self.end(happening.computer, serial, names.time, EndReason::Logoff, State::Closed)?;
                }
                None => {
                    let mut session = of(happening, names);
                    session.logoff = Some(names.time.to_owned());
                    session.end = Some(names.time.to_owned());
                    session.end_reason = Some(EndReason::Logoff.name());
                    session.clients = names.client.map(str::to_owned);
                    session.state = State::Orphan.name();
                    self.emit(&session)?;
                }
            },
            Event::Reconnect => {
                if let Some(serial) = happening.serial {
                    self.move_to(serial, names.client);
                }
            }
            Event::Startup | Event::Shutdown => {
                let reason = if happening.event == Event::Startup {
                    EndReason::Startup
                } else {
                    EndReason::Shutdown
                };
                let serials: Vec<u64> = self.on(happening.computer).map(|(s, _)| s).collect();
                for serial in serials {
                    self.end(happening.computer, serial, names.time, reason, State::Unterminated)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Writes out the sessions still open.
    pub fn finish(mut self) -> io::Result<()> {
        let mut open: Vec<(u64, Live)> = self.live.drain().collect();
        open.sort_by_key(|(serial, _)| *serial);
        for (_, live) in open {
            self.emit(&with_clients(live))?;
        }
        Ok(())
    }

    fn on(&self, computer: usize) -> impl Iterator<Item = (u64, &Live)> {
        let serials = self.on_computer.get(&computer).map(Vec::as_slice).unwrap_or_default();
        serials.iter().filter_map(|s| self.live.get(s).map(|live| (*s, live)))
    }

    fn move_to(&mut self, serial: u64, client: Option<&str>) {
        if let (Some(live), Some(client)) = (self.live.get_mut(&serial), client) {
            if !live.clients.iter().any(|c| c == client) {
                live.clients.push(client.to_owned());
            }
            live.session.client = Some(client.to_owned());
        }
    }

    fn end(&mut self, computer: usize, serial: u64, time: &str, reason: EndReason, state: State) -> io::Result<()> {
        let Some(live) = self.live.remove(&serial) else {
            return Ok(());
        };
        if let Some(serials) = self.on_computer.get_mut(&computer) {
            serials.retain(|s| *s != serial);
        }
        let mut session = with_clients(live);
        session.end = Some(time.to_owned());
        session.end_reason = Some(reason.name());
        session.state = state.name();
        if reason == EndReason::Logoff {
            session.logoff = Some(time.to_owned());
        }
        self.emit(&session)
    }

    fn emit(&mut self, session: &TruthSession) -> io::Result<()> {
        if let Some(out) = self.out.as_mut() {
            serde_json::to_writer(&mut **out, session)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}

fn with_clients(live: Live) -> TruthSession {
    let mut session = live.session;
    session.clients = (!live.clients.is_empty()).then(|| live.clients.join(", "));
    session
}

fn of(happening: &Happening, names: &Names) -> TruthSession {
    TruthSession {
        user: names.user.unwrap_or_default().to_owned(),
        computer: names.computer.to_owned(),
        client: names.client.map(str::to_owned),
        clients: None,
        session: happening.session.clone(),
        session_id: happening.session_id.map(|id| id.to_string()).unwrap_or_default(),
        logon: None,
        logoff: None,
        end: None,
        end_reason: None,
        state: State::Open.name(),
    }
}

/// Whether a written logon proves a live session of its computer over.
fn proves_over(live: &Live, logon: &Happening, names: &Names) -> Option<EndReason> {
    let same_user = names.user.is_some_and(|u| u == live.session.user);
    if logon.session_id.map(|id| id.to_string()).as_deref() == Some(live.session.session_id.as_str()) {
        return Some(EndReason::NextLogon);
    }
    (live.console && logon.client.is_none()).then_some(if same_user {
        EndReason::NextLogon
    } else {
        EndReason::ConsoleTakeover
    })
}
