//! Removing the records older than a cutoff from a log (`purge`: the
//! retention an administrator must keep to, such as the CNIL's).
//!
//! A purge reads each log twice:
//!
//! 1. [`scan`], without holding the log: the whole lines it holds now are
//!    classified, and those a purge removes (records older than the cutoff)
//!    go, with the log's header lines, to the archive `purge` verifies
//!    before anything is removed;
//! 2. [`rewrite`], holding the log against writers exactly as writers hold
//!    it against each other ([`crate::store::append::hold_for_rewrite`]):
//!    the same lines of the same prefix are classified again, the kept ones
//!    and every byte appended since the scan are written to a scratch file,
//!    which is then copied back over the log in place (the file stays the
//!    same file, so a writer waiting for it appends to it once the purge
//!    lets go, and never to a replaced one).
//!
//! A line that is not a record (a header, a directive, a line that cannot
//! be read) is always kept, and so is a record without a readable time:
//! only what is known to be old is removed.

use crate::format::parse::{Line, Parser};
use crate::format::time::Time;
use crate::reader::{decode, trim_eol};
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Write};

/// What a line of a log is to a purge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A record older than the cutoff: archived, then removed.
    Old,
    /// A header line or a directive: archived (so the archive reads as a
    /// log) and kept.
    Header,
    /// Anything else: kept.
    Kept,
}

/// What [`scan`] found in a log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Scan {
    /// The bytes scanned: the log up to its last line ending.
    pub scanned: u64,
    /// The old records among them.
    pub removed: u64,
    /// Their bytes, line endings included.
    pub removed_bytes: u64,
}

/// Why a log was not rewritten.
#[derive(Debug, thiserror::Error)]
pub enum RewriteError {
    #[error(
        "the log changed since it was scanned ({found} old records where {expected} were archived): it was left as it is"
    )]
    Changed { found: u64, expected: u64 },
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// Classifies the lines of one log, in order.
pub struct Classifier {
    parser: Parser,
    cutoff: Time,
}

impl Classifier {
    pub fn new(cutoff: Time) -> Classifier {
        Classifier {
            parser: Parser::default(),
            cutoff,
        }
    }

    /// What `line` (with its line ending) is.
    pub fn kind(&mut self, line: &[u8]) -> Kind {
        let text = decode(trim_eol(line));
        match self.parser.line(&text) {
            Line::Record(record) | Line::Repaired(record) if record.time < self.cutoff => Kind::Old,
            Line::Skip if text.starts_with('#') || self.parser.in_header() => Kind::Header,
            _ => Kind::Kept,
        }
    }
}

/// Calls `each` with every whole line of `log` (line ending included) and
/// its kind, stopping after the last line ending; `each` may fail.
fn lines(log: impl Read, cutoff: Time, mut each: impl FnMut(&[u8], Kind) -> io::Result<()>) -> io::Result<Scan> {
    let mut reader = BufReader::with_capacity(256 * 1024, log);
    let mut classifier = Classifier::new(cutoff);
    let mut scan = Scan::default();
    let mut line = Vec::new();
    loop {
        line.clear();
        let read = reader.read_until(b'\n', &mut line)?;
        if read == 0 || !line.ends_with(b"\n") {
            return Ok(scan);
        }
        let kind = classifier.kind(&line);
        scan.scanned += read as u64;
        if kind == Kind::Old {
            scan.removed += 1;
            scan.removed_bytes += read as u64;
        }
        each(&line, kind)?;
    }
}

/// Reads `log` (not held: writers go on) and gives every old record and
/// header line to `archive`, in order, with its kind.
pub fn scan(log: impl Read, cutoff: Time, mut archive: impl FnMut(&[u8], Kind) -> io::Result<()>) -> io::Result<Scan> {
    lines(log, cutoff, |line, kind| match kind {
        Kind::Kept => Ok(()),
        _ => archive(line, kind),
    })
}

/// Rewrites the `held` log without the old records of its first
/// `scan.scanned` bytes, which must be the `scan.removed` ones [`scan`]
/// found; `scratch` is an empty file to build the new content in. The log
/// is synced to disk before this returns.
pub fn rewrite(held: &mut File, scan: &Scan, cutoff: Time, scratch: &mut File) -> Result<(), RewriteError> {
    let length = held.metadata()?.len();
    if length < scan.scanned {
        return Err(RewriteError::Changed {
            found: 0,
            expected: scan.removed,
        });
    }
    held.rewind()?;
    let mut kept = BufWriter::with_capacity(256 * 1024, &mut *scratch);
    let again = lines(Read::by_ref(held).take(scan.scanned), cutoff, |line, kind| match kind {
        Kind::Old => Ok(()),
        _ => kept.write_all(line),
    })?;
    if again.removed != scan.removed || again.scanned != scan.scanned {
        return Err(RewriteError::Changed {
            found: again.removed,
            expected: scan.removed,
        });
    }
    // What writers appended since the scan, as it is.
    held.seek(SeekFrom::Start(scan.scanned))?;
    io::copy(held, &mut kept)?;
    kept.flush()?;
    drop(kept);
    scratch.sync_data()?;
    let new_length = scratch.stream_position()?;
    scratch.rewind()?;
    held.rewind()?;
    io::copy(scratch, held)?;
    held.set_len(new_length)?;
    held.sync_all()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::time;

    const HEADER: &str = "##### KoXoLog session history #####\r\n#Software: KoXoLog 0.1.0\r\n#Version: 1\r\n\
        #Branch: Computers\r\n#Name: PC1\r\n#Fields: tag time user computer\r\n";
    const RECORDS: &str = "\
        [LOGON.]\t2020-01-02T08:00:00.000+01:00\told\tPC1\r\n\
        [LOGON.]\t2026-11-02T08:00:00.000+01:00\tnew\tPC1\r\n\
        not a record\r\n\
        [LOGOFF]\t2020-01-03T08:00:00.000+01:00\told\tPC1\r\n";

    fn log() -> String {
        format!("{HEADER}{RECORDS}")
    }

    fn cutoff() -> Time {
        time::parse("2026-01-01T00:00:00.000+00:00").unwrap()
    }

    #[test]
    fn a_scan_archives_old_records_and_headers_and_stops_at_a_torn_line() {
        let text = format!("{}[LOGON.]\t2020-01-04T08:00:00.000+01:00\ttorn", log());
        let mut archived = Vec::new();
        let scan = scan(text.as_bytes(), cutoff(), |line, kind| {
            archived.push((String::from_utf8_lossy(line).into_owned(), kind));
            Ok(())
        })
        .unwrap();
        assert_eq!(scan.scanned, log().len() as u64);
        assert_eq!(scan.removed, 2);
        let kinds: Vec<Kind> = archived.iter().map(|(_, kind)| *kind).collect();
        assert_eq!(kinds, [[Kind::Header; 6].as_slice(), &[Kind::Old, Kind::Old]].concat());
        assert!(archived[6].0.contains("\told\tPC1"));
    }

    #[test]
    fn a_rewrite_keeps_every_other_line_and_what_was_appended_since() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("PC1.LOG");
        std::fs::write(&path, log()).unwrap();
        let scan = scan(File::open(&path).unwrap(), cutoff(), |_, _| Ok(())).unwrap();
        let appended = "[LOGON.]\t2020-01-05T08:00:00.000+01:00\tlate\tPC1\r\n";
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(appended.as_bytes())
            .unwrap();
        let mut held = std::fs::OpenOptions::new().read(true).write(true).open(&path).unwrap();
        let mut scratch = tempfile::tempfile().unwrap();
        rewrite(&mut held, &scan, cutoff(), &mut scratch).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text,
            format!("{HEADER}[LOGON.]\t2026-11-02T08:00:00.000+01:00\tnew\tPC1\r\nnot a record\r\n{appended}"),
            "a record appended after the scan is kept, even an old one"
        );
    }

    #[test]
    fn a_log_changed_since_its_scan_is_left_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("PC1.LOG");
        std::fs::write(&path, log()).unwrap();
        let scan = scan(File::open(&path).unwrap(), cutoff(), |_, _| Ok(())).unwrap();
        std::fs::write(&path, log().replace("2020-01-03", "2026-01-03")).unwrap();
        let mut held = std::fs::OpenOptions::new().read(true).write(true).open(&path).unwrap();
        let error = rewrite(&mut held, &scan, cutoff(), &mut tempfile::tempfile().unwrap()).unwrap_err();
        assert!(
            matches!(error, RewriteError::Changed { found: 1, expected: 2 }),
            "{error}"
        );
        assert!(std::fs::read_to_string(&path).unwrap().contains("2026-01-03"));
        assert_eq!(std::fs::read_to_string(&path).unwrap().len(), log().len());
    }
}
