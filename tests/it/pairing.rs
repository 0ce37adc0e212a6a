//! Pairing logons with logoffs: missing logoffs, overlapping remote
//! sessions, a daylight-saving change, a record delivered late.

use crate::common;
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
        write_at(
            &sandbox,
            event,
            user,
            "RDS01",
            time,
            &["--client", client, "--session", session],
        );
    };
    rds("logon", "ann", "2026-11-24T08:00:00.000+01:00", "TC-01", "RDP-Tcp#1");
    rds("logon", "bob", "2026-11-24T08:05:00.000+01:00", "TC-02", "RDP-Tcp#2");
    rds("logon", "eve", "2026-11-24T08:10:00.000+01:00", "TC-03", "RDP-Tcp#3");
    rds("logoff", "ann", "2026-11-24T09:00:00.000+01:00", "TC-01", "RDP-Tcp#1");
    rds("logoff", "eve", "2026-11-24T09:10:00.000+01:00", "TC-03", "RDP-Tcp#3");
    let all = sessions(&sandbox, &["--computer", "RDS01"]);
    assert_eq!(
        summary(&all),
        [
            row("ann", "Closed", Some("01:00:00")),
            row("bob", "Open", None),
            row("eve", "Closed", Some("01:00:00"))
        ]
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
    assert_eq!(
        summary(&all),
        [row("ann", "Closed", Some("01:00:00")), row("bob", "Open", None)]
    );
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
    assert_eq!(
        summary(&sessions(&sandbox, &[])),
        [row("ann", "Closed", Some("01:00:00"))]
    );
}

#[test]
fn a_startup_ends_the_sessions_left_open_on_that_computer() {
    let sandbox = Sandbox::new();
    write_at(&sandbox, "logon", "ann", "PC1", "2026-11-24T08:00:00.000+01:00", &[]);
    write_at(&sandbox, "logon", "bob", "PC2", "2026-11-24T08:00:00.000+01:00", &[]);
    write_at(
        &sandbox,
        "startup",
        "SYSTEM",
        "PC1",
        "2026-11-25T07:30:00.000+01:00",
        &[],
    );
    assert_eq!(
        summary(&sessions(&sandbox, &[])),
        [row("ann", "Unterminated", None), row("bob", "Open", None)]
    );
    assert_eq!(
        summary(&sessions(&sandbox, &["--since", "2026-11-24T08:30:00+01:00", "--open"])),
        [row("bob", "Open", None)]
    );
}

/// (user, state, logon, end, end reason) of a session, for comparing.
type End = (String, String, Option<String>, Option<String>, Option<String>);

fn ends(sessions: &[Session]) -> Vec<End> {
    sessions
        .iter()
        .map(|s| {
            (
                s.user.clone().unwrap_or_default(),
                s.state.clone(),
                s.logon.clone(),
                s.end.clone(),
                s.end_reason.clone(),
            )
        })
        .collect()
}

fn end_row(user: &str, state: &str, logon: Option<&str>, end: Option<&str>, reason: Option<&str>) -> End {
    (
        user.to_owned(),
        state.to_owned(),
        logon.map(str::to_owned),
        end.map(str::to_owned),
        reason.map(str::to_owned),
    )
}

#[test]
fn two_remote_sessions_of_one_user_pair_by_their_session_ids() {
    // louis had RDP-Tcp#36 and #37 open at once on one server, each with its logoff.
    let sandbox = Sandbox::new();
    let rds = |event, time, client, session, id| {
        write_at(
            &sandbox,
            event,
            "louis",
            "RDS01",
            time,
            &["--client", client, "--session", session, "--session-id", id],
        );
    };
    rds("logon", "2026-11-24T08:00:00.000+01:00", "TC-01", "RDP-Tcp#36", "3");
    rds("logon", "2026-11-24T08:30:00.000+01:00", "TC-02", "RDP-Tcp#37", "4");
    rds("logoff", "2026-11-24T09:00:00.000+01:00", "TC-01", "RDP-Tcp#36", "3");
    rds("logoff", "2026-11-24T11:30:00.000+01:00", "TC-02", "RDP-Tcp#37", "4");
    let expected = [
        row("louis", "Closed", Some("01:00:00")),
        row("louis", "Closed", Some("03:00:00")),
    ];
    for args in [&[][..], &["--user", "louis"], &["--computer", "RDS01"]] {
        let found = sessions(&sandbox, args);
        assert_eq!(summary(&found), expected, "sessions {args:?}");
        let ids: Vec<_> = found
            .iter()
            .map(|s| (s.session.as_deref(), s.session_id.as_deref()))
            .collect();
        assert_eq!(
            ids,
            [(Some("RDP-Tcp#36"), Some("3")), (Some("RDP-Tcp#37"), Some("4"))],
            "sessions {args:?}"
        );
    }
    let user_log = sandbox.store().join("Users/LOUIS.LOG").display().to_string();
    assert_eq!(
        summary(&sessions(&sandbox, &[&user_log])),
        expected,
        "the user's log given as a path"
    );
}

#[test]
fn a_session_has_the_same_state_whichever_log_selects_it() {
    // Ann's logoff never came; bob's console logon proves her session over.
    let sandbox = Sandbox::new();
    write_at(&sandbox, "logon", "ann", "PC1", "2026-11-24T08:00:00.000+01:00", &[]);
    write_at(&sandbox, "logon", "bob", "PC1", "2026-11-24T09:00:00.000+01:00", &[]);
    let ann = [end_row(
        "ann",
        "Unterminated",
        Some("2026-11-24T08:00:00.000+01:00"),
        Some("2026-11-24T09:00:00.000+01:00"),
        Some("ConsoleTakeover"),
    )];
    assert_eq!(ends(&sessions(&sandbox, &["--user", "ann"])), ann, "from the user");
    assert_eq!(
        ends(&sessions(&sandbox, &["--computer", "PC1", "--user", "ann"])),
        ann,
        "from the computer"
    );
    assert_eq!(ends(&sessions(&sandbox, &["--user", "a*"])), ann, "from a wildcard");
    let now: Vec<_> = sessions(&sandbox, &["--open"])
        .into_iter()
        .map(|s| s.user.unwrap_or_default())
        .collect();
    assert_eq!(now, ["bob"], "who is logged on now, from the whole store");
    assert_eq!(
        sessions(&sandbox, &["--open", "--user", "ann"]),
        [],
        "ann is not logged on, read from her log"
    );
}

#[test]
fn an_unterminated_session_ends_at_the_record_that_proved_it_over() {
    let sandbox = Sandbox::new();
    write_at(&sandbox, "logon", "ann", "PC1", "2026-11-24T08:00:00.000+01:00", &[]);
    write_at(&sandbox, "logon", "ann", "PC1", "2026-11-24T09:00:00.000+01:00", &[]);
    write_at(
        &sandbox,
        "shutdown",
        "SYSTEM",
        "PC1",
        "2026-11-24T18:00:00.000+01:00",
        &[],
    );
    write_at(&sandbox, "logon", "bob", "PC2", "2026-11-24T08:00:00.000+01:00", &[]);
    write_at(
        &sandbox,
        "startup",
        "SYSTEM",
        "PC2",
        "2026-11-25T07:30:00.000+01:00",
        &[],
    );
    assert_eq!(
        ends(&sessions(&sandbox, &[])),
        [
            end_row(
                "ann",
                "Unterminated",
                Some("2026-11-24T08:00:00.000+01:00"),
                Some("2026-11-24T09:00:00.000+01:00"),
                Some("NextLogon")
            ),
            end_row(
                "ann",
                "Unterminated",
                Some("2026-11-24T09:00:00.000+01:00"),
                Some("2026-11-24T18:00:00.000+01:00"),
                Some("Shutdown")
            ),
            end_row(
                "bob",
                "Unterminated",
                Some("2026-11-24T08:00:00.000+01:00"),
                Some("2026-11-25T07:30:00.000+01:00"),
                Some("Startup")
            ),
        ]
    );
}

#[test]
fn an_orphan_logoff_ends_at_its_logoff_and_has_no_start() {
    let sandbox = Sandbox::new();
    write_at(&sandbox, "logoff", "eve", "PC1", "2026-11-24T10:00:00.000+01:00", &[]);
    let found = sessions(&sandbox, &[]);
    assert_eq!(
        ends(&found),
        [end_row(
            "eve",
            "Orphan",
            None,
            Some("2026-11-24T10:00:00.000+01:00"),
            Some("Logoff")
        )]
    );
    assert_eq!(found[0].logoff.as_deref(), Some("2026-11-24T10:00:00.000+01:00"));
    assert_eq!(
        sessions(&sandbox, &["--until", "2026-11-24T09:00:00+01:00"]),
        [],
        "before its logoff it is not known"
    );
}

#[test]
fn a_time_window_keeps_only_the_sessions_that_overlap_it() {
    let sandbox = Sandbox::new();
    // A September session that a later console logon proved over.
    write_at(
        &sandbox,
        "logon",
        "ann",
        "A05-PC06",
        "2025-09-03T08:00:00.000+02:00",
        &[],
    );
    write_at(
        &sandbox,
        "logon",
        "bob",
        "A05-PC06",
        "2025-09-03T09:00:00.000+02:00",
        &[],
    );
    write_at(
        &sandbox,
        "logoff",
        "bob",
        "A05-PC06",
        "2025-09-03T09:50:00.000+02:00",
        &[],
    );
    write_at(
        &sandbox,
        "logoff",
        "eve",
        "A05-PC06",
        "2025-09-04T12:00:00.000+02:00",
        &[],
    );
    write_at(
        &sandbox,
        "logon",
        "zoe",
        "A05-PC06",
        "2025-10-09T10:00:00.000+02:00",
        &[],
    );
    write_at(
        &sandbox,
        "logoff",
        "zoe",
        "A05-PC06",
        "2025-10-09T11:00:00.000+02:00",
        &[],
    );
    write_at(
        &sandbox,
        "logon",
        "max",
        "A05-PC06",
        "2025-10-09T14:00:00.000+02:00",
        &[],
    );
    let window = [
        "--computer",
        "A05-PC06",
        "--since",
        "2025-10-09T00:00:00+02:00",
        "--until",
        "2025-10-10T00:00:00+02:00",
    ];
    assert_eq!(
        summary(&sessions(&sandbox, &window)),
        [row("zoe", "Closed", Some("01:00:00")), row("max", "Open", None)]
    );
    let september = [
        "--since",
        "2025-09-03T08:30:00+02:00",
        "--until",
        "2025-09-03T08:40:00+02:00",
    ];
    assert_eq!(
        summary(&sessions(&sandbox, &september)),
        [row("ann", "Unterminated", None)]
    );
}

#[test]
fn a_reconnect_from_another_thin_client_moves_the_session_there() {
    let sandbox = Sandbox::new();
    let rds = |event, time, client| {
        write_at(
            &sandbox,
            event,
            "ann",
            "RDS01",
            time,
            &["--client", client, "--session", "RDP-Tcp#5", "--session-id", "2"],
        );
    };
    rds("logon", "2026-11-24T08:00:00.000+01:00", "TC-01");
    rds("disconnect", "2026-11-24T09:00:00.000+01:00", "TC-01");
    rds("reconnect", "2026-11-24T09:10:00.000+01:00", "TC-02");
    rds("logoff", "2026-11-24T10:00:00.000+01:00", "TC-02");
    for client in ["TC-01", "TC-02"] {
        let found = sessions(&sandbox, &["--thin-client", client]);
        assert_eq!(
            summary(&found),
            [row("ann", "Closed", Some("02:00:00"))],
            "from {client}"
        );
        assert_eq!(
            (found[0].client.as_deref(), found[0].clients.as_deref()),
            (Some("TC-02"), Some("TC-01, TC-02"))
        );
    }
}

#[test]
fn a_log_without_session_ids_still_pairs_by_user() {
    let sandbox = Sandbox::new();
    let dir = sandbox.store().join("Computers");
    std::fs::create_dir_all(&dir).unwrap();
    let header = "##### KoXoLog session history #####\r\n#Software: KoXoLog 0.1.0\r\n#Version: 1\r\n#Branch: Computers\r\n#Name: PC1\r\n#Fields: tag time user domain computer client session ip mac logonserver os id\r\n";
    let line = |tag: &str, time: &str, user: &str| {
        format!("{tag}\t{time}\t{user}\tLYCEE\tPC1\t-\tConsole\t10.0.0.5\t-\tDC1\t-\t-\r\n")
    };
    let text = [
        header.to_owned(),
        line("[LOGON.]", "2026-11-24T08:00:00.000+01:00", "ann"),
        line("[LOGOFF]", "2026-11-24T09:00:00.000+01:00", "ann"),
    ]
    .concat();
    std::fs::write(dir.join("PC1.LOG"), text).unwrap();
    // A logon written after an upgrade, with its id, and its logoff.
    write_at(
        &sandbox,
        "logon",
        "ann",
        "PC1",
        "2026-11-24T10:00:00.000+01:00",
        &["--session-id", "1"],
    );
    write_at(
        &sandbox,
        "logoff",
        "ann",
        "PC1",
        "2026-11-24T10:30:00.000+01:00",
        &["--session-id", "1"],
    );
    assert_eq!(
        summary(&sessions(&sandbox, &[])),
        [
            row("ann", "Closed", Some("01:00:00")),
            row("ann", "Closed", Some("00:30:00"))
        ]
    );
}

#[test]
fn an_open_session_says_how_long_it_has_been_open() {
    let sandbox = Sandbox::new();
    let two_hours_ago = (chrono::Local::now() - chrono::Duration::hours(2)).to_rfc3339();
    write_at(&sandbox, "logon", "ann", "PC1", &two_hours_ago, &[]);
    let found = sessions(&sandbox, &["--open"]);
    let seconds = found[0].open_for_seconds.expect("OpenFor is set for an open session");
    assert!((7000.0..86_400.0).contains(&seconds), "open for {seconds} s");
    assert!(
        found[0].open_for.as_deref().is_some_and(|t| t.starts_with("02:")),
        "{:?}",
        found[0].open_for
    );
    assert_eq!((found[0].end.as_deref(), found[0].end_reason.as_deref()), (None, None));
}

#[test]
fn a_computer_named_by_a_users_log_without_its_own_log_is_reported() {
    let sandbox = Sandbox::new();
    write_at(&sandbox, "logon", "ann", "PC1", "2026-11-24T08:00:00.000+01:00", &[]);
    write_at(&sandbox, "logon", "ann", "PC2", "2026-11-24T09:00:00.000+01:00", &[]);
    std::fs::remove_file(sandbox.store().join("Computers/PC1.LOG")).unwrap();
    let run = sandbox.read("sessions", &["--user", "ann"]).expect_code(0);
    let warnings = run.with_code("no-computer-log");
    assert_eq!(warnings.len(), 1, "{:?}", run.diagnostics);
    assert!(
        warnings[0].message.contains("PC1.LOG") && warnings[0].level == "warning",
        "{:?}",
        warnings[0]
    );
    let found: Vec<Session> = run.objects();
    assert_eq!(summary(&found), [row("ann", "Open", None)]);
    assert_eq!(found[0].computer.as_deref(), Some("PC2"));
}

#[test]
fn a_copy_of_a_users_log_alone_is_paired_as_it_is() {
    let sandbox = Sandbox::new();
    write_at(&sandbox, "logon", "ann", "PC1", "2026-11-24T08:00:00.000+01:00", &[]);
    write_at(&sandbox, "logoff", "ann", "PC1", "2026-11-24T09:00:00.000+01:00", &[]);
    let copy = sandbox.dir.path().join("copy/Users");
    std::fs::create_dir_all(&copy).unwrap();
    std::fs::copy(sandbox.store().join("Users/ANN.LOG"), copy.join("ANN.LOG")).unwrap();
    let path = copy.join("ANN.LOG").display().to_string();
    let run = sandbox.read("sessions", &[&path]).expect_code(0);
    assert!(run.with_code("no-computer-log").is_empty(), "{:?}", run.diagnostics);
    assert_eq!(
        summary(&run.objects::<Session>()),
        [row("ann", "Closed", Some("01:00:00"))]
    );
}

#[test]
fn a_startup_belongs_to_no_session() {
    let sandbox = Sandbox::new();
    let written = write_at(
        &sandbox,
        "startup",
        "SYSTEM",
        "PC1",
        "2026-11-24T07:30:00.000+01:00",
        &["--session-id", "0"],
    );
    assert_eq!((written.user, written.session_id), (None, None));
}
