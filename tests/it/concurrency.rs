//! Many writers racing on the same logs from an empty store (8:00 on a
//! Monday): every record lands exactly once, whole, under one header.

use crate::common;
use common::*;
use std::collections::HashSet;

#[cfg(not(windows))]
const WRITERS: usize = 32;
#[cfg(not(windows))]
const WRITES: usize = 200;
// Windows processes under Wine start about a hundred times slower: fewer
// writes, still many writers racing at once.
#[cfg(windows)]
const WRITERS: usize = 16;
#[cfg(windows)]
const WRITES: usize = 12;

#[test]
fn racing_writers_lose_nothing_and_interleave_nothing() {
    let sandbox = Sandbox::new();
    std::thread::scope(|scope| {
        for writer in 0..WRITERS {
            let sandbox = &sandbox;
            scope.spawn(move || {
                for write in 0..WRITES {
                    let tag = format!("w{writer}-{write}");
                    let args = sandbox.write_args("logon", "jdoe", "PC-B12", &["--session", &tag, "--timeout", "60"]);
                    let output = output_of(&mut command(&args.iter().map(String::as_str).collect::<Vec<_>>()));
                    assert!(
                        output.status.success(),
                        "{tag}: {}",
                        String::from_utf8_lossy(&output.stderr)
                    );
                }
            });
        }
    });
    let expected: HashSet<String> = (0..WRITERS)
        .flat_map(|w| (0..WRITES).map(move |i| format!("w{w}-{i}")))
        .collect();
    for (branch, stem, flag) in [("Computers", "PC-B12", "--computer"), ("Users", "JDOE", "--user")] {
        let text = sandbox.log_text(branch, stem);
        let lines: Vec<&str> = text.split_terminator("\r\n").collect();
        assert_eq!(
            lines.iter().filter(|l| l.starts_with("#####")).count(),
            1,
            "{branch}: one header"
        );
        assert!(lines[0].starts_with("#####"), "{branch}: the header comes first");
        assert_eq!(
            lines.len(),
            6 + WRITERS * WRITES,
            "{branch}: header and records, nothing else"
        );
        assert!(text.ends_with("\r\n") && !text.contains("\n\n"));

        let run = sandbox.read("log", &[flag, stem]).expect_code(0);
        assert!(
            run.diagnostics.is_empty(),
            "{branch}: every line parses: {:?}",
            run.diagnostics
        );
        let records: Vec<Record> = run.objects();
        let seen: Vec<String> = records.iter().map(|r| r.session.clone().unwrap()).collect();
        let unique: HashSet<String> = seen.iter().cloned().collect();
        assert_eq!(seen.len(), unique.len(), "{branch}: no record twice");
        assert_eq!(unique, expected, "{branch}: every record present");
        let ids: HashSet<&str> = records.iter().map(|r| r.id.as_deref().unwrap()).collect();
        assert_eq!(ids.len(), WRITERS * WRITES, "{branch}: every id unique");
    }
}
