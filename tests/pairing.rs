//! Pairing logons with logoffs: missing logoffs, overlapping remote
//! sessions, a daylight-saving change, a record delivered late.

mod common;
use common::*;

fn write_at(sandbox: &Sandbox, event: &str, user: &str, computer: &str, time: &str, extra: &[&str]) -> Written {
    let mut args = vec!["--time", time];
    args.extend_from_slice(extra);
    sandbox.write(event, user, computer, &args)
}

fn sessions(sandbox: &Sandbox, args: &[&str]) -> Vec<Session> {
    sandbox.read("sessions", args).expect_code(0).objects()
}

fn summary(sessions: &[Session]) -> Vec<(String, String, Option<String>)> {
    sessions
        .iter()
        .map(|s| (s.user.clone().unwrap_or_default(), s.state.clone(), s.duration.clone()))
        .collect()
}

fn row(user: &str, state: &str, duration: Option<&str>) -> (String, String, Option<String>) {
    (user.to_owned(), state.to_owned(), duration.map(str::to_owned))
}

#[test]
fn a_missing_logoff_shows_as_unterminated_at_the_next_console_logon() {
    let sandbox = Sandbox::new();
    write_at(&sandbox, "logon", "ann", "PC1", "2026-11-24T08:00:00.000+01:00", &[]);
    write_at(&sandbox, "logon", "bob", "PC1", "2026-11-24T09:00:00.000+01:00", &[]);
    write_at(&sandbox, "logoff", "bob", "PC1", "2026-11-24T09:30:00.000+01:00", &[]);
    write_at(&sandbox, "logoff", "eve", "PC1", "2026-11-24T10:00:00.000+01:00", &[]);
    write_at(&sandbox, "logon", "ann", "PC1", "2026-11-24T11:00:00.000+01:00", &[]);
    let all = sessions(&sandbox, &[]);
    assert_eq!(
        summary(&all),
        [
            row("ann", "Unterminated", None),
            row("bob", "Closed", Some("00:30:00")),
            row("eve", "Orphan", None),
            row("ann", "Open", None)
        ]
    );
    assert_eq!(all[2].logon, None);
    let open = sessions(&sandbox, &["--open"]);
    assert_eq!(summary(&open), [row("ann", "Open", None)]);
    assert_eq!(open[0].logon.as_deref(), Some("2026-11-24T11:00:00.000+01:00"));
}

#[test]
fn overlapping_remote_sessions_on_one_server_pair_by_user() {
    let sandbox = Sandbox::new();
    let rds = |event, user, time, client, session| {
        write_at(&sandbox, event, user, "RDS01", time, &["--client", client, "--session", session]);
    };
    rds("logon", "ann", "2026-11-24T08:00:00.000+01:00", "TC-01", "RDP-Tcp#1");
    rds("logon", "bob", "2026-11-24T08:05:00.000+01:00", "TC-02", "RDP-Tcp#2");
    rds("logon", "eve", "2026-11-24T08:10:00.000+01:00", "TC-03", "RDP-Tcp#3");
    rds("logoff", "ann", "2026-11-24T09:00:00.000+01:00", "TC-01", "RDP-Tcp#1");
    rds("logoff", "eve", "2026-11-24T09:10:00.000+01:00", "TC-03", "RDP-Tcp#3");
    let all = sessions(&sandbox, &["--computer", "RDS01"]);
    assert_eq!(
        summary(&all),
        [row("ann", "Closed", Some("01:00:00")), row("bob", "Open", None), row("eve", "Closed", Some("01:00:00"))]
    );
    assert_eq!(all[1].client.as_deref(), Some("TC-02"));
    let from_client = sessions(&sandbox, &["--thin-client", "TC-03"]);
    assert_eq!(summary(&from_client), [row("eve", "Closed", Some("01:00:00"))]);
}

#[test]
fn a_session_across_the_autumn_clock_change_lasts_its_real_length() {
    // 2026-10-25 in Paris: 03:00 summer time becomes 02:00 winter time.
    let sandbox = Sandbox::new();
    write_at(&sandbox, "logon", "ann", "SRV1", "2026-10-25T01:30:00.000+02:00", &[]);
    write_at(&sandbox, "logoff", "ann", "SRV1", "2026-10-25T02:15:00.000+01:00", &[]);
    let all = sessions(&sandbox, &[]);
    assert_eq!(summary(&all), [row("ann", "Closed", Some("01:45:00"))]);
    assert_eq!(all[0].duration_seconds, Some(6300.0));
}

#[test]
fn a_record_delivered_late_pairs_by_its_time_not_its_place_in_the_file() {
    let sandbox = Sandbox::new();
    write_at(&sandbox, "logon", "ann", "PC1", "2026-11-24T08:00:00.000+01:00", &[]);
    write_at(&sandbox, "logon", "bob", "PC1", "2026-11-24T10:00:00.000+01:00", &[]);
    // Ann's logoff was spooled at 09:00 and delivered after bob's logon.
    write_at(&sandbox, "logoff", "ann", "PC1", "2026-11-24T09:00:00.000+01:00", &[]);
    let all = sessions(&sandbox, &[]);
    assert_eq!(summary(&all), [row("ann", "Closed", Some("01:00:00")), row("bob", "Open", None)]);
}

#[test]
fn a_record_delivered_twice_counts_once() {
    let sandbox = Sandbox::new();
    write_at(&sandbox, "logon", "ann", "PC1", "2026-11-24T08:00:00.000+01:00", &[]);
    write_at(&sandbox, "logoff", "ann", "PC1", "2026-11-24T09:00:00.000+01:00", &[]);
    // A hung write that landed after its record was spooled: the same line twice.
    let log = sandbox.store().join("Computers/PC1.LOG");
    let text = std::fs::read_to_string(&log).unwrap();
    let logoff_line = text.lines().last().unwrap().to_owned();
    let logon_line = text.lines().rev().nth(1).unwrap().to_owned();
    std::fs::write(&log, format!("{text}{logon_line}\r\n{logoff_line}\r\n")).unwrap();
    assert_eq!(summary(&sessions(&sandbox, &[])), [row("ann", "Closed", Some("01:00:00"))]);
}

#[test]
fn a_startup_ends_the_sessions_left_open_on_that_computer() {
    let sandbox = Sandbox::new();
    write_at(&sandbox, "logon", "ann", "PC1", "2026-11-24T08:00:00.000+01:00", &[]);
    write_at(&sandbox, "logon", "bob", "PC2", "2026-11-24T08:00:00.000+01:00", &[]);
    write_at(&sandbox, "startup", "SYSTEM", "PC1", "2026-11-25T07:30:00.000+01:00", &[]);
    assert_eq!(summary(&sessions(&sandbox, &[])), [row("ann", "Unterminated", None), row("bob", "Open", None)]);
    assert_eq!(summary(&sessions(&sandbox, &["--since", "2026-11-24T08:30:00+01:00", "--open"])), [row("bob", "Open", None)]);
}
