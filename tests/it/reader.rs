//! The reader never fails on a line: torn lines, garbage and the original
//! KoXo logs (Windows-1252) give records plus diagnostics, never a crash.

use crate::common;
use common::*;

const HEADER: &str = "##### KoXoLog session history #####\r\n#Software: KoXoLog 0.1.0\r\n#Version: 1\r\n#Branch: Computers\r\n#Name: PC1\r\n#Fields: tag time user domain computer client session ip mac logonserver os id\r\n";

fn record(tag: &str, time: &str, user: &str, id: &str) -> String {
    format!("{tag}\t{time}\t{user}\tLYCEE\tPC1\t-\tConsole\t10.0.0.5\t-\tDC1\tWindows 11\t{id}\r\n")
}

fn store_with(text: &[u8]) -> Sandbox {
    let sandbox = Sandbox::new();
    let dir = sandbox.store().join("Computers");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("PC1.LOG"), text).unwrap();
    sandbox
}

#[test]
fn a_torn_last_line_is_skipped_and_reported() {
    let mut text = format!(
        "{HEADER}{}",
        record("[LOGON.]", "2026-11-24T08:00:00.000+01:00", "ann", "A1")
    );
    text.push_str("[LOGOFF]\t2026-11-24T09:00:00.000+01:00\tan");
    let sandbox = store_with(text.as_bytes());
    for args in [&[][..], &["--last", "5"][..]] {
        let run = sandbox.read("log", args).expect_code(0);
        let records: Vec<Record> = run.objects();
        assert_eq!(records.len(), 1, "{args:?}");
        assert_eq!(records[0].id.as_deref(), Some("A1"));
        let torn = run.with_code("torn-line");
        assert_eq!(torn.len(), 1, "{args:?}: {:?}", run.diagnostics);
        assert_eq!(torn[0].level, "warning");
        assert!(torn[0].path.as_deref().unwrap().ends_with("PC1.LOG"));
    }
}

#[test]
fn a_record_written_after_a_torn_one_is_still_read() {
    // A writer killed mid-write left half a record; the next writer's record
    // follows on the same line.
    let torn = "[LOGOFF]\t2026-11-24T09:00:00.000+01:00\tan";
    let text = format!(
        "{HEADER}{torn}{}",
        record("[LOGON.]", "2026-11-24T10:00:00.000+01:00", "bob", "B1")
    );
    let sandbox = store_with(text.as_bytes());
    let run = sandbox.read("log", &[]).expect_code(0);
    let records: Vec<Record> = run.objects();
    assert_eq!(records.len(), 1);
    assert_eq!((records[0].user.as_deref(), records[0].line), (Some("bob"), Some(7)));
    assert_eq!(run.with_code("torn-line").len(), 1, "{:?}", run.diagnostics);
}

#[test]
fn garbage_lines_are_reported_with_file_and_line_and_reading_goes_on() {
    let mut text = HEADER.to_owned();
    text.push_str(&record("[LOGON.]", "2026-11-24T08:00:00.000+01:00", "ann", "A1"));
    text.push_str("this is not a record\r\n");
    text.push_str("[LOGON.]\tyesterday\tann\r\n");
    text.push_str("\r\n");
    text.push_str(&record("[FUTURE]", "2026-11-24T08:30:00.000+01:00", "ann", "A2"));
    text.push_str(&record("[LOGOFF]", "2026-11-24T09:00:00.000+01:00", "ann", "A3"));
    let mut bytes = text.into_bytes();
    bytes.extend_from_slice(b"\xff\xfe\x00garbage\r\n");
    let sandbox = store_with(&bytes);
    let run = sandbox.read("log", &[]).expect_code(0);
    let records: Vec<Record> = run.objects();
    let events: Vec<&str> = records.iter().map(|r| r.event.as_str()).collect();
    assert_eq!(events, ["Logon", "Other", "Logoff"], "an unknown tag is kept");
    assert_eq!(records[1].tag, "[FUTURE]");
    let bad: Vec<u64> = run.with_code("bad-line").iter().map(|d| d.line.unwrap()).collect();
    assert_eq!(bad, [8, 9, 13], "{:?}", run.diagnostics);
    assert!(run.with_code("bad-line")[1].message.contains("time"), "says why");
}

#[test]
fn an_original_koxo_log_in_windows_1252_is_read() {
    // Lines 2 to 6 of the original header are free text; records are a tag,
    // a date and a time, then free text.
    let text = "##### KoXo LOG SESSIONS #####\r\nOrdinateur : PC1\r\n\r\nCréé le 01/09/2008\r\n\r\n-----\r\n\
                [LOGON.] 24/11/2008 08:01:02 Hélène  PC1  10.0.0.5\r\n\
                [LOGOFF] 24/11/2008 09:55:40 Hélène  PC1  10.0.0.5\r\n";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable);
    let sandbox = store_with(&bytes);
    let run = sandbox.read("log", &[]).expect_code(0);
    assert!(run.diagnostics.is_empty(), "{:?}", run.diagnostics);
    let records: Vec<Record> = run.objects();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0].event, "Logon");
    assert!(
        records[0].time.starts_with("2008-11-24T08:01:02.000"),
        "{}",
        records[0].time
    );
    assert_eq!(records[0].raw.as_deref(), Some("Hélène  PC1  10.0.0.5"));
    assert_eq!(records[0].computer.as_deref(), Some("PC1"), "named after its log");
    assert_eq!(records[0].id, None);
}

#[test]
fn crlf_lf_and_a_byte_order_mark_all_read() {
    let text = format!("\u{feff}{}", HEADER.replace("\r\n", "\n"))
        + &record("[LOGON.]", "2026-11-24T08:00:00.000+01:00", "ann", "A1").replace("\r\n", "\n")
        + &record("[LOGOFF]", "2026-11-24T09:00:00.000+01:00", "ann", "A2");
    let sandbox = store_with(text.as_bytes());
    let run = sandbox.read("log", &[]).expect_code(0);
    assert!(run.diagnostics.is_empty(), "{:?}", run.diagnostics);
    assert_eq!(run.objects::<Record>().len(), 2);
}

#[test]
fn a_later_fields_directive_is_followed_even_when_reading_from_the_end() {
    let mut text = format!(
        "{HEADER}{}",
        record("[LOGON.]", "2026-11-24T08:00:00.000+01:00", "ann", "A1")
    );
    text.push_str("#Fields: tag time computer user id\r\n[LOGOFF]\t2026-11-24T09:00:00.000+01:00\tPC1\tann\tA2\r\n");
    let sandbox = store_with(text.as_bytes());
    for args in [&[][..], &["--last", "1"][..]] {
        let records: Vec<Record> = sandbox.read("log", args).expect_code(0).objects();
        let last = records.last().unwrap();
        assert_eq!(
            (last.user.as_deref(), last.computer.as_deref(), last.id.as_deref()),
            (Some("ann"), Some("PC1"), Some("A2")),
            "{args:?}"
        );
    }
}

#[test]
fn the_last_records_read_backward_are_those_read_forward() {
    // Records of many lengths, so that lines cross the backward reader's
    // block boundaries at every offset.
    let mut text = HEADER.to_owned();
    for i in 0..3000 {
        let user = "u".repeat(1 + (i * 37) % 300);
        text.push_str(&record(
            "[LOGON.]",
            "2026-11-24T08:00:00.000+01:00",
            &user,
            &format!("ID{i}"),
        ));
    }
    let sandbox = store_with(text.as_bytes());
    let all: Vec<Record> = sandbox.read("log", &[]).expect_code(0).objects();
    assert_eq!(all.len(), 3000);
    for count in [1usize, 7, 500, 2999, 3000, 5000] {
        let last: Vec<Record> = sandbox
            .read("log", &["--last", &count.to_string()])
            .expect_code(0)
            .objects();
        let expected: Vec<&str> = all[all.len().saturating_sub(count)..]
            .iter()
            .map(|r| r.id.as_deref().unwrap())
            .collect();
        let got: Vec<&str> = last.iter().map(|r| r.id.as_deref().unwrap()).collect();
        assert_eq!(got, expected, "--last {count}");
    }
}

#[test]
fn an_address_filter_skips_lines_unparsed_yet_follows_directives_and_line_numbers() {
    let mut text = HEADER.to_owned();
    for i in 0..50 {
        text.push_str(&record(
            "[LOGON.]",
            "2026-11-24T08:00:00.000+01:00",
            &format!("u{i}"),
            &format!("A{i}"),
        ));
    }
    // The columns change mid-file: the address moves to the third column.
    text.push_str("#Fields: tag time ip user id\r\n");
    text.push_str("[LOGOFF]\t2026-11-24T09:00:00.000+01:00\t10.9.9.9\tann\tB1\r\n");
    text.push_str("[LOGOFF]\t2026-11-24T09:00:00.000+01:00\t10.0.0.5\tbob\tB2\r\n");
    let sandbox = store_with(text.as_bytes());
    let run = sandbox.read("log", &["--ip", "10.9.9.9"]).expect_code(0);
    assert!(run.diagnostics.is_empty(), "{:?}", run.diagnostics);
    let records: Vec<Record> = run.objects();
    assert_eq!(records.len(), 1, "{records:#?}");
    assert_eq!((records[0].user.as_deref(), records[0].line), (Some("ann"), Some(58)));
    let both: Vec<Record> = sandbox.read("log", &["--ip", "10.0.0.5"]).expect_code(0).objects();
    let lines: Vec<u64> = both.iter().map(|r| r.line.unwrap()).collect();
    assert_eq!(lines.len(), 51);
    assert_eq!(
        (lines[0], lines[49], lines[50]),
        (7, 56, 59),
        "line numbers count the skipped lines"
    );
}

#[test]
fn a_query_over_a_log_of_several_blocks_finds_and_numbers_what_a_full_read_does() {
    // About 2.5 MB: forty of the reader's blocks (64 KiB), so that lines
    // skipped unparsed are counted across blocks (when a later line is
    // read), a directive in an early block still changes the columns of
    // later ones, and the last block is left unread after its last match.
    let mut text = HEADER.to_owned();
    for i in 0..32_000 {
        let ip = if i % 6_007 == 0 { "10.9.9.9" } else { "10.0.0.5" };
        if i < 12_000 {
            text.push_str(&format!(
                "[LOGON.]\t2026-11-24T08:00:00.000+01:00\tu{i}\tLYCEE\tPC1\t-\tConsole\t{ip}\t-\tDC1\tWindows 11\tA{i}\r\n"
            ));
        } else {
            if i == 12_000 {
                text.push_str("#Fields: tag time ip user id\r\n");
            }
            text.push_str(&format!(
                "[LOGOFF]\t2026-11-24T09:00:00.000+01:00\t{ip}\tu{i}\tB{i}\r\n"
            ));
        }
    }
    text.push_str("[LOGOFF]\t2026-11-24T09:00:00.000+01:00\t10.9");
    let sandbox = store_with(text.as_bytes());
    let seen = |run: &Run| -> Vec<(Option<String>, Option<String>, Option<u64>)> {
        run.objects::<Record>()
            .into_iter()
            .filter(|r| r.ip.as_deref() == Some("10.9.9.9"))
            .map(|r| (r.user, r.id, r.line))
            .collect()
    };
    let full = sandbox.read("log", &[]).expect_code(0);
    let query = sandbox.read("log", &["--ip", "10.9.9.9"]).expect_code(0);
    let expected = seen(&full);
    assert_eq!(expected.len(), 6, "{expected:?}");
    assert_eq!(
        expected.last(),
        Some(&(Some("u30035".into()), Some("B30035".into()), Some(30_043))),
        "after the directive, in the last block"
    );
    assert_eq!(seen(&query), expected);
    assert_eq!(query.objects::<Record>().len(), expected.len());
    // The torn last line is reported at the same line by both.
    let torn = |run: &Run| run.with_code("torn-line").iter().map(|d| d.line).collect::<Vec<_>>();
    assert_eq!(torn(&full), [Some(32_008)]);
    assert_eq!(torn(&query), torn(&full));
}

#[test]
fn a_query_follows_a_header_in_lines_it_skipped_in_an_earlier_block() {
    // A header opened mid-file, in the first 64 KiB block (the reader's),
    // whose lines end with that block; the lines after it hold the address.
    // The query skips the first block unread, then reads back its header
    // before the lines it reads: the three after the header's free text
    // are still the header's (nothing to say), the fourth is not (a bad
    // line), exactly as a full read finds.
    let header_end = "##### KoXoLog session history #####\r\n#Software: KoXoLog 0.1.0\r\nfree text\r\n";
    let mut text = HEADER.to_owned();
    let filler = record("[LOGON.]", "2026-11-24T08:00:00.000+01:00", "ann", "A1");
    while text.len() + filler.len() + header_end.len() <= 64 * 1024 {
        text.push_str(&filler);
    }
    let padding = 64 * 1024 - text.len() - header_end.len();
    text.push_str(&format!("#Comment {}\r\n", "x".repeat(padding - 11)));
    text.push_str(header_end);
    assert_eq!(text.len(), 64 * 1024);
    for n in 1..=4 {
        text.push_str(&format!("garbage {n} 10.9.9.9\r\n"));
    }
    let sandbox = store_with(text.as_bytes());
    let bad = |run: &Run| run.with_code("bad-line").iter().map(|d| d.line).collect::<Vec<_>>();
    let full = sandbox.read("log", &[]).expect_code(0);
    let first_garbage = text.lines().count() as u64 - 3;
    assert_eq!(bad(&full), [Some(first_garbage + 3)], "{:?}", full.diagnostics);
    assert_eq!(
        bad(&sandbox.read("log", &["--ip", "10.9.9.9"]).expect_code(0)),
        bad(&full)
    );
}

#[test]
fn a_complete_record_over_2_kib_read_from_the_end_is_no_torn_line() {
    let sandbox = Sandbox::new();
    let long = "é".repeat(256);
    let written = sandbox.write(
        "logon",
        "ann",
        "PC1",
        &[
            "--os",
            &long,
            "--domain",
            &long,
            "--session",
            &long,
            "--logon-server",
            &long,
            "--client",
            &long,
        ],
    );
    let line = sandbox.log_text("Computers", "PC1").lines().last().unwrap().to_owned();
    assert!(line.len() > 2048, "the record is {} bytes", line.len());
    let run = sandbox
        .read("log", &["--computer", "PC1", "--last", "1"])
        .expect_code(0);
    let records: Vec<Record> = run.objects();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].id.as_deref(), Some(written.id.as_str()));
    assert!(run.diagnostics.is_empty(), "{:#?}", run.diagnostics);
    let run = sandbox.read("tree", &[]).expect_code(0);
    assert!(
        run.diagnostics.iter().all(|d| d.level == "progress"),
        "{:#?}",
        run.diagnostics
    );
    let items: Vec<TreeItem> = run.objects();
    assert!(
        items
            .iter()
            .all(|i| i.last_time.as_deref() == Some(written.time.as_str())),
        "{items:#?}"
    );
}

/// Runs the binary with at most `limit` bytes of address space.
#[cfg(unix)]
#[allow(unsafe_code)] // pre_exec: the limit is set in the child
fn run_within(limit: u64, args: &[&str]) -> Run {
    use std::os::unix::process::CommandExt;
    let mut command = command(args);
    // SAFETY: setrlimit is async-signal-safe; nothing else runs in the child.
    unsafe {
        command.pre_exec(move || {
            let rlimit = libc::rlimit {
                rlim_cur: limit,
                rlim_max: limit,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &rlimit) == 0 {
                Ok(())
            } else {
                Err(std::io::Error::last_os_error())
            }
        });
    }
    finish(command.output().unwrap())
}

#[cfg(unix)]
#[test]
fn reading_from_the_end_past_a_huge_line_takes_bounded_memory() {
    let huge = 40 << 20;
    let mut unfinished = format!(
        "{HEADER}{}",
        record("[LOGON.]", "2026-11-24T08:00:00.000+01:00", "ann", "A1")
    )
    .into_bytes();
    unfinished.resize(unfinished.len() + huge, b'x');
    let sandbox = store_with(&unfinished);
    let mut complete = format!(
        "{HEADER}{}",
        record("[LOGON.]", "2026-11-24T08:00:00.000+01:00", "ann", "B1")
    )
    .into_bytes();
    complete.resize(complete.len() + huge, b'x');
    complete.extend_from_slice(b"\r\n");
    complete.extend_from_slice(record("[LOGOFF]", "2026-11-24T09:00:00.000+01:00", "ann", "B2").as_bytes());
    std::fs::write(sandbox.store().join("Computers/PC2.LOG"), &complete).unwrap();
    let store = sandbox.store_arg();
    // Less than the huge line itself: the reader may not hold it.
    let limit = 32 << 20;
    for (path, ids, code) in [
        ("Computers/PC1.LOG", vec!["A1"], "torn-line"),
        ("Computers/PC2.LOG", vec!["B1", "B2"], "bad-line"),
    ] {
        let path = sandbox.store().join(path).display().to_string();
        let run = run_within(limit, &["log", &path, "--last", "2"]).expect_code(0);
        let records: Vec<Record> = run.objects();
        let found: Vec<&str> = records.iter().filter_map(|r| r.id.as_deref()).collect();
        assert_eq!(found, ids, "{path}");
        assert_eq!(run.with_code(code).len(), 1, "{path}: {:#?}", run.diagnostics);
    }
    let run = run_within(limit, &["tree", "--store", &store]).expect_code(0);
    let items: Vec<TreeItem> = run.objects();
    assert_eq!(items.len(), 2, "{:#?}", run.diagnostics);
    // Read forward, the huge line is skipped as it is read, and the lines
    // after it keep their numbers.
    for (path, lines) in [("Computers/PC1.LOG", vec![7]), ("Computers/PC2.LOG", vec![7, 9])] {
        let path = sandbox.store().join(path).display().to_string();
        let run = run_within(limit, &["log", &path]).expect_code(0);
        let records: Vec<Record> = run.objects();
        assert_eq!(
            records.iter().filter_map(|r| r.line).collect::<Vec<_>>(),
            lines,
            "{path}"
        );
        let bad = run.with_code("bad-line");
        assert_eq!(bad.len(), 1, "{path}: {:#?}", run.diagnostics);
        assert_eq!(bad[0].line, Some(8), "{path}");
    }
}

#[test]
fn a_log_with_a_record_out_of_order_pairs_in_clock_order_and_reports_each_bad_line_once() {
    // Paired as read until the late record, then read again and sorted.
    let text = [
        HEADER.to_owned(),
        record("[LOGON.]", "2026-11-24T08:00:00.000+01:00", "ann", "A1"),
        "garbage\r\n".to_owned(),
        record("[LOGOFF]", "2026-11-24T10:00:00.000+01:00", "ann", "A2"),
        record("[LOGON.]", "2026-11-24T09:00:00.000+01:00", "bob", "B1"),
        "more garbage\r\n".to_owned(),
    ]
    .concat();
    let sandbox = store_with(text.as_bytes());
    let run = sandbox.read("sessions", &[]).expect_code(0);
    let sessions: Vec<Session> = run.objects();
    let shown: Vec<(Option<&str>, &str, Option<&str>)> = sessions
        .iter()
        .map(|s| (s.user.as_deref(), s.state.as_str(), s.end_reason.as_deref()))
        .collect();
    assert_eq!(
        shown,
        [
            (Some("ann"), "Unterminated", Some("ConsoleTakeover")),
            (Some("bob"), "Open", None),
            (Some("ann"), "Orphan", Some("Logoff"))
        ],
        "{sessions:#?}"
    );
    let lines: Vec<Option<u64>> = run.with_code("bad-line").iter().map(|d| d.line).collect();
    assert_eq!(lines, [Some(8), Some(11)], "{:#?}", run.diagnostics);
}

#[test]
fn a_log_named_twice_is_read_once() {
    let text = format!(
        "{HEADER}{}",
        record("[LOGON.]", "2026-11-24T08:00:00.000+01:00", "ann", "A1")
    );
    let sandbox = store_with(text.as_bytes());
    let log = sandbox.store().join("Computers/PC1.LOG").display().to_string();
    let run = sandbox.read("log", &["--", &log, &log]).expect_code(0);
    let records: Vec<Record> = run.objects();
    assert_eq!(records.len(), 1, "{records:?}");
    let run = sandbox.read("sessions", &["--", &log, &log]).expect_code(0);
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
}

#[test]
fn a_name_without_a_log_is_a_per_item_error_not_a_failure() {
    let text = format!(
        "{HEADER}{}",
        record("[LOGON.]", "2026-11-24T08:00:00.000+01:00", "ann", "A1")
    );
    let sandbox = store_with(text.as_bytes());
    for sub in ["log", "sessions"] {
        let run = sandbox.read(sub, &["--user", "nobody"]).expect_code(1);
        assert_eq!(run.stdout, "", "{sub}");
        let missing = run.with_code("no-log");
        assert_eq!(missing.len(), 1, "{sub}: {:?}", run.diagnostics);
        assert_eq!(missing[0].level, "error");
        assert!(missing[0].message.contains("'nobody'"), "{}", missing[0].message);
        assert!(
            missing[0].path.as_deref().unwrap().ends_with("NOBODY.LOG"),
            "{:?}",
            missing[0].path
        );
    }
}

#[test]
fn sessions_leave_locks_unread_but_not_a_logon_written_after_a_torn_lock() {
    // `sessions` skips the lines of events it does not pair, unparsed; a
    // line starting with a torn lock may still hold a whole logon.
    let torn_lock = "[LOCK..]\t2026-11-24T07:59:00.000+01:00\tan";
    let text = format!(
        "{HEADER}{torn_lock}{}{}{}{}",
        record("[LOGON.]", "2026-11-24T08:00:00.000+01:00", "ann", "A1"),
        record("[LOCK..]", "2026-11-24T08:30:00.000+01:00", "ann", "A2"),
        record("[UNLOCK]", "2026-11-24T08:40:00.000+01:00", "ann", "A3"),
        record("[LOGOFF]", "2026-11-24T09:00:00.000+01:00", "ann", "A4"),
    );
    let sandbox = store_with(text.as_bytes());
    let run = sandbox.read("sessions", &[]).expect_code(0);
    let sessions: Vec<Session> = run.objects();
    let found: Vec<_> = sessions
        .iter()
        .map(|s| (s.user.as_deref(), s.state.as_str(), s.duration.as_deref()))
        .collect();
    assert_eq!(found, [(Some("ann"), "Closed", Some("01:00:00"))]);
    let torn = run.with_code("torn-line");
    assert_eq!(
        torn.iter().map(|d| d.line).collect::<Vec<_>>(),
        [Some(7)],
        "{:?}",
        run.diagnostics
    );
}
