//! Writing the archive: entries compressed in parallel, then assembled.
//!
//! Worker threads ([`crate::parallel`]) each compress one log into memory
//! (a `zip` [`PreparedZipFile`]); the assembling thread appends the
//! compressed entries to the archive in the logs' order as they come. A log
//! too large to hold compressed in memory is streamed into the archive by
//! the assembling thread itself, while the workers go on with the next ones.
//! The logs are taken in rounds of a bounded number of bytes, so that the
//! compressed entries waiting in memory stay bounded too.
//!
//! Each entry keeps its log's modification time: in the DOS date and time
//! every ZIP reader knows (local time, to two seconds) and in an extended
//! timestamp (UTC, to the second) that `unzip` and 7-Zip restore.

use super::entries::Entry;
use super::prefix::LockedLog;
use crate::{diag, parallel};
use std::fs::File;
use std::io::{self, BufWriter};
use zip::write::{FullFileOptions, PreparedZipFile, SimpleFileOptions, ZipFileBuilder};
use zip::{CompressionMethod, ZipWriter};

/// Logs whose prefix is larger than this are streamed into the archive
/// rather than compressed ahead into memory.
const IN_MEMORY_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// The most bytes of logs compressed into memory in one round.
const ROUND_MAX_BYTES: u64 = 128 * 1024 * 1024;

/// One entry of the written archive, to check it against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Archived {
    /// Its name in the archive.
    pub name: String,
    /// Its uncompressed size: the log's prefix.
    pub size: u64,
}

/// A log made ready for the archive by a worker.
enum Prepared {
    /// Compressed in memory.
    Compressed(PreparedZipFile),
    /// Too large for memory: to stream, `length` bytes of it.
    Large { log: LockedLog, length: u64 },
}

/// The options of an entry: method and level, times, permissions.
fn options(entry: &Entry, length: u64, level: u8) -> zip::result::ZipResult<FullFileOptions<'static, 'static>> {
    let local = chrono::DateTime::<chrono::Local>::from(entry.modified).naive_local();
    let (method, level) = match level {
        0 => (CompressionMethod::Stored, None),
        level => (CompressionMethod::Deflated, Some(i64::from(level))),
    };
    let simple = SimpleFileOptions::default()
        .compression_method(method)
        .compression_level(level)
        .last_modified_time(zip::DateTime::try_from(local).unwrap_or_default())
        .unix_permissions(0o644)
        .large_file(length >= u64::from(u32::MAX) - 1024 * 1024);
    let unix_seconds = entry
        .modified
        .duration_since(std::time::UNIX_EPOCH)
        .ok()
        .and_then(|d| u32::try_from(d.as_secs()).ok());
    match unix_seconds {
        Some(seconds) => simple.with_extended_timestamp(Some(seconds), None, None),
        None => Ok(simple.into_full_options()),
    }
}

fn shrank(entry: &Entry, expected: u64, got: u64) -> io::Error {
    io::Error::other(format!(
        "{} shrank while it was archived ({got} of {expected} bytes read)",
        entry.source.display()
    ))
}

/// Opens a log and, unless it is large, compresses its consistent prefix.
fn prepare(entry: &Entry, level: u8, in_memory_max: u64) -> anyhow::Result<Prepared> {
    let mut log = LockedLog::open(&entry.source)?;
    let length = log.whole_lines(entry.length)?;
    if length < entry.length {
        let left = entry.length - length;
        let why = format!(
            "the log's last {left} bytes are not a whole line (no line ending: a writer stopped mid-write, or is writing): left out of the archive{}",
            if length == 0 {
                ", which holds this log empty"
            } else {
                ""
            }
        );
        crate::diag::warning("torn-line", &why, Some(&entry.source), None);
    }
    if length > in_memory_max {
        return Ok(Prepared::Large { log, length });
    }
    let mut builder = ZipFileBuilder::new(&entry.name, options(entry, length, level)?)?;
    let copied = io::copy(&mut log.prefix(length)?, &mut builder)?;
    if copied != length {
        return Err(shrank(entry, length, copied).into());
    }
    Ok(Prepared::Compressed(builder.finish()?))
}

/// Streams `length` bytes of a large log into the archive as one entry.
fn stream(
    zip: &mut ZipWriter<BufWriter<File>>,
    entry: &Entry,
    log: LockedLog,
    length: u64,
    level: u8,
) -> anyhow::Result<()> {
    zip.start_file(entry.name.as_str(), options(entry, length, level)?)?;
    let copied = io::copy(&mut log.prefix(length)?, zip)?;
    if copied != length {
        return Err(shrank(entry, length, copied).into());
    }
    Ok(())
}

/// The end of the round of entries that starts at `start`: at least one
/// entry, and no more than [`ROUND_MAX_BYTES`] of logs held in memory.
fn round_end(entries: &[Entry], start: usize, in_memory_max: u64) -> usize {
    let mut bytes = 0;
    let mut end = start;
    while end < entries.len() {
        let length = entries[end].length;
        let held = if length > in_memory_max { 0 } else { length };
        if end > start && bytes + held > ROUND_MAX_BYTES {
            break;
        }
        bytes += held;
        end += 1;
    }
    end
}

/// Writes the archive of `entries` into `file`, compressing at `level`
/// (0: stored, 1-9: deflate). A log that cannot be read is an `error`
/// diagnostic and is left out; a failure to write the archive is fatal.
/// Calls `done` with the number of entries handled so far. The archive's
/// ZIP comment is `comment`.
pub fn write(
    entries: &[Entry],
    level: u8,
    comment: &str,
    file: File,
    done: impl FnMut(usize),
) -> anyhow::Result<(File, Vec<Archived>)> {
    write_with(entries, level, comment, IN_MEMORY_MAX_BYTES, file, done)
}

/// [`write`], streaming the logs larger than `in_memory_max` bytes.
fn write_with(
    entries: &[Entry],
    level: u8,
    comment: &str,
    in_memory_max: u64,
    file: File,
    mut done: impl FnMut(usize),
) -> anyhow::Result<(File, Vec<Archived>)> {
    let mut zip = ZipWriter::new(BufWriter::with_capacity(1024 * 1024, file));
    zip.set_comment(comment)?;
    let mut archived = Vec::with_capacity(entries.len());
    let mut start = 0;
    while start < entries.len() {
        let end = round_end(entries, start, in_memory_max);
        // One log at a time: each result is a compressed log.
        parallel::map_ordered(
            &entries[start..end],
            1,
            |entry| prepare(entry, level, in_memory_max),
            |index, prepared| -> anyhow::Result<()> {
                let index = start + index;
                let entry = &entries[index];
                let cannot = |e: &anyhow::Error| {
                    diag::error(
                        "cannot-archive",
                        &format!("cannot archive the log: {e:#}"),
                        Some(&entry.source),
                        None,
                    );
                };
                match prepared {
                    Ok(Prepared::Compressed(prepared)) => {
                        let size = prepared.uncompressed_size();
                        zip.add_prepared_file(prepared)?;
                        archived.push(Archived {
                            name: entry.name.clone(),
                            size,
                        });
                    }
                    Ok(Prepared::Large { log, length }) => match stream(&mut zip, entry, log, length, level) {
                        Ok(()) => archived.push(Archived {
                            name: entry.name.clone(),
                            size: length,
                        }),
                        Err(e) => {
                            cannot(&e);
                            zip.abort_file()?;
                        }
                    },
                    Err(e) => cannot(&e),
                }
                done(index + 1);
                Ok(())
            },
        )?;
        start = end;
    }
    let file = zip.finish()?.into_inner().map_err(io::IntoInnerError::into_error)?;
    file.sync_all()?;
    Ok((file, archived))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Seek};

    /// Two logs, the second with a torn last line.
    fn logs(dir: &std::path::Path) -> Vec<Entry> {
        let contents: [&[u8]; 2] = [b"one\r\ntwo\r\n", b"three\r\nfour, being writ"];
        contents
            .iter()
            .enumerate()
            .map(|(i, content)| {
                let source = dir.join(format!("{i}.LOG"));
                std::fs::write(&source, content).unwrap();
                Entry {
                    name: format!("Computers/{i}.LOG"),
                    length: content.len() as u64,
                    modified: std::time::SystemTime::now(),
                    source,
                }
            })
            .collect()
    }

    #[test]
    fn streamed_and_prepared_entries_hold_the_same_whole_lines() {
        let dir = tempfile::tempdir().unwrap();
        let entries = logs(dir.path());
        // 0: every log streamed; the default: every log prepared in memory.
        for in_memory_max in [0, IN_MEMORY_MAX_BYTES] {
            let file = tempfile::tempfile().unwrap();
            let (mut file, archived) = write_with(&entries, 6, "", in_memory_max, file, |_| {}).unwrap();
            let sizes: Vec<u64> = archived.iter().map(|a| a.size).collect();
            assert_eq!(sizes, vec![10, 7], "the torn line is left out");
            file.rewind().unwrap();
            let mut archive = zip::ZipArchive::new(file).unwrap();
            let mut second = String::new();
            archive
                .by_name("Computers/1.LOG")
                .unwrap()
                .read_to_string(&mut second)
                .unwrap();
            assert_eq!(second, "three\r\n");
        }
    }

    #[test]
    fn rounds_bound_the_bytes_held_in_memory() {
        let entry = |length| Entry {
            source: "x".into(),
            name: "x".into(),
            length,
            modified: std::time::SystemTime::now(),
        };
        let half = ROUND_MAX_BYTES / 2;
        let entries = [
            entry(half),
            entry(half),
            entry(1),
            entry(u64::MAX / 4),
            entry(ROUND_MAX_BYTES * 2),
        ];
        // Two halves fill a round; a streamed log costs no memory; a log
        // larger than a round still makes a round of its own.
        assert_eq!(round_end(&entries, 0, ROUND_MAX_BYTES * 4), 2);
        assert_eq!(round_end(&entries, 2, ROUND_MAX_BYTES * 4), 4);
        assert_eq!(round_end(&entries, 4, ROUND_MAX_BYTES * 4), 5);
    }
}
