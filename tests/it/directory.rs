//! `koxolog directory` against a real OpenLDAP slapd (see `tests/it/slapd`):
//! each lookup kind, decoding, piped input, hostile names, bad credentials,
//! a server down or silent, StartTLS and LDAPS with a test CA, and the PDC
//! emulator behind `%PDC_SERVER%` (through the library).
//!
//! Not built for Windows: slapd is a Linux server, which a Windows test
//! program under Wine cannot start (scripts/windows-test.sh says so).

#![cfg(not(windows))]

use crate::common;
use crate::slapd;

use chrono::{DateTime, Utc};
use common::{Diagnostic, Run, Sandbox};
use koxolog::directory::connection::Directory as Connected;
use koxolog::directory::pdc;
use koxolog::directory::settings::Connection;
use serde::Deserialize;
use slapd::{BASE, PDC_HOST, READER_DN, READER_PASSWORD, Slapd, sample};
use std::process::Command;
use std::time::{Duration, Instant};

/// `KoXoLog.DirectoryEntry`, as the tests expect it: any other field fails.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct Entry {
    kind: String,
    name: String,
    sam_account_name: Option<String>,
    user_principal_name: Option<String>,
    dns_host_name: Option<String>,
    distinguished_name: String,
    #[serde(rename = "OU")]
    ou: Option<String>,
    display_name: Option<String>,
    description: Option<String>,
    mail: Option<String>,
    department: Option<String>,
    title: Option<String>,
    member_of: Option<String>,
    enabled: Option<bool>,
    locked_out: Option<bool>,
    user_account_control: Option<String>,
    last_logon: Option<String>,
    password_last_set: Option<String>,
    when_created: Option<String>,
    when_changed: Option<String>,
    operating_system: Option<String>,
    operating_system_version: Option<String>,
    managed_by: Option<String>,
    location: Option<String>,
    sid: Option<String>,
    guid: Option<String>,
    server: String,
}

/// What one run of `directory` gave: the exit code, the entries read back,
/// the diagnostics.
struct Outcome {
    code: i32,
    entries: Vec<Entry>,
    diagnostics: Vec<Diagnostic>,
}

impl std::fmt::Debug for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "exit code {}", self.code)?;
        writeln!(f, "entries: {:#?}", self.entries)?;
        write!(f, "diagnostics: {:#?}", self.diagnostics)
    }
}

impl From<Run> for Outcome {
    fn from(run: Run) -> Outcome {
        Outcome {
            code: run.code,
            entries: run.objects(),
            diagnostics: run.diagnostics,
        }
    }
}

impl Outcome {
    fn errors(&self) -> Vec<&Diagnostic> {
        self.diagnostics.iter().filter(|d| d.level == "error").collect()
    }

    fn entry(&self, name: &str) -> &Entry {
        self.entries
            .iter()
            .find(|e| e.name == name)
            .unwrap_or_else(|| panic!("no entry named {name}: {self:?}"))
    }

    fn names(&self) -> Vec<(String, String)> {
        self.entries.iter().map(|e| (e.kind.clone(), e.name.clone())).collect()
    }
}

/// The environment variables that would change what `directory` asks.
const LDAP_VARIABLES: [&str; 9] = [
    "KOXOLOG_LDAP_SERVER",
    "KOXOLOG_LDAP_START_TLS",
    "KOXOLOG_LDAP_BASE",
    "KOXOLOG_LDAP_BIND_DN",
    "KOXOLOG_LDAP_PASSWORD",
    "KOXOLOG_LDAP_CA_CERT",
    "KOXOLOG_LDAP_TIMEOUT",
    "LOGONSERVER",
    "USERDNSDOMAIN",
];

/// A `koxolog` command with a clean environment (see `common::command`),
/// LDAP settings included.
fn koxolog(args: &[&str]) -> Command {
    let mut command = common::command(args);
    for variable in LDAP_VARIABLES {
        command.env_remove(variable);
    }
    command
}

/// Runs `command` with `stdin` as its standard input.
fn run(mut command: Command, stdin: &str) -> Outcome {
    common::finish(common::output_with_stdin(&mut command, stdin.as_bytes())).into()
}

/// `koxolog directory ARGS` bound as the reader on `server`.
fn directory(server: &Slapd, args: &[&str]) -> Outcome {
    directory_with_input(server, args, "")
}

fn directory_with_input(server: &Slapd, args: &[&str], stdin: &str) -> Outcome {
    let mut command = koxolog(&["directory", "--server", &server.url(), "--bind-dn", READER_DN]);
    command.args(args).env("KOXOLOG_LDAP_PASSWORD", READER_PASSWORD);
    run(command, stdin)
}

fn instant(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap_or_else(|e| panic!("not an RFC 3339 time: {text}: {e}"))
        .to_utc()
}

fn time_of(field: &Option<String>) -> DateTime<Utc> {
    instant(field.as_deref().expect("a time"))
}

/// DNs as slapd writes them back: attribute names lowercased.
fn same_dn(actual: &str, expected: &str) -> bool {
    actual.eq_ignore_ascii_case(expected)
}

#[test]
fn a_user_is_found_with_its_directory_attributes_decoded() {
    let server = Slapd::start();
    let outcome = directory(&server, &["--user", "jdoe"]);
    assert_eq!(outcome.code, 0, "{outcome:#?}");
    assert_eq!(outcome.entries.len(), 1, "{outcome:#?}");
    let jdoe = outcome.entry("jdoe");
    assert_eq!(jdoe.kind, "User");
    assert!(same_dn(&jdoe.distinguished_name, sample::JDOE_DN), "{jdoe:#?}");
    assert!(
        same_dn(jdoe.ou.as_deref().unwrap(), "OU=Staff,DC=example,DC=test"),
        "{jdoe:#?}"
    );
    assert_eq!(jdoe.sam_account_name.as_deref(), Some("jdoe"));
    assert_eq!(jdoe.user_principal_name.as_deref(), Some("jdoe@example.test"));
    assert_eq!(jdoe.display_name.as_deref(), Some("John Doe"));
    assert_eq!(jdoe.description.as_deref(), Some("Physics teacher"));
    assert_eq!(jdoe.mail.as_deref(), Some("john.doe@example.test"));
    assert_eq!(jdoe.department.as_deref(), Some("Sciences"));
    assert_eq!(jdoe.title.as_deref(), Some("Teacher"));
    assert_eq!(jdoe.member_of.as_deref(), Some("Teachers, Staff"));
    assert_eq!(jdoe.enabled, Some(true));
    assert_eq!(jdoe.locked_out, Some(false));
    assert_eq!(
        jdoe.user_account_control.as_deref(),
        Some("NORMAL_ACCOUNT, DONT_EXPIRE_PASSWORD")
    );
    // The later of lastLogonTimestamp and lastLogon.
    assert_eq!(time_of(&jdoe.last_logon), instant(sample::JDOE_LAST_LOGON_TIMESTAMP));
    assert_eq!(
        time_of(&jdoe.password_last_set),
        instant(sample::JDOE_PASSWORD_LAST_SET)
    );
    assert_eq!(time_of(&jdoe.when_created), instant(sample::JDOE_WHEN_CREATED));
    assert_eq!(time_of(&jdoe.when_changed), instant("2026-11-24T07:01:03Z"));
    assert_eq!(jdoe.sid.as_deref(), Some(slapd::account_sid(sample::JDOE_RID).as_str()));
    assert_eq!(jdoe.guid.as_deref(), Some(sample::JDOE_GUID));
    assert_eq!(jdoe.operating_system, None);
    assert_eq!(jdoe.server, server.url());
    // A password sent over plain ldap:// is pointed out.
    let warnings: Vec<&str> = outcome.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(warnings, ["cleartext-bind"], "{outcome:#?}");
}

#[test]
fn a_user_is_found_by_user_principal_name_too() {
    let server = Slapd::start();
    let outcome = directory(&server, &["--user", "JDOE@example.test"]);
    assert_eq!(outcome.code, 0, "{outcome:#?}");
    assert_eq!(
        outcome.entry("JDOE@example.test").sam_account_name.as_deref(),
        Some("jdoe")
    );
}

#[test]
fn a_disabled_and_locked_out_account_says_so() {
    let server = Slapd::start();
    let outcome = directory(&server, &["--user", "asmith"]);
    assert_eq!(outcome.code, 0, "{outcome:#?}");
    let asmith = outcome.entry("asmith");
    assert_eq!(asmith.enabled, Some(false));
    assert_eq!(asmith.locked_out, Some(true));
    assert_eq!(
        asmith.user_account_control.as_deref(),
        Some("ACCOUNTDISABLE, NORMAL_ACCOUNT")
    );
    // pwdLastSet 0: must change at next logon, never set.
    assert_eq!(asmith.password_last_set, None);
    assert_eq!(asmith.last_logon, None);
    // The escaped comma of its CN does not split its DN.
    assert!(
        same_dn(asmith.ou.as_deref().unwrap(), "OU=Staff,DC=example,DC=test"),
        "{asmith:#?}"
    );
    assert_eq!(asmith.member_of.as_deref(), Some("Staff"));
}

#[test]
fn a_computer_shows_its_system_manager_and_location() {
    let server = Slapd::start();
    for name in ["PC-B12", "pc-b12$", "pc-b12.example.test"] {
        let outcome = directory(&server, &["--computer", name]);
        assert_eq!(outcome.code, 0, "{name}: {outcome:#?}");
        let pc = outcome.entry(name);
        assert_eq!(pc.kind, "Computer");
        assert!(same_dn(&pc.distinguished_name, sample::PC_DN), "{pc:#?}");
        assert!(
            same_dn(pc.ou.as_deref().unwrap(), "OU=Computers,OU=Lab,DC=example,DC=test"),
            "{pc:#?}"
        );
        assert_eq!(pc.sam_account_name.as_deref(), Some("PC-B12$"));
        assert_eq!(pc.dns_host_name.as_deref(), Some("pc-b12.example.test"));
        assert_eq!(pc.operating_system.as_deref(), Some("Windows 11 Pro"));
        assert_eq!(pc.operating_system_version.as_deref(), Some("10.0 (26100)"));
        assert!(same_dn(pc.managed_by.as_deref().unwrap(), sample::JDOE_DN), "{pc:#?}");
        assert_eq!(pc.location.as_deref(), Some("Building B, room 12"));
        assert_eq!(pc.description.as_deref(), Some("Physics lab, front desk"));
        assert_eq!(pc.user_account_control.as_deref(), Some("WORKSTATION_TRUST_ACCOUNT"));
        assert_eq!(pc.enabled, Some(true));
        assert_eq!(pc.locked_out, None);
        assert_eq!(time_of(&pc.last_logon), instant("2026-11-23T06:45:00Z"));
        assert_eq!(pc.sid.as_deref(), Some(slapd::account_sid(sample::PC_RID).as_str()));
        assert_eq!(pc.guid, None);
    }
}

#[test]
fn a_thin_client_is_looked_up_as_a_computer() {
    let server = Slapd::start();
    let outcome = directory(&server, &["--thin-client", "TC-01"]);
    assert_eq!(outcome.code, 0, "{outcome:#?}");
    let client = outcome.entry("TC-01");
    assert_eq!(client.kind, "ThinClient");
    assert!(same_dn(&client.distinguished_name, sample::TC_DN), "{client:#?}");
    assert_eq!(client.operating_system.as_deref(), Some("Windows 10 IoT Enterprise"));
    assert_eq!(client.location.as_deref(), Some("Library"));
}

#[test]
fn a_user_is_not_found_as_a_computer_nor_a_computer_as_a_user() {
    let server = Slapd::start();
    let outcome = directory(&server, &["--computer", "jdoe", "--user", "PC-B12$"]);
    assert_eq!(outcome.code, 1, "{outcome:#?}");
    assert!(outcome.entries.is_empty(), "{outcome:#?}");
    assert_eq!(outcome.errors().len(), 2, "{outcome:#?}");
}

#[test]
fn a_name_not_found_is_an_error_and_the_others_are_still_found() {
    let server = Slapd::start();
    let outcome = directory(&server, &["--user", "ghost", "--user", "jdoe", "--computer", "PC-B12"]);
    assert_eq!(outcome.code, 1, "{outcome:#?}");
    assert_eq!(
        outcome.names(),
        [("User".into(), "jdoe".into()), ("Computer".into(), "PC-B12".into())]
    );
    let errors = outcome.errors();
    assert_eq!(errors.len(), 1, "{outcome:#?}");
    assert_eq!(errors[0].code, "not-found");
    assert!(errors[0].message.contains("'ghost'"), "{:?}", errors[0]);
    assert!(errors[0].message.contains(&server.url()), "{:?}", errors[0]);
}

#[test]
fn hostile_names_find_nothing() {
    let server = Slapd::start();
    let hostile = ["*", "j*", "*)(objectClass=*", "jdoe)(|(sAMAccountName=*", "x\\2a"];
    let mut args = Vec::new();
    for name in hostile {
        args.extend(["--user", name]);
    }
    args.extend(["--computer", "*", "--thin-client", "*)(cn=*"]);
    let outcome = directory(&server, &args);
    assert_eq!(outcome.code, 1, "{outcome:#?}");
    assert!(
        outcome.entries.is_empty(),
        "a hostile name found entries: {:#?}",
        outcome.entries
    );
    let not_found: Vec<&str> = outcome
        .errors()
        .iter()
        .filter(|d| d.code == "not-found")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(not_found.len(), hostile.len() + 2, "{outcome:#?}");
}

#[test]
fn piped_logs_sessions_and_tree_items_look_each_name_up_once() {
    let server = Slapd::start();
    let sandbox = Sandbox::new();
    let at = |time: &str, client: Option<&str>| {
        let mut extra = vec!["--time", time];
        extra.extend(client.map(|client| ["--client", client]).iter().flatten());
        extra.into_iter().map(str::to_owned).collect::<Vec<_>>()
    };
    let write = |event: &str, user: &str, computer: &str, extra: Vec<String>| {
        let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
        sandbox.write(event, user, computer, &extra);
    };
    write(
        "logon",
        "jdoe",
        "PC-B12",
        at("2026-11-24T08:00:00+01:00", Some("TC-01")),
    );
    write(
        "logoff",
        "jdoe",
        "PC-B12",
        at("2026-11-24T09:00:00+01:00", Some("TC-01")),
    );
    write("logon", "asmith", "PC-B12", at("2026-11-24T10:00:00+01:00", None));
    write("logon", "ghost", "PC-GONE", at("2026-11-24T11:00:00+01:00", None));
    let json_of = |subcommand: &str| sandbox.read(subcommand, &[]).expect_code(0).stdout;
    let (log, sessions, tree) = (json_of("log"), json_of("sessions"), json_of("tree"));
    assert!(!log.is_empty() && !sessions.is_empty() && !tree.is_empty());
    let input = format!("{log}{sessions}{tree}this is not JSON\n");
    let outcome = directory_with_input(&server, &["--stdin"], &input);
    assert_eq!(outcome.code, 1, "{outcome:#?}");
    let mut found = outcome.names();
    found.sort();
    let expected: Vec<(String, String)> = [
        ("Computer", "PC-B12"),
        ("ThinClient", "TC-01"),
        ("User", "asmith"),
        ("User", "jdoe"),
    ]
    .iter()
    .map(|(k, n)| (k.to_string(), n.to_string()))
    .collect();
    assert_eq!(found, expected, "each name once: {outcome:#?}");
    let mut missing: Vec<&str> = outcome
        .errors()
        .iter()
        .filter(|d| d.code == "not-found")
        .map(|d| d.message.as_str())
        .collect();
    missing.sort();
    assert_eq!(missing.len(), 2, "ghost and PC-GONE, once each: {outcome:#?}");
    assert!(missing.iter().any(|m| m.contains("'ghost'")) && missing.iter().any(|m| m.contains("'PC-GONE'")));
    let errors = outcome.errors();
    let bad: Vec<&&Diagnostic> = errors.iter().filter(|d| d.code == "bad-input").collect();
    assert_eq!(bad.len(), 1, "{outcome:#?}");
    let lines = input.lines().count() as u64;
    assert_eq!(bad[0].line, Some(lines), "{:?}", bad[0]);
}

#[test]
fn names_from_flags_and_stdin_are_looked_up_together() {
    let server = Slapd::start();
    let input = "{\"Branch\":\"Users\",\"Name\":\"jdoe\"}\n{\"Branch\":\"Computers\",\"Name\":\"PC-B12\"}\n";
    let outcome = directory_with_input(&server, &["--user", "asmith", "--user", "JDOE", "--stdin"], input);
    assert_eq!(outcome.code, 0, "{outcome:#?}");
    assert_eq!(
        outcome.names(),
        [
            ("User".into(), "asmith".into()),
            ("User".into(), "JDOE".into()),
            ("Computer".into(), "PC-B12".into())
        ]
    );
}

#[test]
fn the_search_stays_under_the_base() {
    let server = Slapd::start();
    let outcome = directory(
        &server,
        &[
            "--base",
            "OU=Lab,DC=example,DC=test",
            "--user",
            "jdoe",
            "--computer",
            "PC-B12",
        ],
    );
    assert_eq!(outcome.code, 1, "{outcome:#?}");
    assert_eq!(outcome.names(), [("Computer".into(), "PC-B12".into())]);
    assert!(
        outcome.errors()[0].message.contains("OU=Lab,DC=example,DC=test"),
        "{outcome:#?}"
    );

    let outcome = directory(&server, &["--base", "OU=Nowhere,DC=example,DC=test", "--user", "jdoe"]);
    assert_eq!(outcome.code, 3, "{outcome:#?}");
    assert!(
        outcome.errors()[0].message.contains("OU=Nowhere,DC=example,DC=test"),
        "{outcome:#?}"
    );
}

#[test]
fn bad_credentials_are_fatal_and_name_the_server() {
    let server = Slapd::start();
    let mut command = koxolog(&[
        "directory",
        "--server",
        &server.url(),
        "--bind-dn",
        READER_DN,
        "--user",
        "jdoe",
    ]);
    command.env("KOXOLOG_LDAP_PASSWORD", "not the password");
    let outcome = run(command, "");
    assert_eq!(outcome.code, 3, "{outcome:#?}");
    assert!(outcome.entries.is_empty());
    let message = &outcome.errors()[0].message;
    assert!(
        message.contains(&server.url()) && message.contains("invalid credentials"),
        "{message}"
    );
    assert!(!message.contains("not the password"), "the password leaked: {message}");
}

#[test]
fn the_password_comes_from_the_variable_password_env_names() {
    let server = Slapd::start();
    let mut command = koxolog(&[
        "directory",
        "--server",
        &server.url(),
        "--bind-dn",
        READER_DN,
        "--user",
        "jdoe",
    ]);
    command
        .args(["--password-env", "MY_READER_SECRET"])
        .env("MY_READER_SECRET", READER_PASSWORD);
    let outcome = run(command, "");
    assert_eq!(outcome.code, 0, "{outcome:#?}");
    assert_eq!(outcome.entries.len(), 1);

    // Without it, and without a terminal to ask on: a fatal error that says
    // which variable to set.
    let command = koxolog(&[
        "directory",
        "--server",
        &server.url(),
        "--bind-dn",
        READER_DN,
        "--user",
        "jdoe",
    ]);
    let outcome = run(command, "");
    assert_eq!(outcome.code, 3, "{outcome:#?}");
    assert!(
        outcome.errors()[0].message.contains("KOXOLOG_LDAP_PASSWORD"),
        "{outcome:#?}"
    );
}

#[test]
fn the_connection_settings_come_from_the_environment_too() {
    let server = Slapd::start();
    let mut command = koxolog(&["directory", "--user", "jdoe"]);
    command
        .env("KOXOLOG_LDAP_SERVER", server.url())
        .env("KOXOLOG_LDAP_BIND_DN", READER_DN)
        .env("KOXOLOG_LDAP_PASSWORD", READER_PASSWORD);
    let outcome = run(command, "");
    assert_eq!(outcome.code, 0, "{outcome:#?}");
    assert_eq!(outcome.entry("jdoe").server, server.url());
}

#[test]
fn an_anonymous_search_refused_says_to_bind() {
    let server = Slapd::start();
    let outcome = run(koxolog(&["directory", "--server", &server.url(), "--user", "jdoe"]), "");
    assert_eq!(outcome.code, 3, "{outcome:#?}");
    let message = &outcome.errors()[0].message;
    assert!(
        message.contains("--bind-dn") && message.contains(&server.url()),
        "{message}"
    );
    assert!(message.contains("Kerberos"), "{message}");
}

#[test]
fn a_server_that_is_down_is_fatal_and_named() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
        listener.local_addr().expect("its address").port()
    };
    let url = format!("ldap://127.0.0.1:{port}");
    let mut command = koxolog(&["directory", "--server", &url, "--bind-dn", READER_DN, "--user", "jdoe"]);
    command.env("KOXOLOG_LDAP_PASSWORD", READER_PASSWORD);
    let outcome = run(command, "");
    assert_eq!(outcome.code, 3, "{outcome:#?}");
    let message = &outcome.errors()[0].message;
    assert!(
        message.contains(&url) && message.contains("refused the connection"),
        "{message}"
    );
}

#[test]
fn a_server_that_never_answers_times_out() {
    // Connections are accepted by the kernel, and never answered.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let url = format!("ldap://127.0.0.1:{}", silent.local_addr().expect("its address").port());
    let mut command = koxolog(&["directory", "--server", &url, "--bind-dn", READER_DN, "--user", "jdoe"]);
    command
        .args(["--timeout", "1"])
        .env("KOXOLOG_LDAP_PASSWORD", READER_PASSWORD);
    let started = Instant::now();
    let outcome = run(command, "");
    let took = started.elapsed();
    assert_eq!(outcome.code, 3, "{outcome:#?}");
    let message = &outcome.errors()[0].message;
    assert!(
        message.contains(&url) && message.contains("did not answer within 1 s"),
        "{message}"
    );
    assert!(took < Duration::from_secs(1 + 5), "took {took:?} with --timeout 1");
    drop(silent);
}

#[test]
fn start_tls_and_ldaps_work_with_the_test_ca() {
    let server = Slapd::start();
    let ca = server.ca_cert();
    let ca = ca.to_str().expect("a UTF-8 path");
    let outcome = directory(&server, &["--start-tls", "--ca-cert", ca, "--user", "jdoe"]);
    assert_eq!(outcome.code, 0, "StartTLS: {outcome:#?}\nslapd: {}", server.log());
    assert_eq!(outcome.entry("jdoe").sam_account_name.as_deref(), Some("jdoe"));
    assert!(outcome.diagnostics.is_empty(), "{outcome:#?}");

    let mut command = koxolog(&["directory", "--server", &server.ldaps_url(), "--bind-dn", READER_DN]);
    command
        .args(["--ca-cert", ca, "--computer", "PC-B12"])
        .env("KOXOLOG_LDAP_PASSWORD", READER_PASSWORD);
    let outcome = run(command, "");
    assert_eq!(outcome.code, 0, "LDAPS: {outcome:#?}\nslapd: {}", server.log());
    assert_eq!(outcome.entry("PC-B12").server, server.ldaps_url());
    assert!(outcome.diagnostics.is_empty(), "{outcome:#?}");
}

#[test]
fn a_certificate_from_an_unknown_authority_is_refused() {
    let server = Slapd::start();
    let outcome = directory(&server, &["--start-tls", "--user", "jdoe"]);
    assert_eq!(outcome.code, 3, "{outcome:#?}");
    let message = &outcome.errors()[0].message;
    assert!(
        message.contains(&server.url()) && message.contains("--ca-cert"),
        "{message}"
    );

    let mut command = koxolog(&[
        "directory",
        "--server",
        &server.ldaps_url(),
        "--bind-dn",
        READER_DN,
        "--user",
        "jdoe",
    ]);
    command.env("KOXOLOG_LDAP_PASSWORD", READER_PASSWORD);
    let outcome = run(command, "");
    assert_eq!(outcome.code, 3, "{outcome:#?}");
    assert!(outcome.errors()[0].message.contains("--ca-cert"), "{outcome:#?}");
}

/// The connection settings of the library, as the flags would give them.
fn settings(server: &Slapd, bind_dn: Option<&str>) -> Connection {
    Connection {
        server: Some(server.url()),
        start_tls: false,
        base: None,
        bind_dn: bind_dn.map(str::to_owned),
        password_env: "KOXOLOG_LDAP_PASSWORD".to_owned(),
        ca_cert: None,
        timeout: 10,
    }
}

// `--server %PDC_SERVER%` reaches a share on Windows only, where
// `context::pdc_server` falls back to this when no Windows call answers: it
// is tested here through the library.
#[test]
fn the_pdc_emulator_is_found_from_the_domain_object() {
    let server = Slapd::start();
    let mut directory = Connected::connect(&settings(&server, Some(READER_DN)), Some(READER_PASSWORD))
        .unwrap_or_else(|e| panic!("{e:#}"));
    let found = pdc::pdc_emulator(&mut directory).unwrap_or_else(|e| panic!("{e:#}"));
    assert_eq!(found, PDC_HOST);
}

#[test]
fn the_pdc_emulator_unreadable_says_why_and_where() {
    let server = Slapd::start();
    let mut directory = Connected::connect(&settings(&server, None), None).unwrap_or_else(|e| panic!("{e:#}"));
    let error = format!(
        "{:#}",
        pdc::pdc_emulator(&mut directory).expect_err("an anonymous bind cannot read it")
    );
    assert!(
        error.contains("PDC emulator") && error.contains(&server.url()) && error.contains("--bind-dn"),
        "{error}"
    );
}

#[test]
fn the_base_defaults_to_the_domain_of_the_root_dse() {
    let server = Slapd::start();
    let outcome = directory(&server, &["--user", "jdoe"]);
    let error_messages: Vec<&str> = outcome.errors().iter().map(|d| d.message.as_str()).collect();
    assert_eq!(outcome.code, 0, "{error_messages:?}");
    let outcome = directory(&server, &["--user", "ghost"]);
    assert!(outcome.errors()[0].message.contains(BASE), "{outcome:#?}");
}

#[test]
fn an_unusable_ca_cert_file_is_named() {
    let server = Slapd::start();
    let folder = tempfile::tempdir().expect("a folder");
    let missing = folder.path().join("missing.pem");
    let empty = folder.path().join("empty.pem");
    std::fs::write(&empty, "no certificate here\n").expect("a file");
    for file in [&missing, &empty] {
        let file = file.to_str().expect("a UTF-8 path");
        let outcome = directory(&server, &["--start-tls", "--ca-cert", file, "--user", "jdoe"]);
        assert_eq!(outcome.code, 3, "{outcome:#?}");
        let message = &outcome.errors()[0].message;
        assert!(message.contains("--ca-cert") && message.contains(file), "{message}");
    }
}

#[test]
fn without_server_the_logon_server_is_asked() {
    let server = Slapd::start();
    // A domain logon sets LOGONSERVER=\\DC1; here the test's server stands
    // in for it (its port in place of the usual 389).
    let mut command = koxolog(&["directory", "--bind-dn", READER_DN, "--user", "jdoe"]);
    command
        .env("LOGONSERVER", format!(r"\\127.0.0.1:{}", server.port))
        .env_remove("COMPUTERNAME")
        .env("KOXOLOG_LDAP_PASSWORD", READER_PASSWORD);
    let outcome = run(command, "");
    assert_eq!(outcome.code, 0, "{outcome:#?}");
    assert_eq!(outcome.entry("jdoe").server, server.url());
    let found = outcome
        .diagnostics
        .iter()
        .find(|d| d.code == "ldap-server")
        .expect("a verbose diagnostic");
    assert!(found.message.contains("LOGONSERVER"), "{found:?}");
}
