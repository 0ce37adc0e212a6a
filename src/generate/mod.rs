//! A realistic synthetic store, for demos, tests and benchmarks.
//!
//! A school: rooms of sixteen computers, used period by period on school
//! days (Monday to Friday) by classes of users; thin clients opening remote
//! sessions on RDS servers; computers started in the morning and shut down
//! in the evening; about 3 % of logoffs missing; a few hostile names (a
//! thin client whose name holds tabs and a fake record, users named `con`,
//! `x..`, with accents or in other scripts). Times are in Paris time, with
//! its daylight-saving changes. The same seed gives the same store.

mod population;
mod rng;

use crate::format::event::Event;
use crate::format::header::{self, Field};
use crate::format::{line, sanitize, time};
use crate::record::Record;
use crate::store::{Branch, Store};
use chrono::{Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Weekday};
use population::Population;
use rng::Rng;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::io::{self, Write};
use std::path::PathBuf;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Plan {
    pub computers: usize,
    pub users: usize,
    pub days: u32,
    pub seed: u64,
    pub start: NaiveDate,
}

/// What was generated.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub thin_clients: usize,
    pub records: u64,
    pub bytes: u64,
}

/// The class periods of a school day: start (hour, minute); each lasts 55 minutes.
const PERIODS: [(u32, u32); 7] = [(8, 0), (9, 0), (10, 15), (11, 15), (13, 30), (14, 30), (15, 45)];

fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let mut day = NaiveDate::from_ymd_opt(year, month + 1, 1).expect("a valid month") - Duration::days(1);
    while day.weekday() != Weekday::Sun {
        day -= Duration::days(1);
    }
    day
}

/// Paris's offset for a daytime wall-clock time on `date` (summer time runs
/// from the last Sunday of March to the last Sunday of October).
fn paris(date: NaiveDate) -> FixedOffset {
    let summer = date >= last_sunday(date.year(), 3) && date < last_sunday(date.year(), 10);
    FixedOffset::east_opt(if summer { 7200 } else { 3600 }).expect("a valid offset")
}

/// One event of the simulated day.
struct Happening {
    at: NaiveDateTime,
    event: Event,
    computer: usize,
    user: Option<usize>,
    client: Option<usize>,
    session: String,
}

/// Buffers of log text, written out in large appends.
struct Logs<'s> {
    store: &'s Store,
    buffers: HashMap<PathBuf, Vec<u8>>,
    created: HashSet<PathBuf>,
    bytes: u64,
}

impl Logs<'_> {
    fn add(&mut self, branch: Branch, name: &str, line: &str) {
        let path = self.store.log_path(branch, name);
        let buffer = self.buffers.entry(path.clone()).or_default();
        if buffer.is_empty() && !self.created.contains(&path) {
            let shown = sanitize::value(name).unwrap_or_default();
            buffer.extend_from_slice(header::text(branch.folder(), &shown).as_bytes());
            self.created.insert(path);
        }
        buffer.extend_from_slice(line.as_bytes());
    }

    /// Writes out the buffers holding at least `min` bytes.
    fn flush(&mut self, min: usize) -> io::Result<()> {
        for (path, buffer) in self.buffers.iter_mut().filter(|(_, b)| b.len() >= min.max(1)) {
            let mut file = std::fs::OpenOptions::new().append(true).create(true).open(path)?;
            file.write_all(buffer)?;
            self.bytes += buffer.len() as u64;
            buffer.clear();
        }
        Ok(())
    }
}

fn school_days(start: NaiveDate, count: u32) -> impl Iterator<Item = NaiveDate> {
    start
        .iter_days()
        .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
        .take(count as usize)
}

fn simulate_day(date: NaiveDate, people: &Population, rng: &mut Rng, rdp_number: &mut u64) -> Vec<Happening> {
    let mut day = Vec::new();
    let at = |h: u32, m: u32, jitter: u64, rng: &mut Rng| {
        date.and_hms_opt(h, m, 0).expect("a valid time")
            + Duration::seconds(rng.below(jitter.max(1)) as i64)
            + Duration::milliseconds(rng.below(1000) as i64)
    };
    let happening = |at, event, computer, user, client, session: &str| Happening {
        at,
        event,
        computer,
        user,
        client,
        session: session.to_owned(),
    };
    for computer in 0..people.workstations {
        if rng.chance(0.9) {
            day.push(happening(at(7, 30, 1200, rng), Event::Startup, computer, None, None, ""));
            day.push(happening(at(17, 30, 1800, rng), Event::Shutdown, computer, None, None, ""));
        }
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
                if computer >= people.workstations || user >= people.users.len() || !rng.chance(0.85) {
                    continue;
                }
                day.push(happening(at(h, m, 300, rng), Event::Logon, computer, Some(user), None, "Console"));
                if !rng.chance(0.03) {
                    let end = at(h, m, 1, rng) + Duration::minutes(50);
                    day.push(happening(end + Duration::seconds(rng.below(300) as i64), Event::Logoff, computer, Some(user), None, "Console"));
                }
            }
        }
        for (index, client) in people.thin_clients.iter().enumerate() {
            if people.users.is_empty() || !rng.chance(0.5) {
                continue;
            }
            *rdp_number += 1;
            let session = format!("RDP-Tcp#{}", *rdp_number % 1000);
            let user = rng.below(people.users.len() as u64) as usize;
            day.push(happening(at(h, m, 300, rng), Event::Logon, client.server, Some(user), Some(index), &session));
            if !rng.chance(0.03) {
                let end = at(h, m, 1, rng) + Duration::minutes(50 + rng.below(5) as i64);
                day.push(happening(end, Event::Logoff, client.server, Some(user), Some(index), &session));
            }
        }
    }
    day.sort_by_key(|h| h.at);
    day
}

/// Generates the store; `progress` is told of each day done.
pub fn generate(store: &Store, plan: &Plan, mut progress: impl FnMut(u32)) -> io::Result<Summary> {
    for branch in Branch::ALL {
        std::fs::create_dir_all(store.branch_dir(branch))?;
    }
    let mut rng = Rng::new(plan.seed);
    let people = Population::new(plan.computers, plan.users, &mut rng);
    let mut logs = Logs { store, buffers: HashMap::new(), created: HashSet::new(), bytes: 0 };
    let mut summary = Summary { thin_clients: people.thin_clients.len(), ..Summary::default() };
    let mut rdp_number = 0;
    for (index, date) in school_days(plan.start, plan.days).enumerate() {
        let offset = paris(date);
        for happening in simulate_day(date, &people, &mut rng, &mut rdp_number) {
            let moment = offset.from_local_datetime(&happening.at).single().expect("a fixed offset maps every time");
            let computer = &people.computers[happening.computer];
            let user = happening.user.map(|u| people.users[u].as_str());
            let client = happening.client.map(|c| people.thin_clients[c].name.as_str());
            let id = crate::ulid::encode(moment.timestamp_millis() as u64, u128::from(rng.next()) << 64 | u128::from(rng.next()));
            let mut values: [Option<Cow<str>>; Field::ALL.len()] = Default::default();
            let given = [
                (Field::User, user),
                (Field::Domain, user.map(|_| "LYCEE")),
                (Field::Computer, Some(computer.name.as_str())),
                (Field::Client, client),
                (Field::Session, (!happening.session.is_empty()).then_some(happening.session.as_str())),
                (Field::Ip, Some(computer.ip.as_str())),
                (Field::Mac, Some(computer.mac.as_str())),
                (Field::LogonServer, user.map(|_| if happening.computer % 2 == 0 { "DC1" } else { "DC2" })),
                (Field::Os, Some(computer.os)),
                (Field::Id, Some(id.as_str())),
            ];
            for (field, value) in given {
                values[field.index()] = value.map(Cow::Borrowed);
            }
            let record = Record {
                event: happening.event,
                tag: happening.event.tag().unwrap_or("[OTHER.]"),
                time: moment,
                time_text: Cow::Owned(time::format(&moment)),
                values,
                raw: None,
            };
            let text = line::render(&record);
            logs.add(Branch::Computers, &computer.name, &text);
            if let Some(user) = user {
                logs.add(Branch::Users, user, &text);
            }
            if let Some(client) = client.and_then(sanitize::value) {
                logs.add(Branch::ThinClients, &client, &text);
            }
            summary.records += 1;
        }
        logs.flush(16 * 1024)?;
        progress(index as u32 + 1);
    }
    logs.flush(0)?;
    summary.bytes = logs.bytes;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paris_changes_offset_on_the_last_sundays_of_march_and_october() {
        let date = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        assert_eq!(paris(date(3, 28)).local_minus_utc(), 3600);
        assert_eq!(paris(date(3, 29)).local_minus_utc(), 7200);
        assert_eq!(paris(date(10, 24)).local_minus_utc(), 7200);
        assert_eq!(paris(date(10, 25)).local_minus_utc(), 3600);
    }
}
