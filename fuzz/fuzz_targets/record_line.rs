//! The record-line parser: any line, read with the columns of any
//! `#Fields:` directive, never panics; a record read back and written again
//! is one line of exactly the columns this version writes (no value can
//! forge a record or a column).

#![no_main]

use koxolog::format::header::{Columns, Field};
use koxolog::format::parse::{Line, Parser};
use koxolog::format::{EOL, line};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // The first line, when it is one, names the columns of the second.
    let (fields, record) = text.split_once('\n').unwrap_or(("", &text));
    let mut parser = match Columns::parse(fields) {
        Ok(columns) => Parser::with_columns(columns),
        Err(_) => Parser::default(),
    };
    if let Line::Record(record) | Line::Repaired(record) = parser.line(record) {
        let written = line::render(&record);
        let body = written.strip_suffix(EOL).expect("a written record ends its line");
        assert!(!body.contains(['\r', '\n']), "a value broke the line: {written:?}");
        // The tag, the time, then every field this version writes.
        assert_eq!(
            body.split('\t').count(),
            2 + Field::ALL.len(),
            "a value broke the columns: {written:?}"
        );
        assert!(
            matches!(Parser::default().line(body), Line::Record(_)),
            "not read back: {written:?}"
        );
    }
});
