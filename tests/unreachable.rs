//! A store that cannot be reached never holds a logon up for long, and
//! never loses a record: it waits in the local spool and the next write
//! delivers it first, with its original time, exactly once.

mod common;
use common::*;
use std::time::{Duration, Instant};

fn write_run(sandbox: &Sandbox, user: &str, extra: &[&str]) -> (Run, Duration) {
    let args = sandbox.write_args("logon", user, "PC1", extra);
    let started = Instant::now();
    let run = run(&args.iter().map(String::as_str).collect::<Vec<_>>());
    (run, started.elapsed())
}

fn spool_files(sandbox: &Sandbox) -> Vec<String> {
    if sandbox.spool().exists() { files_below(&sandbox.spool()) } else { Vec::new() }
}

#[test]
fn a_store_that_fails_at_once_spools_the_record_and_says_so() {
    let sandbox = Sandbox::new();
    sandbox.break_store();
    let (run, _) = write_run(&sandbox, "ann", &[]);
    let run = run.expect_code(4);
    let written: Written = run.objects().pop().unwrap();
    assert!(written.spooled);
    assert_eq!(run.with_code("store-unreachable").len(), 1, "{:?}", run.diagnostics);
    assert_eq!(spool_files(&sandbox), [format!("{}.spool", written.id)]);

    // The store comes back: the next write delivers the spooled record first.
    std::fs::remove_file(sandbox.store()).unwrap();
    std::fs::create_dir(sandbox.store()).unwrap();
    let later = sandbox.write("logoff", "ann", "PC1", &[]);
    assert_eq!(later.delivered, 1);
    assert!(spool_files(&sandbox).is_empty(), "the spool is empty once delivered");
    let records: Vec<Record> = sandbox.read("log", &["--user", "ann"]).expect_code(0).objects();
    let ids: Vec<&str> = records.iter().map(|r| r.id.as_deref().unwrap()).collect();
    assert_eq!(ids, [written.id.as_str(), later.id.as_str()], "spooled record first, exactly once");
    assert_eq!(records[0].time, written.time, "delivered with its original time");
}

#[cfg(unix)]
#[test]
fn a_store_that_hangs_gives_up_within_the_timeout() {
    let sandbox = Sandbox::new();
    let computers = sandbox.store().join("Computers");
    std::fs::create_dir_all(&computers).unwrap();
    // Opening a FIFO for writing blocks until a reader comes: a share that
    // stopped answering.
    let fifo = computers.join("PC1.LOG");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
    assert!(made.success());
    let (run, took) = write_run(&sandbox, "ann", &["--timeout", "1"]);
    assert!(took < Duration::from_secs(3), "write took {took:?} with --timeout 1");
    let written: Written = run.expect_code(4).objects().pop().unwrap();
    assert!(written.spooled);

    std::fs::remove_file(&fifo).unwrap();
    let later = sandbox.write("logoff", "ann", "PC1", &[]);
    assert_eq!(later.delivered, 1);
    for flag in ["--computer", "--user"] {
        let records: Vec<Record> = sandbox.read("log", &[flag, if flag == "--user" { "ann" } else { "PC1" }]).expect_code(0).objects();
        let ids: Vec<&str> = records.iter().map(|r| r.id.as_deref().unwrap()).collect();
        assert_eq!(ids, [written.id.as_str(), later.id.as_str()], "{flag}");
    }
}

#[test]
fn a_record_half_delivered_is_finished_later_without_duplicates() {
    let sandbox = Sandbox::new();
    sandbox.write("logon", "ann", "PC1", &[]);
    // Another writer holds the user's log locked: the computer's log gets the
    // record, the user's log cannot before the deadline. (Read access too:
    // Windows refuses a lock on a handle that may only append.)
    let user_log = std::fs::OpenOptions::new().read(true).append(true).open(sandbox.store().join("Users/ANN.LOG")).unwrap();
    user_log.lock().unwrap();
    let (run, took) = write_run(&sandbox, "ann", &["--timeout", "1"]);
    assert!(took < Duration::from_secs(3), "{took:?}");
    let written: Written = run.expect_code(4).objects().pop().unwrap();
    // Closing the log releases the lock. (Not unlock(): under Wine 8 the
    // second UnlockFile that std's unlock() makes fails.)
    drop(user_log);

    let later = sandbox.write("logoff", "ann", "PC1", &[]);
    assert_eq!(later.delivered, 1);
    for flag in ["--computer", "--user"] {
        let value = if flag == "--user" { "ann" } else { "PC1" };
        let records: Vec<Record> = sandbox.read("log", &[flag, value]).expect_code(0).objects();
        let count = records.iter().filter(|r| r.id.as_deref() == Some(written.id.as_str())).count();
        assert_eq!(count, 1, "{flag}: the spooled record is there exactly once: {records:#?}");
        assert_eq!(records.len(), 3, "{flag}");
    }
}
