//! Everything the binary prints on stdout: JSON Lines, or a document
//! (`export-rtf` without `--output`).
//!
//! `--format` chooses how objects are printed ([`Format`]): JSON Lines (the
//! default when stdout is not a terminal, and what the PowerShell module
//! always asks for), an aligned [`table::Table`] for a person (the default
//! at a terminal), or [`csv::Csv`] for Excel. The subcommands always hand
//! JSON here; a table or CSV is made of it.
//!
//! A store-wide command's workers print the rows themselves once the
//! columns are chosen ([`Printer`]), so that a table or CSV of every record
//! is made on every core, not only the one writing stdout.
//!
//! Objects are buffered and flushed at natural boundaries (after each log
//! file) so that the first records reach the consumer early. When the consumer
//! closes the pipe (`Select-Object -First 1`, `head`), writing fails with
//! [`Closed`], which `main` turns into a quiet success.

mod csv;
mod row;
mod table;
mod text;

use crate::language::Language;
use row::Row;
use serde::Serialize;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::sync::{Arc, OnceLock};

/// How objects are printed (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JSON Lines: one object per line.
    Json,
    /// Aligned columns, times in local time.
    Table,
    /// Comma-separated values, UTF-8 with a byte-order mark.
    Csv,
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(text: &str) -> Result<Format, String> {
        match text.to_ascii_lowercase().as_str() {
            "json" => Ok(Format::Json),
            "table" => Ok(Format::Table),
            "csv" => Ok(Format::Csv),
            _ => Err(format!("'{text}' is not a format: json, table or csv")),
        }
    }
}

impl Format {
    /// `table` when stdout is a terminal, else `json`.
    pub fn for_stdout() -> Format {
        if io::stdout().is_terminal() {
            Format::Table
        } else {
            Format::Json
        }
    }
}

/// What a table or CSV is being made of.
enum Text {
    Table(table::Table),
    Csv(csv::Csv),
}

/// The columns of a table or CSV, once the first objects have chosen them.
enum Columns {
    Table(Arc<table::Columns>),
    Csv(Arc<csv::Keys>),
}

/// Makes rows of JSON lines on any thread, the same rows as [`Output`]'s
/// once it has chosen its columns: a worker of a store-wide command prints
/// its own pieces ([`crate::parallel::Convert`]).
pub struct Printer(Arc<OnceLock<Columns>>);

impl Printer {
    /// Appends the rows of `json` (whole JSON lines) to `made`: `false`,
    /// with nothing appended, before the columns are chosen or when a line
    /// is not an object (for [`Output::write_raw`] to say).
    pub fn print(&self, json: &[u8], made: &mut Vec<u8>) -> bool {
        let (Some(columns), Ok(text)) = (self.0.get(), std::str::from_utf8(json)) else {
            return false;
        };
        let start = made.len();
        let mut line = String::new();
        for json in lines(text) {
            let Ok(object) = Row::parse(json) else {
                made.truncate(start);
                return false;
            };
            match columns {
                Columns::Table(columns) => {
                    line.clear();
                    columns.row(&object, &mut line);
                    made.extend_from_slice(line.as_bytes());
                }
                Columns::Csv(keys) => keys.row(&object, made),
            }
        }
        true
    }
}

/// The JSON lines of `text`, blank ones left out.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.split_terminator('\n').filter(|line| !line.is_empty())
}

/// The consumer closed stdout: stop working and exit with success.
#[derive(Debug, thiserror::Error)]
#[error("stdout was closed by the consumer")]
pub struct Closed;

/// A buffered writer of objects on stdout.
pub struct Output {
    out: BufWriter<io::Stdout>,
    text: Option<Text>,
    /// The columns of `text`, shared with the [`Printer`]s once chosen.
    columns: Arc<OnceLock<Columns>>,
    language: Language,
}

impl Default for Output {
    fn default() -> Self {
        Output::new(Format::Json, Language::En)
    }
}

impl Output {
    /// Objects printed as `format` says; what people read (a table, a
    /// document) in `language`.
    pub fn new(format: Format, language: Language) -> Output {
        Output {
            out: BufWriter::with_capacity(64 * 1024, io::stdout()),
            text: match format {
                Format::Json => None,
                Format::Table => Some(Text::Table(table::Table::new(language))),
                Format::Csv => Some(Text::Csv(csv::Csv::default())),
            },
            columns: Arc::default(),
            language,
        }
    }

    /// The language of what people read.
    pub fn language(&self) -> Language {
        self.language
    }

    /// Writes one object (one line of JSON Lines).
    pub fn emit<T: Serialize>(&mut self, object: &T) -> anyhow::Result<()> {
        if self.text.is_some() {
            let line = serde_json::to_string(object)?;
            return self.text_row(&Row::parse(&line)?);
        }
        serde_json::to_writer(&mut self.out, object).map_err(|e| match e.io_error_kind() {
            Some(kind) => map_io(io::Error::from(kind)),
            None => anyhow::Error::from(e),
        })?;
        self.write_raw(b"\n")
    }

    /// Writes bytes that already are complete JSON lines.
    pub fn write_raw(&mut self, bytes: &[u8]) -> anyhow::Result<()> {
        if self.text.is_some() {
            // Checked as UTF-8 once, not string by string.
            let text = std::str::from_utf8(bytes)?;
            for line in lines(text) {
                self.text_row(&Row::parse(line)?)?;
            }
            return Ok(());
        }
        self.out.write_all(bytes).map_err(map_io)?;
        Ok(())
    }

    /// Writes rows a [`Printer`] of this output made.
    pub fn write_printed(&mut self, rows: &[u8]) -> anyhow::Result<()> {
        self.out.write_all(rows).map_err(map_io)?;
        Ok(())
    }

    /// What makes this output's rows on other threads: `None` for JSON,
    /// which has nothing to make.
    pub fn printer(&self) -> Option<Printer> {
        self.text.is_some().then(|| Printer(Arc::clone(&self.columns)))
    }

    fn text_row(&mut self, object: &Row) -> anyhow::Result<()> {
        let written = match self.text.as_mut() {
            Some(Text::Table(table)) => table.row(object, &mut self.out),
            Some(Text::Csv(csv)) => csv.row(object, &mut self.out),
            None => Ok(()),
        };
        if self.columns.get().is_none() {
            let chosen = match &self.text {
                Some(Text::Table(table)) => table.columns().cloned().map(Columns::Table),
                Some(Text::Csv(csv)) => csv.keys().cloned().map(Columns::Csv),
                None => None,
            };
            if let Some(chosen) = chosen {
                let _ = self.columns.set(chosen);
            }
        }
        written.map_err(map_io)
    }

    /// Ends the output: a table still holding its first rows writes them.
    pub fn finish(&mut self) -> anyhow::Result<()> {
        if let Some(Text::Table(table)) = self.text.as_mut() {
            table.finish(&mut self.out).map_err(map_io)?;
        }
        self.flush()
    }

    /// The stream itself, for a document that is not JSON; its errors are
    /// the caller's to tell (a closed pipe included).
    pub fn document(&mut self) -> &mut dyn Write {
        &mut self.out
    }

    /// Sends what is buffered to the consumer.
    pub fn flush(&mut self) -> anyhow::Result<()> {
        self.out.flush().map_err(map_io)?;
        Ok(())
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        let _ = self.out.flush();
    }
}

fn map_io(error: io::Error) -> anyhow::Error {
    if error.kind() == io::ErrorKind::BrokenPipe {
        anyhow::Error::from(Closed)
    } else {
        anyhow::Error::from(error).context("cannot write to stdout")
    }
}
