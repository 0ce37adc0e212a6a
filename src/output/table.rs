//! `--format table`: aligned columns for a person at a terminal.
//!
//! The first [`SAMPLE`] objects are held to choose the columns (the keys
//! with a value in any of them, less the ones only a program needs:
//! [`HIDDEN`]) and their widths; the rest stream with those widths, a
//! longer value cut with `…`. Times are shown in this computer's local time;
//! headings and event names in the language asked for.

use super::text::{cell, local_time};
use crate::language::Language;
use crate::record::event::Event;
use serde_json::{Map, Value};
use std::io::{self, Write};

/// How many objects choose the columns.
pub const SAMPLE: usize = 50;

/// The widest a column gets.
const MAX_WIDTH: usize = 40;

/// Keys a table leaves out (`--format json` or `csv` has them).
const HIDDEN: [&str; 8] = ["Tag", "Path", "Line", "Raw", "Id", "SessionId", "Mac", "Os"];

/// A table being written.
#[derive(Default)]
pub struct Table {
    held: Vec<Map<String, Value>>,
    columns: Option<Vec<(String, usize)>>,
    language: Language,
}

fn width(text: &str) -> usize {
    text.chars().count()
}

impl Table {
    /// A table whose headings and event names are in `language`.
    pub fn new(language: Language) -> Table {
        Table {
            language,
            ..Table::default()
        }
    }

    /// A value as the table shows it.
    fn shown(&self, key: &str, value: &Value) -> String {
        let text = cell(value);
        if key.ends_with("Event")
            && let Ok(event) = text.parse::<Event>()
        {
            return self.language.event(event).to_owned();
        }
        local_time(&text).unwrap_or(text)
    }

    /// A column's heading.
    fn heading<'a>(&self, key: &'a str) -> &'a str {
        self.language.heading(key)
    }

    /// Takes one object; writes rows once the columns are chosen.
    pub fn row(&mut self, object: Map<String, Value>, out: &mut impl Write) -> io::Result<()> {
        if self.columns.is_some() {
            return self.write_row(&object, out);
        }
        self.held.push(object);
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
        let mut columns: Vec<(String, usize)> = Vec::new();
        for object in &self.held {
            for (key, value) in object {
                if value.is_null() || HIDDEN.contains(&key.as_str()) {
                    continue;
                }
                let wide = width(&self.shown(key, value))
                    .max(width(self.heading(key)))
                    .min(MAX_WIDTH);
                match columns.iter_mut().find(|(name, _)| name == key) {
                    Some((_, widest)) => *widest = (*widest).max(wide),
                    None => columns.push((key.clone(), wide)),
                }
            }
        }
        // Keys in the order of the objects, whichever object had them first.
        if let Some(first) = self.held.first() {
            columns.sort_by_key(|(key, _)| first.keys().position(|k| k == key).unwrap_or(usize::MAX));
        }
        let header: Vec<String> = columns.iter().map(|(key, w)| pad(self.heading(key), *w)).collect();
        writeln!(out, "{}", header.join("  ").trim_end())?;
        let rule: Vec<String> = columns.iter().map(|(_, w)| "-".repeat(*w)).collect();
        writeln!(out, "{}", rule.join("  "))?;
        self.columns = Some(columns);
        for object in std::mem::take(&mut self.held) {
            self.write_row(&object, out)?;
        }
        Ok(())
    }

    fn write_row(&self, object: &Map<String, Value>, out: &mut impl Write) -> io::Result<()> {
        let columns = self.columns.as_deref().unwrap_or_default();
        let cells: Vec<String> = columns
            .iter()
            .map(|(key, w)| pad(&self.shown(key, object.get(key).unwrap_or(&Value::Null)), *w))
            .collect();
        writeln!(out, "{}", cells.join("  ").trim_end())
    }
}

/// `text` in exactly `wide` characters: padded, or cut with `…`.
fn pad(text: &str, wide: usize) -> String {
    let length = width(text);
    if length <= wide {
        format!("{text}{}", " ".repeat(wide - length))
    } else {
        let cut: String = text.chars().take(wide.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(json: &str) -> Map<String, Value> {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn a_table_aligns_the_columns_with_a_value_and_hides_the_programs_ones() {
        let mut table = Table::default();
        let mut out = Vec::new();
        table
            .row(
                object(r#"{"Event":"Logon","Tag":"[LOGON.]","User":"jdoe","Client":null}"#),
                &mut out,
            )
            .unwrap();
        table
            .row(
                object(r#"{"Event":"Logoff","Tag":"[LOGOFF]","User":"averyveryverylongname","Client":null}"#),
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
            table.row(object(r#"{"User":"jdoe"}"#), &mut out).unwrap();
        }
        let before = out.len();
        assert!(before > 0, "the sample is written");
        table.row(object(r#"{"User":"a-much-longer-name"}"#), &mut out).unwrap();
        let last = String::from_utf8(out[before..].to_vec()).unwrap();
        assert_eq!(last, "a-m…\n");
    }

    #[test]
    fn a_french_table_names_its_headings_and_events_in_french() {
        let mut table = Table::new(Language::Fr);
        let mut out = Vec::new();
        table
            .row(object(r#"{"Event":"Logon","User":"jdoe"}"#), &mut out)
            .unwrap();
        table.finish(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("Événement") && text.contains("Utilisateur"), "{text}");
        assert!(text.contains("Ouverture de session  jdoe"), "{text}");
    }
}
