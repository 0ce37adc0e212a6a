//! `--format table`: aligned columns for a person at a terminal.
//!
//! The first [`SAMPLE`] objects are held to choose the columns (the keys
//! with a value in any of them, less the ones only a program needs:
//! [`HIDDEN`]) and their widths; the rest stream with those widths, a
//! longer value cut with `…`. Times are shown in this computer's local time;
//! headings and event names in the language asked for.

use super::row::{Cell, Row};
use super::text::{cell, local_time};
use crate::language::Language;
use crate::record::event::Event;
use std::borrow::Cow;
use std::io::{self, Write};
use std::sync::Arc;

/// How many objects choose the columns.
pub const SAMPLE: usize = 50;

/// The widest a column gets.
const MAX_WIDTH: usize = 40;

/// Keys a table leaves out (`--format json` or `csv` has them).
const HIDDEN: [&str; 8] = ["Tag", "Path", "Line", "Raw", "Id", "SessionId", "Mac", "Os"];

/// A column: its key, its width, and where the key was in the first row
/// (where the next rows have it too).
struct Column {
    key: String,
    width: usize,
    at: usize,
}

/// A table being written.
#[derive(Default)]
pub struct Table {
    held: Vec<Row<'static>>,
    columns: Option<Arc<Columns>>,
    language: Language,
    /// The line being made, written whole.
    line: String,
}

/// A table's columns once chosen, in the language of its headings: they
/// make any object a row, on any thread.
pub struct Columns {
    columns: Vec<Column>,
    language: Language,
}

impl Columns {
    /// Appends `object` as a row.
    pub fn row(&self, object: &Row, line: &mut String) {
        for column in &self.columns {
            let value = object.get(&column.key, column.at);
            pad(line, &shown(self.language, &column.key, value), column.width);
        }
        end_line(line);
    }
}

fn width(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    }
}

impl Table {
    /// A table whose headings and event names are in `language`.
    pub fn new(language: Language) -> Table {
        Table {
            language,
            ..Table::default()
        }
    }

    /// Takes one object; writes rows once the columns are chosen.
    pub fn row(&mut self, object: &Row, out: &mut impl Write) -> io::Result<()> {
        if self.columns.is_some() {
            return self.write_row(object, out);
        }
        self.held.push(object.clone().into_owned());
        if self.held.len() >= SAMPLE {
            self.start(out)?;
        }
        Ok(())
    }

    /// Writes what is still held (the table of fewer than [`SAMPLE`] objects).
    pub fn finish(&mut self, out: &mut impl Write) -> io::Result<()> {
        if self.columns.is_none() && !self.held.is_empty() {
            self.start(out)?;
        }
        Ok(())
    }

    fn start(&mut self, out: &mut impl Write) -> io::Result<()> {
        let language = self.language;
        let mut columns: Vec<Column> = Vec::new();
        for object in &self.held {
            for (key, value) in object.members() {
                if *value == Cell::Null || HIDDEN.contains(&key) {
                    continue;
                }
                let wide = width(&shown(language, key, value))
                    .max(width(language.heading(key)))
                    .min(MAX_WIDTH);
                match columns.iter_mut().find(|column| column.key == key) {
                    Some(column) => column.width = column.width.max(wide),
                    None => columns.push(Column {
                        key: key.to_owned(),
                        width: wide,
                        at: usize::MAX,
                    }),
                }
            }
        }
        // Keys in the order of the objects, whichever object had them first.
        if let Some(first) = self.held.first() {
            for column in &mut columns {
                column.at = first.members().position(|(k, _)| k == column.key).unwrap_or(usize::MAX);
            }
            columns.sort_by_key(|column| column.at);
        }
        self.line.clear();
        for column in &columns {
            pad(&mut self.line, language.heading(&column.key), column.width);
        }
        end_line(&mut self.line);
        for (at, column) in columns.iter().enumerate() {
            if at > 0 {
                self.line.push_str("  ");
            }
            self.line.extend(std::iter::repeat_n('-', column.width));
        }
        self.line.push('\n');
        out.write_all(self.line.as_bytes())?;
        self.columns = Some(Arc::new(Columns { columns, language }));
        for object in std::mem::take(&mut self.held) {
            self.write_row(&object, out)?;
        }
        Ok(())
    }

    fn write_row(&mut self, object: &Row, out: &mut impl Write) -> io::Result<()> {
        self.line.clear();
        if let Some(columns) = &self.columns {
            columns.row(object, &mut self.line);
        }
        out.write_all(self.line.as_bytes())
    }

    /// The columns, once the first objects have chosen them.
    pub fn columns(&self) -> Option<&Arc<Columns>> {
        self.columns.as_ref()
    }
}

/// A value as the table shows it: an event's name in `language`, a time in
/// local time.
fn shown<'a>(language: Language, key: &str, value: &'a Cell) -> Cow<'a, str> {
    let text = cell(value);
    if key.ends_with("Event")
        && let Ok(event) = text.parse::<Event>()
    {
        return Cow::Borrowed(language.event(event));
    }
    local_time(&text).map_or(text, Cow::Owned)
}

/// Appends `text` in exactly `wide` characters, padded or cut with `…`,
/// and the two spaces between columns.
fn pad(line: &mut String, text: &str, wide: usize) {
    let length = width(text);
    if length <= wide {
        line.push_str(text);
        line.extend(std::iter::repeat_n(' ', wide - length));
    } else {
        line.extend(text.chars().take(wide.saturating_sub(1)));
        line.push('…');
    }
    line.push_str("  ");
}

/// Ends a line of padded cells: no spaces at its end.
fn end_line(line: &mut String) {
    line.truncate(line.trim_end().len());
    line.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(json: &str) -> Row<'_> {
        Row::parse(json).unwrap()
    }

    #[test]
    fn a_table_aligns_the_columns_with_a_value_and_hides_the_programs_ones() {
        let mut table = Table::default();
        let mut out = Vec::new();
        table
            .row(
                &object(r#"{"Event":"Logon","Tag":"[LOGON.]","User":"jdoe","Client":null}"#),
                &mut out,
            )
            .unwrap();
        table
            .row(
                &object(r#"{"Event":"Logoff","Tag":"[LOGOFF]","User":"averyveryverylongname","Client":null}"#),
                &mut out,
            )
            .unwrap();
        assert!(out.is_empty(), "held until the columns are known");
        table.finish(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "Event   User\n------  ---------------------\nLogon   jdoe\nLogoff  averyveryverylongname\n"
        );
    }

    #[test]
    fn rows_after_the_sample_stream_and_a_long_value_is_cut() {
        let mut table = Table::default();
        let mut out = Vec::new();
        for _ in 0..SAMPLE {
            table.row(&object(r#"{"User":"jdoe"}"#), &mut out).unwrap();
        }
        let before = out.len();
        assert!(before > 0, "the sample is written");
        table
            .row(&object(r#"{"User":"a-much-longer-name"}"#), &mut out)
            .unwrap();
        let last = String::from_utf8(out[before..].to_vec()).unwrap();
        assert_eq!(last, "a-m…\n");
    }

    #[test]
    fn a_french_table_names_its_headings_and_events_in_french() {
        let mut table = Table::new(Language::Fr);
        let mut out = Vec::new();
        table
            .row(&object(r#"{"Event":"Logon","User":"jdoe"}"#), &mut out)
            .unwrap();
        table.finish(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("Événement") && text.contains("Utilisateur"), "{text}");
        assert!(text.contains("Ouverture de session  jdoe"), "{text}");
    }
}
