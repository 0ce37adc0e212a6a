//! One simulated school day: what happens on each workstation and each RDS
//! server, and the sessions it is made of.
//!
//! * Workstations start in the morning (unless they stayed on overnight) and
//!   most shut down in the evening, after their last session. Classes use
//!   rooms period by period; a few students leave early (sessions from five
//!   minutes); a few workstations are used all day by one person (up to about
//!   ten hours, locked over lunch). Console sessions get Windows session ids
//!   counted from 1 after each startup.
//! * Thin clients open remote sessions on the RDS servers, period by period;
//!   staff keep one open all day, some open a second one at the same time,
//!   some disconnect at lunch and reconnect from another thin client. A
//!   server gives each new session the lowest session id free, as Windows
//!   does, so ids are reused.
//! * About 3 % of logoffs are never written (the session still ends), and a
//!   few console logons are lost.

use super::population::Population;
use super::rng::Rng;
use crate::format::event::Event;
use chrono::{Duration, NaiveDate, NaiveDateTime};

/// The class periods of a school day: start (hour, minute); each lasts 55 minutes.
const PERIODS: [(u32, u32); 7] = [(8, 0), (9, 0), (10, 15), (11, 15), (13, 30), (14, 30), (15, 45)];

/// One event of the simulated day.
pub struct Happening {
    pub at: NaiveDateTime,
    pub event: Event,
    pub computer: usize,
    pub user: Option<usize>,
    pub client: Option<usize>,
    pub session: String,
    pub session_id: Option<u32>,
    /// The session it belongs to, by its serial number.
    pub serial: Option<u64>,
}

/// What carries over from one day to the next.
pub struct Machines {
    /// Whether each workstation stayed on overnight.
    running: Vec<bool>,
    /// The next console session id of each workstation.
    next_console_id: Vec<u32>,
    rdp_number: u64,
    serial: u64,
}

impl Machines {
    pub fn new(people: &Population) -> Machines {
        Machines {
            running: vec![false; people.workstations],
            next_console_id: vec![1; people.workstations],
            rdp_number: 0,
            serial: 0,
        }
    }
}

/// A session as it really happened: from `on` to `off`.
struct Visit {
    computer: usize,
    user: usize,
    client: Option<usize>,
    on: NaiveDateTime,
    off: NaiveDateTime,
    /// Locked and unlocked again.
    lock: Option<(NaiveDateTime, NaiveDateTime)>,
    /// Disconnected, then reconnected from another thin client.
    moved: Option<(NaiveDateTime, NaiveDateTime, usize)>,
}

struct Clock {
    date: NaiveDate,
}

impl Clock {
    /// `h:m` plus up to `jitter` seconds and some milliseconds.
    fn at(&self, h: u32, m: u32, jitter: u64, rng: &mut Rng) -> NaiveDateTime {
        self.date.and_hms_opt(h, m, 0).expect("a valid time")
            + Duration::seconds(rng.below(jitter.max(1)) as i64)
            + Duration::milliseconds(rng.below(1000) as i64)
    }
}

fn minutes(rng: &mut Rng, from: i64, to: i64) -> Duration {
    Duration::seconds(from * 60 + rng.below(((to - from) * 60).max(1) as u64) as i64)
}

/// A class period's length: most of the period, sometimes a few minutes.
fn period_length(rng: &mut Rng) -> Duration {
    if rng.chance(0.1) {
        minutes(rng, 5, 30)
    } else {
        minutes(rng, 45, 54)
    }
}

fn lock(rng: &mut Rng, on: NaiveDateTime, off: NaiveDateTime) -> Option<(NaiveDateTime, NaiveDateTime)> {
    let length = off - on;
    (length > Duration::minutes(20) && rng.chance(0.3)).then(|| {
        let at = on + Duration::minutes(10);
        (at, at + Duration::minutes(3).min(length / 4))
    })
}

fn workstation_visits(clock: &Clock, people: &Population, rng: &mut Rng) -> Vec<Visit> {
    let mut visits = Vec::new();
    let all_day: Vec<bool> = (0..people.workstations).map(|_| rng.chance(0.03)).collect();
    for (computer, _) in all_day.iter().enumerate().filter(|(_, a)| **a) {
        if people.users.is_empty() {
            break;
        }
        let user = rng.below(people.users.len() as u64) as usize;
        let on = clock.at(7, 52, 480, rng);
        let off = clock.at(15, 50, 6600, rng);
        let lunch = (clock.at(12, 0, 600, rng), clock.at(13, 20, 600, rng));
        visits.push(Visit {
            computer,
            user,
            client: None,
            on,
            off,
            lock: Some(lunch),
            moved: None,
        });
    }
    let classes = (people.users.len() / people.room_size).max(1);
    for (h, m) in PERIODS {
        for room in 0..people.rooms() {
            if !rng.chance(0.6) {
                continue;
            }
            let class = rng.below(classes as u64) as usize;
            for seat in 0..people.room_size {
                let computer = room * people.room_size + seat;
                let user = class * people.room_size + seat;
                if computer >= people.workstations
                    || user >= people.users.len()
                    || all_day[computer]
                    || !rng.chance(0.85)
                {
                    continue;
                }
                let on = clock.at(h, m, 300, rng);
                let off = on + period_length(rng);
                let lock = lock(rng, on, off);
                visits.push(Visit {
                    computer,
                    user,
                    client: None,
                    on,
                    off,
                    lock,
                    moved: None,
                });
            }
        }
    }
    visits
}

fn remote_visits(clock: &Clock, people: &Population, rng: &mut Rng) -> Vec<Visit> {
    let mut visits = Vec::new();
    let clients = people.thin_clients.len() as u64;
    if clients == 0 || people.users.is_empty() {
        return visits;
    }
    for (h, m) in PERIODS {
        for (index, client) in people.thin_clients.iter().enumerate() {
            if !rng.chance(0.5) {
                continue;
            }
            let user = rng.below(people.users.len() as u64) as usize;
            let on = clock.at(h, m, 300, rng);
            let off = on + period_length(rng);
            let lock = lock(rng, on, off);
            visits.push(Visit {
                computer: client.server,
                user,
                client: Some(index),
                on,
                off,
                lock,
                moved: None,
            });
        }
    }
    for user in (0..people.users.len()).filter(|&u| people.is_staff(u)) {
        if !rng.chance(0.8) {
            continue;
        }
        let client = rng.below(clients) as usize;
        let server = people.thin_clients[client].server;
        let on = clock.at(7, 45, 1800, rng);
        let off = clock.at(15, 30, 8100, rng);
        let other = (client + 1 + rng.below(clients.max(2) - 1) as usize) % clients as usize;
        let moved = rng
            .chance(0.3)
            .then(|| (clock.at(12, 0, 600, rng), clock.at(13, 30, 600, rng), other));
        let lock = moved
            .is_none()
            .then(|| (clock.at(10, 30, 300, rng), clock.at(10, 45, 300, rng)));
        visits.push(Visit {
            computer: server,
            user,
            client: Some(client),
            on,
            off,
            lock,
            moved,
        });
        if rng.chance(0.3) {
            // A second session at once, on the same server, from another client.
            let (on, off) = (clock.at(9, 30, 1800, rng), clock.at(11, 0, 1800, rng));
            visits.push(Visit {
                computer: server,
                user,
                client: Some(other),
                on,
                off,
                lock: None,
                moved: None,
            });
        }
    }
    visits
}

fn happening(at: NaiveDateTime, event: Event, computer: usize) -> Happening {
    Happening {
        at,
        event,
        computer,
        user: None,
        client: None,
        session: String::new(),
        session_id: None,
        serial: None,
    }
}

/// The day's events, in time order.
pub fn simulate(date: NaiveDate, people: &Population, rng: &mut Rng, machines: &mut Machines) -> Vec<Happening> {
    let clock = Clock { date };
    let mut day = Vec::new();
    let mut last_off = vec![None; people.workstations];
    let mut visits = workstation_visits(&clock, people, rng);
    for visit in &visits {
        let last = &mut last_off[visit.computer];
        *last = (*last).max(Some(visit.off));
    }
    for (computer, last_off) in last_off.into_iter().enumerate() {
        if !machines.running[computer] {
            day.push(happening(clock.at(7, 30, 1200, rng), Event::Startup, computer));
            machines.running[computer] = true;
            machines.next_console_id[computer] = 1;
        }
        if rng.chance(0.9) {
            let evening = clock.at(17, 30, 1800, rng);
            let after_last = last_off.map(|off| off + minutes(rng, 1, 5));
            day.push(happening(
                evening.max(after_last.unwrap_or(evening)),
                Event::Shutdown,
                computer,
            ));
            machines.running[computer] = false;
        }
    }
    visits.extend(remote_visits(&clock, people, rng));
    visits.sort_by_key(|v| v.on);
    // Session ids in use on each server, with when they are freed.
    let mut busy: Vec<Vec<(u32, NaiveDateTime)>> = vec![Vec::new(); people.computers.len()];
    for visit in visits {
        let (session, session_id) = match visit.client {
            None => {
                let id = machines.next_console_id[visit.computer];
                machines.next_console_id[visit.computer] += 1;
                ("Console".to_owned(), id)
            }
            Some(_) => {
                let used = &mut busy[visit.computer];
                used.retain(|(_, free_at)| *free_at > visit.on);
                let id = (1..).find(|id| used.iter().all(|(u, _)| u != id)).expect("a free id");
                used.push((id, visit.off));
                machines.rdp_number += 1;
                (format!("RDP-Tcp#{}", machines.rdp_number % 1000), id)
            }
        };
        machines.serial += 1;
        let of = |at, event, client| Happening {
            at,
            event,
            computer: visit.computer,
            user: Some(visit.user),
            client,
            session: session.clone(),
            session_id: Some(session_id),
            serial: Some(machines.serial),
        };
        // A lost logon leaves an orphan logoff (console sessions only).
        if visit.client.is_some() || !rng.chance(0.005) {
            day.push(of(visit.on, Event::Logon, visit.client));
        }
        if let Some((locked, unlocked)) = visit.lock {
            day.push(of(locked, Event::Lock, visit.client));
            day.push(of(unlocked, Event::Unlock, visit.client));
        }
        let mut client = visit.client;
        if let Some((away, back, other)) = visit.moved {
            day.push(of(away, Event::Disconnect, client));
            client = Some(other);
            day.push(of(back, Event::Reconnect, client));
        }
        if !rng.chance(0.03) {
            day.push(of(visit.off, Event::Logoff, client));
        }
    }
    day.sort_by_key(|h| h.at);
    day
}
