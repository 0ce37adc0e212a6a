//! `--format csv`: for Excel. UTF-8 with a byte-order mark (so Excel reads
//! accents), a header row of the first object's keys, fields quoted as RFC
//! 4180 says, and a value that Excel would run as a formula (`=`, `+`,
//! `-`, `@`, tab or carriage return first) written after a `'`, as text.

use super::text::cell;
use serde_json::{Map, Value};
use std::io::{self, Write};

/// A CSV document being written.
#[derive(Default)]
pub struct Csv {
    keys: Option<Vec<String>>,
}

fn field(text: &str) -> String {
    let text = match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_owned(),
    };
    if text.contains([',', '"', '\r', '\n', ';']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

impl Csv {
    /// Writes one object as a row (the byte-order mark and the header first).
    pub fn row(&mut self, object: Map<String, Value>, out: &mut impl Write) -> io::Result<()> {
        let keys = match &self.keys {
            Some(keys) => keys,
            None => {
                let keys: Vec<String> = object.keys().cloned().collect();
                out.write_all("\u{feff}".as_bytes())?;
                let header: Vec<String> = keys.iter().map(|k| field(k)).collect();
                write!(out, "{}\r\n", header.join(","))?;
                self.keys.insert(keys)
            }
        };
        let fields: Vec<String> = keys
            .iter()
            .map(|key| field(&cell(object.get(key).unwrap_or(&Value::Null))))
            .collect();
        write!(out, "{}\r\n", fields.join(","))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_as_excel_reads_and_never_writes_a_formula() {
        let mut csv = Csv::default();
        let mut out = Vec::new();
        let row = |json: &str| serde_json::from_str::<Map<String, Value>>(json).unwrap();
        csv.row(
            row(r#"{"User":"O\"Brien, J","Client":"=HYPERLINK(\"x\")","Ip":null}"#),
            &mut out,
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "\u{feff}User,Client,Ip\r\n\"O\"\"Brien, J\",\"'=HYPERLINK(\"\"x\"\")\",\r\n"
        );
    }
}
