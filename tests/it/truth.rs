//! `sessions` against the generator's ground truth: for several seeds, the
//! sessions found equal the sessions simulated (same sessions, states,
//! starts and ends), read from the whole store, from a computer, from a
//! user and from a thin client, and a window query returns exactly the
//! simulated sessions that overlap it.

use crate::common;
use common::*;
use serde::Deserialize;
use std::collections::BTreeSet;

/// A line of `generate --truth FILE`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct Truth {
    user: String,
    computer: String,
    client: Option<String>,
    clients: Option<String>,
    session: String,
    session_id: String,
    logon: Option<String>,
    logoff: Option<String>,
    end: Option<String>,
    end_reason: Option<String>,
    state: String,
}

/// What is compared: who, where, from where, which session, when, how it ended.
type Key = (
    String,
    String,
    Option<String>,
    Option<String>,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
);

fn key_of_truth(t: &Truth) -> Key {
    let t = t.clone();
    (
        t.user,
        t.computer,
        t.client,
        t.clients,
        t.session,
        t.session_id,
        t.logon,
        t.logoff,
        t.end,
        t.end_reason,
        t.state,
    )
}

fn key_of_session(s: &Session) -> Key {
    let s = s.clone();
    let text = |v: Option<String>| v.unwrap_or_default();
    (
        text(s.user),
        text(s.computer),
        s.client,
        s.clients,
        text(s.session),
        text(s.session_id),
        s.logon,
        s.logoff,
        s.end,
        s.end_reason,
        s.state,
    )
}

struct School {
    sandbox: Sandbox,
    truth: Vec<Truth>,
}

impl School {
    fn generate(args: &[&str]) -> School {
        let sandbox = Sandbox::new();
        let truth_file = sandbox.dir.path().join("truth.jsonl");
        let (store, truth_arg) = (sandbox.store_arg(), truth_file.display().to_string());
        let mut all = vec![
            "generate",
            "--store",
            &store,
            "--computers",
            "48",
            "--users",
            "300",
            "--truth",
            &truth_arg,
        ];
        all.extend_from_slice(args);
        run(&all).expect_code(0);
        let text = std::fs::read_to_string(&truth_file).expect("the truth file");
        let truth = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("a truth line ({e}): {l}")))
            .collect();
        School { sandbox, truth }
    }

    fn sessions(&self, args: &[&str]) -> BTreeSet<Key> {
        let run = self.sandbox.read("sessions", args).expect_code(0);
        // Sessions of 2025 still open are more than a day old.
        let unexpected: Vec<_> = run
            .diagnostics
            .iter()
            .filter(|d| d.level != "progress" && d.code != "old-open-sessions")
            .collect();
        assert!(unexpected.is_empty(), "sessions {args:?}: {unexpected:?}");
        let sessions: Vec<Session> = run.objects();
        let keys: BTreeSet<Key> = sessions.iter().map(key_of_session).collect();
        assert_eq!(keys.len(), sessions.len(), "sessions {args:?}: a session came twice");
        keys
    }

    fn expected(&self, keep: impl Fn(&Truth) -> bool) -> BTreeSet<Key> {
        self.truth.iter().filter(|t| keep(t)).map(key_of_truth).collect()
    }

    /// Fails with the sessions missing and the sessions in excess.
    fn check(&self, args: &[&str], keep: impl Fn(&Truth) -> bool) {
        let (found, expected) = (self.sessions(args), self.expected(keep));
        let missing: Vec<_> = expected.difference(&found).take(5).collect();
        let extra: Vec<_> = found.difference(&expected).take(5).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "sessions {args:?}: {} expected, {} found\nmissing: {missing:#?}\nin excess: {extra:#?}",
            expected.len(),
            found.len()
        );
    }

    fn names(&self, of: impl Fn(&Truth) -> Vec<String>) -> BTreeSet<String> {
        self.truth.iter().flat_map(of).collect()
    }
}

fn clients(t: &Truth) -> Vec<String> {
    t.clients
        .iter()
        .flat_map(|c| c.split(", ").map(str::to_owned))
        .collect()
}

/// Users worth reading alone: with two remote sessions at once, with a
/// session proved over, moved to another thin client, or orphaned.
fn interesting_users(school: &School) -> BTreeSet<String> {
    let mut users = BTreeSet::new();
    for t in &school.truth {
        let at_once = school.truth.iter().any(|o| {
            o != t
                && o.user == t.user
                && o.computer == t.computer
                && o.client.is_some()
                && o.logon < t.end
                && t.logon < o.end
        });
        if at_once || t.state != "Closed" || clients(t).len() > 1 {
            users.insert(t.user.clone());
        }
    }
    users.into_iter().take(12).collect()
}

fn check_every_selection(school: &School) {
    school.check(&[], |_| true);
    for computer in ["A01-PC01", "A02-PC05", "RDS01", "RDS02"] {
        school.check(&["--computer", computer], |t| t.computer == computer);
    }
    for user in interesting_users(school) {
        school.check(&["--user", &user], |t| t.user == user);
    }
    for client in school.names(clients) {
        school.check(&["--thin-client", &client], |t| clients(t).contains(&client));
    }
}

#[test]
fn sessions_equal_the_simulated_ones_for_several_seeds_whatever_the_selection() {
    for seed in ["1", "2", "42"] {
        let school = School::generate(&["--days", "10", "--seed", seed]);
        let states: BTreeSet<&str> = school.truth.iter().map(|t| t.state.as_str()).collect();
        assert!(
            states.contains("Unterminated") && states.contains("Closed"),
            "seed {seed}: {states:?}"
        );
        check_every_selection(&school);
    }
}

#[test]
fn the_school_has_what_real_stores_have() {
    let school = School::generate(&["--days", "10", "--seed", "7"]);
    let minutes = |t: &Truth| {
        let (on, off) = (t.logon.as_deref()?, t.logoff.as_deref()?);
        let seconds = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap().timestamp();
        Some((seconds(off) - seconds(on)) / 60)
    };
    let lengths: Vec<i64> = school.truth.iter().filter_map(minutes).collect();
    assert!(lengths.iter().any(|&m| m < 15), "short sessions");
    assert!(
        lengths.iter().any(|&m| m > 8 * 60) && lengths.iter().all(|&m| (5..=600).contains(&m)),
        "from 5 minutes to 10 hours"
    );
    assert!(
        school.truth.iter().any(|t| clients(t).len() > 1),
        "a reconnect from another thin client"
    );
    assert_eq!(
        school
            .names(|t| vec![t.computer.clone()])
            .iter()
            .filter(|c| c.starts_with("RDS"))
            .count(),
        2,
        "two RDS servers"
    );
    let at_once = school.truth.iter().any(|t| {
        school.truth.iter().any(|o| {
            o.session_id != t.session_id
                && o.user == t.user
                && o.computer == t.computer
                && o.logon < t.logoff
                && t.logon < o.logoff
        })
    });
    assert!(at_once, "a user with two remote sessions at once");
    assert!(school.truth.iter().any(|t| t.state == "Orphan"), "a lost logon");
    let records: Vec<Record> = school
        .sandbox
        .read("log", &["--event", "lock,unlock"])
        .expect_code(0)
        .objects();
    assert!(records.len() > 10, "locks and unlocks");
}

#[test]
fn across_the_autumn_clock_change_sessions_still_equal_the_truth() {
    // 2025-10-26: Paris goes from +02:00 to +01:00.
    let school = School::generate(&["--days", "8", "--seed", "5", "--start", "2025-10-20"]);
    let offsets: BTreeSet<&str> = school
        .truth
        .iter()
        .filter_map(|t| t.logon.as_deref())
        .map(|l| &l[23..])
        .collect();
    assert_eq!(offsets, BTreeSet::from(["+01:00", "+02:00"]));
    check_every_selection(&school);
}

#[test]
fn a_window_query_returns_the_simulated_sessions_overlapping_it() {
    let school = School::generate(&["--days", "10", "--seed", "42"]);
    let (since, until) = ("2025-09-09T10:00:00.000+02:00", "2025-09-09T12:00:00.000+02:00");
    // Times of one offset compare as text.
    let overlaps = |t: &Truth| match t.state.as_str() {
        "Orphan" => t.end.as_deref().is_some_and(|e| (since..=until).contains(&e)),
        _ => t.logon.as_deref().is_some_and(|l| l <= until) && t.end.as_deref().is_none_or(|e| e >= since),
    };
    let expected = school.expected(overlaps);
    assert!(expected.len() > 50, "{} sessions in the window", expected.len());
    school.check(&["--since", since, "--until", until], overlaps);
    school.check(&["--computer", "A01-PC03", "--since", since, "--until", until], |t| {
        t.computer == "A01-PC03" && overlaps(t)
    });
    let days = school.sessions(&["--since", since, "--until", until]);
    assert!(
        days.iter()
            .all(|k| k.8.as_deref().is_none_or(|end| end >= "2025-09-09")),
        "no session ended before that day"
    );
}

#[test]
fn a_store_generated_until_a_time_has_the_sessions_then_open() {
    let school = School::generate(&["--days", "6", "--seed", "3", "--until", "2025-10-09T10:30:00+02:00"]);
    let open = school.expected(|t| t.state == "Open");
    assert!(open.len() > 20, "{} open at 10:30", open.len());
    assert!(
        school
            .truth
            .iter()
            .all(|t| { t.logon.as_deref().is_none_or(|l| l <= "2025-10-09T10:30:00.000+02:00") })
    );
    school.check(&["--open"], |t| t.state == "Open");
    check_every_selection(&school);
}

#[test]
fn sorted_by_time_the_whole_store_is_the_truth_in_order_of_the_starts() {
    let school = School::generate(&["--days", "5", "--seed", "9"]);
    school.check(&["--sort", "time"], |_| true);
    let sessions: Vec<Session> = school
        .sandbox
        .read("sessions", &["--sort", "time"])
        .expect_code(0)
        .objects();
    let start =
        |s: &Session| chrono::DateTime::parse_from_rfc3339(s.logon.as_deref().or(s.end.as_deref()).unwrap()).unwrap();
    assert!(
        sessions.windows(2).all(|w| start(&w[0]) <= start(&w[1])),
        "in order of their starts"
    );
}

#[test]
fn a_store_generated_until_now_ends_now() {
    let school = School::generate(&["--days", "3", "--seed", "11", "--until", "now"]);
    let now = chrono::Local::now().fixed_offset();
    let records: Vec<Record> = school.sandbox.read("log", &[]).expect_code(0).objects();
    assert!(
        records
            .iter()
            .all(|r| chrono::DateTime::parse_from_rfc3339(&r.time).unwrap() <= now),
        "nothing after now"
    );
    school.check(&[], |_| true);
}
