//! The exit-code table (src/exit.rs, README): each code, as a caller sees it.

use crate::common;
use common::*;
use std::io::Read;
use std::process::Stdio;

#[test]
fn success_is_0() {
    let sandbox = Sandbox::new();
    sandbox.write("logon", "ann", "PC1", &[]);
    sandbox.read("log", &[]).expect_code(0);
}

#[test]
fn some_items_failing_is_1_and_the_rest_is_done() {
    let sandbox = Sandbox::new();
    sandbox.write("logon", "ann", "PC1", &[]);
    let good = sandbox.store().join("Computers/PC1.LOG").display().to_string();
    let missing = sandbox.store().join("Computers/GONE.LOG").display().to_string();
    let run = sandbox.read("log", &[&missing, &good]).expect_code(1);
    assert_eq!(run.objects::<Record>().len(), 1, "the readable log is still read");
    let errors = run.with_code("cannot-read");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].level, "error");
    assert_eq!(errors[0].path.as_deref(), Some(missing.as_str()));
}

#[test]
fn bad_arguments_are_2_with_a_diagnostic_naming_the_flag() {
    for args in [
        &["log", "--since", "someday"][..],
        &["write", "--event", "party"][..],
        &["tree", "--nonsense"][..],
    ] {
        let run = run(args).expect_code(2);
        assert!(run.stdout.is_empty());
        assert_eq!(run.diagnostics.len(), 1);
        let diagnostic = &run.diagnostics[0];
        assert_eq!(
            (diagnostic.level.as_str(), diagnostic.code.as_str()),
            ("error", "usage")
        );
        let named = args.iter().skip(1).any(|a| diagnostic.message.contains(a));
        assert!(named, "{args:?}: {}", diagnostic.message);
    }
}

#[test]
fn a_record_without_a_user_or_a_computer_is_refused_with_2_and_nothing_is_written() {
    let sandbox = Sandbox::new();
    for (user, computer, flag) in [
        ("alice", "", "--computer"),
        (" ", "", "--user"),
        ("\t", "PC1", "--user"),
        ("bob", " \u{7}", "--computer"),
    ] {
        let args = sandbox.write_args("logon", user, computer, &[]);
        let run = run(&args.iter().map(String::as_str).collect::<Vec<_>>()).expect_code(2);
        assert!(run.stdout.is_empty(), "{}", run.stdout);
        let usage = run.with_code("usage");
        assert_eq!(usage.len(), 1, "{:#?}", run.diagnostics);
        assert!(
            usage[0].message.contains(flag),
            "{user:?}/{computer:?}: the message names {flag}: {}",
            usage[0].message
        );
    }
    assert!(
        files_below(sandbox.dir.path()).is_empty(),
        "nothing written, nothing spooled: {:?}",
        files_below(sandbox.dir.path())
    );
}

#[test]
fn a_failure_of_the_whole_command_is_3() {
    let sandbox = Sandbox::new();
    let missing = sandbox.dir.path().join("no-store").display().to_string();
    for args in [
        &["tree", "--store", &missing][..],
        &["log", "--user", "nobody", "--store", &missing][..],
    ] {
        let run = common::run(args).expect_code(3);
        assert_eq!(run.diagnostics[0].code, "fatal", "{args:?}");
        assert!(
            run.diagnostics[0].message.contains("does not exist"),
            "{args:?}: {}",
            run.diagnostics[0].message
        );
    }
}

#[test]
fn a_spooled_record_is_4() {
    let sandbox = Sandbox::new();
    sandbox.break_store();
    let args = sandbox.write_args("logon", "ann", "PC1", &[]);
    run(&args.iter().map(String::as_str).collect::<Vec<_>>()).expect_code(4);
}

#[test]
fn a_consumer_that_stops_reading_ends_the_binary_quietly_with_success() {
    let sandbox = Sandbox::new();
    let store = sandbox.store_arg();
    run(&[
        "generate",
        "--store",
        &store,
        "--computers",
        "32",
        "--users",
        "64",
        "--days",
        "20",
    ])
    .expect_code(0);
    let mut child = command(&["log", "--store", &store])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 100];
    child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
    drop(child.stdout.take());
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "stderr: {stderr}");
    assert!(!stderr.contains("\"error\""), "{stderr}");
}
