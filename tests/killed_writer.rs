//! Writers killed at any moment of their work leave logs whose every
//! complete record parses, and the records written after them still start
//! on their own line.

mod common;
use common::*;
use std::time::Duration;

#[test]
fn writers_killed_midway_leave_readable_logs() {
    let sandbox = Sandbox::new();
    sandbox.write("logon", "ann", "PC1", &[]);
    let mut survivors = 1;
    for round in 0..60u64 {
        let args = sandbox.write_args("logon", "ann", "PC1", &["--session", &format!("round-{round}")]);
        let mut child = command(&args.iter().map(String::as_str).collect::<Vec<_>>())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawns");
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
        assert!(records.len() > survivors, "{flag:?}: {} records, {survivors} writers finished", records.len());
        let final_record = records.last().unwrap();
        assert_eq!(final_record.id.as_deref(), Some(last.id.as_str()), "{flag:?}: the last write starts its own line");
    }
    // Killed writers leave nothing half-made in the spool either.
    if sandbox.spool().exists() {
        for file in files_below(&sandbox.spool()) {
            assert!(file.ends_with(".spool") || file.ends_with(".partial"), "{file}");
        }
    }
}
