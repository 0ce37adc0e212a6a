//! The rows of an export, spooled to a temporary file as they are read, so
//! that memory stays flat however long the log, while the widths of the
//! columns, the time range and the number of records are learned for the
//! document's heading.
//!
//! A spooled row is one line: its cells (control characters already made
//! spaces) separated by tabs, in the order of [`SPOOLED`].

use super::durations::Durations;
use crate::format::header::Field;
use crate::format::time::Time;
use crate::record::Record;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Seek, Write};
use std::path::Path;

/// A column of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Tag,
    Time,
    User,
    Domain,
    Computer,
    Client,
    Session,
    Ip,
    /// The length of the session a logoff closed (`--sessions`).
    Duration,
    /// The text of a record of the original KoXo scripts, as it was.
    Details,
}

impl Column {
    /// The JSON key the column shows, which names its heading
    /// ([`crate::language::Language::heading`]).
    pub fn key(self) -> &'static str {
        match self {
            Column::Tag => "Event",
            Column::Time => "Time",
            Column::User => "User",
            Column::Domain => "Domain",
            Column::Computer => "Computer",
            Column::Client => "Client",
            Column::Session => "Session",
            Column::Ip => "Ip",
            Column::Duration => "Duration",
            Column::Details => "Details",
        }
    }

    /// The widest the column grows to fit its values (in characters); a
    /// longer value pushes the rest of its line to the right.
    fn cap(self) -> usize {
        match self {
            Column::Time => 29,
            Column::Ip => 32,
            _ => 24,
        }
    }
}

/// The columns a row is spooled with, in the document's order.
pub const SPOOLED: [Column; 10] = [
    Column::Tag,
    Column::Time,
    Column::User,
    Column::Domain,
    Column::Computer,
    Column::Client,
    Column::Session,
    Column::Ip,
    Column::Duration,
    Column::Details,
];

/// A cell's value with control characters made spaces.
fn clean(value: &str) -> String {
    value.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// Which logs the rows came from, to title the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowsFrom {
    /// No row yet.
    Nothing,
    /// Every row came from this log.
    One(String),
    /// Rows came from several logs.
    Many,
}

/// Rows being spooled.
pub struct RowSpool {
    file: BufWriter<File>,
    widths: [usize; SPOOLED.len()],
    line: String,
    /// How many rows were spooled.
    pub records: u64,
    /// The earliest and latest times of the rows.
    pub range: Option<(Time, Time)>,
    /// Which logs the rows came from.
    pub origin: RowsFrom,
}

impl RowSpool {
    /// A spool in a temporary file of `dir`, deleted when dropped.
    pub fn new(dir: &Path) -> io::Result<RowSpool> {
        Ok(RowSpool {
            file: BufWriter::with_capacity(256 * 1024, tempfile::tempfile_in(dir)?),
            widths: [0; SPOOLED.len()],
            line: String::new(),
            records: 0,
            range: None,
            origin: RowsFrom::Nothing,
        })
    }

    /// Adds the row of `record`, read from the log `path`, with the
    /// duration of the session it closed, if it is a logoff and that is
    /// known.
    pub fn push(&mut self, record: &Record, path: &str, duration: Option<&str>) -> io::Result<()> {
        self.line.clear();
        for (index, column) in SPOOLED.into_iter().enumerate() {
            let value = match column {
                Column::Tag => Some(&*record.tag),
                Column::Time => Some(&*record.time_text),
                Column::User => record.get(Field::User),
                Column::Domain => record.get(Field::Domain),
                Column::Computer => record.get(Field::Computer),
                Column::Client => record.get(Field::Client),
                Column::Session => record.get(Field::Session),
                Column::Ip => record.get(Field::Ip),
                Column::Details => record.raw.as_deref(),
                Column::Duration => duration,
            };
            let cell = clean(value.unwrap_or_default());
            let width = cell.chars().count().min(column.cap());
            self.widths[index] = self.widths[index].max(width);
            if index > 0 {
                self.line.push('\t');
            }
            self.line.push_str(&cell);
        }
        self.line.push('\n');
        self.file.write_all(self.line.as_bytes())?;
        self.records += 1;
        self.range = Some(match self.range {
            None => (record.time, record.time),
            Some((first, last)) => (first.min(record.time), last.max(record.time)),
        });
        self.origin = match &self.origin {
            RowsFrom::Nothing => RowsFrom::One(path.to_owned()),
            RowsFrom::One(seen) if seen == path => RowsFrom::One(path.to_owned()),
            _ => RowsFrom::Many,
        };
        Ok(())
    }

    /// The width of a spooled column.
    pub fn width(&self, column: Column) -> usize {
        SPOOLED.iter().position(|&c| c == column).map_or(0, |i| self.widths[i])
    }

    /// The same rows, in a new spool in `dir`, each logoff's with the
    /// duration `durations` knows: for records piped in, whose sessions are
    /// known only once the last one has come.
    pub fn with_durations(self, dir: &Path, durations: &Durations) -> io::Result<RowSpool> {
        let mut spooled = RowSpool::new(dir)?;
        let (widths, records, range, origin) = (self.widths, self.records, self.range, self.origin.clone());
        let cell = |column: Column| SPOOLED.iter().position(|&c| c == column).unwrap_or_default();
        let mut rows = self.rows()?;
        while let Some(mut row) = rows.next_row()? {
            let duration = durations.of_row(
                row[cell(Column::Tag)],
                row[cell(Column::Computer)],
                row[cell(Column::User)],
                row[cell(Column::Time)],
            );
            if let Some(duration) = &duration {
                row[cell(Column::Duration)] = duration;
            }
            spooled.file.write_all(row.join("\t").as_bytes())?;
            spooled.file.write_all(b"\n")?;
        }
        spooled.widths = widths;
        spooled.records = records;
        spooled.range = range;
        spooled.origin = origin;
        Ok(spooled)
    }

    /// Ends the spooling; the rows are then read back in order.
    pub fn rows(self) -> io::Result<Rows> {
        let mut file = self.file.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.rewind()?;
        Ok(Rows {
            reader: BufReader::with_capacity(256 * 1024, file),
            line: String::new(),
        })
    }
}

/// Spooled rows, read back one at a time.
pub struct Rows {
    reader: BufReader<File>,
    line: String,
}

impl Rows {
    /// The next row's cells, in the order of [`SPOOLED`].
    pub fn next_row(&mut self) -> io::Result<Option<Vec<&str>>> {
        self.line.clear();
        if self.reader.read_line(&mut self.line)? == 0 {
            return Ok(None);
        }
        Ok(Some(self.line.trim_end_matches('\n').split('\t').collect()))
    }
}
