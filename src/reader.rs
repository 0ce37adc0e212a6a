//! Reading a log: forward as a stream, or backward from its end.
//!
//! The reader never fails on a line: a bad line becomes a `bad-line`
//! warning naming the file and line, a torn last line (a writer killed
//! mid-write, or still writing) a `torn-line` warning, and reading goes on.
//! Lines are UTF-8, or Windows-1252 where they are not valid UTF-8 (the
//! original KoXo scripts); CRLF and LF both end a line.

use crate::diag;
use crate::format::event::{Event, is_tag};
use crate::format::header::{Columns, Field};
use crate::format::parse::{Line, Parser};
use crate::needle::Needle;
use crate::record::Record;
use crate::store::{self, Branch};
use std::borrow::Cow;
use std::fs::File;
use std::io;
use std::ops::ControlFlow;
use std::path::Path;

/// The reader's block, grown for a line longer than it up to [`MAX_LINE`].
/// Small enough to stay in the processor's cache between reads: the
/// kernel's copies into a 1 MiB buffer took a third more system time.
const BLOCK: usize = 64 * 1024;

/// Where a record was read: its 1-based line in its log. A record read
/// backward from the end of a file has none (`Option<LineNumber>`).
pub type LineNumber = u64;

/// A line's text: UTF-8, else Windows-1252 (the original KoXo scripts').
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0,
    }
}

/// A line without its line ending (`\r\n` or `\n`).
pub fn trim_eol(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    bytes.strip_suffix(b"\r").unwrap_or(bytes)
}

/// What the reader knows of the log it reads, to name records of the
/// original scripts, which carry no names.
struct LogName<'p> {
    path: &'p Path,
    /// The field the log's branch names its logs after.
    own_field: Option<Field>,
    /// The log's name, made when a record needs it (most logs have none of
    /// the original scripts' records).
    own_name: std::cell::OnceCell<String>,
}

impl<'p> LogName<'p> {
    fn new(path: &'p Path) -> LogName<'p> {
        let field = store::branch_of(path).map(|b| match b {
            Branch::Computers => Field::Computer,
            Branch::ThinClients => Field::Client,
            Branch::Users => Field::User,
        });
        LogName {
            path,
            own_field: field,
            own_name: std::cell::OnceCell::new(),
        }
    }

    /// The record a parsed line holds, if any, named after the log when it
    /// is one of the original scripts'; a line it drops is reported. The
    /// record stays in `line`: it is some 400 bytes, and each move a copy.
    fn record<'l, 'a>(&'a self, line: &'l mut Line<'a>, number: Option<LineNumber>) -> Option<&'l Record<'a>> {
        let record = match line {
            Line::Record(record) => record,
            Line::Repaired(record) => {
                diag::warning(
                    "torn-line",
                    "a torn record was dropped; the whole record after it on the same line was kept",
                    Some(self.path),
                    number,
                );
                record
            }
            Line::Skip => return None,
            Line::Bad(why) => {
                diag::warning("bad-line", why, Some(self.path), number);
                return None;
            }
        };
        self.name_legacy(record);
        Some(record)
    }

    /// Names a record of the original scripts after the log it is in.
    fn name_legacy<'a>(&'a self, record: &mut Record<'a>) {
        if let (Some(_), Some(field)) = (&record.raw, self.own_field) {
            let name = self.own_name.get_or_init(|| store::name_of(self.path));
            record.values[field.index()].get_or_insert(Cow::Borrowed(name.as_str()));
        }
    }
}

/// The lines a forward reading may leave unparsed, since the records they
/// hold are not wanted. Their faults are then not reported either: `log`
/// without a filter reads every line.
#[derive(Clone, Copy)]
pub struct Sieve<'a> {
    /// A query's needle: lines without it cannot match, and neither can
    /// the directives after the last line holding it.
    pub needle: Option<&'a Needle>,
    /// The only events wanted (pairing's): a line that starts with the tag
    /// of another event is skipped, unless it holds a second `[`, where a
    /// whole record could follow a torn one (that line is parsed, and
    /// repaired).
    pub events: Option<&'a [Event]>,
}

impl Sieve<'_> {
    /// Every line read.
    pub const NONE: Sieve<'static> = Sieve {
        needle: None,
        events: None,
    };
}

/// Whether a record line is surely of an event not in `events`.
fn unwanted(line: &[u8], events: &[Event]) -> bool {
    let Some((tag, rest)) = line.split_first_chunk::<8>() else {
        return false;
    };
    is_tag(tag)
        && std::str::from_utf8(tag).is_ok_and(|tag| !events.contains(&Event::from_tag(tag)))
        && memchr::memchr(b'[', rest).is_none()
}

/// Reads every line of the log at `path` in order, giving each record with
/// its line number to `visit`, which may stop the reading. The lines
/// `sieve` leaves out are skipped unparsed.
pub fn read_forward(
    path: &Path,
    sieve: Sieve,
    visit: &mut dyn FnMut(&Record, LineNumber) -> ControlFlow<()>,
) -> io::Result<()> {
    let file = File::open(path)?;
    let origin = LogName::new(path);
    let needle = sieve.needle.and_then(|n| n.for_log(origin.own_field));
    let mut parser = Parser::default();
    let mut scratch = Scratch::take();
    let buffer = &mut scratch.0;
    let mut filled = 0;
    // Where `buffer[0]` is in the file.
    let mut offset = 0u64;
    // Lines are counted only when a line is read (the lines skipped before
    // it at once): `number` lines end before `counted` in the buffer. The
    // lines a query skipped in blocks already left, from `deferred` to
    // `offset`, are counted (and their directives read) only if a later
    // line is read: a log without the needle is never counted.
    let mut number = 0u64;
    let mut counted = 0;
    let mut deferred: Option<u64> = None;
    let mut first = true;
    // Inside a line longer than MAX_LINE, whose start was dropped.
    let mut overlong = false;
    loop {
        let at_end = fill(&file, buffer, &mut filled, offset)?;
        let mut start = counted;
        if overlong {
            // The rest of the line too long to keep: dropped up to its end.
            match memchr::memchr(b'\n', &buffer[..filled]) {
                Some(at) => {
                    overlong = false;
                    number += 1;
                    start = at + 1;
                    counted = start;
                }
                None if at_end => return Ok(()),
                None => {
                    offset += filled as u64;
                    filled = 0;
                    continue;
                }
            }
        }
        if first && filled >= 3 {
            first = false;
            if buffer.starts_with(b"\xEF\xBB\xBF") {
                start = 3;
                counted = 3;
            }
        }
        // Complete lines end at the last newline read.
        let complete = memchr::memrchr(b'\n', &buffer[start..filled]).map_or(start, |i| start + i + 1);
        // The start of the next line holding the needle, at or after
        // `start` (`complete` when none): found once, used until passed.
        let mut candidate: Option<usize> = None;
        while start < complete {
            if let Some(needle) = needle
                && !parser.in_header()
                && buffer[start] != b'#'
            {
                // Lines without the needle cannot match: skip them unparsed,
                // up to the next line holding it or starting a directive.
                let next = match candidate {
                    Some(at) if at >= start => at,
                    _ => {
                        let region = &buffer[start..complete];
                        let at = needle.find(region).map_or(complete, |at| {
                            start + memchr::memrchr(b'\n', &region[..at]).map_or(0, |i| i + 1)
                        });
                        *candidate.insert(at)
                    }
                };
                if next == complete {
                    // No line left in the block holds it: the rest is not
                    // even looked at for directives, which change nothing
                    // unless a line is read after them.
                    start = complete;
                    break;
                }
                if deferred.is_none() {
                    // A directive before it changes the columns it is read
                    // with.
                    start = memchr::memmem::find(&buffer[start..next], b"\n#").map_or(next, |i| start + i + 1);
                }
            }
            if let Some(from) = deferred.take() {
                // A line is about to be read: first the lines skipped in
                // the blocks left, which may hold directives. Then look
                // again: the parser may be in a header now.
                catch_up(&file, from..offset, &mut number, &mut parser, &origin)?;
                continue;
            }
            let end = memchr::memchr(b'\n', &buffer[start..complete]).map_or(complete, |i| start + i + 1);
            number += count_lines(&buffer[counted..start]) + 1;
            counted = end;
            let bytes = trim_eol(&buffer[start..end]);
            start = end;
            // Lines after a header change nothing in the parser but
            // directives, which start with `#`.
            if let Some(events) = sieve.events
                && !parser.in_header()
                && unwanted(bytes, events)
            {
                continue;
            }
            let text = decode(bytes);
            if let Some(record) = origin.record(&mut parser.line(&text), Some(number))
                && visit(record, number).is_break()
            {
                return Ok(());
            }
        }
        if at_end {
            if start < filled {
                if let Some(from) = deferred.take() {
                    catch_up(&file, from..offset, &mut number, &mut parser, &origin)?;
                }
                number += count_lines(&buffer[counted..start]);
                diag::warning(
                    "torn-line",
                    "the last line has no line ending (a writer was stopped mid-write, or is writing): skipped",
                    Some(path),
                    Some(number + 1),
                );
            }
            return Ok(());
        }
        if counted < start {
            deferred.get_or_insert(offset + counted as u64);
        }
        buffer.copy_within(start..filled, 0);
        offset += start as u64;
        filled -= start;
        counted = 0;
        if filled == buffer.len() {
            if buffer.len() >= MAX_LINE {
                if let Some(from) = deferred.take() {
                    catch_up(&file, from..offset, &mut number, &mut parser, &origin)?;
                }
                // No record is near that long: skip it rather than hold it.
                overlong_skipped(path, Some(number + 1));
                overlong = true;
                offset += filled as u64;
                filled = 0;
            } else {
                // A line longer than the buffer: grow rather than cut it.
                buffer.resize(buffer.len() * 2, 0);
            }
        }
    }
}

/// How many lines end in `bytes` (memchr's count: wide compares and
/// population counts, about twice the pace of a plain loop).
fn count_lines(bytes: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', bytes).count() as u64
}

thread_local! {
    static SCRATCH: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
}

/// The thread's read buffer, lent for one file and given back when dropped:
/// a store-wide read does not allocate (and have the system zero) a fresh
/// buffer for each of thousands of logs, nor ask each log's size.
struct Scratch(Vec<u8>);

impl Scratch {
    fn take() -> Scratch {
        let mut buffer = SCRATCH.take();
        // A buffer grown for a long line is used at its first size again.
        buffer.resize(BLOCK, 0);
        Scratch(buffer)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        SCRATCH.set(std::mem::take(&mut self.0));
    }
}

/// Reads the file from `offset`, where `buffer[0]` is, into
/// `buffer[*filled..]` until it is full or the file ends; whether it ended.
/// The last block of a log is then known as such when it is read, not one
/// read later. Every read of the readers names its position: none relies
/// on the file's cursor, which `catch_up`'s reads move on Windows.
fn fill(file: &File, buffer: &mut [u8], filled: &mut usize, offset: u64) -> io::Result<bool> {
    while *filled < buffer.len() {
        match read_at(file, &mut buffer[*filled..], offset + *filled as u64)? {
            0 => return Ok(true),
            read => *filled += read,
        }
    }
    Ok(false)
}

/// Brings a query's reading up to date with the lines it skipped in blocks
/// already left (`span`, from a line's start to a line's end): counts them,
/// and reads again those that change how the next lines are read, with
/// their numbers: the directives, and the lines of a header one opens. The
/// others lack the needle and cannot match.
fn catch_up(
    file: &File,
    span: std::ops::Range<u64>,
    number: &mut LineNumber,
    parser: &mut Parser,
    origin: &LogName,
) -> io::Result<()> {
    let mut chunk = vec![0u8; BLOCK];
    let mut position = span.start;
    // Whether `position` starts a line.
    let mut line_start = true;
    while position < span.end {
        let size = chunk
            .len()
            .min(usize::try_from(span.end - position).unwrap_or(chunk.len()));
        let bytes = &mut chunk[..size];
        read_exact_at(file, bytes, position)?;
        let directive = if line_start && bytes[0] == b'#' {
            Some(0)
        } else {
            memchr::memmem::find(bytes, b"\n#").map(|i| i + 1)
        };
        let Some(at) = directive else {
            *number += count_lines(bytes);
            line_start = bytes[size - 1] == b'\n';
            position += size as u64;
            continue;
        };
        *number += count_lines(&bytes[..at]);
        position += at as u64;
        // The directive, and while in a header the lines after it.
        loop {
            let line = line_at(file, position, span.end)?;
            position += line.len() as u64;
            *number += 1;
            let text = decode(trim_eol(&line));
            origin.record(&mut parser.line(&text), Some(*number));
            if !parser.in_header() || position == span.end {
                break;
            }
        }
        line_start = true;
    }
    Ok(())
}

/// The line that starts at `position`, with its `\n`, read up to `end` at
/// most (a line's end).
fn line_at(file: &File, mut position: u64, end: u64) -> io::Result<Vec<u8>> {
    let mut line = Vec::new();
    let mut piece = [0u8; 4096];
    while position < end {
        let size = piece.len().min(usize::try_from(end - position).unwrap_or(piece.len()));
        read_exact_at(file, &mut piece[..size], position)?;
        if let Some(at) = memchr::memchr(b'\n', &piece[..size]) {
            line.extend_from_slice(&piece[..=at]);
            break;
        }
        line.extend_from_slice(&piece[..size]);
        position += size as u64;
    }
    Ok(line)
}

/// Reads what there is at `offset`, up to `buffer.len()` bytes; 0 at the
/// end of the file. On Windows this moves the file's cursor (Unix's does
/// not): read a file by positions only.
fn read_at(file: &File, buffer: &mut [u8], offset: u64) -> io::Result<usize> {
    loop {
        #[cfg(unix)]
        let read = std::os::unix::fs::FileExt::read_at(file, buffer, offset);
        #[cfg(windows)]
        let read = std::os::windows::fs::FileExt::seek_read(file, buffer, offset);
        match read {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            read => return read,
        }
    }
}

/// Reads exactly `buffer.len()` bytes at `offset` ([`read_at`]).
pub(crate) fn read_exact_at(file: &File, buffer: &mut [u8], offset: u64) -> io::Result<()> {
    let mut done = 0;
    while done < buffer.len() {
        match read_at(file, &mut buffer[done..], offset + done as u64)? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => done += n,
        }
    }
    Ok(())
}

/// How much of a log's start is read for its header.
const HEAD: usize = 4096;

/// The longest line the readers keep: a longer one (no record is near that
/// long) is skipped with a `bad-line` warning, so that memory stays bounded
/// whatever the file holds.
pub const MAX_LINE: usize = 1024 * 1024;

/// Says that a line longer than [`MAX_LINE`] was skipped.
fn overlong_skipped(path: &Path, line: Option<LineNumber>) {
    let why = format!("a line of more than {} MiB: skipped", MAX_LINE >> 20);
    diag::warning("bad-line", &why, Some(path), line);
}

/// The columns named by a log's header, and where the header ends, from
/// the log's first bytes: the header is the run of lines starting with `#`
/// that opens the log (KoXoLog's six lines, a `#####` line, bare
/// directives), after a byte-order mark.
fn header_of(head: &[u8]) -> (Columns, usize) {
    let bom = if head.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    let mut parser = Parser::default();
    let mut header_end = bom;
    while head.get(header_end) == Some(&b'#') {
        let Some(length) = memchr::memchr(b'\n', &head[header_end..]) else {
            break;
        };
        let _ = parser.line(&decode(trim_eol(&head[header_end..header_end + length])));
        header_end += length + 1;
    }
    (parser.columns().clone(), header_end)
}

/// Reads the last `count` records of the log at `path` that `keep` accepts,
/// scanning backward from the end without reading the rest of the file, and
/// gives them to `visit` oldest first. Falls back to a forward read when the
/// scan meets a directive (the columns may have changed mid-file).
pub fn read_last(
    path: &Path,
    count: usize,
    keep: &dyn Fn(&Record) -> bool,
    visit: &mut dyn FnMut(&Record, Option<LineNumber>) -> ControlFlow<()>,
) -> io::Result<()> {
    let file = File::open(path)?;
    let length = file.metadata()?.len();
    read_last_of(&file, length, path, count, keep, visit)
}

/// [`read_last`] on a log already open, whose length is known.
///
/// Linear in the bytes read, with memory bounded by the block size,
/// [`MAX_LINE`] and `count`: each block is read once, and a line that spans
/// blocks is gathered piece by piece and joined once.
pub fn read_last_of(
    file: &File,
    length: u64,
    path: &Path,
    count: usize,
    keep: &dyn Fn(&Record) -> bool,
    visit: &mut dyn FnMut(&Record, Option<LineNumber>) -> ControlFlow<()>,
) -> io::Result<()> {
    if count == 0 || length == 0 {
        return Ok(());
    }
    // The thread's read buffer holds the head, then the blocks read back.
    let mut scratch = Scratch::take();
    let head = &mut scratch.0[..HEAD.min(usize::try_from(length).unwrap_or(HEAD))];
    read_exact_at(file, head, 0)?;
    let (columns, header_end) = header_of(head);
    // Lines after the header carry no state from line to line (the scan
    // stops at the first directive), so one parser serves every line.
    let mut parser = Parser::with_columns(columns);
    let origin = LogName::new(path);
    let lines = BackwardLines::open(file, length, header_end as u64, path, scratch)?;
    if visit_last_matches(lines, &mut parser, &origin, count, keep, visit)? {
        Ok(())
    } else {
        last_by_forward_read(path, count, keep, visit)
    }
}

/// Gives the last `count` records that `keep` accepts to `visit`, oldest
/// first, until it stops; `false` (none given) when the scan meets a
/// directive first (the columns may have changed mid-file: only a forward
/// read can tell).
fn visit_last_matches(
    lines: BackwardLines,
    parser: &mut Parser,
    origin: &LogName,
    count: usize,
    keep: &dyn Fn(&Record) -> bool,
    visit: &mut dyn FnMut(&Record, Option<LineNumber>) -> ControlFlow<()>,
) -> io::Result<bool> {
    // The texts of the matches after the oldest one wanted, last first: the
    // oldest, found last, is given as it is parsed, the others parsed again.
    let mut later: Vec<String> = Vec::new();
    for line in lines {
        let BackLine::Text(bytes) = line? else {
            overlong_skipped(origin.path, None);
            continue;
        };
        let bytes = bytes.strip_suffix(b"\r").unwrap_or(&bytes);
        if bytes.starts_with(b"#") {
            return Ok(false);
        }
        let text = decode(bytes);
        if let Some(record) = origin.record(&mut parser.line(&text), None)
            && keep(record)
        {
            if later.len() + 1 == count {
                // No directive can come after it now.
                if visit(record, None).is_continue() {
                    visit_oldest_first(&later, parser, origin, visit);
                }
                return Ok(true);
            }
            later.push(text.into_owned());
        }
    }
    visit_oldest_first(&later, parser, origin, visit);
    Ok(true)
}

/// Gives the records of `found` (last first) to `visit`, oldest first,
/// until it stops.
fn visit_oldest_first(
    found: &[String],
    parser: &mut Parser,
    origin: &LogName,
    visit: &mut dyn FnMut(&Record, Option<LineNumber>) -> ControlFlow<()>,
) {
    for text in found.iter().rev() {
        if let Line::Record(mut record) | Line::Repaired(mut record) = parser.line(text) {
            origin.name_legacy(&mut record);
            if visit(&record, None).is_break() {
                break;
            }
        }
    }
}

/// Where the complete lines of a log whose last line has no line ending (a
/// writer stopped mid-write, or still writing) end: at the end of the line
/// before it, with a `torn-line` warning. It reads into `block`, the
/// reader's buffer (at least [`BLOCK`] bytes).
fn complete_end(file: &File, length: u64, floor: u64, path: &Path, block: &mut [u8]) -> io::Result<u64> {
    diag::warning(
        "torn-line",
        "the last line has no line ending (a writer was stopped mid-write, or is writing): skipped",
        Some(path),
        None,
    );
    let mut position = length;
    while position > floor {
        let size = BLOCK.min(usize::try_from(position - floor).unwrap_or(BLOCK));
        position -= size as u64;
        read_exact_at(file, &mut block[..size], position)?;
        if let Some(at) = memchr::memrchr(b'\n', &block[..size]) {
            return Ok(position + at as u64 + 1);
        }
    }
    Ok(floor)
}

/// A line read backward.
enum BackLine {
    /// Its bytes, without the `\n`.
    Text(Vec<u8>),
    /// A line longer than [`MAX_LINE`], not kept.
    Overlong,
}

/// The lines of `[floor, end)` of a file, last first, without their `\n`;
/// `end` is at a line's end (or at `floor`). A line that spans blocks is
/// carried over from block to block and joined once.
struct BackwardLines<'f> {
    file: &'f File,
    floor: u64,
    /// The bytes of `[floor, position)` are still to be read.
    position: u64,
    /// The thread's read buffer, lent for the read: the last block read is
    /// at its start (what is after that block is stale, never looked at).
    block: Scratch,
    /// The part of `block` not given out yet: `block.0[..unread]`.
    unread: usize,
    /// The later parts of the line being gathered, the last part first.
    pieces: Vec<Vec<u8>>,
    gathered: usize,
    overlong: bool,
    /// Small first: most calls want one record (the tree's last record,
    /// about 200 bytes).
    block_size: usize,
    done: bool,
}

impl<'f> BackwardLines<'f> {
    /// The complete lines of a file of `length` bytes after `floor` (its
    /// header): a torn last line is skipped, with its warning.
    fn open(file: &'f File, length: u64, floor: u64, path: &Path, block: Scratch) -> io::Result<BackwardLines<'f>> {
        // The last block, read first: it tells whether the last line is
        // complete, and most calls want nothing before it.
        let mut lines = BackwardLines::new(file, floor, length, block);
        if lines.done {
            return Ok(lines);
        }
        let size = lines
            .block_size
            .min(usize::try_from(length - floor).unwrap_or(lines.block_size));
        let start = length - size as u64;
        read_exact_at(file, &mut lines.block.0[..size], start)?;
        if lines.block.0[size - 1] == b'\n' {
            lines.position = start;
            lines.unread = size - 1;
            lines.block_size = (lines.block_size * 2).min(BLOCK);
            return Ok(lines);
        }
        let end = complete_end(file, length, floor, path, &mut lines.block.0)?;
        Ok(BackwardLines::new(file, floor, end, lines.block))
    }

    fn new(file: &'f File, floor: u64, end: u64, block: Scratch) -> BackwardLines<'f> {
        BackwardLines {
            file,
            floor,
            // The last line's '\n' ends the region: it separates nothing.
            position: if end > floor { end - 1 } else { floor },
            block,
            unread: 0,
            pieces: Vec::new(),
            gathered: 0,
            overlong: false,
            block_size: 2 * 1024,
            done: end <= floor,
        }
    }

    /// The line made of `first` and the pieces gathered after it.
    fn join(&mut self, first: &[u8]) -> Option<Vec<u8>> {
        let overlong = self.overlong || self.gathered + first.len() > MAX_LINE;
        let mut line = Vec::with_capacity(if overlong { 0 } else { self.gathered + first.len() });
        if !overlong {
            line.extend_from_slice(first);
            for piece in self.pieces.iter().rev() {
                line.extend_from_slice(piece);
            }
        }
        self.pieces.clear();
        self.gathered = 0;
        self.overlong = false;
        (!overlong).then_some(line)
    }

    /// The next line back, `Some(None)` for one too long to keep, `None`
    /// once the floor is reached.
    fn next_line(&mut self) -> io::Result<Option<Option<Vec<u8>>>> {
        loop {
            if self.done {
                return Ok(None);
            }
            if let Some(at) = memchr::memrchr(b'\n', &self.block.0[..self.unread]) {
                let (start, end) = (at + 1, self.unread);
                self.unread = at;
                if self.pieces.is_empty() && !self.overlong {
                    return Ok(Some(Some(self.block.0[start..end].to_vec())));
                }
                let first = self.block.0[start..end].to_vec();
                return Ok(Some(self.join(&first)));
            }
            // No line starts in what is left of the block: keep it for the
            // line it begins, and read the block before it.
            if self.unread > 0 {
                if self.overlong || self.gathered + self.unread > MAX_LINE {
                    self.overlong = true;
                    self.pieces.clear();
                } else {
                    self.pieces.push(self.block.0[..self.unread].to_vec());
                }
                self.gathered += self.unread;
                self.unread = 0;
            }
            if self.position == self.floor {
                self.done = true;
                return Ok(Some(self.join(&[])));
            }
            let size = self
                .block_size
                .min(usize::try_from(self.position - self.floor).unwrap_or(self.block_size));
            self.block_size = (self.block_size * 2).min(BLOCK);
            self.position -= size as u64;
            read_exact_at(self.file, &mut self.block.0[..size], self.position)?;
            self.unread = size;
        }
    }
}

impl Iterator for BackwardLines<'_> {
    type Item = io::Result<BackLine>;

    fn next(&mut self) -> Option<io::Result<BackLine>> {
        let line = self.next_line().transpose()?;
        Some(line.map(|bytes| bytes.map_or(BackLine::Overlong, BackLine::Text)))
    }
}

fn last_by_forward_read(
    path: &Path,
    count: usize,
    keep: &dyn Fn(&Record) -> bool,
    visit: &mut dyn FnMut(&Record, Option<LineNumber>) -> ControlFlow<()>,
) -> io::Result<()> {
    // Only the line numbers of the last `count` matches are kept, then those
    // lines are read again: memory stays bounded by `count`.
    let mut ring: std::collections::VecDeque<u64> = std::collections::VecDeque::with_capacity(count);
    read_forward(path, Sieve::NONE, &mut |record, number| {
        if keep(record) {
            if ring.len() == count {
                ring.pop_front();
            }
            ring.push_back(number);
        }
        ControlFlow::Continue(())
    })?;
    let Some(&first) = ring.front() else {
        return Ok(());
    };
    read_forward(path, Sieve::NONE, &mut |record, number| {
        if number >= first && ring.binary_search(&number).is_ok() {
            return visit(record, Some(number));
        }
        ControlFlow::Continue(())
    })
}
