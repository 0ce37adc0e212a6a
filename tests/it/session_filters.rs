//! The filters of `sessions` people ask for: states, durations, the age of
//! open sessions, human dates, and time order across logs.

use crate::common;
use common::*;

fn write_at(sandbox: &Sandbox, event: &str, user: &str, computer: &str, time: &str) {
    sandbox.write(event, user, computer, &["--time", time]);
}

fn users(sandbox: &Sandbox, args: &[&str]) -> Vec<String> {
    let sessions: Vec<Session> = sandbox.read("sessions", args).expect_code(0).objects();
    sessions.into_iter().map(|s| s.user.unwrap_or_default()).collect()
}

/// A usage error naming the flag and the value.
fn refused(sandbox: &Sandbox, args: &[&str], flag: &str, value: &str) {
    let run = sandbox.read("sessions", args).expect_code(2);
    let message = &run.diagnostics[0].message;
    assert!(message.contains(flag) && message.contains(value), "{args:?}: {message}");
}

fn ago(duration: chrono::Duration) -> String {
    (chrono::Local::now() - duration).to_rfc3339()
}

#[test]
fn state_keeps_the_sessions_in_those_states() {
    let sandbox = Sandbox::new();
    write_at(&sandbox, "logon", "ann", "PC1", "2026-11-24T08:00:00.000+01:00");
    write_at(&sandbox, "logon", "bob", "PC1", "2026-11-24T09:00:00.000+01:00");
    write_at(&sandbox, "logoff", "bob", "PC1", "2026-11-24T09:30:00.000+01:00");
    write_at(&sandbox, "logoff", "eve", "PC1", "2026-11-24T10:00:00.000+01:00");
    write_at(&sandbox, "logon", "zoe", "PC1", "2026-11-24T11:00:00.000+01:00");
    assert_eq!(users(&sandbox, &["--state", "Unterminated,orphan"]), ["ann", "eve"]);
    assert_eq!(
        users(&sandbox, &["--state", "Closed", "--state", "Open"]),
        ["bob", "zoe"]
    );
    refused(&sandbox, &["--state", "Lost"], "--state", "'Lost'");
    refused(&sandbox, &["--state", "Open", "--open"], "--open", "--state");
}

#[test]
fn min_and_max_duration_keep_the_closed_sessions_of_those_lengths() {
    let sandbox = Sandbox::new();
    for (user, computer, off) in [
        ("ann", "PC1", "08:05"),
        ("bob", "PC2", "09:00"),
        ("eve", "PC3", "11:00"),
    ] {
        write_at(&sandbox, "logon", user, computer, "2026-11-24T08:00:00.000+01:00");
        write_at(
            &sandbox,
            "logoff",
            user,
            computer,
            &format!("2026-11-24T{off}:00.000+01:00"),
        );
    }
    write_at(&sandbox, "logon", "max", "PC4", "2026-11-24T08:00:00.000+01:00");
    assert_eq!(
        users(&sandbox, &["--min-duration", "30min", "--max-duration", "2h"]),
        ["bob"]
    );
    assert_eq!(users(&sandbox, &["--max-duration", "5m"]), ["ann"]);
    assert_eq!(
        users(&sandbox, &["--min-duration", "1h"]),
        ["bob", "eve"],
        "an open session has no duration yet"
    );
    refused(&sandbox, &["--min-duration", "long"], "--min-duration", "'long'");
}

#[test]
fn max_age_leaves_out_the_open_sessions_opened_longer_ago() {
    let sandbox = Sandbox::new();
    write_at(&sandbox, "logon", "ann", "PC1", &ago(chrono::Duration::hours(2)));
    write_at(&sandbox, "logon", "bob", "PC2", &ago(chrono::Duration::hours(30)));
    write_at(&sandbox, "logon", "eve", "PC3", "2015-03-02T08:00:00.000+01:00");
    assert_eq!(users(&sandbox, &["--open"]), ["ann", "bob", "eve"]);
    assert_eq!(users(&sandbox, &["--open", "--max-age", "12h"]), ["ann"]);
    assert_eq!(users(&sandbox, &["--open", "--max-age", "2days"]), ["ann", "bob"]);
    let eve: Vec<Session> = sandbox
        .read("sessions", &["--open", "--user", "eve"])
        .expect_code(0)
        .objects();
    assert!(
        eve[0]
            .open_for
            .as_deref()
            .is_some_and(|t| t.split('.').next().unwrap().parse::<u32>().unwrap() > 3000),
        "{:?}",
        eve[0].open_for
    );
    refused(&sandbox, &["--open", "--max-age", "forever"], "--max-age", "'forever'");
}

#[test]
fn a_date_alone_as_until_is_the_end_of_that_day() {
    let sandbox = Sandbox::new();
    write_at(&sandbox, "logon", "ann", "PC1", "2026-11-24T12:00:00.000+01:00");
    write_at(&sandbox, "logoff", "ann", "PC1", "2026-11-24T13:00:00.000+01:00");
    write_at(&sandbox, "logon", "bob", "PC1", "2026-11-25T12:00:00.000+01:00");
    write_at(&sandbox, "logoff", "bob", "PC1", "2026-11-25T13:00:00.000+01:00");
    assert_eq!(
        users(&sandbox, &["--since", "2026-11-24", "--until", "2026-11-24"]),
        ["ann"]
    );
    assert_eq!(users(&sandbox, &["--until", "2026-11-25"]), ["ann", "bob"]);
    let records: Vec<Record> = sandbox
        .read("log", &["--since", "2026-11-25", "--until", "2026-11-25"])
        .expect_code(0)
        .objects();
    assert_eq!(records.len(), 2, "log reads dates the same way");
}

#[test]
fn since_takes_a_duration_ago() {
    let sandbox = Sandbox::new();
    write_at(&sandbox, "logon", "ann", "PC1", &ago(chrono::Duration::minutes(180)));
    write_at(&sandbox, "logoff", "ann", "PC1", &ago(chrono::Duration::minutes(170)));
    write_at(&sandbox, "logon", "bob", "PC1", &ago(chrono::Duration::minutes(60)));
    write_at(&sandbox, "logoff", "bob", "PC1", &ago(chrono::Duration::minutes(50)));
    assert_eq!(users(&sandbox, &["--since", "-2h"]), ["bob"]);
    assert_eq!(users(&sandbox, &["--since", "-7d", "--until", "now"]), ["ann", "bob"]);
    assert_eq!(users(&sandbox, &["--since", "yesterday"]), ["ann", "bob"]);
    refused(&sandbox, &["--since", "-7 fortnights"], "--since", "'-7 fortnights'");
    refused(&sandbox, &["--until", "soon"], "--until", "'soon'");
}

#[test]
fn the_help_says_times_without_an_offset_are_local() {
    let help = run(&["sessions", "--help"]);
    let text = help.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains("without an offset are this machine's local time"),
        "{}",
        help.stdout
    );
}

#[test]
fn sort_time_gives_the_sessions_of_every_log_in_time_order() {
    let sandbox = Sandbox::new();
    for (user, computer, hour) in [
        ("ann", "PC1", 8),
        ("bob", "PC2", 9),
        ("eve", "PC1", 10),
        ("zoe", "PC2", 11),
    ] {
        write_at(
            &sandbox,
            "logon",
            user,
            computer,
            &format!("2026-11-24T{hour:02}:00:00.000+01:00"),
        );
        write_at(
            &sandbox,
            "logoff",
            user,
            computer,
            &format!("2026-11-24T{hour:02}:30:00.000+01:00"),
        );
    }
    write_at(&sandbox, "logoff", "max", "PC3", "2026-11-24T09:30:00.000+01:00");
    assert_eq!(
        users(&sandbox, &[]),
        ["ann", "eve", "bob", "zoe", "max"],
        "log after log"
    );
    assert_eq!(
        users(&sandbox, &["--sort", "time"]),
        ["ann", "bob", "max", "eve", "zoe"],
        "an orphan at its logoff"
    );
    assert_eq!(users(&sandbox, &["--sort", "time", "--user", "eve"]), ["eve"]);
}

#[test]
fn open_sessions_older_than_a_day_are_pointed_out_once() {
    let sandbox = Sandbox::new();
    write_at(&sandbox, "logon", "ann", "PC1", &ago(chrono::Duration::hours(2)));
    let recent = sandbox.read("sessions", &["--open"]).expect_code(0);
    assert!(
        recent.with_code("old-open-sessions").is_empty(),
        "{:?}",
        recent.diagnostics
    );
    write_at(&sandbox, "logon", "bob", "PC2", &ago(chrono::Duration::hours(30)));
    write_at(&sandbox, "logon", "eve", "PC3", "2015-03-02T08:00:00.000+01:00");
    let run = sandbox.read("sessions", &[]).expect_code(0);
    let warnings = run.with_code("old-open-sessions");
    assert_eq!(warnings.len(), 1, "{:?}", run.diagnostics);
    assert!(
        warnings[0].level == "warning" && warnings[0].message.starts_with("2 of the open sessions"),
        "{:?}",
        warnings[0]
    );
    let aged = sandbox.read("sessions", &["--open", "--max-age", "1d"]).expect_code(0);
    assert!(aged.with_code("old-open-sessions").is_empty(), "{:?}", aged.diagnostics);
}
