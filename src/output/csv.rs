//! `--format csv`: for Excel. UTF-8 with a byte-order mark (so Excel reads
//! accents), a header row of the first object's keys, fields quoted as RFC
//! 4180 says, and a value that Excel would run as a formula (`=`, `+`,
//! `-`, `@`, tab or carriage return first) written after a `'`, as text.

use super::row::Row;
use super::text::cell;
use crate::words;
use std::io::{self, Write};
use std::sync::Arc;

/// A CSV document being written.
#[derive(Default)]
pub struct Csv {
    keys: Option<Arc<Keys>>,
    /// The row being made, written whole.
    line: Vec<u8>,
}

/// The keys of a document's columns, the first object's: they make any
/// object a row, on any thread.
pub struct Keys(Vec<String>);

impl Keys {
    /// Appends `object` as a row.
    pub fn row(&self, object: &Row, line: &mut Vec<u8>) {
        record(
            line,
            self.0.iter().enumerate().map(|(at, key)| cell(object.get(key, at))),
        );
    }
}

/// Appends one field.
fn field(line: &mut Vec<u8>, text: &str) {
    // All ASCII: looked for as bytes, which no character of more than one
    // byte holds.
    let formula = matches!(text.as_bytes().first(), Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r'));
    let quoted = words::any(
        text.as_bytes(),
        |word| {
            words::equal(word, b',')
                | words::equal(word, b'"')
                | words::equal(word, b'\r')
                | words::equal(word, b'\n')
                | words::equal(word, b';')
                != 0
        },
        |byte| matches!(byte, b',' | b'"' | b'\r' | b'\n' | b';'),
    );
    if quoted {
        line.push(b'"');
    }
    if formula {
        line.push(b'\'');
    }
    if quoted {
        for (at, part) in text.split('"').enumerate() {
            if at > 0 {
                line.extend_from_slice(b"\"\"");
            }
            line.extend_from_slice(part.as_bytes());
        }
        line.push(b'"');
    } else {
        line.extend_from_slice(text.as_bytes());
    }
}

impl Csv {
    /// Writes one object as a row (the byte-order mark and the header first).
    pub fn row(&mut self, object: &Row, out: &mut impl Write) -> io::Result<()> {
        let Csv { keys, line } = self;
        line.clear();
        let keys = keys.get_or_insert_with(|| {
            let names: Vec<String> = object.members().map(|(key, _)| key.to_owned()).collect();
            line.extend_from_slice("\u{feff}".as_bytes());
            record(line, names.iter());
            Arc::new(Keys(names))
        });
        keys.row(object, line);
        out.write_all(line)
    }

    /// The columns, once the first object has chosen them.
    pub fn keys(&self) -> Option<&Arc<Keys>> {
        self.keys.as_ref()
    }
}

/// Appends one line of fields.
fn record<T: AsRef<str>>(line: &mut Vec<u8>, fields: impl Iterator<Item = T>) {
    for (at, text) in fields.enumerate() {
        if at > 0 {
            line.push(b',');
        }
        field(line, text.as_ref());
    }
    line.extend_from_slice(b"\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_character_that_needs_quotes_is_found_at_every_position() {
        for length in 1..20 {
            for at in 0..length {
                for special in [',', '"', '\r', '\n', ';'] {
                    let mut text: Vec<char> = vec!['a'; length];
                    text[at] = special;
                    let text: String = text.into_iter().collect();
                    let mut line = Vec::new();
                    field(&mut line, &text);
                    assert!(line.starts_with(b"\"") && line.ends_with(b"\""), "{text:?}");
                }
            }
        }
        let mut line = Vec::new();
        field(&mut line, "jean.martin0 LYCEE");
        assert_eq!(line, b"jean.martin0 LYCEE");
    }

    #[test]
    fn csv_quotes_as_excel_reads_and_never_writes_a_formula() {
        let mut csv = Csv::default();
        let mut out = Vec::new();
        for line in [
            r#"{"User":"O\"Brien, J","Client":"=HYPERLINK(\"x\")","Ip":null}"#,
            r#"{"Ip":"10.0.0.1","User":"-jdoe","Client":"a;b"}"#,
        ] {
            csv.row(&Row::parse(line).unwrap(), &mut out).unwrap();
        }
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "\u{feff}User,Client,Ip\r\n\"O\"\"Brien, J\",\"'=HYPERLINK(\"\"x\"\")\",\r\n'-jdoe,\"a;b\",10.0.0.1\r\n"
        );
    }
}
