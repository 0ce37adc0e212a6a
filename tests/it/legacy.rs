//! Logs of the original KoXo scripts read better: user, domain, computer and
//! address in their fields, a user's log named by its lines, two-digit
//! years, ` - ` separators and `08h01` times, a warning naming a line of an
//! unknown layout; and a folder that is no store is an error, not an empty
//! answer.

use crate::common;
use common::*;

/// A store holding one log of the original scripts, in Windows-1252.
fn legacy_store(branch: &str, name: &str, lines: &str) -> Sandbox {
    let sandbox = Sandbox::new();
    let dir = sandbox.store().join(branch);
    std::fs::create_dir_all(&dir).unwrap();
    let text = format!(
        "##### KoXo LOG SESSIONS #####\r\nUtilisateur : {name}\r\n\r\nCréé le 01/09/2008\r\n\r\n-----\r\n{lines}"
    );
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable);
    std::fs::write(dir.join(format!("{name}.LOG")), &bytes).unwrap();
    sandbox
}

#[test]
fn a_legacy_user_log_gives_the_user_its_lines_name_and_the_computer_in_fields() {
    // The log's file name is made safe (upper-cased); its lines keep the name.
    let sandbox = legacy_store(
        "Users",
        "HELENE",
        "[LOGON.] 24/11/2008 08:01:02 LYCEE\\Hélène  PC-B12  10.0.0.5\r\n\
         [LOGOFF] 24/11/2008 09:55:40 LYCEE\\Hélène  PC-B12  10.0.0.5\r\n",
    );
    let log = sandbox.store().join("Users").join("HELENE.LOG").display().to_string();
    let run = sandbox.read("log", &[&log]).expect_code(0);
    assert!(run.diagnostics.is_empty(), "{:?}", run.diagnostics);
    let records: Vec<Record> = run.objects();
    assert_eq!(records.len(), 2);
    for record in &records {
        assert_eq!(record.user.as_deref(), Some("Hélène"), "the user its lines name");
        assert_eq!(record.domain.as_deref(), Some("LYCEE"));
        assert_eq!(record.computer.as_deref(), Some("PC-B12"));
        assert_eq!(record.ip.as_deref(), Some("10.0.0.5"));
        assert_eq!(record.raw.as_deref().map(|r| r.contains("Hélène  PC-B12")), Some(true));
    }
    // The filters see the fields: the user's and computer's names find its records.
    let by_computer: Vec<Record> = sandbox
        .read("log", &[&log, "--user", "hélène", "--computer", "pc-b12"])
        .expect_code(0)
        .objects();
    assert_eq!(by_computer.len(), 2);
}

#[test]
fn a_legacy_computer_log_pairs_into_sessions_of_the_users_its_lines_name() {
    let sandbox = legacy_store(
        "Computers",
        "PC1",
        "[LOGON.] 24/11/2008 08:01:02 jdoe PC1\r\n\
         [LOGON.] 24/11/2008 08:05:00 amartin PC1\r\n\
         [LOGOFF] 24/11/2008 09:01:02 jdoe PC1\r\n",
    );
    let sessions: Vec<Session> = sandbox.read("sessions", &["--since", "2008-11-24"]).objects();
    let shown: Vec<(Option<&str>, &str, Option<&str>)> = sessions
        .iter()
        .map(|s| (s.user.as_deref(), s.state.as_str(), s.duration.as_deref()))
        .collect();
    assert_eq!(
        shown,
        [
            (Some("jdoe"), "Closed", Some("01:00:00")),
            (Some("amartin"), "Open", None)
        ],
        "{sessions:#?}"
    );
}

#[test]
fn two_digit_years_dashes_and_hours_with_h_are_read() {
    let sandbox = legacy_store(
        "Computers",
        "PC1",
        "[LOGON.] 24/11/15 08:01 jdoe PC1\r\n\
         [LOGON.] 25/11/2015 - 08:02 - jdoe - PC1\r\n\
         [LOGOFF] 26/11/15 - 08h03 - jdoe - PC1\r\n\
         [LOGOFF] 27.11.15 17h05m09 jdoe PC1\r\n",
    );
    let run = sandbox.read("log", &[]).expect_code(0);
    assert!(run.diagnostics.is_empty(), "{:?}", run.diagnostics);
    let times: Vec<String> = run
        .objects::<Record>()
        .iter()
        .map(|r| r.time[..19].to_owned())
        .collect();
    assert_eq!(
        times,
        [
            "2015-11-24T08:01:00",
            "2015-11-25T08:02:00",
            "2015-11-26T08:03:00",
            "2015-11-27T17:05:09"
        ]
    );
    let users: Vec<Option<String>> = run.objects::<Record>().into_iter().map(|r| r.user).collect();
    assert!(users.iter().all(|u| u.as_deref() == Some("jdoe")), "{users:?}");
}

#[test]
fn a_line_of_an_unknown_layout_is_a_warning_naming_it() {
    let sandbox = legacy_store(
        "Computers",
        "PC1",
        "[LOGON.] 24/11/2008 08:01 jdoe PC1\r\n\
         [LOGOFF] le vingt-quatre novembre jdoe\r\n\
         [LOGOFF] 24/11/2008 09:01 jdoe PC1\r\n",
    );
    let run = sandbox.read("log", &[]).expect_code(0);
    assert_eq!(run.objects::<Record>().len(), 2, "the other lines are read");
    let warnings = run.with_code("bad-line");
    assert_eq!(warnings.len(), 1, "{:?}", run.diagnostics);
    let warning = warnings[0];
    assert_eq!((warning.level.as_str(), warning.line), ("warning", Some(8)));
    assert!(
        warning.path.as_deref().is_some_and(|p| p.ends_with("PC1.LOG")),
        "{warning:?}"
    );
    assert!(
        warning.message.contains("unknown layout")
            && warning.message.contains("[LOGOFF] le vingt-quatre novembre jdoe"),
        "{}",
        warning.message
    );
}

#[test]
fn a_folder_without_the_branches_is_an_error_naming_it_not_an_empty_answer() {
    let sandbox = Sandbox::new();
    std::fs::write(sandbox.store().join("notes.txt"), "not a store").unwrap();
    for sub in ["log", "sessions", "tree", "report"] {
        let run = sandbox.read(sub, &[]).expect_code(3);
        assert!(run.stdout.is_empty(), "{sub}: {}", run.stdout);
        let error = run.with_code("fatal");
        assert!(
            error.len() == 1
                && error[0].message.contains(&sandbox.store_arg())
                && error[0].message.contains("no Computers, ThinClients or Users folder")
                && error[0].message.contains("--store"),
            "{sub}: {:?}",
            run.diagnostics
        );
    }
    // Users alone: the whole store reads Computers, and says so.
    std::fs::create_dir(sandbox.store().join("Users")).unwrap();
    let run = sandbox.read("log", &[]).expect_code(3);
    assert!(
        run.with_code("fatal")
            .first()
            .is_some_and(|d| d.message.contains("no Computers folder")),
        "{:?}",
        run.diagnostics
    );
    assert_eq!(
        sandbox.read("tree", &[]).expect_code(0).stdout,
        "",
        "tree lists the branches there are"
    );
}
