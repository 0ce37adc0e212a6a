//! `koxolog export-rtf`: the document is tokenized with rtf-grimoire and
//! read back: balanced groups, font and color tables, one paragraph per
//! record in its event's color, every value's text intact (accents, CJK,
//! emoji), hostile values shown as text and never acting; the summary
//! object of `--output`, the temporary file renamed only at the end, stdin
//! input, session durations, and flat memory on a long log.

use crate::common;

use common::{Sandbox, ok};
use rtf_grimoire::tokenizer::{Token, parse_finished};
use serde::Deserialize;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output};

const HOSTILE_CLIENT: &str = r#"{\field{\*\fldinst HYPERLINK "http://x"}}"#;
const HOSTILE_USER: &str = r"evil}\object\bin5 xxxxx";

/// `KoXoLog.RtfExport`, as `export-rtf --output` prints it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
struct RtfExport {
    path: String,
    records: u64,
    bytes: u64,
    title: String,
    first: Option<String>,
    last: Option<String>,
}

/// Runs the binary with `stdin` as its input.
fn koxolog(args: &[&str], stdin: Option<&[u8]>) -> Output {
    common::output_with_stdin(&mut common::command(args), stdin.unwrap_or_default())
}

fn write(sandbox: &Sandbox, event: &str, time: &str, user: &str, computer: &str, client: &str) {
    sandbox.write(event, user, computer, &["--time", time, "--client", client]);
}

/// A store with one computer's log holding the values the tests read back.
fn store_with_values() -> Sandbox {
    let sandbox = Sandbox::new();
    write(
        &sandbox,
        "logon",
        "2026-11-24T08:00:00+01:00",
        "Hélène",
        "PC-B12",
        "Łódź",
    );
    write(
        &sandbox,
        "lock",
        "2026-11-24T08:10:00+01:00",
        "東京太郎",
        "PC-B12",
        "😀-client",
    );
    write(
        &sandbox,
        "logoff",
        "2026-11-24T09:30:15+01:00",
        "Hélène",
        "PC-B12",
        "Łódź",
    );
    write(
        &sandbox,
        "logon",
        "2026-11-24T10:00:00+01:00",
        HOSTILE_USER,
        "PC-B12",
        HOSTILE_CLIENT,
    );
    sandbox
}

/// What a reader of the document sees: the tables and the paragraphs of
/// the body, each with its text and the color index it was set in.
#[derive(Debug)]
struct Document {
    tokens: Vec<Token>,
    fonts: Vec<String>,
    colors: Vec<(i32, i32, i32)>,
    paragraphs: Vec<(String, Option<i32>)>,
}

impl Document {
    fn read(rtf: &[u8]) -> Document {
        let tokens = parse_finished(rtf).unwrap_or_else(|e| panic!("the document does not tokenize: {e:?}"));
        let mut depth = 0i32;
        for (i, token) in tokens.iter().enumerate() {
            match token {
                Token::StartGroup => depth += 1,
                Token::EndGroup => depth -= 1,
                _ => {}
            }
            assert!(depth >= 0, "a group closes that was never opened, at token {i}");
            let after_the_end = depth == 0 && !matches!(token, Token::EndGroup | Token::Newline(_));
            assert!(!after_the_end, "{token:?} outside the document's group, at token {i}");
        }
        assert_eq!(depth, 0, "groups are not balanced");
        assert_eq!(tokens.first(), Some(&Token::StartGroup));
        assert_eq!(
            word(&tokens[1]),
            Some(("rtf", Some(1))),
            "the document starts with {{\\rtf1"
        );
        let mut document = Document {
            fonts: Vec::new(),
            colors: Vec::new(),
            paragraphs: Vec::new(),
            tokens: Vec::new(),
        };
        document.walk(&tokens);
        document.tokens = tokens;
        document
    }

    /// Reads the document group: its tables, then its paragraphs.
    fn walk(&mut self, tokens: &[Token]) {
        let mut i = 1;
        let mut text = String::new();
        let mut units: Vec<u16> = Vec::new();
        let mut skip = 0usize;
        let mut color = None;
        let flush_units = |units: &mut Vec<u16>, text: &mut String| {
            text.push_str(&String::from_utf16(units).expect("\\u units form valid UTF-16"));
            units.clear();
        };
        while i < tokens.len() {
            match &tokens[i] {
                Token::StartGroup => {
                    let end = group_end(tokens, i);
                    match tokens.get(i + 1).and_then(word) {
                        Some(("fonttbl", _)) => {
                            self.fonts = group_text(&tokens[i + 2..end])
                                .split(';')
                                .map(|f| f.trim().to_owned())
                                .filter(|f| !f.is_empty())
                                .collect()
                        }
                        Some(("colortbl", _)) => self.colors = colors(&tokens[i + 2..end]),
                        Some(("info", _)) => {}
                        other => panic!("unexpected group in the body: {other:?}"),
                    }
                    i = end;
                }
                Token::EndGroup => break,
                Token::ControlWord { name, arg } => match (name.as_str(), *arg) {
                    ("u", Some(n)) => {
                        units.push(n as i16 as u16);
                        skip = 1;
                    }
                    ("par", _) => {
                        flush_units(&mut units, &mut text);
                        self.paragraphs.push((std::mem::take(&mut text), color.take()));
                    }
                    ("cf", n) => color = n,
                    (
                        "pard" | "plain" | "f" | "fs" | "b" | "paperw" | "paperh" | "landscape" | "margl" | "margr"
                        | "margt" | "margb",
                        _,
                    ) => {}
                    ("rtf" | "ansi" | "ansicpg" | "deff" | "uc", _) if text.is_empty() => {}
                    (other, _) => panic!("unexpected control word \\{other} in the body"),
                },
                Token::ControlSymbol(c) => {
                    assert!(matches!(c, '\\' | '{' | '}'), "unexpected control symbol \\{c}");
                    flush_units(&mut units, &mut text);
                    text.push(*c);
                }
                Token::Text(bytes) => {
                    let bytes = &bytes[skip.min(bytes.len())..];
                    skip = 0;
                    if !bytes.is_empty() {
                        flush_units(&mut units, &mut text);
                        assert!(bytes.is_ascii(), "raw non-ASCII bytes in the document: {bytes:?}");
                        text.push_str(std::str::from_utf8(bytes).unwrap());
                    }
                }
                Token::ControlBin(_) => panic!("a \\bin in the document"),
                Token::Newline(_) => {}
            }
            i += 1;
        }
    }

    /// The paragraphs of records (after the title, the line under it and
    /// the column headings).
    fn records(&self) -> &[(String, Option<i32>)] {
        assert!(self.paragraphs.len() >= 3, "no headings: {:?}", self.paragraphs);
        &self.paragraphs[3..]
    }

    fn color_of(&self, paragraph: &(String, Option<i32>)) -> (i32, i32, i32) {
        let index = paragraph.1.unwrap_or_else(|| panic!("no color for {paragraph:?}"));
        self.colors[(index - 1) as usize]
    }
}

fn word(token: &Token) -> Option<(&str, Option<i32>)> {
    match token {
        Token::ControlWord { name, arg } => Some((name.as_str(), *arg)),
        _ => None,
    }
}

/// The index of the token closing the group opened at `start`.
fn group_end(tokens: &[Token], start: usize) -> usize {
    let mut depth = 0;
    for (i, token) in tokens.iter().enumerate().skip(start) {
        match token {
            Token::StartGroup => depth += 1,
            Token::EndGroup => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    panic!("unclosed group at {start}");
}

fn group_text(tokens: &[Token]) -> String {
    tokens
        .iter()
        .filter_map(|t| t.get_text())
        .map(|t| String::from_utf8_lossy(t).into_owned())
        .collect()
}

fn colors(tokens: &[Token]) -> Vec<(i32, i32, i32)> {
    let mut colors = Vec::new();
    let mut current = (0, 0, 0);
    for token in tokens {
        match word(token) {
            Some(("red", Some(n))) => current.0 = n,
            Some(("green", Some(n))) => current.1 = n,
            Some(("blue", Some(n))) => current.2 = n,
            _ => {
                if token.get_text().is_some_and(|t| t.contains(&b';')) && current != (0, 0, 0) {
                    colors.push(std::mem::take(&mut current));
                }
            }
        }
    }
    colors
}

fn export(store: &Path, extra: &[&str]) -> Document {
    let mut args = vec!["export-rtf", "--store", store.to_str().unwrap()];
    args.extend(extra);
    Document::read(&ok(&koxolog(&args, None)))
}

#[test]
fn the_document_tokenizes_with_balanced_groups_and_its_tables() {
    let sandbox = store_with_values();
    let store = sandbox.store();
    let document = export(&store, &["--computer", "PC-B12"]);
    assert!(
        document.fonts.iter().any(|f| f.contains("Courier New")),
        "a monospace font: {:?}",
        document.fonts
    );
    assert_eq!(
        document.colors.len(),
        8,
        "one color per kind shown: {:?}",
        document.colors
    );
    let records = document.records();
    assert_eq!(records.len(), 4, "one paragraph per record: {:#?}", document.paragraphs);
    assert!(
        document.paragraphs[0].0.contains("PC-B12") && document.paragraphs[0].0.contains("Computers"),
        "title: {:?}",
        document.paragraphs[0]
    );
    assert!(
        document.paragraphs[1]
            .0
            .starts_with("4 records, from 2026-11-24 08:00:00 +01:00 to 2026-11-24 10:00:00 +01:00."),
        "{:?}",
        document.paragraphs[1]
    );
    assert_eq!(document.color_of(&records[0]), (19, 161, 14), "logons are DarkGreen");
    assert_eq!(document.color_of(&records[1]), (193, 156, 0), "locks are DarkYellow");
    assert_eq!(document.color_of(&records[2]), (197, 15, 31), "logoffs are DarkRed");
    let time_columns: Vec<usize> = records
        .iter()
        .map(|(text, _)| text.find("2026-11-24T").expect("a time"))
        .collect();
    assert!(
        time_columns.iter().all(|&c| c == time_columns[0]),
        "the time column is aligned: {time_columns:?}"
    );
}

#[test]
fn every_value_reads_back_intact_accents_cjk_and_emoji_included() {
    let sandbox = store_with_values();
    let store = sandbox.store();
    let document = export(&store, &["--computer", "PC-B12"]);
    let records = document.records();
    for (paragraph, values) in [
        (0, ["[LOGON.]", "Hélène", "Łódź"]),
        (1, ["[LOCK..]", "東京太郎", "😀-client"]),
        (2, ["[LOGOFF]", "Hélène", "LYCEE"]),
    ] {
        for value in values {
            assert!(
                records[paragraph].0.contains(value),
                "{value:?} not read back from {:?}",
                records[paragraph].0
            );
        }
    }
    let raw = String::from_utf8(ok(&koxolog(
        &["export-rtf", "--store", store.to_str().unwrap(), "--computer", "PC-B12"],
        None,
    )))
    .unwrap();
    assert!(
        raw.contains(r"H\u233?l\u232?ne"),
        "accents are \\uN with an ASCII fallback"
    );
}

#[test]
fn hostile_values_are_plain_text_and_never_act() {
    let sandbox = store_with_values();
    let store = sandbox.store();
    let document = export(&store, &["--computer", "PC-B12"]);
    let hostile = &document.records()[3].0;
    assert!(
        hostile.contains(HOSTILE_CLIENT),
        "the client name reads as text: {hostile:?}"
    );
    assert!(
        hostile.contains(HOSTILE_USER),
        "the user name reads as text: {hostile:?}"
    );
    for token in &document.tokens {
        if let Some((name, _)) = word(token) {
            assert!(
                !matches!(name, "field" | "fldinst" | "object" | "bin" | "objdata"),
                "a \\{name} control word is in the document"
            );
        }
        assert!(
            !matches!(token, Token::ControlBin(_) | Token::ControlSymbol('*')),
            "{token:?} in the document"
        );
    }
}

#[test]
fn output_writes_the_file_whole_and_prints_a_summary() {
    let sandbox = store_with_values();
    let (dir, store) = (&sandbox.dir, sandbox.store());
    let target = dir.path().join("out").join("pc.rtf");
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    let stdout = ok(&koxolog(
        &[
            "export-rtf",
            "--store",
            store.to_str().unwrap(),
            "--computer",
            "PC-B12",
            "--output",
            target.to_str().unwrap(),
            "--title",
            "Room B, Monday",
        ],
        None,
    ));
    let lines: Vec<&str> = std::str::from_utf8(&stdout).unwrap().lines().collect();
    assert_eq!(lines.len(), 1, "one summary object: {lines:?}");
    let summary: RtfExport = serde_json::from_str(lines[0]).unwrap();
    let written = std::fs::read(&target).unwrap();
    assert_eq!(
        (summary.path.as_str(), summary.records, summary.bytes),
        (target.to_str().unwrap(), 4, written.len() as u64)
    );
    assert_eq!(summary.title, "Room B, Monday");
    assert_eq!(summary.first.as_deref(), Some("2026-11-24T08:00:00.000+01:00"));
    assert_eq!(summary.last.as_deref(), Some("2026-11-24T10:00:00.000+01:00"));
    let document = Document::read(&written);
    assert_eq!(document.paragraphs[0].0, "Room B, Monday");
    assert_eq!(document.records().len(), 4);
    let names: Vec<_> = std::fs::read_dir(target.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names,
        vec![std::ffi::OsString::from("pc.rtf")],
        "no temporary file is left"
    );
}

#[test]
fn a_failed_export_leaves_nothing_under_the_final_name() {
    let sandbox = store_with_values();
    let (dir, store) = (&sandbox.dir, sandbox.store());
    // The final name is taken by a folder: the rename at the end fails.
    let target = dir.path().join("out").join("pc.rtf");
    std::fs::create_dir_all(&target).unwrap();
    let output = koxolog(
        &[
            "export-rtf",
            "--store",
            store.to_str().unwrap(),
            "--computer",
            "PC-B12",
            "--output",
            target.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(
        output.status.code(),
        Some(3),
        "a fatal error: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("pc.rtf"),
        "the error names the file"
    );
    assert!(target.is_dir() && std::fs::read_dir(&target).unwrap().next().is_none());
    let names: Vec<_> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names,
        vec![std::ffi::OsString::from("pc.rtf")],
        "no temporary file is left"
    );
}

#[test]
fn records_piped_as_json_lines_give_the_same_document() {
    let sandbox = store_with_values();
    let store = sandbox.store();
    let lines = ok(&koxolog(
        &["log", "--store", store.to_str().unwrap(), "--computer", "PC-B12"],
        None,
    ));
    let piped = Document::read(&ok(&koxolog(&["export-rtf", "--stdin"], Some(&lines))));
    let direct = export(&store, &["--computer", "PC-B12"]);
    assert_eq!(piped.records(), direct.records());
    assert_eq!(
        piped.paragraphs[0], direct.paragraphs[0],
        "the title comes from the records' log"
    );
    // Filters apply to piped records too.
    let logons = Document::read(&ok(&koxolog(
        &["export-rtf", "--stdin", "--event", "logon"],
        Some(&lines),
    )));
    assert_eq!(logons.records().len(), 2);
    // Piped records pair into sessions too.
    let paired = Document::read(&ok(&koxolog(&["export-rtf", "--stdin", "--sessions"], Some(&lines))));
    assert!(paired.records()[2].0.contains("01:30:15"), "{:?}", paired.records()[2]);
}

#[test]
fn piped_values_are_made_safe_again_so_no_bidi_control_reorders_a_row() {
    let line = "{\"Tag\":\"[LOGON.]\",\"Time\":\"2026-11-24T08:00:00.000+01:00\",\"User\":\"ann\",\"Computer\":\"PC1\\u202e\",\"Client\":\"TC\\u2067x\",\"Ip\":\"10.0.0.5\"}\n";
    let raw = String::from_utf8(ok(&koxolog(&["export-rtf", "--stdin"], Some(line.as_bytes())))).unwrap();
    for (c, unit) in [('\u{202E}', r"\u8238?"), ('\u{2067}', r"\u8295?")] {
        assert!(
            !raw.contains(c) && !raw.contains(unit),
            "U+{:04X} reached the document: {raw}",
            c as u32
        );
    }
    let document = Document::read(raw.as_bytes());
    let row = &document.records()[0].0;
    assert!(row.contains("PC1") && row.contains("TC x"), "{row:?}");
}

#[test]
fn stdin_takes_no_path_and_no_last() {
    for args in [
        &["export-rtf", "--stdin", "PC1.LOG"][..],
        &["export-rtf", "--stdin", "--last", "3"],
    ] {
        let output = koxolog(args, None);
        assert_eq!(output.status.code(), Some(2), "{args:?} is a usage error");
        assert_eq!(common::parse_diagnostics(&output.stderr)[0].code, "usage");
    }
}

#[test]
fn a_bad_piped_line_is_an_error_and_the_others_are_exported() {
    let input = concat!(
        "\u{feff}",
        r#"{"Event":"Logon","Tag":"[LOGON.]","Time":"2026-11-24T08:00:00.000+01:00","User":"a\nb\tc","Computer":"PC1"}"#,
        "\n{not json\n",
        r#"{"Event":"Logoff","Time":"yesterday","User":"x"}"#,
        "\n",
        r#"{"Event":"Logoff","Time":"2026-11-24T09:00:00.000+01:00","User":"a","Computer":"PC1"}"#,
        "\n"
    );
    let output = koxolog(&["export-rtf", "--stdin"], Some(input.as_bytes()));
    assert_eq!(output.status.code(), Some(1), "per-item errors exit 1");
    let bad: Vec<(String, Option<u64>)> = common::parse_diagnostics(&output.stderr)
        .into_iter()
        .map(|d| (d.code, d.line))
        .collect();
    assert_eq!(
        bad,
        vec![("bad-record".to_owned(), Some(2)), ("bad-record".to_owned(), Some(3))]
    );
    let document = Document::read(&output.stdout);
    let records = document.records();
    assert_eq!(records.len(), 2, "{records:?}");
    assert!(
        records[0].0.contains("a b c"),
        "control characters become spaces: {:?}",
        records[0].0
    );
    assert!(
        records[1].0.starts_with("[LOGOFF]"),
        "the tag comes from the event name"
    );
    assert!(
        records[0].0.starts_with("[LOGON.]"),
        "a byte-order mark before the first line is skipped"
    );
}

#[test]
fn sessions_adds_the_duration_on_the_logoff_line() {
    let sandbox = store_with_values();
    let store = sandbox.store();
    let document = export(&store, &["--computer", "PC-B12", "--sessions", "--event", "logoff"]);
    let records = document.records();
    assert_eq!(records.len(), 1);
    assert!(
        records[0].0.contains("01:30:15"),
        "the session lasted 1 h 30 min 15 s: {:?}",
        records[0].0
    );
    assert!(document.paragraphs[2].0.contains("Duration"));
    let without = export(&store, &["--computer", "PC-B12", "--event", "logoff"]);
    assert!(!without.records()[0].0.contains("01:30:15") && !without.paragraphs[2].0.contains("Duration"));
}

/// The peak memory (KiB) of `koxolog args`, measured by Python's
/// `resource` module (python3 is on every Debian machine).
fn peak_kib(args: &[&str]) -> u64 {
    let script = "import resource, subprocess, sys\n\
                  r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n\
                  assert r.returncode == 0, r.returncode\n\
                  print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)";
    let output = Command::new("python3")
        .args(["-c", script, env!("CARGO_BIN_EXE_koxolog")])
        .args(args)
        .output()
        .expect("python3 is needed to measure memory (apt-get install python3)");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).trim().parse().unwrap()
}

#[test]
#[cfg_attr(
    windows,
    ignore = "measures memory with python3, a Linux program a Windows test under Wine cannot start"
)]
fn a_long_log_converts_with_flat_memory() {
    let sandbox = Sandbox::new();
    let (dir, store) = (&sandbox.dir, sandbox.store());
    write(&sandbox, "logon", "2026-11-24T08:00:00+01:00", "jdoe", "PC1", "-");
    let log = store.join("Computers").join("PC1.LOG");
    let content = std::fs::read_to_string(&log).unwrap();
    let record = content.lines().last().unwrap().to_owned() + "\r\n";
    let long = dir.path().join("long.LOG");
    let short = dir.path().join("short.LOG");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&long).unwrap());
    file.write_all(content.as_bytes()).unwrap();
    for _ in 0..300_000 {
        file.write_all(record.as_bytes()).unwrap();
    }
    drop(file);
    std::fs::write(&short, content.clone() + &record.repeat(3_000)).unwrap();
    let out = dir.path().join("out.rtf");
    let small = peak_kib(&["export-rtf", short.to_str().unwrap(), "--output", out.to_str().unwrap()]);
    let large = peak_kib(&["export-rtf", long.to_str().unwrap(), "--output", out.to_str().unwrap()]);
    let size = std::fs::metadata(&out).unwrap().len();
    assert!(
        size > 30_000_000,
        "the document of 300,000 records is large ({size} bytes)"
    );
    assert!(
        large < small + 16 * 1024,
        "memory grew with the log: {small} KiB for 3,000 records, {large} KiB for 300,000"
    );
}
