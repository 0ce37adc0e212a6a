//! What only the Windows build does, run as Windows programs (under Wine by
//! scripts/windows-test.sh): the session's context taken from the system and
//! not from environment variables a user can set, a store on a UNC share,
//! the spool in the machine's program data (the user's local application
//! data when asked), and `%PDC_SERVER%` on a
//! machine outside a domain.

#![cfg(windows)]

use crate::common;
use common::*;
use std::process::Command;

/// What a Windows tool prints, trimmed.
fn tool_output(program: &str) -> String {
    let output = Command::new(program)
        .output()
        .unwrap_or_else(|e| panic!("{program} runs: {e}"));
    assert!(
        output.status.success(),
        "{program}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

/// The UNC share the tests may write to, `\\SERVER\SHARE`.
fn unc_share() -> (String, String) {
    let unc = std::env::var("KOXOLOG_TEST_UNC_STORE").expect(
        "KOXOLOG_TEST_UNC_STORE must name a writable share (\\\\SERVER\\SHARE): run scripts/windows-test.sh, which maps one in its Wine prefix",
    );
    let (server, share) = unc
        .trim_start_matches('\\')
        .split_once('\\')
        .expect("KOXOLOG_TEST_UNC_STORE is \\\\SERVER\\SHARE");
    (server.to_owned(), share.to_owned())
}

fn written_by(args: &[&str], env: &[(&str, &str)], code: i32) -> (Written, Run) {
    let output = command(args)
        .envs(env.iter().copied())
        .output()
        .expect("the binary runs");
    let run = finish(output).expect_code(code);
    (run.objects::<Written>().pop().expect("write prints its record"), run)
}

#[test]
fn the_session_context_comes_from_the_system_not_from_the_environment() {
    let sandbox = Sandbox::new();
    let (store, spool) = (sandbox.store_arg(), sandbox.spool().display().to_string());
    let forged = [
        ("USERNAME", "forged-user"),
        ("USERDOMAIN", "FORGED-DOMAIN"),
        ("COMPUTERNAME", "FORGED-PC"),
        ("CLIENTNAME", "FORGED-TC"),
        ("SESSIONNAME", "Forged#1"),
        ("LOGONSERVER", r"\\FORGED-DC"),
    ];
    let (written, _) = written_by(
        &["write", "--event", "logon", "--store", &store, "--spool", &spool],
        &forged,
        0,
    );
    let gathered = [
        &written.user,
        &written.domain,
        &written.computer,
        &written.client,
        &written.session,
        &written.logon_server,
    ];
    for (name, value) in forged {
        let value = value.trim_start_matches('\\');
        assert!(
            !gathered.iter().any(|g| g.as_deref() == Some(value)),
            "{name} leaked into the record: {written:#?}"
        );
    }

    // The user and the computer the system's own tools name.
    let user = written.user.as_deref().expect("a user");
    let account = match &written.domain {
        Some(domain) => format!("{domain}\\{user}"),
        None => user.to_owned(),
    };
    assert_eq!(
        account.to_lowercase(),
        tool_output("whoami").to_lowercase(),
        "{written:#?}"
    );
    let host = tool_output("hostname");
    let computer = written.computer.as_deref().expect("a computer");
    let netbios: String = host.split('.').next().unwrap().chars().take(15).collect();
    assert!(
        computer.eq_ignore_ascii_case(&netbios),
        "computer {computer:?}, hostname {host:?}"
    );

    // A console session: no thin client, and the logs are the computer's and the user's.
    assert_eq!(written.client, None, "{written:#?}");
    assert!(!sandbox.store().join("ThinClients").exists());
    assert!(
        written.os.as_deref().is_some_and(|os| os.contains("Windows")),
        "{:?}",
        written.os
    );
    for mac in written.mac.iter().flat_map(|m| m.split(", ")) {
        let ok = mac.len() == 17
            && mac
                .split('-')
                .all(|b| b.len() == 2 && b.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_lowercase()));
        assert!(ok, "a MAC written as Windows does: {mac:?}");
    }
    for ip in written.ip.iter().flat_map(|i| i.split(", ")) {
        let ip: std::net::IpAddr = ip.parse().unwrap_or_else(|e| panic!("{ip:?}: {e}"));
        assert!(!ip.is_loopback(), "{ip}");
    }
    let records: Vec<Record> = sandbox.read("log", &["--user", user]).expect_code(0).objects();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].id.as_deref(), Some(written.id.as_str()));
}

#[test]
fn a_store_on_a_unc_share_is_built_from_server_and_share_and_written_to() {
    let (server, share) = unc_share();
    let sandbox = Sandbox::new();
    let spool = sandbox.spool().display().to_string();
    let computer = format!("UNC-{}", std::process::id());
    let write = [
        "write",
        "--event",
        "logon",
        "--user",
        "ann",
        "--computer",
        &computer,
        "--server",
        &server,
        "--share",
        &share,
    ];
    let (written, _) = written_by(&[&write[..], &["--spool", &spool, "--timeout", "10"]].concat(), &[], 0);
    let root = format!(r"\\{server}\{share}");
    let expected_logs = [
        format!(r"{root}\Computers\{computer}.LOG"),
        format!(r"{root}\Users\ANN.LOG"),
    ];
    assert_eq!(written.logs, expected_logs.join(", "));

    // Read back through the UNC path, given as --store.
    let records: Vec<Record> = run(&["log", "--store", &root, "--computer", &computer])
        .expect_code(0)
        .objects();
    assert_eq!(records.len(), 1, "{records:#?}");
    assert_eq!(records[0].id.as_deref(), Some(written.id.as_str()));
    assert_eq!(records[0].path, expected_logs[0]);
    let tree: Vec<TreeItem> = run(&["tree", "--store", &root]).expect_code(0).objects();
    assert!(
        tree.iter()
            .any(|t| t.path == expected_logs[0] && t.last_user.as_deref() == Some("ann")),
        "{tree:#?}"
    );
}

#[test]
fn the_spool_is_in_the_users_local_application_data_when_asked() {
    let sandbox = Sandbox::new();
    sandbox.break_store();
    let app_data = sandbox.dir.path().join("AppData").join("Local");
    let store = sandbox.store_arg();
    let args = [
        "write",
        "--event",
        "logon",
        "--user",
        "ann",
        "--computer",
        "PC1",
        "--store",
        &store,
        "--timeout",
        "2",
        "--per-user-spool",
    ];
    let (written, _) = written_by(&args, &[("LOCALAPPDATA", &app_data.display().to_string())], 4);
    let expected = app_data
        .join("KoXoLog")
        .join("spool")
        .join(format!("{}.spool", written.id));
    assert_eq!(
        written.spool_file.as_deref(),
        Some(expected.display().to_string().as_str())
    );
    assert!(expected.is_file(), "{} exists", expected.display());
}

#[test]
fn the_spool_is_in_the_machines_program_data_by_default() {
    let sandbox = Sandbox::new();
    sandbox.break_store();
    let app_data = sandbox.dir.path().join("AppData").join("Local");
    let program_data = sandbox.dir.path().join("ProgramData");
    let store = sandbox.store_arg();
    let args = [
        "write",
        "--event",
        "logon",
        "--user",
        "ann",
        "--computer",
        "PC1",
        "--store",
        &store,
        "--timeout",
        "2",
    ];
    let env = [
        ("LOCALAPPDATA", app_data.display().to_string()),
        ("ProgramData", program_data.display().to_string()),
    ];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (written, run) = written_by(&args, &env, 4);
    let machine = program_data
        .join("KoXoLog")
        .join("spool")
        .join(format!("{}.spool", written.id));
    let user = app_data
        .join("KoXoLog")
        .join("spool")
        .join(format!("{}.spool", written.id));
    let file = written.spool_file.clone().unwrap();
    // Where icacls cannot set the folder's rights, the user's folder, said so.
    let fell_back = !run.with_code("spool-per-user").is_empty();
    let expected = if fell_back { &user } else { &machine };
    assert_eq!(file, expected.display().to_string(), "{:#?}", run.diagnostics);
    assert!(expected.is_file(), "{} exists", expected.display());
}

#[test]
fn the_pdc_placeholder_outside_a_domain_spools_and_says_how_to_name_the_server() {
    let sandbox = Sandbox::new();
    let spool = sandbox.spool().display().to_string();
    let args = [
        "write",
        "--event",
        "logon",
        "--user",
        "ann",
        "--computer",
        "PC1",
        "--server",
        "%PDC_SERVER%",
        "--spool",
        &spool,
    ];
    let (written, run) = written_by(&args, &[], 4);
    assert!(written.spooled);
    let unreachable = run.with_code("store-unreachable");
    assert_eq!(unreachable.len(), 1, "{:#?}", run.diagnostics);
    let message = &unreachable[0].message;
    assert!(
        message.contains("DsGetDcNameW") && message.contains("--server NAME"),
        "{message}"
    );
}
