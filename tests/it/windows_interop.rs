//! Records written by the Windows build read back identically by the Linux
//! build, and the other way round: the same record is the same bytes.
//!
//! Needs the Windows build and Wine, so it is ignored by a plain
//! `cargo test`; scripts/windows-test.sh runs it with `--ignored`, naming
//! them in `KOXOLOG_WINDOWS_EXE` and `KOXOLOG_WINE`.

#![cfg(not(windows))]

use crate::common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const NEEDS_WINDOWS: &str = "needs the Windows build under Wine: run scripts/windows-test.sh";

/// The Windows build, run under Wine.
struct WindowsBuild {
    wine: PathBuf,
    exe: PathBuf,
}

impl WindowsBuild {
    fn from_env() -> WindowsBuild {
        let var = |name: &str| {
            std::env::var_os(name)
                .map(PathBuf::from)
                .unwrap_or_else(|| panic!("{name} is not set: {NEEDS_WINDOWS}"))
        };
        let build = WindowsBuild {
            wine: var("KOXOLOG_WINE"),
            exe: var("KOXOLOG_WINDOWS_EXE"),
        };
        assert!(
            build.exe.is_file(),
            "{} is missing: {NEEDS_WINDOWS}",
            build.exe.display()
        );
        build
    }

    fn run(&self, args: &[String]) -> Run {
        let output = Command::new(&self.wine)
            .arg(&self.exe)
            .args(args)
            .env_remove("KOXOLOG_STORE")
            .env_remove("KOXOLOG_SPOOL")
            .env_remove("CLIENTNAME")
            .stdin(Stdio::null())
            .output()
            .expect("wine runs");
        finish(output)
    }
}

/// A Linux path as the Windows build sees it: Wine's drive Z: is `/`.
fn on_drive_z(path: &Path) -> String {
    format!("Z:{}", path.display()).replace('/', "\\")
}

fn linux_run(args: &[String]) -> Run {
    run(&args.iter().map(String::as_str).collect::<Vec<_>>())
}

/// `write` with every value given, as both builds are asked.
fn write_args(event: &str, time: &str, store: String, spool: String) -> Vec<String> {
    let values = [
        "--event",
        event,
        "--time",
        time,
        "--user",
        "hélène",
        "--domain",
        "LYCEE",
        "--computer",
        "PC-B12",
        "--client",
        "TC-07",
        "--session",
        "RDP-Tcp#3",
        "--session-id",
        "3",
        "--ip",
        "10.0.0.5, 10.0.1.5",
        "--mac",
        "00-1A-2B-3C-4D-5E",
        "--logon-server",
        "DC1",
        "--os",
        "Windows 11 Pro 24H2",
    ];
    let mut args: Vec<String> = ["write"].iter().chain(values.iter()).map(|s| s.to_string()).collect();
    args.extend(["--store".to_owned(), store, "--spool".to_owned(), spool]);
    args
}

/// A record without the path it was read from, which each build writes its own way.
fn without_path(records: Vec<Record>) -> Vec<Record> {
    records
        .into_iter()
        .map(|r| Record {
            path: String::new(),
            ..r
        })
        .collect()
}

fn read_both(windows: &WindowsBuild, store: &Path, args: &[&str]) -> (Run, Run) {
    let mut linux: Vec<String> = vec![args[0].to_owned(), "--store".to_owned(), store.display().to_string()];
    let mut on_windows: Vec<String> = vec![args[0].to_owned(), "--store".to_owned(), on_drive_z(store)];
    for arg in &args[1..] {
        linux.push(arg.to_string());
        on_windows.push(arg.to_string());
    }
    (
        linux_run(&linux).expect_code(0),
        windows.run(&on_windows).expect_code(0),
    )
}

#[test]
#[ignore = "needs the Windows build under Wine: run scripts/windows-test.sh"]
fn the_same_record_is_the_same_bytes_and_reads_back_the_same_from_either_build() {
    let windows = WindowsBuild::from_env();
    let sandbox = Sandbox::new();
    let linux_store = sandbox.dir.path().join("linux");
    let windows_store = sandbox.dir.path().join("windows");
    let spool = sandbox.spool();
    for store in [&linux_store, &windows_store] {
        std::fs::create_dir(store).unwrap();
    }

    let mut ids = Vec::new();
    for (event, time) in [
        ("logon", "2026-11-24T08:01:02.345+01:00"),
        ("logoff", "2026-11-24T09:55:40.012+01:00"),
    ] {
        let by_linux = linux_run(&write_args(
            event,
            time,
            linux_store.display().to_string(),
            spool.display().to_string(),
        ));
        let by_windows = windows.run(&write_args(event, time, on_drive_z(&windows_store), on_drive_z(&spool)));
        let by_linux: Written = by_linux.expect_code(0).objects().pop().unwrap();
        let by_windows: Written = by_windows.expect_code(0).objects().pop().unwrap();
        let comparable = |w: &Written| Written {
            id: String::new(),
            logs: String::new(),
            ..w.clone()
        };
        assert_eq!(
            comparable(&by_windows),
            comparable(&by_linux),
            "both builds report the same record"
        );
        ids.push((by_linux.id, by_windows.id));
    }

    // The same logs, byte for byte, once each build's own ids are matched.
    let files = files_below(&linux_store);
    assert_eq!(files, files_below(&windows_store), "the same logs, by the same names");
    assert_eq!(files.len(), 3, "{files:?}");
    for file in &files {
        let mut by_linux = std::fs::read(linux_store.join(file)).unwrap();
        let by_windows = std::fs::read(windows_store.join(file)).unwrap();
        for (linux_id, windows_id) in &ids {
            let at = by_linux
                .windows(linux_id.len())
                .position(|w| w == linux_id.as_bytes())
                .expect("the id is in the log");
            by_linux.splice(at..at + linux_id.len(), windows_id.bytes());
        }
        assert_eq!(
            String::from_utf8_lossy(&by_windows),
            String::from_utf8_lossy(&by_linux),
            "{file}: the Windows build's bytes, then the Linux build's"
        );
        assert_eq!(by_windows, by_linux, "{file}");
    }

    // Each store read by both builds: the same records and sessions.
    for store in [&linux_store, &windows_store] {
        for args in [
            &["log"][..],
            &["log", "--user", "HÉLÈNE"][..],
            &["log", "--thin-client", "tc-07"][..],
        ] {
            let (by_linux, by_windows) = read_both(&windows, store, args);
            let (by_linux, by_windows): (Vec<Record>, Vec<Record>) = (by_linux.objects(), by_windows.objects());
            assert_eq!(by_linux.len(), 2, "{args:?} on {}", store.display());
            for (l, w) in by_linux.iter().zip(&by_windows) {
                assert_eq!(on_drive_z(Path::new(&l.path)), w.path, "the same log");
            }
            assert_eq!(
                without_path(by_windows),
                without_path(by_linux),
                "{args:?} on {}",
                store.display()
            );
        }
        let (by_linux, by_windows) = read_both(&windows, store, &["sessions"]);
        let (by_linux, by_windows): (Vec<Session>, Vec<Session>) = (by_linux.objects(), by_windows.objects());
        assert_eq!(by_linux.len(), 1);
        assert_eq!(by_linux[0].duration.as_deref(), Some("01:54:37"));
        let strip = |s: Vec<Session>| {
            s.into_iter()
                .map(|s| Session {
                    path: String::new(),
                    ..s
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(strip(by_windows), strip(by_linux), "sessions on {}", store.display());
    }
}

/// `write` with only the user given: the rest is gathered from the system.
fn gathering_args(store: String, spool: String) -> Vec<String> {
    let args = [
        "write", "--event", "logon", "--user", "ann", "--store", &store, "--spool", &spool,
    ];
    args.iter().map(|s| s.to_string()).collect()
}

#[test]
#[ignore = "needs the Windows build under Wine: run scripts/windows-test.sh"]
fn both_builds_find_the_same_computer_and_addresses_on_the_same_machine() {
    let windows = WindowsBuild::from_env();
    let sandbox = Sandbox::new();
    let (linux_store, windows_store, spool) = (
        sandbox.dir.path().join("linux"),
        sandbox.dir.path().join("windows"),
        sandbox.spool(),
    );
    for store in [&linux_store, &windows_store] {
        std::fs::create_dir(store).unwrap();
    }
    let linux_args = gathering_args(linux_store.display().to_string(), spool.display().to_string());
    let output = command(&linux_args.iter().map(String::as_str).collect::<Vec<_>>())
        .env_remove("COMPUTERNAME")
        .output()
        .expect("the binary runs");
    let by_linux: Written = finish(output).expect_code(0).objects().pop().unwrap();
    let by_windows: Written = windows
        .run(&gathering_args(on_drive_z(&windows_store), on_drive_z(&spool)))
        .expect_code(0)
        .objects()
        .pop()
        .unwrap();
    let computer = |w: &Written| w.computer.clone().map(|c| c.to_uppercase());
    assert_eq!(computer(&by_windows), computer(&by_linux), "the computer's name");
    assert_eq!(
        by_windows.ip, by_linux.ip,
        "GetAdaptersAddresses and the Linux interfaces"
    );
    assert_eq!(by_windows.mac, by_linux.mac, "the MACs of the interfaces that are up");
    assert!(
        by_linux.ip.is_some() && by_linux.mac.is_some(),
        "this machine has a network: {by_linux:#?}"
    );
}
