//! write → log → sessions → tree through the real binary.

use crate::common;
use common::*;

#[test]
fn a_logon_and_a_logoff_read_back_as_records_and_as_a_closed_session() {
    let sandbox = Sandbox::new();
    let logon = sandbox.write("logon", "jdoe", "PC-B12", &["--time", "2026-11-24T08:01:02.345+01:00"]);
    let logoff = sandbox.write(
        "[LOGOFF]",
        "jdoe",
        "PC-B12",
        &["--time", "2026-11-24T09:55:40.012+01:00"],
    );
    assert_eq!((logon.event.as_str(), logon.tag.as_str()), ("Logon", "[LOGON.]"));
    assert_eq!(logoff.tag, "[LOGOFF]");
    assert!(!logon.spooled && logon.spool_file.is_none());
    assert_eq!(logon.id.len(), 26, "a ULID: {}", logon.id);

    // The computer's log and the user's log both hold both records.
    for args in [["--computer", "PC-B12"], ["--user", "JDOE"]] {
        let records: Vec<Record> = sandbox.read("log", &args).expect_code(0).objects();
        assert_eq!(records.len(), 2, "{args:?}: {records:#?}");
        let first = &records[0];
        assert_eq!(first.time, "2026-11-24T08:01:02.345+01:00");
        assert_eq!(first.user.as_deref(), Some("jdoe"));
        assert_eq!(first.domain.as_deref(), Some("LYCEE"));
        assert_eq!(first.computer.as_deref(), Some("PC-B12"));
        assert_eq!(first.client, None);
        assert_eq!(first.session.as_deref(), Some("Console"));
        assert_eq!(first.ip.as_deref(), Some("10.0.0.5"));
        assert_eq!(first.mac.as_deref(), Some("00-1A-2B-3C-4D-5E"));
        assert_eq!(first.logon_server.as_deref(), Some("DC1"));
        assert_eq!(first.os.as_deref(), Some("Windows 11 Pro"));
        assert_eq!(first.id.as_deref(), Some(logon.id.as_str()));
        assert_eq!(first.line, Some(7), "the first record follows the six-line header");
        assert_eq!(records[1].id.as_deref(), Some(logoff.id.as_str()));
    }

    let sessions: Vec<Session> = sandbox.read("sessions", &[]).expect_code(0).objects();
    assert_eq!(sessions.len(), 1, "{sessions:#?}");
    let session = &sessions[0];
    assert_eq!(session.state, "Closed");
    assert_eq!(session.logon.as_deref(), Some("2026-11-24T08:01:02.345+01:00"));
    assert_eq!(session.logoff.as_deref(), Some("2026-11-24T09:55:40.012+01:00"));
    assert_eq!(session.duration.as_deref(), Some("01:54:37"));
    assert_eq!(session.duration_seconds, Some(6877.667));
}

#[test]
fn a_remote_session_goes_to_the_thin_clients_log_too() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "logon",
        "ann",
        "RDS01",
        &["--client", "TC-07", "--session", "RDP-Tcp#3"],
    );
    let tree: Vec<TreeItem> = sandbox.read("tree", &[]).expect_code(0).objects();
    let names: Vec<(String, String)> = tree.iter().map(|t| (t.branch.clone(), t.name.clone())).collect();
    assert_eq!(
        names,
        [("Computers", "RDS01"), ("ThinClients", "TC-07"), ("Users", "ANN")].map(|(b, n)| (b.to_owned(), n.to_owned()))
    );
    for item in &tree {
        assert_eq!(item.last_event.as_deref(), Some("Logon"));
        assert_eq!(item.last_client.as_deref(), Some("TC-07"));
        assert_eq!(item.last_user.as_deref(), Some("ann"));
        assert!(item.length > 0 && item.last_write_time.is_some());
    }
    let records: Vec<Record> = sandbox
        .read("log", &["--thin-client", "tc-07"])
        .expect_code(0)
        .objects();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].session.as_deref(), Some("RDP-Tcp#3"));
}

#[test]
fn a_console_client_name_is_not_a_thin_client() {
    let sandbox = Sandbox::new();
    let written = sandbox.write("logon", "ann", "PC1", &["--client", "Console"]);
    assert_eq!(written.client, None);
    assert!(!sandbox.store().join("ThinClients").exists());
}

#[test]
fn filters_are_applied_in_the_binary() {
    let sandbox = Sandbox::new();
    for (event, user, computer, time, ip) in [
        ("logon", "ann", "PC1", "2026-11-23T08:00:00.000+01:00", "10.0.0.1"),
        ("logoff", "ann", "PC1", "2026-11-23T09:00:00.000+01:00", "10.0.0.1"),
        (
            "logon",
            "bob",
            "PC2",
            "2026-11-24T08:00:00.000+01:00",
            "10.0.0.2, 10.0.1.2",
        ),
        (
            "logoff",
            "bob",
            "PC2",
            "2026-11-24T09:00:00.000+01:00",
            "10.0.0.2, 10.0.1.2",
        ),
    ] {
        sandbox.write(event, user, computer, &["--time", time, "--ip", ip]);
    }
    let count = |args: &[&str]| sandbox.read("log", args).expect_code(0).objects::<Record>().len();
    assert_eq!(
        count(&[]),
        4,
        "the whole store, through the Computers branch, holds each event once"
    );
    assert_eq!(count(&["--since", "2026-11-24"]), 2);
    assert_eq!(count(&["--until", "2026-11-23T08:30:00+01:00"]), 1);
    assert_eq!(count(&["--event", "logoff"]), 2);
    assert_eq!(count(&["--event", "logon,logoff", "--user", "b*"]), 2);
    assert_eq!(count(&["--ip", "10.0.1.2"]), 2, "any one of the addresses matches");
    assert_eq!(count(&["--ip", "10.0.1"]), 0, "an address matches whole");
    assert_eq!(count(&["--computer", "pc?"]), 4);
    let last: Vec<Record> = sandbox.read("log", &["--last", "1"]).expect_code(0).objects();
    assert_eq!(
        last.iter().map(|r| r.event.as_str()).collect::<Vec<_>>(),
        ["Logoff", "Logoff"],
        "the last record of each log"
    );
    assert_eq!(last[0].line, None, "a record read from the end has no line number");
}

#[test]
fn every_log_starts_with_exactly_one_six_line_header() {
    let sandbox = Sandbox::new();
    for _ in 0..3 {
        sandbox.write("logon", "ann", "PC1", &[]);
    }
    let text = sandbox.log_text("Computers", "PC1");
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert!(lines[0].starts_with("#####"), "{text}");
    assert_eq!(
        lines[5],
        "#Fields: tag time user domain computer client session ip mac logonserver os id sessionid clientip"
    );
    assert_eq!(lines.iter().filter(|l| l.starts_with("#####")).count(), 1);
    assert_eq!(lines.iter().filter(|l| l.starts_with("[LOGON.]\t")).count(), 3);
}

#[cfg(unix)]
#[test]
fn without_user_variables_the_user_is_the_account_the_system_names() {
    let sandbox = Sandbox::new();
    let id = std::process::Command::new("id").arg("-un").output().expect("id runs");
    let account = String::from_utf8(id.stdout).unwrap().trim().to_owned();
    let store = sandbox.store_arg();
    let spool = sandbox.spool().display().to_string();
    let output = command(&[
        "write",
        "--event",
        "logon",
        "--computer",
        "PC1",
        "--store",
        &store,
        "--spool",
        &spool,
    ])
    .env_remove("USER")
    .env_remove("USERNAME")
    .env_remove("LOGNAME")
    .output()
    .unwrap();
    let run = finish(output).expect_code(0);
    let written: Written = run.objects().pop().unwrap();
    assert_eq!(written.user.as_deref(), Some(account.as_str()), "as `id -un` says");
}

#[test]
fn a_remote_sessions_client_address_is_recorded_beside_the_servers() {
    let sandbox = Sandbox::new();
    let written = sandbox.write(
        "logon",
        "ann",
        "RDS01",
        &[
            "--client",
            "TC-07",
            "--session",
            "RDP-Tcp#3",
            "--client-ip",
            "192.168.10.27",
        ],
    );
    assert_eq!(written.client_ip.as_deref(), Some("192.168.10.27"));
    assert_eq!(
        written.ip.as_deref(),
        Some("10.0.0.5"),
        "the server's own address stays"
    );
    let header = sandbox.log_text("ThinClients", "TC-07");
    assert!(
        header.contains(
            "#Fields: tag time user domain computer client session ip mac logonserver os id sessionid clientip\r\n"
        ),
        "{header}"
    );
    for branch in ["Computers/RDS01.LOG", "Users/ANN.LOG", "ThinClients/TC-07.LOG"] {
        let path = sandbox.store().join(branch).display().to_string();
        let records: Vec<Record> = sandbox.read("log", &[&path]).expect_code(0).objects();
        assert_eq!(records.len(), 1, "{branch}");
        assert_eq!(records[0].client_ip.as_deref(), Some("192.168.10.27"), "{branch}");
        assert_eq!(records[0].ip.as_deref(), Some("10.0.0.5"), "{branch}");
    }
    // Read backward from the end too.
    let last: Vec<Record> = sandbox.read("log", &["--last", "1"]).expect_code(0).objects();
    assert_eq!(last[0].client_ip.as_deref(), Some("192.168.10.27"));

    let console = sandbox.write("logon", "bob", "PC1", &[]);
    assert_eq!(console.client_ip, None, "a console session has no client address");
    let records: Vec<Record> = sandbox.read("log", &["--computer", "PC1"]).expect_code(0).objects();
    assert_eq!(records[0].client_ip, None);
}

#[test]
fn a_log_written_before_the_client_address_reads_it_back_from_newer_writers() {
    let sandbox = Sandbox::new();
    let header = "##### KoXoLog session history #####\r\n#Software: KoXoLog 0.1.0\r\n#Version: 1\r\n#Branch: Computers\r\n#Name: RDS01\r\n#Fields: tag time user domain computer client session ip mac logonserver os id sessionid\r\n";
    let line = "[LOGON.]\t2026-11-24T08:00:00.000+01:00\tann\tLYCEE\tRDS01\tTC-07\tRDP-Tcp#3\t10.0.0.5\t-\tDC1\tWindows\t01KAVB0000000000000000000A\t3\r\n";
    std::fs::create_dir_all(sandbox.store().join("Computers")).unwrap();
    std::fs::write(sandbox.store().join("Computers/RDS01.LOG"), format!("{header}{line}")).unwrap();
    // This version appends its own columns; the log's header does not name
    // the last one, read back as this version's next field.
    sandbox.write(
        "logoff",
        "ann",
        "RDS01",
        &["--client", "TC-07", "--client-ip", "192.168.10.27"],
    );
    let records: Vec<Record> = sandbox.read("log", &["--computer", "RDS01"]).expect_code(0).objects();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0].session_id.as_deref(), Some("3"));
    assert_eq!(records[0].client_ip, None);
    assert_eq!(records[1].event, "Logoff");
    assert_eq!(
        records[1].client_ip.as_deref(),
        Some("192.168.10.27"),
        "the log's #Fields: names this version's first columns: the next one is clientip"
    );
    let path = sandbox.store().join("ThinClients/TC-07.LOG").display().to_string();
    let thin: Vec<Record> = sandbox.read("log", &[&path]).expect_code(0).objects();
    assert_eq!(
        thin[0].client_ip.as_deref(),
        Some("192.168.10.27"),
        "a new log names it"
    );
}
