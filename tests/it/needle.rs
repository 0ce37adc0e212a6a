//! A store-wide query by name skips the lines without the name unparsed
//! (`src/needle.rs`): it must find every record a full read finds, in any
//! case, whatever the line holds in place of the name's letters.

use crate::common;
use common::*;

const HEADER: &str = "##### KoXoLog session history #####\r\n#Software: KoXoLog 0.1.0\r\n#Version: 1\r\n\
    #Branch: Computers\r\n#Name: PC1\r\n\
    #Fields: tag time user domain computer client session ip mac logonserver os id sessionid clientip\r\n";

fn record(minute: u32, user: &str, computer: &str) -> String {
    format!(
        "[LOGON.]\t2026-11-24T08:{minute:02}:00.000+01:00\t{user}\tLYCEE\t{computer}\t-\t-\t10.0.0.5\t-\t-\t-\t-\t-\t-\r\n"
    )
}

/// The users of the records `log` prints for `args`.
fn users(sandbox: &Sandbox, args: &[&str]) -> Vec<String> {
    let run = sandbox.read("log", args).expect_code(0);
    run.objects::<Record>()
        .into_iter()
        .map(|r| r.user.unwrap_or_default())
        .collect()
}

#[test]
fn a_name_query_over_the_store_finds_what_a_full_read_finds() {
    let sandbox = Sandbox::new();
    let computers = sandbox.store().join("Computers");
    std::fs::create_dir_all(&computers).unwrap();
    let mut text = HEADER.to_string();
    for (minute, user) in [
        "JEAN.MARTIN01",
        "jean.martin02",
        "jeanne.martin",
        // The Kelvin sign lowercases to `k`: "mike.dupont" for a pattern.
        "mi\u{212A}e.dupont",
        // A control character is a space once the value is made safe.
        "jean\u{1}martin",
        "someone",
    ]
    .into_iter()
    .enumerate()
    {
        text += &record(minute as u32, user, "PC1");
    }
    std::fs::write(computers.join("PC1.LOG"), text).unwrap();
    // A log of the original scripts whose lines do not name the computer:
    // its records are named after the log.
    std::fs::write(
        computers.join("SALLE-B12.LOG"),
        "##### KoXo LOG SESSIONS #####\r\nOrdinateur : SALLE-B12\r\n\r\n\r\n\r\n-----\r\n[LOGON.] 24/11/2008 08:01:02 jdoe\r\n",
    )
    .unwrap();

    assert_eq!(
        users(&sandbox, &["--user", "jean.martin0*"]),
        ["JEAN.MARTIN01", "jean.martin02"]
    );
    assert_eq!(
        users(&sandbox, &["--user", "*MARTIN*"]),
        ["JEAN.MARTIN01", "jean.martin02", "jeanne.martin", "jean martin"]
    );
    assert_eq!(users(&sandbox, &["--user", "mike.dupon?"]), ["mi\u{212A}e.dupont"]);
    assert_eq!(users(&sandbox, &["--user", "jean martin*"]), ["jean martin"]);
    let legacy = sandbox.read("log", &["--computer", "salle-b1*"]).expect_code(0);
    let records: Vec<Record> = legacy.objects();
    assert_eq!(records.len(), 1, "{:?}", legacy.diagnostics);
    assert_eq!(records[0].computer.as_deref(), Some("SALLE-B12"));
}
