//! A realistic synthetic store, for demos, tests and benchmarks.
//!
//! A school: rooms of sixteen computers, used period by period on school
//! days (Monday to Friday) by classes of users; thin clients opening remote
//! sessions on two RDS servers or more; computers started in the morning and
//! shut down in the evening; sessions from five minutes to ten hours, locked
//! and unlocked, reconnected from another thin client, two at once for some
//! users; about 3 % of logoffs missing (see `day.rs`); a few hostile names
//! (a thin client whose name holds tabs and a fake record, users named
//! `con`, `x..`, with accents or in other scripts). Times are in Paris time,
//! with its daylight-saving changes. The same seed gives the same store.
//!
//! With a truth file, the sessions simulated are written to it as `sessions`
//! must find them (`truth.rs`); with `until`, the last day ends then (`now`
//! for a store whose last sessions are still open).

mod day;
mod population;
mod rng;
mod truth;

use crate::format::header::{self, Field};
use crate::format::{line, sanitize, time};
use crate::record::Record;
use crate::store::{Branch, Store};
use chrono::{Datelike, Duration, FixedOffset, NaiveDate, TimeZone, Weekday};
use population::Population;
use rng::Rng;
use std::collections::{HashMap, HashSet};
use std::io::{self, Write};
use std::path::PathBuf;
use truth::Truth;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Plan {
    pub computers: usize,
    pub users: usize,
    pub days: u32,
    pub seed: u64,
    pub start: NaiveDate,
    /// The end of the last day: its events after this time are not
    /// written, and the days end on its date.
    pub until: Option<time::Time>,
}

/// What was generated.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub thin_clients: usize,
    pub records: u64,
    pub bytes: u64,
}

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

/// The school days: `count` of them from `start`, or, with `until`, the
/// `count` school days ending on `until`'s date.
fn school_days(plan: &Plan) -> Vec<NaiveDate> {
    let is_school_day = |d: &NaiveDate| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
    let count = plan.days as usize;
    match plan.until {
        None => plan.start.iter_days().filter(is_school_day).take(count).collect(),
        Some(until) => {
            let last = until.with_timezone(&paris(until.date_naive())).date_naive();
            let mut days: Vec<NaiveDate> = std::iter::successors(Some(last), |d| d.pred_opt())
                .filter(is_school_day)
                .take(count)
                .collect();
            days.reverse();
            days
        }
    }
}

/// Generates the store, and the truth of what it simulated into `truth`;
/// `progress` is told of each day done.
pub fn generate(
    store: &Store,
    plan: &Plan,
    truth: Option<&mut dyn Write>,
    mut progress: impl FnMut(u32),
) -> io::Result<Summary> {
    for branch in Branch::ALL {
        std::fs::create_dir_all(store.branch_dir(branch))?;
    }
    let mut rng = Rng::new(plan.seed);
    let people = Population::new(plan.computers, plan.users, &mut rng);
    let mut logs = Logs {
        store,
        buffers: HashMap::new(),
        created: HashSet::new(),
        bytes: 0,
    };
    let mut summary = Summary {
        thin_clients: people.thin_clients.len(),
        ..Summary::default()
    };
    let mut machines = day::Machines::new(&people);
    let mut truth = Truth::new(truth);
    for (index, date) in school_days(plan).into_iter().enumerate() {
        let offset = paris(date);
        for happening in day::simulate(date, &people, &mut rng, &mut machines) {
            let moment = offset
                .from_local_datetime(&happening.at)
                .single()
                .expect("a fixed offset maps every time");
            if plan.until.is_some_and(|until| moment > until) {
                continue;
            }
            let computer = &people.computers[happening.computer];
            let user = happening.user.map(|u| people.users[u].as_str());
            let client = happening.client.map(|c| people.thin_clients[c].name.as_str());
            let id = crate::ulid::encode(
                moment.timestamp_millis() as u64,
                u128::from(rng.next()) << 64 | u128::from(rng.next()),
            );
            let session_id = happening.session_id.map(|id| id.to_string());
            let given = [
                (Field::User, user),
                (Field::Domain, user.map(|_| "LYCEE")),
                (Field::Computer, Some(computer.name.as_str())),
                (Field::Client, client),
                (
                    Field::Session,
                    (!happening.session.is_empty()).then_some(happening.session.as_str()),
                ),
                (Field::Ip, Some(computer.ip.as_str())),
                (Field::Mac, Some(computer.mac.as_str())),
                (
                    Field::LogonServer,
                    user.map(|_| if happening.computer % 2 == 0 { "DC1" } else { "DC2" }),
                ),
                (Field::Os, Some(computer.os)),
                (Field::Id, Some(id.as_str())),
                (Field::SessionId, session_id.as_deref()),
            ];
            let record = Record::new(happening.event, None, moment, given);
            let text = line::render(&record);
            logs.add(Branch::Computers, &computer.name, &text);
            if let Some(user) = user {
                logs.add(Branch::Users, user, &text);
            }
            let client = client.and_then(sanitize::value);
            if let Some(client) = &client {
                logs.add(Branch::ThinClients, client, &text);
            }
            let names = truth::Names {
                user,
                computer: &computer.name,
                client: client.as_deref(),
                time: &record.time_text,
            };
            truth.written(&happening, &names)?;
            summary.records += 1;
        }
        logs.flush(16 * 1024)?;
        progress(index as u32 + 1);
    }
    logs.flush(0)?;
    truth.finish()?;
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
