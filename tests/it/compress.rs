//! `koxolog compress`: the archive passes `unzip -t` and Python's `zipfile`
//! with the logs' content and times; an empty store; thousands of logs; a
//! log appended to during the backup; a run killed midway; `--dry-run`;
//! `--keep`; `--level`; `--destination`.
//!
//! Needs `unzip` and `python3` (scripts/test-all.sh installs `unzip`).

use crate::common;

use common::{Diagnostic, ok};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime};

/// `KoXoLog.Archive`, as `compress` prints it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
struct Archive {
    path: String,
    entries: u64,
    bytes_in: u64,
    bytes_out: Option<u64>,
    seconds: Option<f64>,
    removed: Option<String>,
    dry_run: bool,
}

/// One entry, as Python's `zipfile` reads it (see [`python_listing`]).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PyEntry {
    name: String,
    size: u64,
    method: u32,
    date_time: Vec<i32>,
    /// The DOS date and time the log's modification time should give.
    expected_date_time: Vec<i32>,
    /// Whether the entry's bytes are the log's.
    same_content: bool,
}

fn koxolog(args: &[&str]) -> Output {
    common::command(args).output().expect("koxolog runs")
}

fn generate(store: &Path, computers: &str, users: &str, days: &str) {
    std::fs::create_dir_all(store).unwrap();
    ok(&koxolog(&[
        "generate",
        "--store",
        store.to_str().unwrap(),
        "--computers",
        computers,
        "--users",
        users,
        "--days",
        days,
    ]));
}

/// Runs `compress` on `store`; returns its one summary object and its
/// diagnostics.
fn compress(store: &Path, extra: &[&str]) -> (Archive, Vec<Diagnostic>) {
    let mut args = vec!["compress", "--store", store.to_str().unwrap()];
    args.extend(extra);
    let output = koxolog(&args);
    let stdout = String::from_utf8(ok(&output)).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "one summary object: {lines:?}");
    let diagnostics = common::parse_diagnostics(&output.stderr);
    (serde_json::from_str(lines[0]).unwrap(), diagnostics)
}

/// Every log of the store by its name in an archive, with its content and
/// modification time.
fn logs_of(store: &Path) -> BTreeMap<String, (Vec<u8>, SystemTime)> {
    let mut logs = BTreeMap::new();
    for branch in ["Computers", "ThinClients", "Users"] {
        let Ok(entries) = std::fs::read_dir(store.join(branch)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let name = format!("{branch}/{}", path.file_name().unwrap().to_string_lossy());
            logs.insert(
                name,
                (
                    std::fs::read(&path).unwrap(),
                    std::fs::metadata(&path).unwrap().modified().unwrap(),
                ),
            );
        }
    }
    logs
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => Vec::new(),
    };
    names.sort();
    names
}

fn unzip() -> Command {
    let found = Command::new("unzip")
        .arg("-v")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        found,
        "these tests need `unzip`: apt-get install unzip (scripts/test-all.sh installs it)"
    );
    Command::new("unzip")
}

/// The entries of an archive as Python's `zipfile` reads them, each
/// compared with the log of the same name in `store`; fails unless
/// `testzip()` finds every CRC right.
fn python_listing(archive: &Path, store: &Path) -> Vec<PyEntry> {
    let script = r#"
import json, os, sys, time, zipfile
archive, store = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(archive) as z:
    bad = z.testzip()
    if bad is not None:
        sys.exit("bad CRC: " + bad)
    out = []
    for info in z.infolist():
        source = os.path.join(store, info.filename)
        with open(source, "rb") as f:
            same = f.read(info.file_size) == z.read(info)
        t = time.localtime(os.stat(source).st_mtime)
        expected = [t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, min(t.tm_sec, 59) // 2 * 2]
        out.append({"name": info.filename, "size": info.file_size, "method": info.compress_type,
                    "date_time": list(info.date_time), "expected_date_time": expected, "same_content": same})
print(json.dumps(out))
"#;
    let output = Command::new("python3")
        .args(["-c", script, archive.to_str().unwrap(), store.to_str().unwrap()])
        .output()
        .expect("these tests need python3: apt-get install python3");
    assert!(
        output.status.success(),
        "Python's zipfile rejects {}: {}",
        archive.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Sets a log's modification time to a fixed past time with odd seconds.
fn age(path: &Path, seconds_since_epoch: u64) {
    let file = std::fs::File::options().append(true).open(path).unwrap();
    file.set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(seconds_since_epoch))
        .unwrap();
}

#[test]
#[cfg_attr(
    windows,
    ignore = "checks the archive with unzip and python3, Linux programs a Windows test under Wine cannot start"
)]
fn the_archive_passes_unzip_and_python_with_the_logs_content_and_times() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("Logs");
    generate(&store, "20", "40", "2");
    // Past times, one with odd seconds: the entries must keep them.
    age(&store.join("Computers/A01-PC01.LOG"), 1_757_000_001);
    age(&store.join("Users/ZOE.MARTIN0.LOG"), 1_700_000_000);
    let logs = logs_of(&store);
    let (archive, _) = compress(&store, &[]);
    let path = PathBuf::from(&archive.path);
    assert_eq!(
        path.parent(),
        Some(store.join("BACKUP").as_path()),
        "the archive goes to the BACKUP folder"
    );
    let name = path.file_name().unwrap().to_str().unwrap();
    assert!(
        name.starts_with("Logs-") && name.ends_with("Z.zip") && name.len() == "Logs-20261125-073000.123Z.zip".len(),
        "{name}"
    );
    assert_eq!(archive.entries, logs.len() as u64);
    assert_eq!(
        archive.bytes_in,
        logs.values().map(|(c, _)| c.len() as u64).sum::<u64>()
    );
    assert_eq!(archive.bytes_out, Some(std::fs::metadata(&path).unwrap().len()));
    assert!(archive.seconds.is_some_and(|s| s >= 0.0) && !archive.dry_run && archive.removed.is_none());
    assert_eq!(
        files_in(&store.join("BACKUP")),
        vec![name.to_owned()],
        "only the archive, no temporary file"
    );

    let listing = python_listing(&path, &store);
    let names: Vec<&str> = listing.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, logs.keys().map(String::as_str).collect::<Vec<_>>());
    for entry in &listing {
        assert!(
            entry.same_content && entry.size == logs[&entry.name].0.len() as u64,
            "{entry:?}"
        );
        assert_eq!(entry.date_time, entry.expected_date_time, "the time of {}", entry.name);
        assert_eq!(entry.method, 8, "deflated");
    }

    let tested = unzip().arg("-t").arg(&path).output().unwrap();
    assert!(
        tested.status.success(),
        "unzip -t: {}",
        String::from_utf8_lossy(&tested.stdout)
    );
    assert!(String::from_utf8_lossy(&tested.stdout).contains("No errors detected"));
    let extracted = dir.path().join("extracted");
    let unzipped = unzip().arg("-q").arg(&path).arg("-d").arg(&extracted).output().unwrap();
    assert!(
        unzipped.status.success(),
        "{}",
        String::from_utf8_lossy(&unzipped.stderr)
    );
    for (name, (content, modified)) in &logs {
        let copy = extracted.join(name);
        assert_eq!(&std::fs::read(&copy).unwrap(), content, "{name}");
        let restored = std::fs::metadata(&copy).unwrap().modified().unwrap();
        let seconds = |t: SystemTime| t.duration_since(SystemTime::UNIX_EPOCH).unwrap().as_secs();
        assert_eq!(
            seconds(restored),
            seconds(*modified),
            "unzip restores the time of {name} to the second"
        );
    }

    // The BACKUP folder is never archived, even with a log-like file in it.
    std::fs::write(store.join("BACKUP/STRAY.LOG"), "x\r\n").unwrap();
    std::thread::sleep(Duration::from_millis(1100));
    let (second, _) = compress(&store, &[]);
    let names_again: Vec<String> = python_listing(Path::new(&second.path), &store)
        .into_iter()
        .map(|e| e.name)
        .collect();
    assert_eq!(
        names_again, names,
        "the second archive holds the logs, not the first archive"
    );
}

#[test]
#[cfg_attr(
    windows,
    ignore = "checks the archive with unzip and python3, Linux programs a Windows test under Wine cannot start"
)]
fn an_empty_store_gives_an_empty_verified_archive() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("Empty");
    std::fs::create_dir(&store).unwrap();
    let (archive, _) = compress(&store, &[]);
    assert_eq!((archive.entries, archive.bytes_in), (0, 0));
    assert!(python_listing(Path::new(&archive.path), &store).is_empty());
    let tested = unzip().arg("-t").arg(&archive.path).output().unwrap();
    let said = String::from_utf8_lossy(&tested.stdout);
    assert!(
        tested.status.code() == Some(1) && said.contains("zipfile is empty"),
        "unzip reads it as an empty archive (a warning): {tested:?}"
    );
}

#[test]
fn a_log_whose_only_line_has_no_line_ending_is_said_to_be_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("Logs");
    std::fs::create_dir_all(store.join("Computers")).unwrap();
    std::fs::write(
        store.join("Computers/PC1.LOG"),
        "[LOGON.]\t2026-11-24T08:00:00.000+01:00\tann",
    )
    .unwrap();
    let (archive, diagnostics) = compress(&store, &[]);
    assert_eq!(archive.entries, 1);
    let torn: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.code == "torn-line").collect();
    assert_eq!(torn.len(), 1, "{diagnostics:#?}");
    assert_eq!(torn[0].level, "warning");
    assert!(
        torn[0].path.as_deref().is_some_and(|p| p.ends_with("PC1.LOG")),
        "{:?}",
        torn[0]
    );
    assert!(
        torn[0].message.contains("42 bytes") && torn[0].message.contains("empty"),
        "{}",
        torn[0].message
    );
}

#[test]
fn a_store_that_does_not_exist_is_a_fatal_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere");
    let output = koxolog(&["compress", "--store", missing.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&output.stderr).contains("nowhere"));
    assert!(!missing.exists(), "nothing was created");
}

#[test]
#[cfg_attr(
    windows,
    ignore = "checks the archive with unzip and python3, Linux programs a Windows test under Wine cannot start"
)]
fn a_store_of_thousands_of_logs_is_archived_whole() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("Logs");
    generate(&store, "1000", "2000", "1");
    let logs = logs_of(&store);
    assert!(logs.len() > 2000, "{} logs", logs.len());
    let (archive, diagnostics) = compress(&store, &["--level", "1"]);
    assert_eq!(archive.entries, logs.len() as u64);
    let listing = python_listing(Path::new(&archive.path), &store);
    assert_eq!(listing.len(), logs.len());
    assert!(listing.iter().all(|e| e.same_content), "every entry holds its log");
    let total = Some(logs.len() as u64);
    for code in ["compressing", "verifying"] {
        let last = diagnostics
            .iter()
            .rfind(|d| d.code == code)
            .unwrap_or_else(|| panic!("no {code} progress"));
        assert_eq!(
            (last.level.as_str(), last.current, last.total),
            ("progress", total, total),
            "{last:?}"
        );
    }
}

#[test]
#[cfg_attr(
    windows,
    ignore = "checks the archive with unzip and python3, Linux programs a Windows test under Wine cannot start"
)]
fn a_log_appended_during_the_backup_is_archived_as_a_prefix_of_whole_lines() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("Logs");
    generate(&store, "400", "800", "1");
    let targets = [
        store.join("Computers/A01-PC01.LOG"),
        store.join("Users/ZOE.MARTIN0.LOG"),
    ];
    let before: Vec<u64> = targets.iter().map(|t| std::fs::metadata(t).unwrap().len()).collect();
    let record = String::from_utf8(std::fs::read(&targets[0]).unwrap())
        .unwrap()
        .lines()
        .last()
        .unwrap()
        .to_owned()
        + "\r\n";
    let stop = AtomicBool::new(false);
    let (archive, appended, slowest) = std::thread::scope(|scope| {
        let writer = scope.spawn(|| {
            let (mut appended, mut slowest) = (0u32, Duration::ZERO);
            while !stop.load(Ordering::Relaxed) {
                for target in &targets {
                    let started = Instant::now();
                    koxolog::store::append::append(target, "", &record, started + Duration::from_secs(5))
                        .expect("the append is never refused");
                    slowest = slowest.max(started.elapsed());
                    appended += 1;
                }
            }
            (appended, slowest)
        });
        let (archive, _) = compress(&store, &["--level", "9"]);
        stop.store(true, Ordering::Relaxed);
        let (appended, slowest) = writer.join().unwrap();
        (archive, appended, slowest)
    });
    assert!(appended > 0, "the writer appended during the backup");
    assert!(slowest < Duration::from_secs(2), "an append waited {slowest:?}");
    let logs = logs_of(&store);
    for entry in python_listing(Path::new(&archive.path), &store) {
        assert!(entry.same_content, "{} is a prefix of the log", entry.name);
        let content = &logs[&entry.name].0;
        assert!(
            entry.size == 0 || content[entry.size as usize - 1] == b'\n',
            "{} ends with a whole line",
            entry.name
        );
    }
    for (target, before) in targets.iter().zip(before) {
        let after = std::fs::metadata(target).unwrap().len();
        assert!(after > before, "{} grew during the test", target.display());
        let read = koxolog(&["log", target.to_str().unwrap()]);
        assert!(
            read.status.success() && read.stderr.is_empty(),
            "the log is intact: {}",
            String::from_utf8_lossy(&read.stderr)
        );
    }
}

#[test]
#[cfg_attr(
    windows,
    ignore = "checks the archive with unzip and python3, Linux programs a Windows test under Wine cannot start"
)]
fn a_run_killed_midway_leaves_no_archive_and_the_logs_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("Logs");
    generate(&store, "1000", "2000", "1");
    let backup = store.join("BACKUP");
    std::fs::create_dir(&backup).unwrap();
    let old = backup.join("Logs-20200101-000000.zip");
    std::fs::write(&old, b"an older archive").unwrap();
    let logs = logs_of(&store);
    let mut child = Command::new(env!("CARGO_BIN_EXE_koxolog"))
        .args([
            "compress",
            "--level",
            "9",
            "--keep",
            "1",
            "--store",
            store.to_str().unwrap(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = BufReader::new(child.stderr.take().unwrap());
    let mut lines = stderr.lines();
    let started = lines
        .by_ref()
        .map_while(Result::ok)
        .find(|l| l.contains(r#""Code":"compressing""#));
    assert!(started.is_some(), "compress reported progress");
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(
        !status.success(),
        "the run was killed midway, before it ended: {status:?}"
    );
    let archives: Vec<String> = files_in(&backup).into_iter().filter(|n| n.ends_with(".zip")).collect();
    assert_eq!(
        archives,
        vec!["Logs-20200101-000000.zip".to_owned()],
        "no new archive under a final name, and --keep removed nothing"
    );
    assert_eq!(logs_of(&store), logs, "the logs are untouched");
    // A later run is whole, and its --keep ignores what the killed one left.
    std::thread::sleep(Duration::from_millis(1100));
    let (archive, _) = compress(&store, &["--keep", "1", "--level", "1"]);
    assert_eq!(archive.removed.as_deref(), Some(old.to_str().unwrap()));
    assert_eq!(python_listing(Path::new(&archive.path), &store).len(), logs.len());
}

/// Every file under `dir`, with its content and modification time.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    let mut files = BTreeMap::new();
    let mut folders = vec![dir.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path.clone());
                files.insert(path, (Vec::new(), SystemTime::UNIX_EPOCH));
            } else {
                files.insert(
                    path.clone(),
                    (
                        std::fs::read(&path).unwrap(),
                        std::fs::metadata(&path).unwrap().modified().unwrap(),
                    ),
                );
            }
        }
    }
    files
}

#[test]
fn dry_run_lists_what_would_go_in_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("Logs");
    generate(&store, "10", "20", "1");
    let logs = logs_of(&store);
    let before = snapshot(dir.path());
    let (archive, diagnostics) = compress(&store, &["--dry-run", "--keep", "3"]);
    assert_eq!(snapshot(dir.path()), before, "nothing was written");
    assert!(!store.join("BACKUP").exists());
    assert!(archive.dry_run && archive.bytes_out.is_none() && archive.seconds.is_none() && archive.removed.is_none());
    assert_eq!(archive.entries, logs.len() as u64);
    assert!(
        archive
            .path
            .starts_with(store.join("BACKUP").join("Logs-").to_str().unwrap()),
        "{}",
        archive.path
    );
    assert!(
        diagnostics
            .iter()
            .all(|d| d.level == "verbose" && d.code == "would-archive"),
        "{diagnostics:#?}"
    );
    let listed: Vec<String> = diagnostics
        .into_iter()
        .map(|d| d.path.expect("the log's path"))
        .collect();
    let expected: Vec<String> = logs
        .keys()
        .map(|name| {
            name.split('/')
                .fold(store.clone(), |path, part| path.join(part))
                .to_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(listed, expected, "one verbose diagnostic per entry");
}

#[test]
fn keep_keeps_the_newest_archive_whatever_the_time_zone_of_each_run() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("Logs");
    generate(&store, "3", "5", "1");
    let run_in = |zone: &str, extra: &[&str]| -> Archive {
        let mut args = vec!["compress", "--store", store.to_str().unwrap()];
        args.extend(extra);
        let output = common::command(&args).env("TZ", zone).output().unwrap();
        serde_json::from_str(String::from_utf8(ok(&output)).unwrap().lines().next().unwrap()).unwrap()
    };
    // Fourteen hours ahead of UTC, then eleven behind: local-time names
    // would make the second run look 25 hours older than the first.
    let first = run_in("EAST-14", &[]);
    let second = run_in("WEST+11", &[]);
    assert_ne!(first.path, second.path, "two runs within a second get two names");
    let third = run_in("WEST+11", &["--keep", "2"]);
    assert_eq!(
        third.removed.as_deref(),
        Some(first.path.as_str()),
        "the oldest is the first made"
    );
    let mut kept = vec![second.path.clone(), third.path.clone()];
    kept.sort();
    let mut left: Vec<String> = files_in(&store.join("BACKUP"))
        .iter()
        .map(|n| store.join("BACKUP").join(n).display().to_string())
        .collect();
    left.sort();
    assert_eq!(left, kept);
}

#[test]
fn keep_removes_the_oldest_archives_beyond_n() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("Logs");
    generate(&store, "5", "10", "1");
    let backup = store.join("BACKUP");
    std::fs::create_dir(&backup).unwrap();
    let old = [
        "Logs-20200101-000000.zip",
        "Logs-20210101-000000.zip",
        "Logs-20220101-000000.zip",
    ];
    let others = ["Other-20190101-000000.zip", "Logs-notes.zip", "readme.txt"];
    for name in old.iter().chain(&others) {
        std::fs::write(backup.join(name), name).unwrap();
    }
    let would = compress(&store, &["--dry-run", "--keep", "2"]).0;
    let removed = format!("{}, {}", backup.join(old[0]).display(), backup.join(old[1]).display());
    assert_eq!(
        would.removed.as_deref(),
        Some(removed.as_str()),
        "what --keep would remove"
    );
    assert_eq!(files_in(&backup).len(), 6, "a dry run removes nothing");
    let (archive, _) = compress(&store, &["--keep", "2"]);
    assert_eq!(archive.removed.as_deref(), Some(removed.as_str()));
    let new = Path::new(&archive.path)
        .file_name()
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    let mut expected: Vec<String> = [old[2], &new].iter().chain(&others).map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(
        files_in(&backup),
        expected,
        "the newest two archives and the other files remain"
    );
    let refused = koxolog(&["compress", "--store", store.to_str().unwrap(), "--keep", "0"]);
    assert_eq!(
        refused.status.code(),
        Some(2),
        "--keep 0 would remove the new archive too"
    );
}

#[test]
#[cfg_attr(
    windows,
    ignore = "checks the archive with unzip and python3, Linux programs a Windows test under Wine cannot start"
)]
fn level_and_destination_are_obeyed() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("Logs");
    generate(&store, "5", "10", "1");
    let elsewhere = dir.path().join("backups").join("nightly");
    let (archive, _) = compress(&store, &["--level", "0", "--destination", elsewhere.to_str().unwrap()]);
    assert_eq!(Path::new(&archive.path).parent(), Some(elsewhere.as_path()));
    assert!(!store.join("BACKUP").exists());
    let listing = python_listing(Path::new(&archive.path), &store);
    assert!(
        !listing.is_empty() && listing.iter().all(|e| e.method == 0 && e.same_content),
        "level 0 stores: {listing:?}"
    );
    let refused = koxolog(&["compress", "--store", store.to_str().unwrap(), "--level", "10"]);
    assert_eq!(refused.status.code(), Some(2));
}
