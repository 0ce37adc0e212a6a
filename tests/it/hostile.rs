//! Names and values from users and remote clients are hostile: nothing may
//! be created outside the store's branch folders, and no forged record may
//! be read back.

use crate::common;
use common::*;

#[test]
fn hostile_names_stay_inside_their_branch_folder() {
    let sandbox = Sandbox::new();
    let long = "n".repeat(300);
    let names = [
        "..\\..\\x",
        "../x",
        "CON",
        "nul.txt",
        "a/b",
        "a:b",
        long.as_str(),
        "tab\there",
        "bell\u{7}",
        "..",
        "com1",
    ];
    for name in names {
        sandbox.write("logon", name, name, &["--client", name]);
    }
    // Nothing outside the store; only logs directly inside the three branches.
    let outside = files_below(sandbox.dir.path());
    for file in &outside {
        assert!(file.starts_with("store"), "created outside the store: {file}");
        let inside = std::path::Path::new(file).strip_prefix("store").unwrap();
        let parts: Vec<_> = inside.components().collect();
        assert_eq!(parts.len(), 2, "not directly in a branch folder: {file}");
        let branch = parts[0].as_os_str().to_str().unwrap();
        assert!(["Computers", "Users", "ThinClients"].contains(&branch), "{file}");
        let stem = parts[1]
            .as_os_str()
            .to_str()
            .unwrap()
            .strip_suffix(".LOG")
            .expect("a .LOG file");
        assert!(
            !stem.contains(['/', '\\', ':', '\t', '\u{7}']) && !stem.ends_with('.'),
            "unsafe file name {stem:?}"
        );
        let device = stem.split('.').next().unwrap();
        assert!(
            !["CON", "NUL", "COM1"].contains(&device),
            "a Windows device name: {stem}"
        );
        assert!(stem.chars().count() <= 100, "{stem}");
    }
    // Each hostile name reads back as it was given (made safe as a value).
    let records: Vec<Record> = sandbox.read("log", &[]).expect_code(0).objects();
    let users: Vec<String> = records.iter().map(|r| r.user.clone().unwrap()).collect();
    for name in [
        "..\\..\\x",
        "../x",
        "CON",
        "nul.txt",
        "a/b",
        "a:b",
        "tab here",
        "bell",
        "com1",
    ] {
        assert!(users.iter().any(|u| u == name), "{name} missing from {users:?}");
    }
    assert!(
        users.iter().any(|u| u.chars().count() == 256),
        "a long value is cut at 256 characters"
    );
    // Reading a user's log filters on the real name: a/b and a_b share a file.
    let a_b: Vec<Record> = sandbox.read("log", &["--user", "a/b"]).expect_code(0).objects();
    assert_eq!(a_b.len(), 1);
    assert_eq!(a_b[0].user.as_deref(), Some("a/b"));
}

#[test]
fn a_client_name_holding_a_forged_record_cannot_forge_one() {
    let sandbox = Sandbox::new();
    let forged = "TC01\t[LOGON.]\t2020-01-01T00:00:00.000+01:00\tadmin\tEVIL\tDC-ROOT\r\n[LOGOFF]\t2020-01-01T00:00:01.000+01:00\tadmin";
    let written = sandbox.write(
        "logon",
        "jdoe",
        "RDS01",
        &["--client", forged, "--session", "RDP\r\nTcp#1"],
    );
    assert!(!written.client.as_deref().unwrap().contains(['\t', '\r', '\n']));

    for branch in ["Computers/RDS01.LOG", "Users/JDOE.LOG"] {
        let text = std::fs::read_to_string(sandbox.store().join(branch)).unwrap();
        let records: Vec<&str> = text.lines().filter(|l| l.starts_with('[')).collect();
        assert_eq!(records.len(), 1, "{branch} holds one record line: {text}");
        assert_eq!(
            records[0].split('\t').count(),
            14,
            "{branch}: the value broke the columns: {}",
            records[0]
        );
    }
    let records: Vec<Record> = sandbox.read("log", &[]).expect_code(0).objects();
    assert_eq!(records.len(), 1, "{records:#?}");
    assert_eq!(records[0].user.as_deref(), Some("jdoe"));
    assert_eq!(records[0].session.as_deref(), Some("RDP  Tcp#1"));
    assert!(
        records[0]
            .client
            .as_deref()
            .unwrap()
            .starts_with("TC01 [LOGON.] 2020-01-01")
    );
    let thin: Vec<TreeItem> = sandbox
        .read("tree", &["--branch", "thin-clients"])
        .expect_code(0)
        .objects();
    assert_eq!(thin.len(), 1);
    assert!(!thin[0].name.contains(['\t', '\r', '\n', ':']), "{}", thin[0].name);
}

#[test]
fn names_too_long_for_a_file_system_are_written_and_found() {
    let sandbox = Sandbox::new();
    let euro = "€".repeat(100);
    let iota = "\u{390}".repeat(100);
    let li = "李".repeat(90);
    let near_euro = format!("{}x", "€".repeat(99));
    for name in [&euro, &iota, &li, &near_euro] {
        let written = sandbox.write("logon", "ann", name, &[]);
        assert!(!written.spooled, "{name}: {written:?}");
        let records: Vec<Record> = sandbox.read("log", &["--computer", name]).expect_code(0).objects();
        assert_eq!(records.len(), 1, "{name}: {records:#?}");
        assert_eq!(records[0].computer.as_deref(), Some(name.as_str()));
    }
    let logs = files_below(&sandbox.store().join("Computers"));
    assert_eq!(logs.len(), 4, "names alike at the start keep their own logs: {logs:?}");
    for log in &logs {
        assert!(log.len() <= 255, "{log}: {} bytes", log.len());
    }
}

#[test]
fn what_write_stored_log_finds_by_the_same_name() {
    let sandbox = Sandbox::new();
    let long = "u".repeat(300);
    for name in ["a\tb", "PC ", long.as_str(), " spaced\u{7f}out "] {
        let written = sandbox.write("logon", name, name, &["--client", name]);
        for flag in ["--user", "--computer", "--thin-client"] {
            let records: Vec<Record> = sandbox.read("log", &[flag, name]).expect_code(0).objects();
            let ids: Vec<&str> = records.iter().filter_map(|r| r.id.as_deref()).collect();
            assert_eq!(ids, [written.id.as_str()], "log {flag} {name:?}");
        }
    }
}

#[test]
fn bidirectional_controls_are_spaces_in_values_and_file_names() {
    let sandbox = Sandbox::new();
    let spoof = "TC\u{202E}10.6.6.6\u{2066}x\u{200F}";
    let written = sandbox.write("logon", spoof, spoof, &["--client", spoof, "--os", spoof]);
    assert_eq!(written.client.as_deref(), Some("TC 10.6.6.6 x"));
    let records: Vec<Record> = sandbox.read("log", &[]).expect_code(0).objects();
    assert_eq!(records[0].client.as_deref(), Some("TC 10.6.6.6 x"));
    assert_eq!(records[0].os.as_deref(), Some("TC 10.6.6.6 x"));
    for file in files_below(&sandbox.store()) {
        assert!(
            !file.contains(['\u{202E}', '\u{2066}', '\u{200F}']),
            "a bidi control in the file name {file:?}"
        );
    }
}

#[test]
fn a_client_address_holding_a_forged_record_cannot_forge_one() {
    let sandbox = Sandbox::new();
    let forged = "10.1.2.3\t\r\n[LOGOFF]\t2020-01-01T00:00:01.000+01:00\tadmin\u{202E}";
    let written = sandbox.write("logon", "jdoe", "RDS01", &["--client", "TC01", "--client-ip", forged]);
    let kept = written.client_ip.expect("the value is kept, made safe");
    assert!(!kept.contains(['\t', '\r', '\n', '\u{202E}']), "{kept:?}");
    assert!(kept.starts_with("10.1.2.3"), "{kept:?}");
    for branch in ["Computers/RDS01.LOG", "Users/JDOE.LOG", "ThinClients/TC01.LOG"] {
        let text = std::fs::read_to_string(sandbox.store().join(branch)).unwrap();
        let records: Vec<&str> = text.lines().filter(|l| l.starts_with('[')).collect();
        assert_eq!(records.len(), 1, "{branch} holds one record line: {text}");
        assert_eq!(records[0].split('\t').count(), 14, "{branch}: {}", records[0]);
    }
    let records: Vec<Record> = sandbox.read("log", &[]).expect_code(0).objects();
    assert_eq!(records.len(), 1, "{records:#?}");
    assert_eq!(records[0].event, "Logon");
    assert_eq!(records[0].client_ip.as_deref(), Some(kept.as_str()));
}

#[test]
fn values_read_from_a_log_not_of_our_writing_are_made_safe_again() {
    let sandbox = Sandbox::new();
    let header = "##### KoXoLog session history #####\r\n#Software: KoXoLog 0.1.0\r\n#Version: 1\r\n#Branch: Computers\r\n#Name: PC1\r\n#Fields: tag time user domain computer client session ip mac logonserver os id\r\n";
    // As an older version (or another tool) may have written it.
    let line = "[LOGON.]\t2026-11-24T08:00:00.000+01:00\tann\u{202E}\tLYCEE\tPC1\tTC\u{2066}01\tConsole\u{7}\t10.0.0.5\t-\tDC1\t Windows \tA1\r\n";
    std::fs::create_dir_all(sandbox.store().join("Computers")).unwrap();
    std::fs::write(sandbox.store().join("Computers/PC1.LOG"), format!("{header}{line}")).unwrap();
    for args in [&[][..], &["--last", "1"]] {
        let records: Vec<Record> = sandbox.read("log", args).expect_code(0).objects();
        assert_eq!(records.len(), 1);
        let r = &records[0];
        let values = [&r.user, &r.client, &r.session, &r.os];
        assert_eq!(
            values,
            [
                &Some("ann".to_owned()),
                &Some("TC 01".to_owned()),
                &Some("Console".to_owned()),
                &Some("Windows".to_owned())
            ],
            "{args:?}"
        );
    }
    let tree: Vec<TreeItem> = sandbox.read("tree", &[]).expect_code(0).objects();
    assert_eq!(tree[0].last_client.as_deref(), Some("TC 01"));
    assert_eq!(tree[0].last_user.as_deref(), Some("ann"));
}

#[test]
fn a_value_of_a_lone_dash_is_no_value_as_the_log_reads_it() {
    let sandbox = Sandbox::new();
    // A log writes an empty value as `-`: a user of `-` would read back as
    // no user, so it is refused as an empty one is.
    let args = sandbox.write_args("logon", " - ", "PC1", &[]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let refused = run(&args).expect_code(2);
    assert!(
        refused
            .diagnostics
            .iter()
            .any(|d| d.message.contains("--user") && d.message.contains("`-`")),
        "{:#?}",
        refused.diagnostics
    );
    // A client of `-` is no client: no thin client's log.
    let written = sandbox.write("logon", "jdoe", "PC1", &["--client", "-"]);
    assert_eq!(written.client, None);
    assert!(!sandbox.store().join("ThinClients").join("-.LOG").exists());
    let records: Vec<Record> = sandbox.read("log", &["--user", "jdoe"]).expect_code(0).objects();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].client, None);
}
