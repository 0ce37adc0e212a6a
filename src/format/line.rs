//! A record written as one line: the tag, the time, then every field of
//! [`Field::ALL`] in order, separated by tabs, ended by CRLF. Every value goes
//! through [`sanitize::value`] first, so that no value can break the line.

use super::header::Field;
use super::{EMPTY, EOL, sanitize};
use crate::record::Record;

/// The line for a record, ending with [`EOL`].
pub fn render(record: &Record) -> String {
    let mut line = String::with_capacity(256);
    line.push_str(&record.tag);
    line.push('\t');
    line.push_str(&record.time_text);
    for field in Field::ALL {
        line.push('\t');
        match record.get(field).and_then(sanitize::value) {
            Some(value) => line.push_str(&value),
            None => line.push_str(EMPTY),
        }
    }
    line.push_str(EOL);
    line
}
