//! Logons paired with logoffs into sessions, on a computer's own event
//! stream. The rules are written down in `docs/SESSIONS.md`; in short:
//!
//! 1. The records of a computer's log are put in clock order (by UTC
//!    instant; records at the same instant keep their file order), so
//!    records delivered late from a spool, and daylight-saving changes, pair
//!    as they happened. A record id seen twice is counted once.
//! 2. A session is a user's Windows session on a computer: a logoff closes
//!    the open session with the same computer, user and session id; when
//!    either side has no session id (logs written before it was recorded),
//!    the open session of that user on that computer (of the same session
//!    name first, else the latest).
//! 3. An open session is proved over, and ends as `Unterminated` at the
//!    record that proves it, by a logon with its session id (Windows reuses
//!    an id only once its session is gone), a later logon of the same user
//!    when ids are missing, a console logon while it was on the console
//!    (`NextLogon` for the same user, `ConsoleTakeover` for another), or a
//!    startup or shutdown of the computer.
//! 4. A logoff with no open session is an `Orphan`: its end is the logoff,
//!    its start unknown.
//! 5. A reconnect keeps the session; from another thin client it moves the
//!    session to that client.
//! 6. A session still open at the end of the log is `Open`.
//!
//! Pairing sees whole computer logs: which sessions are shown (a user's, a
//! thin client's, a period's) is decided afterwards, by
//! [`crate::session_filter`], so every selection gives a session the same
//! state.
//!
//! Memory: a log is held whole while it is paired (its records must be put
//! in clock order), so what is held of each record is small. Only the five
//! events that start, end or move sessions are taken, as an [`Entry`] of
//! about 50 bytes: the time, the event, and the fields a session shows
//! (user, domain, computer, thin client, session name, session id, IP
//! addresses) as [`Name`]s of the log's [`Names`] table, where each distinct
//! text is kept once; the other fields (MAC, OS, logon server, client
//! address, tag, raw text) are not copied. Case-insensitive comparisons of
//! names compare their classes, without allocating. Record ids are kept
//! only to see a record twice: a ULID as its 128 bits, any other id as its
//! text. A [`Session`] refers to the names of its log (shared, [`Arc`]), so
//! it needs no copy of them either; the RDS server of a 1 GB store (about
//! 150,000 such records, 77,000 sessions) pairs in about 20 MB.
//!
//! Logs are almost always in clock order: [`Pairing::in_order`] pairs each
//! record as it is taken and holds only sessions, and says when a record
//! came out of order, so that the log is paired again by
//! [`Pairing::default`], which keeps every entry and sorts
//! ([`crate::selection::pairing_of`] does both).

use crate::format::event::Event;
use crate::format::header::Field;
use crate::format::time::{self, Time};
use crate::record::Record;
use crate::ulid;
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

/// The hasher of the pairing's tables: a log holds hundreds of thousands of
/// names to look up, and SipHash was a fifth of the pairing's time. Seeded
/// at random, so names chosen to collide cannot be prepared in advance.
type Hasher = foldhash::fast::RandomState;
use std::num::NonZeroU32;
use std::sync::Arc;

/// The state of a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum State {
    /// Its logon and its logoff are in the log.
    Closed,
    /// Nothing in the log says it is over: the user is logged on now.
    Open,
    /// Its logoff never came; a later record proved it over.
    Unterminated,
    /// A logoff whose logon is not in the log.
    Orphan,
}

impl State {
    /// Every state, in the order they are documented.
    pub const ALL: [State; 4] = [State::Closed, State::Open, State::Unterminated, State::Orphan];

    pub fn name(self) -> &'static str {
        match self {
            State::Closed => "Closed",
            State::Open => "Open",
            State::Unterminated => "Unterminated",
            State::Orphan => "Orphan",
        }
    }

    /// The state of that name (case-insensitive).
    pub fn from_name(name: &str) -> Option<State> {
        State::ALL.into_iter().find(|s| s.name().eq_ignore_ascii_case(name))
    }
}

/// The record that ended a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EndReason {
    /// Its own logoff (`Closed`, `Orphan`).
    Logoff,
    /// A later logon of the same user there, or a logon that took its
    /// session id.
    NextLogon,
    /// Another user's logon on the same console.
    ConsoleTakeover,
    /// The computer started up.
    Startup,
    /// The computer shut down.
    Shutdown,
}

impl EndReason {
    pub fn name(self) -> &'static str {
        match self {
            EndReason::Logoff => "Logoff",
            EndReason::NextLogon => "NextLogon",
            EndReason::ConsoleTakeover => "ConsoleTakeover",
            EndReason::Startup => "Startup",
            EndReason::Shutdown => "Shutdown",
        }
    }
}

/// A name kept once in the [`Names`] of a log's pairing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Name(NonZeroU32);

/// The distinct texts of the records a pairing keeps: each user, domain,
/// computer, thin client, session name, session id and address is kept
/// once per log, and records refer to it by a [`Name`]. Names that differ
/// only by case (as Windows compares them) share a class, so comparing
/// them costs no allocation.
#[derive(Debug, Default)]
pub struct Names {
    texts: Vec<Box<str>>,
    /// Each name's class: the names of a class have the same lower case.
    classes: Vec<u32>,
    by_text: HashMap<Box<str>, Name, Hasher>,
    by_lower_case: HashMap<Box<str>, u32, Hasher>,
}

impl Names {
    /// The name of `text`, added if it is new.
    pub fn intern(&mut self, text: &str) -> Name {
        if let Some(&name) = self.by_text.get(text) {
            return name;
        }
        let lower = text.to_lowercase();
        let class = match self.by_lower_case.get(lower.as_str()) {
            Some(&class) => class,
            None => {
                let class = u32::try_from(self.by_lower_case.len()).expect("fewer than 4 billion names in a log");
                self.by_lower_case.insert(lower.into_boxed_str(), class);
                class
            }
        };
        self.texts.push(text.into());
        self.classes.push(class);
        let name = u32::try_from(self.texts.len())
            .ok()
            .and_then(NonZeroU32::new)
            .map(Name)
            .expect("fewer than 4 billion names in a log");
        self.by_text.insert(text.into(), name);
        name
    }

    /// The text of a name.
    pub fn text(&self, name: Name) -> &str {
        &self.texts[name.0.get() as usize - 1]
    }

    /// Whether two names are the same but for case (`to_lowercase`).
    pub fn same_ignoring_case(&self, a: Name, b: Name) -> bool {
        a == b || self.classes[a.0.get() as usize - 1] == self.classes[b.0.get() as usize - 1]
    }

    /// The class of a name: two names have the same class when they are
    /// the same but for case.
    pub fn class(&self, name: Name) -> u32 {
        self.classes[name.0.get() as usize - 1]
    }

    /// How many distinct names there are.
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }
}

/// The fields a session shows (`sessions`' keys), the only ones pairing
/// keeps; the others (MAC, OS, logon server, client address) are not copied.
const KEPT: [Field; 7] = [
    Field::User,
    Field::Domain,
    Field::Computer,
    Field::Client,
    Field::Session,
    Field::SessionId,
    Field::Ip,
];

/// Where each field ([`Field::index`]) is in [`Entry`]'s values, if
/// pairing keeps it: looked up for every comparison of two records.
const SLOTS: [Option<usize>; Field::ALL.len()] = {
    let mut slots = [None; Field::ALL.len()];
    let mut slot = 0;
    while slot < KEPT.len() {
        slots[KEPT[slot].index()] = Some(slot);
        slot += 1;
    }
    slots
};

/// Where a field is in [`Entry`]'s values, if pairing keeps it.
fn slot(field: Field) -> Option<usize> {
    SLOTS[field.index()]
}

/// What pairing keeps of a record: its time, its event and the names of
/// the fields it shows (about 50 bytes, whatever the record's length).
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    pub time: Time,
    /// The time's text, when it is not what [`time::format`] writes for
    /// `time` (a non-canonical offset such as `-00:00`); almost always `None`.
    written_time: Option<Name>,
    pub event: Event,
    values: [Option<Name>; KEPT.len()],
    /// Whether its session is the console: asked of every open session at
    /// each logon, so told once.
    console: bool,
}

impl Entry {
    fn value(&self, field: Field) -> Option<Name> {
        slot(field).and_then(|slot| self.values[slot])
    }
}

/// Whether `text` is what [`time::format`] writes for `time` (the usual
/// case), checked without writing it.
fn formats_as(text: &str, time: &Time) -> bool {
    use chrono::{Datelike, Timelike};
    let b = text.as_bytes();
    // The local fields, worked out once.
    let local = time.naive_local();
    if b.len() != 29 || !(0..=9999).contains(&local.year()) {
        return false;
    }
    let number = |from: usize, to: usize| {
        b[from..to]
            .iter()
            .try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    let offset = time.offset().local_minus_utc();
    let (sign, offset) = if offset < 0 { (b'-', -offset) } else { (b'+', offset) };
    let offset = offset.unsigned_abs();
    [
        (4, b'-'),
        (7, b'-'),
        (10, b'T'),
        (13, b':'),
        (16, b':'),
        (19, b'.'),
        (23, sign),
        (26, b':'),
    ]
    .iter()
    .all(|&(at, byte)| b[at] == byte)
        && number(0, 4) == Some(local.year().unsigned_abs())
        && number(5, 7) == Some(local.month())
        && number(8, 10) == Some(local.day())
        && number(11, 13) == Some(local.hour())
        && number(14, 16) == Some(local.minute())
        && number(17, 19) == Some(local.second())
        && number(20, 23) == Some(local.nanosecond() / 1_000_000 % 1000)
        && number(24, 26) == Some(offset / 3600)
        && number(27, 29) == Some(offset / 60 % 60)
}

/// The record a session comes from (its logon, or the logoff of an
/// `Orphan`), with the names of its log.
#[derive(Clone)]
pub struct Opened {
    names: Arc<Names>,
    entry: Entry,
}

impl Opened {
    /// The value of a field that sessions show (user, domain, computer,
    /// client, session, session id, IP addresses); `None` for the others.
    pub fn get(&self, field: Field) -> Option<&str> {
        self.entry.value(field).map(|name| self.names.text(name))
    }

    /// The IP addresses, one by one (the field holds them comma-separated).
    pub fn ips(&self) -> impl Iterator<Item = &str> {
        self.get(Field::Ip)
            .into_iter()
            .flat_map(|ips| ips.split(',').map(str::trim).filter(|s| !s.is_empty()))
    }

    pub fn event(&self) -> Event {
        self.entry.event
    }

    pub fn time(&self) -> Time {
        self.entry.time
    }

    /// Its time as written in the log.
    pub fn time_text(&self) -> Cow<'_, str> {
        text_of(&self.names, &self.entry.time, self.entry.written_time)
    }
}

fn text_of<'n>(names: &'n Names, time: &Time, written: Option<Name>) -> Cow<'n, str> {
    match written {
        Some(name) => Cow::Borrowed(names.text(name)),
        None => Cow::Owned(time::format(time)),
    }
}

impl std::fmt::Debug for Opened {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut out = f.debug_struct("Opened");
        out.field("event", &self.entry.event).field("time", &self.time_text());
        for field in KEPT {
            out.field(field.name(), &self.get(field));
        }
        out.finish()
    }
}

/// A paired session.
#[derive(Clone)]
pub struct Session {
    /// The logon (or, for an `Orphan`, the logoff) that the session's
    /// user, computer, session and addresses come from.
    pub opened_by: Opened,
    /// When it ended: its logoff, or the record that proved it over;
    /// `None` while `Open`.
    pub end: Option<Time>,
    /// The end's text, when it is not what [`time::format`] writes.
    written_end: Option<Name>,
    pub end_reason: Option<EndReason>,
    /// The thin client it was last used from (a reconnect from another
    /// client moves it there).
    client: Option<Name>,
    /// The first thin client it was used from, and the others, in order,
    /// each once (most sessions have one client or none: no allocation).
    first_client: Option<Name>,
    later_clients: Option<Box<[Name]>>,
    pub state: State,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("opened_by", &self.opened_by)
            .field("logon", &self.logon())
            .field("end", &self.end_text())
            .field("end_reason", &self.end_reason)
            .field("client", &self.client())
            .field("clients", &self.clients().collect::<Vec<_>>())
            .field("state", &self.state)
            .finish()
    }
}

impl Session {
    /// When it was opened: its logon's time; `None` for an `Orphan`.
    pub fn logon(&self) -> Option<Time> {
        (self.state != State::Orphan).then_some(self.opened_by.entry.time)
    }

    /// The session's length, when it was closed.
    pub fn duration(&self) -> Option<chrono::Duration> {
        match (self.state, self.logon(), self.end) {
            (State::Closed, Some(on), Some(off)) => Some(off.signed_duration_since(on)),
            _ => None,
        }
    }

    /// When it ended, as written in the log; `None` while `Open`.
    pub fn end_text(&self) -> Option<Cow<'_, str>> {
        self.end
            .map(|end| text_of(&self.opened_by.names, &end, self.written_end))
    }

    /// Its logoff's time, for `Closed` and `Orphan` sessions.
    pub fn logoff_text(&self) -> Option<Cow<'_, str>> {
        self.end_text().filter(|_| self.ended_by_logoff())
    }

    /// Whether its logoff ended it: its end is then its logoff's time.
    pub fn ended_by_logoff(&self) -> bool {
        self.end_reason == Some(EndReason::Logoff)
    }

    /// The instant it is sorted by: its logon, or the logoff of an `Orphan`.
    pub fn start(&self) -> Option<Time> {
        self.logon().or(self.end)
    }

    /// The thin client it was last used from.
    pub fn client(&self) -> Option<&str> {
        self.client.map(|name| self.opened_by.names.text(name))
    }

    /// Every thin client it was used from, first to last, each once.
    pub fn clients(&self) -> impl Iterator<Item = &str> {
        self.first_client
            .iter()
            .chain(self.later_clients.iter().flat_map(|later| later.iter()))
            .map(|&name| self.opened_by.names.text(name))
    }
}

/// A duration as .NET's `TimeSpan` writes it: `hh:mm:ss`, `d.hh:mm:ss`
/// (written by hand: one for each session printed).
pub fn timespan(duration: chrono::Duration) -> String {
    let total = duration.num_seconds().unsigned_abs();
    let mut text = String::with_capacity(16);
    if duration < chrono::Duration::zero() {
        text.push('-');
    }
    if total >= 86_400 {
        text.push_str(&(total / 86_400).to_string());
        text.push('.');
    }
    for (part, separator) in [(total / 3600 % 24, ":"), (total / 60 % 60, ":"), (total % 60, "")] {
        text.push(char::from(b'0' + (part / 10) as u8));
        text.push(char::from(b'0' + (part % 10) as u8));
        text.push_str(separator);
    }
    text
}

/// The record ids a pairing has taken: ULIDs (what `write` gives) as their
/// 128 bits, any other id as its text.
#[derive(Debug, Default)]
struct Seen {
    ulids: HashSet<u128, Hasher>,
    others: HashSet<Box<str>, Hasher>,
}

impl Seen {
    /// Takes an id; `false` when it was taken before.
    fn first(&mut self, id: &str) -> bool {
        match ulid::parse(id) {
            Some(bits) => self.ulids.insert(bits),
            None if self.others.contains(id) => false,
            None => self.others.insert(id.into()),
        }
    }
}

/// The events that start, end or move sessions: the only records pairing
/// takes.
pub const EVENTS: [Event; 5] = [
    Event::Logon,
    Event::Logoff,
    Event::Startup,
    Event::Shutdown,
    Event::Reconnect,
];

/// Collects the records of one computer's log for pairing, as compact
/// [`Entry`]s over the log's [`Names`] ([`Pairing::default`]), or pairs
/// them as they come when they come in clock order ([`Pairing::in_order`]).
#[derive(Debug, Default)]
pub struct Pairing {
    names: Names,
    taken: Taken,
    seen: Seen,
    /// The last name of each kept field: most records repeat the
    /// computer, the domain, often the user, and are not looked up again.
    last: [Option<Name>; KEPT.len()],
    /// The names that sessions paired before the log's names are complete
    /// refer to, until [`Pairing::sessions`] gives them the log's.
    blank: Arc<Names>,
    count: usize,
}

/// What a pairing holds of the records taken.
#[derive(Debug)]
enum Taken {
    /// Every entry, to be put in clock order once all are taken.
    Entries(Vec<Entry>),
    /// Records paired as they came, in clock order: only the sessions.
    Paired {
        open: Vec<Session>,
        sessions: Vec<Session>,
        latest: Option<Time>,
        out_of_order: bool,
    },
}

impl Default for Taken {
    fn default() -> Taken {
        Taken::Entries(Vec::new())
    }
}

/// The emptied containers of the last pairing on a thread, for its next
/// one to fill: a store-wide `sessions` pairs hundreds of logs on each
/// thread, and the system's allocator would give each log's memory back
/// to the system and fault it in again page by page (on Linux, 70,000
/// page faults over the 1 GB store: BENCHMARKS.md).
#[derive(Default)]
struct Spare {
    sessions: Vec<Session>,
    ids: HashSet<u128, Hasher>,
}

thread_local! {
    static SPARE: RefCell<Spare> = RefCell::default();
}

/// Gives the sessions of a pairing back once they are written, so that the
/// next pairing on this thread fills the same memory.
pub fn recycle(mut sessions: Vec<Session>) {
    sessions.clear();
    SPARE.with_borrow_mut(|spare| spare.sessions = sessions);
}

impl Pairing {
    /// A pairing that pairs each record as it is taken, holding only the
    /// sessions (not the records): for a log whose records come in clock
    /// order, as they almost always do. A record earlier than the one
    /// before it makes [`Pairing::out_of_order`] true, and the log must be
    /// paired again with [`Pairing::default`], which sorts.
    pub fn in_order() -> Pairing {
        let (sessions, ulids) =
            SPARE.with_borrow_mut(|spare| (std::mem::take(&mut spare.sessions), std::mem::take(&mut spare.ids)));
        Pairing {
            taken: Taken::Paired {
                open: Vec::new(),
                sessions,
                latest: None,
                out_of_order: false,
            },
            seen: Seen {
                ulids,
                others: HashSet::default(),
            },
            ..Pairing::default()
        }
    }

    /// Whether a pairing made by [`Pairing::in_order`] was given a record
    /// out of clock order (it then takes no more records).
    pub fn out_of_order(&self) -> bool {
        matches!(self.taken, Taken::Paired { out_of_order: true, .. })
    }

    /// Takes a record; records that do not start, end or move sessions, and
    /// records whose id was already taken, are left out.
    pub fn add(&mut self, record: &Record) {
        if !EVENTS.contains(&record.event) {
            return;
        }
        if let Some(id) = record.get(Field::Id)
            && !self.seen.first(id)
        {
            return;
        }
        let mut values = [None; KEPT.len()];
        for (slot, field) in KEPT.into_iter().enumerate() {
            values[slot] = record.get(field).map(|text| self.name(slot, text));
        }
        let written_time = (!formats_as(&record.time_text, &record.time)).then(|| self.names.intern(&record.time_text));
        let entry = Entry {
            time: record.time,
            written_time,
            event: record.event,
            values,
            console: record
                .get(Field::Session)
                .is_some_and(|session| session.eq_ignore_ascii_case("console")),
        };
        self.count += 1;
        match &mut self.taken {
            Taken::Entries(entries) => entries.push(entry),
            Taken::Paired {
                open,
                sessions,
                latest,
                out_of_order,
            } => {
                if *out_of_order {
                    return;
                }
                if latest.is_some_and(|latest| entry.time < latest) {
                    *out_of_order = true;
                    *open = Vec::new();
                    *sessions = Vec::new();
                    return;
                }
                *latest = Some(entry.time);
                step(&self.names, &self.blank, open, sessions, entry);
            }
        }
    }

    /// The name of the value of the field at `slot`.
    fn name(&mut self, slot: usize, text: &str) -> Name {
        if let Some(last) = self.last[slot]
            && self.names.text(last) == text
        {
            return last;
        }
        let name = self.names.intern(text);
        self.last[slot] = Some(name);
        name
    }

    /// How many records were taken.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Pairs what was taken; sessions come out in order of their start
    /// (logon, or logoff for an `Orphan`).
    pub fn sessions(self) -> Vec<Session> {
        let Pairing {
            names,
            taken,
            seen,
            blank,
            ..
        } = self;
        // Ids only matter while records are taken: their set is emptied
        // for the next pairing.
        let mut ids = seen.ulids;
        ids.clear();
        SPARE.with_borrow_mut(|spare| spare.ids = ids);
        let (mut open, mut sessions) = (Vec::new(), Vec::new());
        match taken {
            Taken::Entries(mut entries) => {
                // A stable sort: equal instants keep their order in the
                // file. Most logs are in order already.
                if !entries.is_sorted_by_key(|e| e.time) {
                    entries.sort_by_key(|e| e.time);
                }
                for entry in entries {
                    step(&names, &blank, &mut open, &mut sessions, entry);
                }
            }
            Taken::Paired {
                open: paired_open,
                sessions: paired,
                ..
            } => (open, sessions) = (paired_open, paired),
        }
        sessions.extend(open);
        let names = Arc::new(names);
        for session in &mut sessions {
            session.opened_by.names = Arc::clone(&names);
        }
        if !sessions.is_sorted_by_key(Session::start) {
            // Sessions are large: their starts are sorted, with where
            // each is, and each is moved once (still a stable sort).
            sessions.sort_by_cached_key(Session::start);
        }
        sessions
    }
}

/// Pairs one more record, in clock order: it starts, ends or moves the
/// sessions of `open`; those it ends go to `sessions`.
fn step(names: &Names, blank: &Arc<Names>, open: &mut Vec<Session>, sessions: &mut Vec<Session>, event: Entry) {
    match event.event {
        Event::Logon => {
            let mut index = 0;
            while index < open.len() {
                match proves_over(names, &open[index].opened_by.entry, &event) {
                    Some(reason) => sessions.push(end(open.remove(index), &event, reason)),
                    None => index += 1,
                }
            }
            open.push(start(blank, event));
        }
        Event::Logoff => match find(names, open, &event) {
            Some(index) => {
                let mut session = open.remove(index);
                move_to(names, &mut session, event.value(Field::Client));
                sessions.push(end(session, &event, EndReason::Logoff));
            }
            None => sessions.push(orphan(blank, event)),
        },
        Event::Reconnect => {
            if let Some(index) = find(names, open, &event) {
                move_to(names, &mut open[index], event.value(Field::Client));
            }
        }
        _ => {
            let reason = if event.event == Event::Startup {
                EndReason::Startup
            } else {
                EndReason::Shutdown
            };
            let computer = event.value(Field::Computer);
            let (ended, kept): (Vec<Session>, Vec<Session>) = std::mem::take(open)
                .into_iter()
                .partition(|s| same(names, s.opened_by.entry.value(Field::Computer), computer));
            *open = kept;
            sessions.extend(ended.into_iter().map(|s| end(s, &event, reason)));
        }
    }
}

/// Whether two values are equal but for case, or both absent.
fn same(names: &Names, a: Option<Name>, b: Option<Name>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => names.same_ignoring_case(a, b),
        (None, None) => true,
        _ => false,
    }
}

/// Why a logon proves an open session of the same log over, if it does.
fn proves_over(names: &Names, logon: &Entry, next: &Entry) -> Option<EndReason> {
    // Told first, and without the names, since it is the usual answer on
    // a server of many sessions: other session ids, not both the console.
    let other_ids = matches!(
        (logon.value(Field::SessionId), next.value(Field::SessionId)),
        (Some(a), Some(b)) if a != b
    );
    if other_ids && !(logon.console && next.console) {
        return None;
    }
    if !same(names, logon.value(Field::Computer), next.value(Field::Computer)) {
        return None;
    }
    let same_user = same(names, logon.value(Field::User), next.value(Field::User));
    match (logon.value(Field::SessionId), next.value(Field::SessionId)) {
        // Windows gives a session id to one session at a time.
        (Some(a), Some(b)) if a == b => return Some(EndReason::NextLogon),
        (None, _) | (_, None) if same_user => return Some(EndReason::NextLogon),
        _ => {}
    }
    (logon.console && next.console).then_some(if same_user {
        EndReason::NextLogon
    } else {
        EndReason::ConsoleTakeover
    })
}

/// The open session a logoff or a reconnect belongs to: the one with its
/// computer, user and session id; failing ids, that user's there, of the
/// same session name first, else the latest.
fn find(names: &Names, open: &[Session], event: &Entry) -> Option<usize> {
    let mine = |s: &Session| {
        let by = &s.opened_by.entry;
        same(names, by.value(Field::Computer), event.value(Field::Computer))
            && same(names, by.value(Field::User), event.value(Field::User))
    };
    let session_id = event.value(Field::SessionId);
    if session_id.is_some()
        && let Some(index) = open
            .iter()
            .position(|s| mine(s) && s.opened_by.entry.value(Field::SessionId) == session_id)
    {
        return Some(index);
    }
    let candidates = || {
        open.iter()
            .enumerate()
            .filter(|(_, s)| mine(s) && (s.opened_by.entry.value(Field::SessionId).is_none() || session_id.is_none()))
    };
    candidates()
        .rev()
        .find(|(_, s)| {
            same(
                names,
                s.opened_by.entry.value(Field::Session),
                event.value(Field::Session),
            )
        })
        .or_else(|| candidates().next_back())
        .map(|(index, _)| index)
}

fn start(names: &Arc<Names>, logon: Entry) -> Session {
    let client = logon.value(Field::Client);
    Session {
        end: None,
        written_end: None,
        end_reason: None,
        client,
        first_client: client,
        later_clients: None,
        opened_by: Opened {
            names: Arc::clone(names),
            entry: logon,
        },
        state: State::Open,
    }
}

fn end(mut session: Session, by: &Entry, reason: EndReason) -> Session {
    session.end = Some(by.time);
    session.written_end = by.written_time;
    session.end_reason = Some(reason);
    session.state = if reason == EndReason::Logoff {
        State::Closed
    } else {
        State::Unterminated
    };
    session
}

fn orphan(names: &Arc<Names>, logoff: Entry) -> Session {
    let mut session = end(start(names, logoff), &logoff, EndReason::Logoff);
    session.state = State::Orphan;
    session
}

/// A session used from `client` (a reconnect, a logoff): that is its client now.
fn move_to(names: &Names, session: &mut Session, client: Option<Name>) {
    if let Some(client) = client {
        let text = names.text(client);
        let known = session
            .first_client
            .iter()
            .chain(session.later_clients.iter().flat_map(|later| later.iter()))
            .any(|&c| c == client || names.text(c).eq_ignore_ascii_case(text));
        if !known {
            if session.first_client.is_none() {
                session.first_client = Some(client);
            } else {
                let mut later = session.later_clients.take().map(Vec::from).unwrap_or_default();
                later.push(client);
                session.later_clients = Some(later.into_boxed_slice());
            }
        }
        session.client = Some(client);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::time::parse;

    fn record<'a>(event: Event, time: &str, user: &'a str, fields: &[(Field, &'a str)]) -> Record<'a> {
        let given = [(Field::User, Some(user)), (Field::Computer, Some("RDS01"))]
            .into_iter()
            .chain(fields.iter().map(|&(field, value)| (field, Some(value))));
        Record::new(event, None, parse(time).unwrap(), given)
    }

    #[test]
    fn names_are_kept_once_and_compared_without_case() {
        let mut names = Names::default();
        let ann = names.intern("Ann");
        assert_eq!(names.intern("Ann"), ann);
        let lower = names.intern("ann");
        let elodie = (names.intern("ÉLODIE"), names.intern("élodie"));
        let bob = names.intern("bob");
        assert_ne!(ann, lower);
        assert_eq!((names.text(ann), names.text(lower), names.len()), ("Ann", "ann", 5));
        assert!(names.same_ignoring_case(ann, lower));
        assert!(names.same_ignoring_case(elodie.0, elodie.1));
        assert!(!names.same_ignoring_case(ann, bob));
    }

    #[test]
    fn an_id_is_seen_once_whether_a_ulid_or_not() {
        let mut seen = Seen::default();
        let ulid = crate::ulid::encode(1_700_000_000_000, 42);
        assert!(seen.first(&ulid));
        assert!(!seen.first(&ulid));
        // Another text is another id, even one that reads as the same ULID
        // in lower case.
        assert!(seen.first(&ulid.to_lowercase()));
        assert!(!seen.first(&ulid.to_lowercase()));
        assert!(seen.first("ID0001"));
        assert!(!seen.first("ID0001"));
        assert_eq!((seen.ulids.len(), seen.others.len()), (1, 2));
    }

    #[test]
    fn a_time_is_rewritten_only_when_it_was_written_otherwise() {
        for text in [
            "2026-11-24T08:01:02.345+01:00",
            "2026-03-29T03:00:00.000-09:30",
            "0001-01-01T00:00:00.000+00:00",
            "2026-11-24T08:01:02.345-00:00",
            "2026-11-24T08:01:02.345+00:60",
            "2026-11-24T07:01:02Z",
            "2026-11-24T08:01:02.3456+01:00",
        ] {
            let (time, _) = time::parse_text(text).unwrap();
            assert_eq!(formats_as(text, &time), time::format(&time) == text, "{text}");
        }
    }

    #[test]
    fn a_time_written_otherwise_is_shown_as_written() {
        let mut pairing = Pairing::default();
        let mut logon = record(Event::Logon, "2026-11-24T08:00:00.000+00:00", "ann", &[]);
        let mut logoff = record(Event::Logoff, "2026-11-24T09:00:00.000+00:00", "ann", &[]);
        logon.time_text = Cow::Borrowed("2026-11-24T08:00:00.000-00:00");
        logoff.time_text = Cow::Borrowed("2026-11-24T09:00:00.000-00:00");
        pairing.add(&logon);
        pairing.add(&logoff);
        let sessions = pairing.sessions();
        assert_eq!(sessions.len(), 1, "{sessions:?}");
        assert_eq!(sessions[0].opened_by.time_text(), "2026-11-24T08:00:00.000-00:00");
        assert_eq!(
            sessions[0].logoff_text().as_deref(),
            Some("2026-11-24T09:00:00.000-00:00")
        );
        assert_eq!(sessions[0].duration(), Some(chrono::Duration::hours(1)));
    }

    #[test]
    fn a_session_keeps_the_fields_it_shows_and_its_clients_in_order() {
        let mut pairing = Pairing::default();
        let on = [
            (Field::Client, "TC-01"),
            (Field::Session, "RDP-Tcp#1"),
            (Field::SessionId, "2"),
            (Field::Ip, "10.0.0.5, 10.0.1.5"),
            (Field::Mac, "00-1A"),
            (Field::Domain, "LYCEE"),
        ];
        let id = crate::ulid::encode(1, 1);
        let with_id = |event, time, client| {
            let mut fields = vec![
                (Field::Client, client),
                (Field::SessionId, "2"),
                (Field::Id, id.as_str()),
            ];
            fields.retain(|(f, _)| event != Event::Logon || *f != Field::Id);
            record(event, time, "Ann", &fields)
        };
        pairing.add(&record(Event::Logon, "2026-11-24T08:00:00.000+01:00", "Ann", &on));
        pairing.add(&with_id(Event::Reconnect, "2026-11-24T08:10:00.000+01:00", "TC-02"));
        // The same record again (a spooled copy): taken once.
        pairing.add(&with_id(Event::Reconnect, "2026-11-24T08:10:00.000+01:00", "TC-02"));
        pairing.add(&record(Event::Lock, "2026-11-24T08:20:00.000+01:00", "ann", &[]));
        pairing.add(&record(
            Event::Logoff,
            "2026-11-24T09:00:00.000+01:00",
            "ANN",
            &[(Field::Client, "tc-01"), (Field::SessionId, "2")],
        ));
        assert_eq!(pairing.len(), 3);
        let sessions = pairing.sessions();
        assert_eq!(sessions.len(), 1, "{sessions:?}");
        let session = &sessions[0];
        let by = &session.opened_by;
        assert_eq!(session.state, State::Closed);
        assert_eq!(
            [
                Field::User,
                Field::Domain,
                Field::Computer,
                Field::Session,
                Field::SessionId
            ]
            .map(|f| by.get(f)),
            [Some("Ann"), Some("LYCEE"), Some("RDS01"), Some("RDP-Tcp#1"), Some("2")]
        );
        assert_eq!(by.ips().collect::<Vec<_>>(), ["10.0.0.5", "10.0.1.5"]);
        assert_eq!((by.get(Field::Mac), by.get(Field::Id)), (None, None), "not kept");
        assert_eq!(session.clients().collect::<Vec<_>>(), ["TC-01", "TC-02"]);
        assert_eq!(session.client(), Some("tc-01"));
        assert_eq!(session.logon(), Some(by.time()));
        assert_eq!(session.end_text().as_deref(), Some("2026-11-24T09:00:00.000+01:00"));
    }

    #[test]
    fn records_paired_as_they_come_give_the_sessions_of_records_sorted() {
        let records = [
            record(
                Event::Logon,
                "2026-11-24T08:00:00.000+01:00",
                "ann",
                &[(Field::Session, "Console")],
            ),
            record(
                Event::Logon,
                "2026-11-24T08:30:00.000+01:00",
                "bob",
                &[(Field::Session, "Console")],
            ),
            record(Event::Logoff, "2026-11-24T09:00:00.000+01:00", "bob", &[]),
            record(Event::Logoff, "2026-11-24T09:10:00.000+01:00", "eve", &[]),
            record(Event::Startup, "2026-11-24T09:20:00.000+01:00", "-", &[]),
            record(Event::Logon, "2026-11-24T09:30:00.000+01:00", "ann", &[]),
        ];
        let (mut sorted, mut in_order) = (Pairing::default(), Pairing::in_order());
        for record in &records {
            sorted.add(record);
            in_order.add(record);
        }
        assert!(!in_order.out_of_order());
        assert_eq!((sorted.len(), in_order.len()), (6, 6));
        let shown = |pairing: Pairing| format!("{:?}", pairing.sessions());
        assert_eq!(shown(in_order), shown(sorted));
        let mut late = Pairing::in_order();
        late.add(&records[1]);
        late.add(&records[0]);
        assert!(late.out_of_order());
    }

    #[test]
    fn a_pairing_after_another_on_the_same_thread_starts_empty() {
        // The second fills the emptied containers of the first: the same
        // record id is taken again, and none of the first's sessions shows.
        let id = (Field::Id, "01KAVQ6W2S7R1D9YH8M3X5N4PT");
        let first_log = [record(Event::Logon, "2026-11-24T08:00:00.000+01:00", "ann", &[id])];
        let second_log = [
            record(Event::Logon, "2026-11-24T08:00:00.000+01:00", "bob", &[id]),
            record(Event::Logoff, "2026-11-24T09:00:00.000+01:00", "bob", &[]),
        ];
        let pair = |records: &[Record]| {
            let mut pairing = Pairing::in_order();
            for record in records {
                pairing.add(record);
            }
            pairing.sessions()
        };
        let alone = format!("{:?}", pair(&second_log));
        recycle(pair(&first_log));
        let after = pair(&second_log);
        assert_eq!(format!("{after:?}"), alone);
        assert_eq!(after.len(), 1);
        assert_eq!(after[0].opened_by.get(Field::User), Some("bob"));
    }

    #[test]
    fn records_out_of_order_pair_in_clock_order() {
        let mut pairing = Pairing::default();
        pairing.add(&record(Event::Logoff, "2026-11-24T09:00:00.000+01:00", "ann", &[]));
        pairing.add(&record(Event::Logon, "2026-11-24T08:00:00.000+01:00", "ann", &[]));
        pairing.add(&record(Event::Logoff, "2026-11-24T07:00:00.000+01:00", "bob", &[]));
        let sessions = pairing.sessions();
        let shown: Vec<_> = sessions
            .iter()
            .map(|s| (s.opened_by.get(Field::User), s.state, s.logon().is_some()))
            .collect();
        assert_eq!(
            shown,
            [(Some("bob"), State::Orphan, false), (Some("ann"), State::Closed, true)]
        );
    }

    #[test]
    fn durations_read_as_timespans() {
        assert_eq!(timespan(chrono::Duration::seconds(6878)), "01:54:38");
        assert_eq!(timespan(chrono::Duration::seconds(90_061)), "1.01:01:01");
        assert_eq!(timespan(chrono::Duration::seconds(-5)), "-00:00:05");
        assert_eq!(timespan(chrono::Duration::seconds(-864_001)), "-10.00:00:01");
    }
}
