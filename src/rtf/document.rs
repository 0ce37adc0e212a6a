//! The RTF document: a title, a line saying what it covers, the column
//! headings, then one paragraph per record, colored by event, columns
//! aligned in a monospace font, on landscape pages.
//!
//! ```text
//! {\rtf1\ansi\ansicpg1252\deff0\uc1
//! {\fonttbl{\f0\fmodern\fcharset0 Courier New;}{\f1\fswiss\fcharset0 Arial;}}
//! {\colortbl;\red12\green12\blue12;...}
//! {\info{\title ...}{\author KoXoLog}{\creatim\yr2026\mo11\dy25\hr9\min30}}
//! \paperw16838\paperh11906\landscape\margl720\margr720\margt720\margb720
//! \pard\plain\f1\fs32\b Computers \\ PC-B12\par
//! \pard\plain\f1\fs20 2 records, from ... to ...; made ...\par
//! \pard\plain\f0\fs16\b Event     Time  ...\par
//! \pard\plain\f0\fs16\cf2 [LOGON.]  2026-11-24T08:01:02.345+01:00  ...\par
//! }
//! ```
//!
//! Every value goes through [`super::escape`]: the only control words in
//! the document are the ones written here.

use super::escape::{escape, escape_into};
use super::table::{Column, RowSpool, SPOOLED};
use crate::format::event::Event;
use crate::language::Language;
use crate::palette;
use chrono::{DateTime, Datelike, Local, Timelike};
use std::io::{self, Write};

/// What the document's first lines say.
#[derive(Debug, Clone)]
pub struct Heading {
    /// The title: the log's branch and name, or what the records are.
    pub title: String,
    /// When the document was made.
    pub made: DateTime<Local>,
    /// The language of the headings and the summary.
    pub language: Language,
}

/// The columns of the document, in order.
fn columns(with_durations: bool) -> Vec<Column> {
    SPOOLED
        .into_iter()
        .filter(|&column| with_durations || column != Column::Duration)
        .collect()
}

/// The color table's index of an event's color (0 is the default color).
fn color_index(event: Event) -> usize {
    let color = palette::of(event);
    palette::ALL.iter().position(|&c| c == color).map_or(0, |i| i + 1)
}

fn prolog(heading: &Heading, covers: &str) -> String {
    let made = &heading.made;
    let mut colors = String::from(r"{\colortbl;");
    for color in palette::ALL {
        colors.push_str(&format!(r"\red{}\green{}\blue{};", color.red, color.green, color.blue));
    }
    colors.push('}');
    let title = escape(&heading.title);
    format!(
        "{{\\rtf1\\ansi\\ansicpg1252\\deff0\\uc1\r\n\
         {{\\fonttbl{{\\f0\\fmodern\\fcharset0 Courier New;}}{{\\f1\\fswiss\\fcharset0 Arial;}}}}\r\n\
         {colors}\r\n\
         {{\\info{{\\title {title}}}{{\\author KoXoLog}}{{\\creatim\\yr{}\\mo{}\\dy{}\\hr{}\\min{}}}}}\r\n\
         \\paperw16838\\paperh11906\\landscape\\margl720\\margr720\\margt720\\margb720\r\n\
         \\pard\\plain\\f1\\fs32\\b {title}\\par\r\n\
         \\pard\\plain\\f1\\fs20 {}\\par\r\n",
        made.year(),
        made.month(),
        made.day(),
        made.hour(),
        made.minute(),
        escape(covers),
    )
}

/// The line under the title: how many records, from when to when, made when.
fn covers(heading: &Heading, spool: &RowSpool) -> String {
    let made = heading.made.format("%Y-%m-%d %H:%M:%S %:z");
    let format = |t: &crate::format::time::Time| t.format("%Y-%m-%d %H:%M:%S %:z").to_string();
    let range = spool.range.map(|(first, last)| (format(&first), format(&last)));
    heading.language.covers(spool.records, range, &made.to_string())
}

/// Appends `cells` as one line, each padded to its column's width (no
/// spaces at the end).
fn line(out: &mut String, cells: &[(&str, usize)]) {
    let start = out.len();
    for (index, (cell, width)) in cells.iter().enumerate() {
        escape_into(cell, out);
        if index + 1 < cells.len() {
            let pad = width.saturating_sub(cell.chars().count()) + 2;
            out.extend(std::iter::repeat_n(' ', pad));
        }
    }
    let end = out.trim_end_matches(' ').len().max(start);
    out.truncate(end);
}

/// Writes the whole document to `out`: the heading, then the spooled rows,
/// read back one at a time; `with_durations` adds the column of the
/// sessions' durations spooled with the logoffs.
pub fn write(out: &mut dyn Write, heading: &Heading, spool: RowSpool, with_durations: bool) -> io::Result<()> {
    let columns = columns(with_durations);
    let heading_of = |column: Column| heading.language.heading(column.key());
    let width = |column: Column| {
        let values = match column {
            Column::Duration => "d.hh:mm:ss".len(),
            other => spool.width(other),
        };
        values.max(heading_of(column).chars().count())
    };
    let widths: Vec<usize> = columns.iter().map(|&c| width(c)).collect();
    out.write_all(prolog(heading, &covers(heading, &spool)).as_bytes())?;
    let mut text = String::from(r"\pard\plain\f0\fs16\b ");
    let headings: Vec<(&str, usize)> = columns
        .iter()
        .map(|&c| heading_of(c))
        .zip(widths.iter().copied())
        .collect();
    line(&mut text, &headings);
    text.push_str("\\par\r\n");
    out.write_all(text.as_bytes())?;
    let mut rows = spool.rows()?;
    while let Some(row) = rows.next_row()? {
        let cell = |column: Column| {
            SPOOLED
                .iter()
                .position(|&c| c == column)
                .and_then(|i| row.get(i).copied())
                .unwrap_or_default()
        };
        let event = Event::from_tag(cell(Column::Tag));
        let cells: Vec<(&str, usize)> = columns
            .iter()
            .zip(&widths)
            .map(|(&column, &width)| (cell(column), width))
            .collect();
        text.clear();
        text.push_str(&format!("\\pard\\plain\\f0\\fs16\\cf{} ", color_index(event)));
        line(&mut text, &cells);
        text.push_str("\\par\r\n");
        out.write_all(text.as_bytes())?;
    }
    out.write_all(b"}\r\n")?;
    out.flush()
}
