//! `koxolog purge`: the records older than the cutoff leave every log, all
//! of them into a verified archive first, none of the others; writers
//! appending meanwhile lose nothing.

use crate::common;
use chrono::{DateTime, FixedOffset};
use common::*;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// `KoXoLog.Purge`, as `purge` prints it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct Purged {
    cutoff: String,
    logs: u64,
    records: u64,
    bytes: u64,
    archive: Option<String>,
    dry_run: bool,
}

fn purge(sandbox: &Sandbox, args: &[&str]) -> Purged {
    let run = sandbox.read("purge", args).expect_code(0);
    let mut purged = run.objects::<Purged>();
    assert_eq!(purged.len(), 1, "one summary");
    purged.pop().unwrap()
}

fn time(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// A store of ten school days up to now.
fn generated() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox
        .read(
            "generate",
            &["--computers", "16", "--users", "30", "--days", "10", "--until", "now"],
        )
        .expect_code(0);
    sandbox
}

/// Every record of the store's logs, of every branch, by log (relative
/// path, `/`-separated).
fn records_by_log(store: &Path) -> BTreeMap<String, Vec<Record>> {
    let mut by_log = BTreeMap::new();
    for relative in files_below(store) {
        if !relative.ends_with(".LOG") {
            continue;
        }
        let path = store.join(&relative);
        let run = run(&[
            "log",
            "--store",
            &store.display().to_string(),
            &path.display().to_string(),
        ])
        .expect_code(0);
        by_log.insert(relative.replace('\\', "/"), run.objects::<Record>());
    }
    by_log
}

/// Unpacks an archive into a new folder, as a store.
fn unpacked(archive: &Path, into: &Path) -> PathBuf {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(archive).unwrap()).unwrap();
    zip.extract(into).unwrap();
    into.to_owned()
}

/// What identifies a record whatever its line.
fn key(record: &Record) -> (String, String, Option<String>) {
    (record.time.clone(), record.event.clone(), record.id.clone())
}

#[test]
fn the_old_records_leave_every_log_and_only_they_all_into_the_verified_archive() {
    let sandbox = generated();
    let before = records_by_log(&sandbox.store());
    let dry = purge(&sandbox, &["--older-than", "7d", "--dry-run"]);
    assert!(dry.dry_run);

    let purged = purge(&sandbox, &["--older-than", "7d"]);
    let cutoff = time(&purged.cutoff);
    let after = records_by_log(&sandbox.store());
    let archive = PathBuf::from(purged.archive.as_deref().expect("an archive"));
    assert!(archive.starts_with(sandbox.store().join("BACKUP")), "{archive:?}");
    let extracted = tempfile::tempdir().unwrap();
    let archived = records_by_log(&unpacked(&archive, extracted.path()));

    let mut removed = 0;
    let mut changed = 0;
    for (log, records) in &before {
        let (old, kept): (Vec<&Record>, Vec<&Record>) = records.iter().partition(|r| time(&r.time) < cutoff);
        let now: Vec<_> = after[log].iter().map(key).collect();
        assert_eq!(
            now,
            kept.iter().map(|r| key(r)).collect::<Vec<_>>(),
            "{log}: the others, in order"
        );
        let in_archive: Vec<_> = archived
            .get(log)
            .map(|r| r.iter().map(key).collect())
            .unwrap_or_default();
        assert_eq!(
            in_archive,
            old.iter().map(|r| key(r)).collect::<Vec<_>>(),
            "{log}: the old ones, archived"
        );
        removed += old.len() as u64;
        changed += u64::from(!old.is_empty());
    }
    assert!(
        removed > 100 && changed > 20,
        "the store had old records: {removed} in {changed} logs"
    );
    assert_eq!((purged.records, purged.logs), (removed, changed));
    // The dry run's own cutoff (a moment earlier: records keep growing older).
    let dry_cutoff = time(&dry.cutoff);
    let would: Vec<usize> = before
        .values()
        .map(|records| records.iter().filter(|r| time(&r.time) < dry_cutoff).count())
        .collect();
    assert_eq!(
        (dry.records, dry.logs),
        (
            would.iter().sum::<usize>() as u64,
            would.iter().filter(|n| **n > 0).count() as u64
        ),
        "the dry run counts what a purge at its time removes"
    );
    assert!(purged.bytes > removed * 50, "{} bytes", purged.bytes);

    // A backup's --keep never takes a purge's archive for one of its own.
    sandbox.read("compress", &["--keep", "1"]).expect_code(0);
    sandbox.read("compress", &["--keep", "1"]).expect_code(0);
    assert!(archive.exists(), "the purge's archive is kept");

    // (A day further back: records keep growing older while the test runs.)
    let again = purge(&sandbox, &["--older-than", "8d"]);
    assert_eq!(
        (again.records, again.archive),
        (0, None),
        "nothing old is left, no empty archive is made"
    );
}

#[test]
fn a_dry_run_changes_nothing_and_no_archive_removes_without_one() {
    let sandbox = generated();
    let files = |store: &Path| -> Vec<(String, Vec<u8>)> {
        files_below(store)
            .into_iter()
            .map(|f| (f.clone(), std::fs::read(store.join(&f)).unwrap()))
            .collect()
    };
    let before = files(&sandbox.store());
    let dry = purge(&sandbox, &["--older-than", "7d", "--dry-run"]);
    assert!(dry.dry_run && dry.records > 0);
    assert!(
        dry.archive.as_deref().is_some_and(|a| a.contains("-purged-")),
        "{:?}",
        dry.archive
    );
    assert_eq!(files(&sandbox.store()), before, "not one byte changed");

    let purged = purge(&sandbox, &["--older-than", "7d", "--no-archive"]);
    // At least what the dry run found: records keep growing older.
    assert!(
        purged.records >= dry.records,
        "{} after {}",
        purged.records,
        dry.records
    );
    assert_eq!(purged.archive, None);
    assert!(!sandbox.store().join("BACKUP").exists(), "no archive");
}

#[test]
fn an_age_that_is_not_one_is_a_usage_error_naming_it() {
    let sandbox = Sandbox::new();
    for (age, says) in [
        ("soon", "'soon' is not an age"),
        ("0s", "'0s' is shorter than a second"),
    ] {
        let run = sandbox.read("purge", &["--older-than", age]).expect_code(2);
        assert!(run.diagnostics[0].message.contains(says), "{:?}", run.diagnostics);
    }
}

#[cfg(not(windows))]
const WRITERS: usize = 16;
#[cfg(not(windows))]
const WRITES: usize = 40;
// Windows processes under Wine start about a hundred times slower.
#[cfg(windows)]
const WRITERS: usize = 16;
#[cfg(windows)]
const WRITES: usize = 6;

#[test]
fn writers_appending_during_purges_lose_nothing() {
    let sandbox = Sandbox::new();
    let writing = std::sync::atomic::AtomicUsize::new(WRITERS);
    let mut purges = 0;
    std::thread::scope(|scope| {
        for writer in 0..WRITERS {
            let (sandbox, writing) = (&sandbox, &writing);
            scope.spawn(move || {
                for write in 0..WRITES {
                    let tag = format!("w{writer}-{write}");
                    let args = sandbox.write_args("logon", "jdoe", "PC-B12", &["--session", &tag, "--timeout", "120"]);
                    let output = output_of(&mut command(&args.iter().map(String::as_str).collect::<Vec<_>>()));
                    assert!(
                        output.status.success(),
                        "{tag}: {}",
                        String::from_utf8_lossy(&output.stderr)
                    );
                    // Paced, so that the writes last past the purges' age
                    // on a fast machine too: records a second old must be
                    // there to purge while writers still append.
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                writing.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
            });
        }
        // Records a second old are purged while the writers go on.
        while writing.load(std::sync::atomic::Ordering::SeqCst) > 0 {
            if sandbox.store().join("Computers").exists() {
                purge(&sandbox, &["--older-than", "1s", "--lock-timeout", "120"]);
                purges += 1;
            }
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
    });
    assert!(purges >= 3, "{purges} purges ran during the writes");
    assert!(
        !sandbox.spool().exists() || files_below(&sandbox.spool()).is_empty(),
        "nothing spooled"
    );

    let mut archives: Vec<PathBuf> = std::fs::read_dir(sandbox.store().join("BACKUP"))
        .map(|entries| entries.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    archives.sort();
    assert!(!archives.is_empty(), "some records were purged");
    let mut stores = vec![sandbox.store()];
    let unpacked_into = tempfile::tempdir().unwrap();
    for (index, archive) in archives.iter().enumerate() {
        stores.push(unpacked(archive, &unpacked_into.path().join(index.to_string())));
    }
    for log in ["Computers/PC-B12.LOG", "Users/JDOE.LOG"] {
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for store in &stores {
            for record in records_by_log(store).remove(log).unwrap_or_default() {
                *seen.entry(record.session.expect("a session")).or_default() += 1;
            }
        }
        let expected: BTreeMap<String, usize> = (0..WRITERS)
            .flat_map(|w| (0..WRITES).map(move |i| (format!("w{w}-{i}"), 1)))
            .collect();
        assert_eq!(seen, expected, "{log}: every record once, in the log or in one archive");
    }
}
