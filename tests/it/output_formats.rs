//! `--format json|table|csv` and `--progress bar|json|none`: the same
//! objects for a person or for Excel, and JSON whenever a program reads.

use crate::common;
use common::*;

fn generated() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox
        .read("generate", &["--computers", "4", "--users", "6", "--days", "1"])
        .expect_code(0);
    sandbox
}

#[test]
fn csv_holds_every_object_and_key_for_excel() {
    let sandbox = generated();
    let json = sandbox.read("sessions", &[]).expect_code(0);
    let sessions = json.objects::<Session>();
    let csv = sandbox.read("sessions", &["--format", "csv"]).expect_code(0);
    assert!(csv.stdout.starts_with('\u{feff}'), "a byte-order mark for Excel");
    let lines: Vec<&str> = csv
        .stdout
        .trim_start_matches('\u{feff}')
        .split_terminator("\r\n")
        .collect();
    assert_eq!(lines.len(), sessions.len() + 1, "a header and a row per session");
    let first: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(json.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(
        lines[0],
        first.keys().cloned().collect::<Vec<_>>().join(","),
        "every key, in order"
    );
    assert!(lines[1].starts_with(&format!("{},", sessions[0].user.as_deref().unwrap())));
}

#[test]
fn a_table_is_aligned_in_local_time_and_the_flag_goes_anywhere() {
    let sandbox = generated();
    let store = sandbox.store_arg();
    let before = run(&["--format", "table", "log", "--store", &store, "--last", "3"]).expect_code(0);
    let after = sandbox
        .read("log", &["--last", "3", "--format", "table"])
        .expect_code(0);
    assert_eq!(before.stdout, after.stdout, "before or after the subcommand");
    let lines: Vec<&str> = after.stdout.lines().collect();
    assert!(
        lines[0].starts_with("Event") && lines[0].contains("Time"),
        "{}",
        lines[0]
    );
    assert!(lines[1].starts_with("-----"), "{}", lines[1]);
    let time_at = lines[0].find("Time").unwrap();
    for row in &lines[2..] {
        let time = &row[time_at..time_at + 19];
        assert!(
            chrono::NaiveDateTime::parse_from_str(time, "%Y-%m-%d %H:%M:%S").is_ok(),
            "a local time in its column: {row}"
        );
    }
    assert!(
        !after.stdout.contains("[LOGON.]") && !after.stdout.contains(".LOG"),
        "no tag or path"
    );
}

#[test]
fn progress_shows_as_asked_and_json_is_the_default_for_a_program() {
    let sandbox = generated();
    let default = sandbox.read("log", &[]).expect_code(0);
    assert!(
        !default.with_code("reading").is_empty(),
        "JSON progress lines when stderr is a pipe"
    );
    let quiet = sandbox.read("log", &["--progress", "none"]).expect_code(0);
    assert!(quiet.diagnostics.is_empty(), "{:?}", quiet.diagnostics);
    assert_eq!(quiet.stdout, default.stdout);
    let bar = output_of(&mut command(&[
        "log",
        "--store",
        &sandbox.store_arg(),
        "--progress",
        "bar",
    ]));
    let stderr = String::from_utf8_lossy(&bar.stderr);
    assert!(stderr.contains("Reading logs [") && stderr.contains('#'), "{stderr}");
    let wrong = sandbox.read("log", &["--format", "xml"]).expect_code(2);
    assert!(
        wrong.diagnostics[0]
            .message
            .contains("'xml' is not a format: json, table or csv")
    );
}

#[test]
fn french_is_for_people_and_json_stays_as_it_is() {
    let sandbox = generated();
    let log = sandbox.store().join("Computers").join("A01-PC01.LOG");
    let log = log.display().to_string();
    let rtf = sandbox.read("export-rtf", &["--language", "fr", &log]).expect_code(0);
    assert!(
        rtf.stdout.contains("Historique des sessions de A01-PC01 (Computers)"),
        "the title"
    );
    assert!(
        rtf.stdout.contains("Utilisateur") && rtf.stdout.contains("Ordinateur"),
        "the headings"
    );
    assert!(rtf.stdout.contains(" enregistrements, du "), "the summary");
    let english = sandbox.read("export-rtf", &[&log]).expect_code(0);
    assert!(english.stdout.contains("Session history of A01-PC01") && english.stdout.contains(" records, from "));

    let table = sandbox
        .read("log", &["--language", "fr", "--format", "table", &log])
        .expect_code(0);
    assert!(table.stdout.starts_with("Événement"), "{}", table.stdout);
    assert!(table.stdout.contains("Ouverture de session"), "{}", table.stdout);
    let json = sandbox.read("log", &["--language", "fr", &log]).expect_code(0);
    assert_eq!(
        json.stdout,
        sandbox.read("log", &[&log]).expect_code(0).stdout,
        "JSON is not translated"
    );
    let wrong = sandbox.read("log", &["--language", "de"]).expect_code(2);
    assert!(
        wrong.diagnostics[0]
            .message
            .contains("'de' is not a language: fr or en")
    );
}

#[test]
fn a_store_wide_csv_or_table_has_every_record_in_order_whichever_thread_made_its_rows() {
    // Enough logs and records for many batches and pieces of output: on a
    // machine of several cores, most of them are made into rows by the
    // workers rather than the writer (`parallel`'s tests show they are).
    let sandbox = Sandbox::new();
    sandbox
        .read("generate", &["--computers", "60", "--users", "90", "--days", "6"])
        .expect_code(0);
    let json = sandbox.read("log", &[]).expect_code(0);
    assert!(json.stdout.len() > 1 << 20, "only {} bytes of JSON", json.stdout.len());
    let objects: Vec<serde_json::Map<String, serde_json::Value>> = json
        .stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let csv = sandbox.read("log", &["--format", "csv"]).expect_code(0);
    let rows: Vec<&str> = csv
        .stdout
        .trim_start_matches('\u{feff}')
        .split_terminator("\r\n")
        .collect();
    assert_eq!(rows.len(), objects.len() + 1, "a header and a row per record");
    for (row, object) in rows[1..].iter().zip(&objects) {
        // The generated values hold no comma or quote, and none starts as
        // a formula would: each field is the value as it is.
        let expected: Vec<String> = object
            .values()
            .map(|value| match value {
                serde_json::Value::Null => String::new(),
                serde_json::Value::String(text) => text.clone(),
                other => other.to_string(),
            })
            .collect();
        assert_eq!(row.split(',').collect::<Vec<_>>(), expected, "{row}");
    }
    let table = sandbox.read("log", &["--format", "table"]).expect_code(0);
    let lines: Vec<&str> = table.stdout.lines().collect();
    assert_eq!(lines.len(), objects.len() + 2, "a heading, a rule and a row per record");
    // In characters: a value cut short ends with `…`.
    let at = |heading: &str| lines[0][..lines[0].find(heading).unwrap()].chars().count();
    for (line, object) in lines[2..].iter().zip(&objects) {
        for (key, heading) in [("Computer", "Computer"), ("Ip", "IP")] {
            // The generated names and addresses have no space; one longer
            // than its column (chosen from the first rows) is cut with `…`.
            let value = object[key].as_str().unwrap();
            let shown: String = line.chars().skip(at(heading)).take_while(|&c| c != ' ').collect();
            match shown.strip_suffix('…') {
                Some(start) => assert!(value.starts_with(start), "{line}: {value}"),
                None => assert_eq!(shown, value, "{line}"),
            }
        }
    }
    let sessions = sandbox.read("sessions", &[]).expect_code(0);
    let csv = sandbox.read("sessions", &["--format", "csv"]).expect_code(0);
    assert_eq!(
        csv.stdout.split_terminator("\r\n").count(),
        sessions.stdout.lines().count() + 1,
        "a header and a row per session"
    );
}
