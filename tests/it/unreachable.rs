//! A store that cannot be reached never holds a logon up for long, and
//! never loses a record: it waits in the local spool and the next write
//! delivers it first, with its original time, exactly once.

use crate::common;
use common::*;
use std::time::{Duration, Instant};

fn write_run(sandbox: &Sandbox, user: &str, extra: &[&str]) -> (Run, Duration) {
    let args = sandbox.write_args("logon", user, "PC1", extra);
    let started = Instant::now();
    let run = run(&args.iter().map(String::as_str).collect::<Vec<_>>());
    (run, started.elapsed())
}

fn spool_files(sandbox: &Sandbox) -> Vec<String> {
    if sandbox.spool().exists() {
        files_below(&sandbox.spool())
    } else {
        Vec::new()
    }
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
    assert_eq!(
        ids,
        [written.id.as_str(), later.id.as_str()],
        "spooled record first, exactly once"
    );
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
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let (run, took) = write_run(&sandbox, "ann", &["--timeout", "1"]);
    assert!(took < Duration::from_secs(3), "write took {took:?} with --timeout 1");
    let written: Written = run.expect_code(4).objects().pop().unwrap();
    assert!(written.spooled);

    std::fs::remove_file(&fifo).unwrap();
    let later = sandbox.write("logoff", "ann", "PC1", &[]);
    assert_eq!(later.delivered, 1);
    for flag in ["--computer", "--user"] {
        let records: Vec<Record> = sandbox
            .read("log", &[flag, if flag == "--user" { "ann" } else { "PC1" }])
            .expect_code(0)
            .objects();
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
    let user_log = std::fs::OpenOptions::new()
        .read(true)
        .append(true)
        .open(sandbox.store().join("Users/ANN.LOG"))
        .unwrap();
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
        let count = records
            .iter()
            .filter(|r| r.id.as_deref() == Some(written.id.as_str()))
            .count();
        assert_eq!(
            count, 1,
            "{flag}: the spooled record is there exactly once: {records:#?}"
        );
        assert_eq!(records.len(), 3, "{flag}");
    }
}

fn ids_of(sandbox: &Sandbox, flag: &str, name: &str) -> Vec<String> {
    let records: Vec<Record> = sandbox.read("log", &[flag, name]).expect_code(0).objects();
    records.into_iter().filter_map(|r| r.id).collect()
}

/// The store comes back (after [`Sandbox::break_store`]).
fn mend_store(sandbox: &Sandbox) {
    std::fs::remove_file(sandbox.store()).unwrap();
    std::fs::create_dir(sandbox.store()).unwrap();
}

fn spooled(sandbox: &Sandbox, user: &str, computer: &str) -> Written {
    let args = sandbox.write_args("logon", user, computer, &[]);
    let written: Written = run(&args.iter().map(String::as_str).collect::<Vec<_>>())
        .expect_code(4)
        .objects()
        .pop()
        .unwrap();
    assert!(written.spooled);
    written
}

#[test]
fn a_record_its_log_refuses_is_set_aside_and_the_others_are_delivered() {
    let sandbox = Sandbox::new();
    sandbox.break_store();
    let refused = spooled(&sandbox, "bob", "BAD");
    let kept = spooled(&sandbox, "ann", "PC1");
    mend_store(&sandbox);
    // A folder where BAD's log should be: that record can never be written.
    std::fs::create_dir_all(sandbox.store().join("Computers/BAD.LOG")).unwrap();

    let args = sandbox.write_args("logoff", "ann", "PC1", &[]);
    let run = run(&args.iter().map(String::as_str).collect::<Vec<_>>()).expect_code(0);
    let later: Written = run.objects().pop().unwrap();
    assert_eq!(
        later.delivered, 1,
        "the record after the refused one is delivered: {:#?}",
        run.diagnostics
    );
    assert_eq!(ids_of(&sandbox, "--user", "ann"), [kept.id.as_str(), later.id.as_str()]);
    let warnings = run.with_code("spool-refused");
    assert_eq!(warnings.len(), 1, "{:#?}", run.diagnostics);
    let aside = format!("{}.refused", refused.id);
    assert!(
        warnings[0].path.as_deref().is_some_and(|p| p.ends_with(&aside)),
        "{:?}",
        warnings[0]
    );
    assert!(
        warnings[0].message.contains("BAD.LOG"),
        "the warning names the log: {}",
        warnings[0].message
    );
    assert_eq!(
        spool_files(&sandbox),
        [aside],
        "the refused record is kept aside, nothing else waits"
    );

    // And it never blocks a later delivery either.
    std::fs::rename(sandbox.store(), sandbox.dir.path().join("mended")).unwrap();
    std::fs::write(sandbox.store(), "a file where the store should be").unwrap();
    let next = spooled(&sandbox, "ann", "PC1");
    std::fs::remove_file(sandbox.store()).unwrap();
    std::fs::rename(sandbox.dir.path().join("mended"), sandbox.store()).unwrap();
    let last = sandbox.write("logoff", "ann", "PC1", &[]);
    assert_eq!(last.delivered, 1);
    let ids = ids_of(&sandbox, "--user", "ann");
    assert_eq!(ids[2..], [next.id.as_str(), last.id.as_str()], "{ids:?}");
}

#[test]
fn a_spooled_record_is_delivered_only_to_its_own_store() {
    let sandbox = Sandbox::new();
    sandbox.break_store();
    let first = spooled(&sandbox, "ann", "PC1");
    let other = sandbox.dir.path().join("other");
    std::fs::create_dir(&other).unwrap();
    let mut args = sandbox.write_args("logon", "ann", "PC1", &[]);
    let at = args.iter().position(|a| a == "--store").unwrap();
    args[at + 1] = other.display().to_string();
    let elsewhere: Written = run(&args.iter().map(String::as_str).collect::<Vec<_>>())
        .expect_code(0)
        .objects()
        .pop()
        .unwrap();
    assert_eq!(
        elsewhere.delivered, 0,
        "a write to another store leaves the record waiting"
    );
    let records: Vec<Record> = run(&["log", "--store", other.to_str().unwrap()])
        .expect_code(0)
        .objects();
    let ids: Vec<&str> = records.iter().filter_map(|r| r.id.as_deref()).collect();
    assert_eq!(
        ids,
        [elsewhere.id.as_str()],
        "the other store holds only its own record"
    );

    mend_store(&sandbox);
    let later = sandbox.write("logoff", "ann", "PC1", &[]);
    assert_eq!(later.delivered, 1);
    assert_eq!(
        ids_of(&sandbox, "--computer", "PC1"),
        [first.id.as_str(), later.id.as_str()]
    );
    assert!(spool_files(&sandbox).is_empty());
}

#[test]
fn a_delivery_killed_after_writing_a_log_does_not_write_the_record_twice() {
    let sandbox = Sandbox::new();
    sandbox.break_store();
    let first = spooled(&sandbox, "ann", "PC1");
    mend_store(&sandbox);
    // What a delivery killed (kill -9) right after appending the record to
    // the computer's log leaves: the record in the log, and a spool file
    // saying it was being sent there, not that it was done (the spool
    // format is in src/spool.rs).
    let spool_file = first.spool_file.clone().unwrap();
    let spooled_text = std::fs::read_to_string(&spool_file).unwrap();
    let line = spooled_text.lines().nth(1).unwrap();
    std::fs::create_dir(sandbox.store().join("Computers")).unwrap();
    let header = "##### KoXoLog session history #####\r\n#Software: KoXoLog 0.1.0\r\n#Version: 1\r\n#Branch: Computers\r\n#Name: PC1\r\n#Fields: tag time user domain computer client session ip mac logonserver os id\r\n";
    std::fs::write(sandbox.store().join("Computers/PC1.LOG"), format!("{header}{line}\r\n")).unwrap();
    let mut file = std::fs::OpenOptions::new().append(true).open(&spool_file).unwrap();
    std::io::Write::write_all(&mut file, b"sending\tComputers\tPC1\n").unwrap();
    drop(file);

    let later = sandbox.write("logoff", "ann", "PC1", &[]);
    assert_eq!(later.delivered, 1);
    assert_eq!(
        ids_of(&sandbox, "--computer", "PC1"),
        [first.id.as_str(), later.id.as_str()],
        "once in the computer's log"
    );
    assert_eq!(
        ids_of(&sandbox, "--user", "ann"),
        [first.id.as_str(), later.id.as_str()],
        "and delivered to the user's log"
    );
}

#[cfg(unix)]
#[test]
fn readers_on_a_store_that_hangs_give_up_with_3_and_say_what_to_do() {
    let sandbox = Sandbox::new();
    let computers = sandbox.store().join("Computers");
    std::fs::create_dir_all(&computers).unwrap();
    // Opening a FIFO for reading blocks until a writer comes: a log on a
    // mount that stopped answering.
    let fifo = computers.join("PC1.LOG");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let fifo = fifo.display().to_string();
    for args in [
        &["log", &fifo, "--timeout", "1"][..],
        &["sessions", &fifo, "--timeout", "1"],
        &["export-rtf", &fifo, "--timeout", "1"],
    ] {
        let mut child = command(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Not a timing check: a guard, so that a reader that hangs fails
        // this test instead of holding the suite for ever.
        let guard = Instant::now() + Duration::from_secs(120);
        while child.try_wait().unwrap().is_none() && Instant::now() < guard {
            std::thread::sleep(Duration::from_millis(50));
        }
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            panic!("{args:?} still hung after two minutes");
        }
        let run = finish(child.wait_with_output().unwrap()).expect_code(3);
        let fatal = run.with_code("fatal");
        assert_eq!(fatal.len(), 1, "{:#?}", run.diagnostics);
        assert!(
            fatal[0].message.contains(&fifo) && fatal[0].message.contains("--timeout"),
            "{args:?}: {}",
            fatal[0].message
        );
    }
}

/// `write` on this sandbox's store without `--spool`, the user's state
/// folder (the per-user spool's parent) in the sandbox.
#[cfg(unix)]
fn write_default_spool(sandbox: &Sandbox, event: &str, extra: &[&str], code: i32) -> (Written, Run) {
    let store = sandbox.store_arg();
    let mut args = vec![
        "write",
        "--event",
        event,
        "--user",
        "ann",
        "--computer",
        "PC1",
        "--store",
        &store,
        "--timeout",
        "5",
    ];
    args.extend_from_slice(extra);
    let output = command(&args)
        .env("XDG_STATE_HOME", sandbox.dir.path().join("state"))
        .output()
        .unwrap();
    let run = finish(output).expect_code(code);
    (run.objects::<Written>().pop().unwrap(), run)
}

#[cfg(unix)]
#[test]
fn the_spool_is_per_machine_by_default_and_per_user_when_asked() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::new();
    sandbox.break_store();
    let user_spool = sandbox.dir.path().join("state/koxolog/spool");

    let (mine, _) = write_default_spool(&sandbox, "logon", &["--per-user-spool"], 4);
    assert_eq!(
        mine.spool_file,
        Some(user_spool.join(format!("{}.spool", mine.id)).display().to_string())
    );

    let (shared, run) = write_default_spool(&sandbox, "logoff", &[], 4);
    let machine = std::path::Path::new("/var/spool/koxolog");
    let in_machine = machine.join(format!("{}.spool", shared.id));
    let file = std::path::PathBuf::from(shared.spool_file.clone().unwrap());
    if file == in_machine {
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode(machine), 0o1777, "anyone may add a file, no one remove another's");
        assert_eq!(mode(&file), 0o600, "a record is its writer's alone");
        assert!(run.with_code("spool-per-user").is_empty());
    } else {
        // Where this machine's folder cannot be made (not an administrator).
        assert_eq!(file, user_spool.join(format!("{}.spool", shared.id)));
        let said = run.with_code("spool-per-user");
        assert_eq!(said.len(), 1, "{:#?}", run.diagnostics);
        assert!(said[0].message.contains("/var/spool/koxolog"), "{}", said[0].message);
    }

    // Both folders are delivered from, oldest first.
    mend_store(&sandbox);
    let (later, _) = write_default_spool(&sandbox, "logon", &[], 0);
    assert_eq!(later.delivered, 2);
    assert!(!file.exists() && !user_spool.join(format!("{}.spool", mine.id)).exists());
    assert_eq!(
        ids_of(&sandbox, "--user", "ann"),
        [mine.id.as_str(), shared.id.as_str(), later.id.as_str()]
    );
}
