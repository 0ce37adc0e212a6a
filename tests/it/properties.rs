//! Properties, checked on generated inputs (proptest) through the real
//! binary: a log read forward and read backward from its end gives the same
//! records, whatever the file holds; and what `write` is given, `log` reads
//! back, modulo the sanitising docs/LOG-FORMAT.md describes.

use crate::common;
use common::*;
use proptest::prelude::*;

const TAGS: [&str; 5] = ["[LOGON.]", "[LOGOFF]", "[LOCK..]", "[FUTURE]", "[bad]"];
const TIMES: [&str; 4] = [
    "2026-11-24T08:00:00.000+01:00",
    "2026-03-29T03:30:00.5+02:00",
    "2026-11-24T07:00:00Z",
    "yesterday",
];
const FIELDS: [&str; 3] = [
    "#Fields: tag time user domain computer client session ip mac logonserver os id",
    "#Fields: tag time computer user future id",
    "#Fields: tag time",
];
const HEADER: &str = "##### KoXoLog session history #####\r\n#Software: KoXoLog 0.1.0\r\n#Version: 1\r\n#Branch: Computers\r\n#Name: PC1\r\n#Fields: tag time user domain computer client session ip mac logonserver os id\r\n";

fn value() -> impl Strategy<Value = String> {
    prop_oneof![4 => "[a-zA-Z0-9 .é€李-]{0,12}", 1 => Just("-".to_owned()), 1 => "[x]{2000,3000}"]
}

/// One line of a log, without its ending: records of any shape, torn ones,
/// directives, headers, blank lines, garbage, KoXo's lines, Windows-1252.
fn line() -> impl Strategy<Value = Vec<u8>> {
    fn record() -> impl Strategy<Value = Vec<u8>> {
        (0..TAGS.len(), 0..TIMES.len(), prop::collection::vec(value(), 0..14)).prop_map(|(tag, time, values)| {
            let mut parts = vec![TAGS[tag].to_owned(), TIMES[time].to_owned()];
            parts.extend(values);
            parts.join("\t").into_bytes()
        })
    }
    prop_oneof![
        8 => record(),
        1 => (record(), record()).prop_map(|(torn, whole)| {
            let cut = torn.len() / 2;
            [&torn[..cut], &whole[..]].concat()
        }),
        1 => (0..FIELDS.len()).prop_map(|i| FIELDS[i].as_bytes().to_vec()),
        1 => Just(b"##### KoXo LOG SESSIONS #####".to_vec()),
        1 => Just(b"#Comment".to_vec()),
        1 => Just(Vec::new()),
        1 => "[ -~]{0,40}".prop_map(String::into_bytes),
        1 => Just(b"[LOGON.] 24/11/2008 08:01:02 jdoe sur PC-B12".to_vec()),
        1 => Just(b"[LOGOFF]\t2026-11-24T09:00:00.000+01:00\tH\xe9l\xe8ne\t-\tPC1\t-\t-\t-\t-\t-\t-\tW1".to_vec()),
    ]
}

/// A whole log: a byte-order mark or not, KoXoLog's header or not, lines
/// ending in CRLF or LF, the last one maybe without its ending.
fn log() -> impl Strategy<Value = Vec<u8>> {
    (
        any::<bool>(),
        any::<bool>(),
        prop::collection::vec((line(), any::<bool>()), 0..24),
        prop::option::of(line()),
    )
        .prop_map(|(bom, header, lines, torn)| {
            let mut text = Vec::new();
            if bom {
                text.extend_from_slice(b"\xEF\xBB\xBF");
            }
            if header {
                text.extend_from_slice(HEADER.as_bytes());
            }
            for (line, crlf) in lines {
                text.extend_from_slice(&line);
                text.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
            }
            text.extend(torn.unwrap_or_default());
            text
        })
}

fn records_of(run: Run) -> Vec<Record> {
    let mut records: Vec<Record> = run.expect_code(0).objects();
    for record in &mut records {
        record.line = None;
    }
    records
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn a_log_read_forward_and_backward_gives_the_same_records(text in log()) {
        let sandbox = Sandbox::new();
        let dir = sandbox.store().join("Computers");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("PC1.LOG");
        std::fs::write(&path, &text).unwrap();
        let path = path.display().to_string();
        let forward = records_of(run(&["log", &path]));
        let backward = records_of(run(&["log", &path, "--last", "1000000"]));
        prop_assert_eq!(&forward, &backward, "{}", String::from_utf8_lossy(&text));
        // Reading from the end takes the columns of the header, or of the
        // directives it meets: one appended after the records it reads
        // (no KoXoLog writer does that) is only followed by a forward read.
        let lossy = String::from_utf8_lossy(&text);
        let directive_after_records = lossy.trim_start_matches('\u{feff}').lines().skip_while(|l| l.starts_with('#')).any(|l| l.starts_with('#'));
        if let Some(last) = forward.last().filter(|_| !directive_after_records) {
            let one = records_of(run(&["log", &path, "--last", "1"]));
            prop_assert_eq!(one, vec![last.clone()]);
        }
    }
}

/// A stretch of a log of many blocks (the reader's is 64 KiB), for a
/// query by address: records without the address by the hundred, records
/// with it, in either of two layouts; `#Fields:` directives that move the
/// address or name no address, a bad one; a header; lines longer than a
/// block; garbage and blank lines.
fn stretch() -> impl Strategy<Value = String> {
    const FULL: &str = "#Fields: tag time user domain computer client session ip mac logonserver os id";
    const SHORT: &str = "#Fields: tag time ip user id";
    let record = |short: bool, ip: &str, n: usize| {
        if short {
            format!("[LOGOFF]\t2026-11-24T09:00:00.000+01:00\t{ip}\tu{n}\tB{n}\n")
        } else {
            format!(
                "[LOGON.]\t2026-11-24T08:00:00.000+01:00\tu{n}\tLYCEE\tPC1\t-\tConsole\t{ip}\t-\tDC1\tWindows 11\tA{n}\r\n"
            )
        }
    };
    prop_oneof![
        6 => (0..1_500usize, any::<bool>()).prop_map(move |(count, short)| {
            (0..count).map(|n| record(short, "10.0.0.5", n)).collect()
        }),
        3 => (any::<bool>(), 0..1_000usize).prop_map(move |(short, n)| record(short, "10.9.9.9", n)),
        1 => Just(format!("{FULL}\r\n")),
        1 => Just(format!("{SHORT}\n")),
        1 => Just("#Fields: user ip\n".to_owned()),
        1 => Just("##### KoXoLog session history #####\r\n#Software: KoXoLog 0.1.0\r\nfree text 10.9.9.9\r\n".to_owned()),
        1 => (60_000..140_000usize, any::<bool>()).prop_map(move |(size, needle)| {
            let ip = if needle { "10.9.9.9" } else { "10.0.0.5" };
            record(false, ip, 0).replacen("\tu0\t", &format!("\t{}\t", "x".repeat(size)), 1)
        }),
        1 => Just("[bad\t\t\n\n".to_owned()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn a_query_reads_what_a_full_read_reads_over_many_blocks(
        stretches in prop::collection::vec(stretch(), 1..14),
        torn in any::<bool>(),
    ) {
        let mut text = HEADER.to_owned() + &stretches.concat();
        if torn {
            text += "[LOGON.]\t2026-11-24T10:00:00.000+01:00\t10.9";
        }
        let sandbox = Sandbox::new();
        let dir = sandbox.store().join("Computers");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("PC1.LOG"), &text).unwrap();
        let full: Vec<Record> = sandbox.read("log", &[]).expect_code(0).objects();
        let expected: Vec<Record> = full.into_iter().filter(|r| r.ip.as_deref() == Some("10.9.9.9")).collect();
        let query = sandbox.read("log", &["--ip", "10.9.9.9"]).expect_code(0);
        let found: Vec<Record> = query.objects();
        prop_assert_eq!(&found, &expected);
        if torn {
            let line = |d: &Diagnostic| (d.code == "torn-line").then_some(d.line);
            prop_assert_eq!(query.diagnostics.iter().filter_map(line).collect::<Vec<_>>(), vec![Some(text.lines().count() as u64)]);
        }
    }
}

/// A value as the documented sanitising makes it: control, bidirectional
/// and line-separator characters become spaces, surrounding spaces go, 256
/// characters at most, nothing left (or `-`) is empty.
fn made_safe(raw: &str) -> Option<String> {
    let bidi =
        |c: char| matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    let spaced: String = raw
        .chars()
        .map(|c| {
            if c.is_control() || bidi(c) || c == '\u{2028}' || c == '\u{2029}' {
                ' '
            } else {
                c
            }
        })
        .collect();
    let cut: String = spaced.trim().chars().take(256).collect();
    let cut = cut.trim_end();
    (!cut.is_empty() && cut != "-").then(|| cut.to_owned())
}

fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z0-9 .é€李ΐ\t\r\n\u{7}\u{85}\u{202e}\u{2066}\u{2028}/:*?<>|\\\\-]{1,20}",
        1 => "[a-zé€李]{250,300}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn what_write_is_given_log_reads_back_made_safe(
        user in hostile(), computer in hostile(), client in hostile(), session in hostile(), os in hostile(),
    ) {
        let sandbox = Sandbox::new();
        // `--flag=value`: a value may start with '-'.
        let store = sandbox.store_arg();
        let spool = sandbox.spool().display().to_string();
        let args: Vec<String> = [("user", &user), ("computer", &computer), ("client", &client), ("session", &session), ("os", &os), ("store", &store), ("spool", &spool)]
            .iter()
            .map(|(flag, value)| format!("--{flag}={value}"))
            .collect();
        let mut all = vec!["write", "--event", "logon"];
        all.extend(args.iter().map(String::as_str));
        let wrote = run(&all);
        let (Some(safe_user), Some(safe_computer)) = (made_safe(&user), made_safe(&computer)) else {
            prop_assert_eq!(wrote.code, 2, "a record without a user or a computer is refused");
            return Ok(());
        };
        wrote.expect_code(0);
        let safe_client = made_safe(&client).filter(|c| !c.eq_ignore_ascii_case("console"));
        for (flag, name) in [("user", &user), ("computer", &computer)] {
            let records: Vec<Record> = sandbox.read("log", &[&format!("--{flag}={name}")]).expect_code(0).objects();
            prop_assert_eq!(records.len(), 1, "log {} {:?}", flag, name);
            let record = &records[0];
            prop_assert_eq!(record.user.as_ref(), Some(&safe_user));
            prop_assert_eq!(record.computer.as_ref(), Some(&safe_computer));
            prop_assert_eq!(&record.client, &safe_client);
            prop_assert_eq!(&record.session, &made_safe(&session));
            prop_assert_eq!(&record.os, &made_safe(&os));
        }
    }
}
