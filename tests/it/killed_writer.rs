//! Writers killed at any moment of their work leave logs whose every
//! complete record parses, and the records written after them still start
//! on their own line.

use crate::common;
use common::*;
use std::time::Duration;

#[test]
fn writers_killed_midway_leave_readable_logs() {
    let sandbox = Sandbox::new();
    sandbox.write("logon", "ann", "PC1", &[]);
    let mut survivors = 1;
    for round in 0..60u64 {
        let args = sandbox.write_args("logon", "ann", "PC1", &["--session", &format!("round-{round}")]);
        let mut child = spawn_writer(&args);
        // A spread of moments: before, during and after the append.
        std::thread::sleep(Duration::from_micros((round * 7919) % 9000));
        let _ = child.kill();
        if child.wait().expect("waits").success() {
            survivors += 1;
        }
    }
    let last = sandbox.write("logoff", "ann", "PC1", &[]);
    for flag in [["--computer", "PC1"], ["--user", "ann"]] {
        let run = sandbox.read("log", &flag).expect_code(0);
        let bad: Vec<_> = run.diagnostics.iter().filter(|d| d.level != "progress").collect();
        assert!(bad.is_empty(), "{flag:?}: {bad:?}");
        let records: Vec<Record> = run.objects();
        assert!(
            records.len() > survivors,
            "{flag:?}: {} records, {survivors} writers finished",
            records.len()
        );
        let final_record = records.last().unwrap();
        assert_eq!(
            final_record.id.as_deref(),
            Some(last.id.as_str()),
            "{flag:?}: the last write starts its own line"
        );
    }
    // Killed writers leave nothing half-made in the spool either.
    if sandbox.spool().exists() {
        for file in files_below(&sandbox.spool()) {
            assert!(file.ends_with(".spool") || file.ends_with(".partial"), "{file}");
        }
    }
}

/// Starts a writer. Under Wine, a start right after a killed process can be
/// refused once with "Internal error" (ERROR_INTERNAL_ERROR, 1359) while the
/// Wine server tidies up: that start is tried again, a few times at most.
fn spawn_writer(args: &[String]) -> std::process::Child {
    let mut tries = 0;
    loop {
        let started = command(&args.iter().map(String::as_str).collect::<Vec<_>>())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
        match started {
            Ok(child) => return child,
            Err(error) if cfg!(windows) && error.raw_os_error() == Some(1359) && tries < 5 => {
                tries += 1;
                std::thread::sleep(Duration::from_millis(200));
            }
            Err(error) => panic!("the writer does not start: {error}"),
        }
    }
}

/// A temporary file left by a run stopped `hours` ago.
fn leftover(dir: &std::path::Path, name: &str, hours: u64) -> std::path::PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, b"half a file").unwrap();
    let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    file.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(hours * 3600))
        .unwrap();
    path
}

#[test]
fn leftovers_of_runs_stopped_midway_are_removed_by_the_next_run_once_a_day_old() {
    let sandbox = Sandbox::new();
    sandbox.write("logon", "ann", "PC1", &[]);
    let store = sandbox.store_arg();
    let out = sandbox.dir.path().join("out");
    let rtf = out.join("ann.rtf").display().to_string();
    let write = sandbox.write_args("logoff", "ann", "PC1", &[]);
    let runs: [(std::path::PathBuf, &str, Vec<&str>); 3] = [
        (
            sandbox.store().join("BACKUP"),
            ".store-20261125-073000.123Z.zip.",
            vec!["compress", "--store", &store],
        ),
        (
            out.clone(),
            ".koxolog-rtf-",
            vec!["export-rtf", "--store", &store, "--user", "ann", "--output", &rtf],
        ),
        (
            sandbox.spool(),
            ".01KAVQ6W2S7R1D9YH8M3X5N4PT.",
            write.iter().map(String::as_str).collect(),
        ),
    ];
    for (dir, prefix, args) in runs {
        let stale = leftover(&dir, &format!("{prefix}AAAAAA.partial"), 30);
        let fresh = leftover(&dir, &format!("{prefix}BBBBBB.partial"), 1);
        let other = leftover(&dir, "notes.partial", 30);
        #[cfg(unix)]
        let (held, _lock) = {
            // A run still writing it holds it locked.
            let held = leftover(&dir, &format!("{prefix}CCCCCC.partial"), 30);
            let file = std::fs::File::open(&held).unwrap();
            file.lock().unwrap();
            (held, file)
        };
        let run = run(&args).expect_code(0);
        assert!(!stale.exists(), "{}: {} is still there", args[0], stale.display());
        assert!(
            fresh.exists() && other.exists(),
            "{}: a recent one, or another program's, is left",
            args[0]
        );
        #[cfg(unix)]
        assert!(held.exists(), "{}: one held by a run is left", args[0]);
        let said = run.with_code("stale-partial");
        assert_eq!(said.len(), 1, "{}: {:#?}", args[0], run.diagnostics);
        assert_eq!(said[0].path.as_deref(), Some(stale.display().to_string().as_str()));
    }
}
