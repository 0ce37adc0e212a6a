//! Properties of pairing on random event sequences: pairing never loses or
//! invents a record, and a session is the same whichever selection shows
//! it (the whole store, a computer, a user, a thin client).

use crate::common;
use common::*;
use koxolog::format::event::Event;
use koxolog::format::header::{self, Field};
use koxolog::format::{line, time};
use koxolog::pairing::{EndReason, Pairing, State};
use koxolog::record::Record;
use koxolog::store::{Branch, Store};
use proptest::prelude::*;
use std::collections::BTreeMap;

/// One random event.
#[derive(Debug, Clone)]
struct Step {
    event: Event,
    computer: &'static str,
    user: &'static str,
    client: Option<&'static str>,
    session_id: Option<u8>,
    /// Minutes after the previous event (at least one: instants are distinct).
    gap: u16,
}

fn step() -> impl Strategy<Value = Step> {
    let event = prop::sample::select(vec![
        Event::Logon,
        Event::Logon,
        Event::Logoff,
        Event::Logoff,
        Event::Reconnect,
        Event::Lock,
        Event::Startup,
        Event::Shutdown,
    ]);
    (
        event,
        prop::sample::select(vec!["PC1", "PC2", "RDS01"]),
        prop::sample::select(vec!["ann", "bob", "eve"]),
        prop::option::of(prop::sample::select(vec!["TC-01", "TC-02"])),
        prop::option::of(1u8..4),
        1u16..300,
    )
        .prop_map(|(event, computer, user, client, session_id, gap)| Step {
            event,
            computer,
            user,
            client,
            session_id,
            gap,
        })
}

/// The records of the steps, with their times and ids.
fn records(steps: &[Step]) -> Vec<(Step, String, String)> {
    let start = time::parse("2026-11-24T08:00:00.000+01:00").unwrap();
    let mut minutes = 0i64;
    steps
        .iter()
        .enumerate()
        .map(|(index, step)| {
            minutes += i64::from(step.gap);
            let at = start + chrono::Duration::minutes(minutes);
            (step.clone(), time::format(&at), format!("ID{index:04}"))
        })
        .collect()
}

fn record<'a>(step: &'a Step, time_text: &'a str, id: &'a str, session_id: &'a Option<String>) -> Record<'a> {
    let remote = step.computer.starts_with("RDS");
    let system = matches!(step.event, Event::Startup | Event::Shutdown);
    let given = [
        (Field::User, (!system).then_some(step.user)),
        (Field::Computer, Some(step.computer)),
        (Field::Client, step.client.filter(|_| remote && !system)),
        (
            Field::Session,
            (!system).then_some(if remote { "RDP-Tcp#1" } else { "Console" }),
        ),
        (Field::Id, Some(id)),
        (Field::SessionId, session_id.as_deref().filter(|_| !system)),
    ];
    Record::new(step.event, None, time::parse(time_text).unwrap(), given)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn pairing_never_loses_or_invents_a_record(steps in prop::collection::vec(step(), 0..40)) {
        let records = records(&steps);
        let mut by_computer: BTreeMap<&str, Pairing> = BTreeMap::new();
        let ids: Vec<Option<String>> = records.iter().map(|(s, _, _)| s.session_id.map(|i| i.to_string())).collect();
        for ((step, time_text, id), session_id) in records.iter().zip(&ids) {
            by_computer.entry(step.computer).or_default().add(&record(step, time_text, id, session_id));
        }
        let sessions: Vec<_> = by_computer.into_values().flat_map(Pairing::sessions).collect();
        let count = |event| records.iter().filter(|(s, _, _)| s.event == event).count();
        let logons = sessions.iter().filter(|s| s.logon().is_some()).count();
        let logoffs = sessions.iter().filter(|s| s.end_reason == Some(EndReason::Logoff)).count();
        prop_assert_eq!(logons, count(Event::Logon), "every logon starts one session");
        prop_assert_eq!(logoffs, count(Event::Logoff), "every logoff ends one session");
        // Each record has its own instant: a logon is known by its time.
        let mut starting: Vec<String> = sessions.iter().filter(|s| s.logon().is_some()).map(|s| s.opened_by.time_text().into_owned()).collect();
        starting.sort_unstable();
        let mut logon_times: Vec<&str> = records.iter().filter(|(s, _, _)| s.event == Event::Logon).map(|(_, time, _)| time.as_str()).collect();
        logon_times.sort_unstable();
        prop_assert_eq!(starting, logon_times, "the logons are the ones written, each once");
        for session in &sessions {
            prop_assert_eq!(session.state == State::Open, session.end.is_none(), "only open sessions have no end");
            prop_assert!(session.logon().is_none_or(|on| session.end.is_none_or(|end| end >= on)), "a session ends after it starts");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn a_session_is_the_same_whichever_selection_shows_it(steps in prop::collection::vec(step(), 1..30)) {
        let sandbox = Sandbox::new();
        let store = Store::new(sandbox.store());
        let mut logs: BTreeMap<std::path::PathBuf, String> = BTreeMap::new();
        for (step, time_text, id) in records(&steps) {
            let session_id = step.session_id.map(|i| i.to_string());
            let record = record(&step, &time_text, &id, &session_id);
            let text = line::render(&record);
            let mut add = |branch: Branch, name: &str| {
                let log = logs.entry(store.log_path(branch, name)).or_insert_with(|| header::text(branch.folder(), name));
                log.push_str(&text);
            };
            add(Branch::Computers, step.computer);
            if let Some(user) = record.get(Field::User) {
                add(Branch::Users, user);
            }
            if let Some(client) = record.get(Field::Client) {
                add(Branch::ThinClients, client);
            }
        }
        for (path, text) in &logs {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let all: Vec<Session> = sandbox.read("sessions", &[]).expect_code(0).objects();
        let of = |keep: &dyn Fn(&Session) -> bool| all.iter().filter(|s| keep(s)).cloned().collect::<Vec<_>>();
        // OpenFor is as of each run's now.
        let sorted = |v: Vec<Session>| {
            let mut v: Vec<Session> = v.into_iter().map(|s| Session { open_for: None, open_for_seconds: None, ..s }).collect();
            v.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
            v
        };
        for user in ["ann", "bob", "eve"] {
            if store.log_path(Branch::Users, user).is_file() {
                let found: Vec<Session> = sandbox.read("sessions", &["--user", user]).expect_code(0).objects();
                prop_assert_eq!(sorted(found), sorted(of(&|s| s.user.as_deref() == Some(user))), "--user {}", user);
            }
        }
        for client in ["TC-01", "TC-02"] {
            if store.log_path(Branch::ThinClients, client).is_file() {
                let found: Vec<Session> = sandbox.read("sessions", &["--thin-client", client]).expect_code(0).objects();
                let used = |s: &Session| s.clients.as_deref().is_some_and(|c| c.split(", ").any(|c| c == client));
                prop_assert_eq!(sorted(found), sorted(of(&used)), "--thin-client {}", client);
            }
        }
        for computer in ["PC1", "PC2", "RDS01"] {
            if store.log_path(Branch::Computers, computer).is_file() {
                let found: Vec<Session> = sandbox.read("sessions", &["--computer", computer]).expect_code(0).objects();
                prop_assert_eq!(sorted(found), sorted(of(&|s| s.computer.as_deref() == Some(computer))), "--computer {}", computer);
            }
        }
    }
}
