//! The header parser: any run of lines (a `#####` header, directives,
//! `#Fields:` with any names) fed to one parser never panics, and the
//! columns in force always start with `tag time`.

#![no_main]

use koxolog::format::header::Columns;
use koxolog::format::parse::Parser;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parser = Parser::default();
    for line in text.split('\n') {
        let _ = parser.line(line.strip_suffix('\r').unwrap_or(line));
        let _ = parser.in_header();
    }
    let _ = parser.columns().len();
    if let Some(names) = text.strip_prefix("#Fields:") {
        let _ = Columns::parse(names.lines().next().unwrap_or_default());
    }
});
