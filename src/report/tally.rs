//! The figures of a report, folded from sessions one at a time: memory grows
//! with the users, computers and days seen, never with the records read.
//! Each user's and computer's name is kept once ([`Names`]); the sets of
//! users per day, per computer and per room hold numbers (a day of a large
//! store has thousands of users: as strings, 500 days of them were most of
//! the memory of `report`).
//! The longest and the never-closed sessions are kept to `top` each.

use super::room;
use crate::format::time::{self, Time};
use crate::json::report::{ReportComputer, ReportDay, ReportHour, ReportJson, ReportRoom, ReportUser};
use crate::json::session::SessionJson;
use crate::pairing::{Name, Names, Session, State};
use crate::record::field::Field;
use chrono::{NaiveDate, Timelike};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// A session kept for a list, with the log it was paired from.
struct Kept {
    key: i64,
    session: Session,
    path: String,
}

/// A user or a computer as counted: case-insensitive, as Windows compares
/// them (the class of its name in [`Tally::names`]).
type Key = u32;

/// A set of keys, as bits: keys are small numbers given in order, so a
/// day's thousands of users take a few hundred bytes.
#[derive(Debug, Default)]
struct Keys(Vec<u64>);

impl Keys {
    fn insert(&mut self, key: Key) {
        let (word, bit) = (key as usize / 64, key % 64);
        if self.0.len() <= word {
            self.0.resize(word + 1, 0);
        }
        self.0[word] |= 1 << bit;
    }

    fn len(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }
}

impl Extend<Key> for Keys {
    fn extend<I: IntoIterator<Item = Key>>(&mut self, keys: I) {
        keys.into_iter().for_each(|key| self.insert(key));
    }
}

#[derive(Default)]
struct Computer {
    name: String,
    sessions: u64,
    users: Keys,
    milliseconds: i64,
}

#[derive(Default)]
struct Room {
    computers: Keys,
    sessions: u64,
    users: Keys,
}

#[derive(Default)]
struct User {
    name: String,
    sessions: u64,
    /// The computers' names as written.
    computers: HashSet<Name>,
}

/// The figures so far.
pub struct Tally {
    top: usize,
    first: Option<Time>,
    last: Option<Time>,
    states: [u64; 4],
    /// Users' and computers' names, each kept once: the sets below hold
    /// numbers, not copies of names.
    names: Names,
    days: BTreeMap<NaiveDate, (u64, Keys)>,
    hours: [u64; 24],
    computers: HashMap<Key, Computer>,
    rooms: BTreeMap<String, Room>,
    users: HashMap<Key, User>,
    longest: Vec<Kept>,
    never_closed: u64,
    latest_open: Vec<Kept>,
}

/// Keeps the `top` entries of `list` with the greatest keys, once it is
/// twice as long (so that trimming costs little per session).
fn trim(list: &mut Vec<Kept>, top: usize, done: bool) {
    if done || list.len() > top.max(1) * 2 {
        list.sort_by(|a, b| b.key.cmp(&a.key).then_with(|| a.path.cmp(&b.path)));
        list.truncate(top);
    }
}

impl Tally {
    /// An empty report, keeping `top` sessions in each list.
    pub fn new(top: usize) -> Tally {
        Tally {
            top,
            first: None,
            last: None,
            states: [0; 4],
            names: Names::default(),
            days: BTreeMap::new(),
            hours: [0; 24],
            computers: HashMap::new(),
            rooms: BTreeMap::new(),
            users: HashMap::new(),
            longest: Vec::new(),
            never_closed: 0,
            latest_open: Vec::new(),
        }
    }

    /// Counts one session, paired from the log at `path`.
    pub fn add(&mut self, session: Session, path: &str) {
        let Some(start) = session.start() else { return };
        self.first = Some(self.first.map_or(start, |f| f.min(start)));
        self.last = Some(self.last.map_or(start, |l| l.max(start)));
        let state = State::ALL.iter().position(|s| *s == session.state).unwrap_or(0);
        self.states[state] += 1;
        let by = &session.opened_by;
        let (user_name, computer_name) = (by.get(Field::User), by.get(Field::Computer));
        let (user_as_written, computer_as_written) = (
            user_name.map(|n| self.names.intern(n)),
            computer_name.map(|n| self.names.intern(n)),
        );
        let (user, computer) = (
            user_as_written.map(|n| self.names.class(n)),
            computer_as_written.map(|n| self.names.class(n)),
        );
        let day = self.days.entry(start.date_naive()).or_default();
        day.0 += 1;
        day.1.extend(user);
        if let Some(logon) = session.logon() {
            self.hours[logon.hour() as usize] += 1;
        }
        let milliseconds = session.duration().map_or(0, |d| d.num_milliseconds());
        if let (Some(key), Some(name)) = (computer, computer_name) {
            let entry = self.computers.entry(key).or_default();
            if entry.name.is_empty() {
                entry.name = name.to_owned();
            }
            entry.sessions += 1;
            entry.users.extend(user);
            entry.milliseconds += milliseconds;
            if let Some(room) = room::of(name) {
                let room = self.rooms.entry(room.to_uppercase()).or_default();
                room.computers.insert(key);
                room.sessions += 1;
                room.users.extend(user);
            }
        }
        if let (Some(key), Some(name)) = (user, user_name) {
            let entry = self.users.entry(key).or_default();
            if entry.name.is_empty() {
                entry.name = name.to_owned();
            }
            entry.sessions += 1;
            entry.computers.extend(computer_as_written);
        }
        let path = path.to_owned();
        match session.state {
            State::Closed => {
                let key = session.duration().map_or(0, |d| d.num_milliseconds());
                self.longest.push(Kept { key, session, path });
                trim(&mut self.longest, self.top, false);
            }
            State::Open | State::Unterminated => {
                self.never_closed += 1;
                let key = start.timestamp_millis();
                self.latest_open.push(Kept { key, session, path });
                trim(&mut self.latest_open, self.top, false);
            }
            State::Orphan => {}
        }
    }

    /// The report, for the period `since`..`until`; `listed` turns each
    /// session kept for a list, and the log it was paired from, into its JSON
    /// (as `sessions` prints it).
    pub fn finish(
        mut self,
        since: Option<Time>,
        until: Option<Time>,
        listed: impl Fn(Session, &str) -> SessionJson<'static>,
    ) -> ReportJson {
        trim(&mut self.longest, self.top, true);
        trim(&mut self.latest_open, self.top, true);
        let mut computers: Vec<ReportComputer> = self
            .computers
            .into_values()
            .map(|c| ReportComputer {
                room: room::of(&c.name).map(str::to_uppercase),
                computer: c.name,
                sessions: c.sessions,
                users: c.users.len() as u64,
                seconds: c.milliseconds as f64 / 1000.0,
            })
            .collect();
        let computer_count = computers.len() as u64;
        computers.sort_by(|a, b| b.sessions.cmp(&a.sessions).then_with(|| a.computer.cmp(&b.computer)));
        computers.truncate(self.top);
        let mut rooms: Vec<ReportRoom> = self
            .rooms
            .into_iter()
            .map(|(room, r)| ReportRoom {
                room,
                computers: r.computers.len() as u64,
                sessions: r.sessions,
                users: r.users.len() as u64,
            })
            .collect();
        rooms.sort_by(|a, b| b.sessions.cmp(&a.sessions).then_with(|| a.room.cmp(&b.room)));
        let names = &self.names;
        let mut users: Vec<ReportUser> = self
            .users
            .into_values()
            .map(|u| {
                let computers: BTreeSet<&str> = u.computers.iter().map(|&c| names.text(c)).collect();
                ReportUser {
                    user: u.name,
                    sessions: u.sessions,
                    computers: computers.into_iter().collect::<Vec<_>>().join(", "),
                }
            })
            .collect();
        users.sort_by(|a, b| {
            a.user
                .to_lowercase()
                .cmp(&b.user.to_lowercase())
                .then_with(|| a.user.cmp(&b.user))
        });
        let listed = |list: Vec<Kept>| list.into_iter().map(|k| listed(k.session, &k.path)).collect();
        ReportJson {
            since: since.as_ref().map(time::format),
            until: until.as_ref().map(time::format),
            first: self.first.as_ref().map(time::format),
            last: self.last.as_ref().map(time::format),
            sessions: self.states.iter().sum(),
            closed: self.states[0],
            open: self.states[1],
            unterminated: self.states[2],
            orphan: self.states[3],
            users: users.len() as u64,
            computers: computer_count,
            days: self
                .days
                .into_iter()
                .map(|(date, (sessions, users))| ReportDay {
                    date: date.format("%Y-%m-%d").to_string(),
                    sessions,
                    users: users.len() as u64,
                })
                .collect(),
            hours: (0u32..24)
                .map(|hour| ReportHour {
                    hour,
                    logons: self.hours[hour as usize],
                })
                .collect(),
            busiest_computers: computers,
            rooms,
            user_computers: users,
            longest_sessions: listed(self.longest),
            never_closed: self.never_closed,
            never_closed_sessions: listed(self.latest_open),
            html: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_of_keys_counts_each_key_once() {
        let mut keys = Keys::default();
        assert_eq!(keys.len(), 0);
        keys.extend([3, 64, 3, 0, 200, 64]);
        assert_eq!(keys.len(), 4);
    }
}
