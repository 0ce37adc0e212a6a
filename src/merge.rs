//! Output in one order across many logs, in bounded memory (`sessions
//! --sort time`): each log's results, already in order and framed as
//! entries ([`entry`]), are a run kept in a temporary file; the runs are
//! then merged, holding one entry of each in memory.

use crate::reader::read_exact_at;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, BufWriter, Write};

/// Runs written so far, each a span of the temporary file.
pub struct Runs {
    file: BufWriter<File>,
    spans: Vec<(u64, u64)>,
    written: u64,
}

/// The size of an entry's head: its key and its length.
const HEAD: usize = 12;

/// Appends an entry to sort by `key`: its head, then the bytes `write`
/// appends.
pub fn entry(out: &mut Vec<u8>, key: i64, write: impl FnOnce(&mut Vec<u8>)) {
    let head = out.len();
    out.extend_from_slice(&[0; HEAD]);
    write(out);
    let length = u32::try_from(out.len() - head - HEAD).unwrap_or(u32::MAX);
    out[head..head + 8].copy_from_slice(&key.to_le_bytes());
    out[head + 8..head + HEAD].copy_from_slice(&length.to_le_bytes());
}

/// An entry's key and length.
fn parse_head(head: &[u8; HEAD]) -> (i64, usize) {
    let key = i64::from_le_bytes([head[0], head[1], head[2], head[3], head[4], head[5], head[6], head[7]]);
    (key, u32::from_le_bytes([head[8], head[9], head[10], head[11]]) as usize)
}

impl Runs {
    /// Runs in an anonymous temporary file (removed when dropped).
    pub fn new() -> io::Result<Runs> {
        Ok(Runs {
            file: BufWriter::with_capacity(256 * 1024, tempfile::tempfile()?),
            spans: Vec::new(),
            written: 0,
        })
    }

    /// Adds the entries framed by [`entry`], one after the other: a run
    /// ends where a key is lower than the one before it (each log's
    /// entries are in order, and logs follow one another).
    pub fn add_entries(&mut self, mut framed: &[u8]) -> io::Result<()> {
        let malformed = || io::Error::other("a malformed entry to sort");
        let mut start = self.written;
        let mut last = i64::MIN;
        while !framed.is_empty() {
            let head: &[u8; HEAD] = framed
                .get(..HEAD)
                .and_then(|h| h.try_into().ok())
                .ok_or_else(malformed)?;
            let (key, length) = parse_head(head);
            let bytes = framed.get(HEAD..HEAD + length).ok_or_else(malformed)?;
            if key < last {
                self.spans.push((start, self.written));
                start = self.written;
            }
            last = key;
            self.file.write_all(&framed[..HEAD + length])?;
            self.written += (HEAD + bytes.len()) as u64;
            framed = &framed[HEAD + length..];
        }
        if self.written > start {
            self.spans.push((start, self.written));
        }
        Ok(())
    }

    /// Gives every entry of every run to `consume`, in order of the keys
    /// (equal keys: in the order the runs were added).
    pub fn merge(self, mut consume: impl FnMut(&[u8]) -> anyhow::Result<()>) -> anyhow::Result<()> {
        let file = self.file.into_inner().map_err(|e| e.into_error())?;
        let mut heads: Vec<(u64, u64)> = self.spans;
        let mut heap = BinaryHeap::new();
        for (run, span) in heads.iter().enumerate() {
            heap.push(Reverse((key_at(&file, span.0)?, run)));
        }
        let mut line = Vec::new();
        while let Some(Reverse((_, run))) = heap.pop() {
            let (offset, end) = heads[run];
            let length = read_entry(&file, offset, &mut line)?;
            consume(&line)?;
            let next = offset + (HEAD + length) as u64;
            heads[run].0 = next;
            if next < end {
                heap.push(Reverse((key_at(&file, next)?, run)));
            }
        }
        Ok(())
    }
}

fn key_at(file: &File, offset: u64) -> io::Result<i64> {
    let mut key = [0u8; 8];
    read_exact_at(file, &mut key, offset)?;
    Ok(i64::from_le_bytes(key))
}

/// Reads the entry at `offset` into `line`; gives its length.
fn read_entry(file: &File, offset: u64, line: &mut Vec<u8>) -> io::Result<usize> {
    let mut head = [0u8; HEAD];
    read_exact_at(file, &mut head, offset)?;
    let (_, length) = parse_head(&head);
    line.resize(length, 0);
    read_exact_at(file, line, offset + HEAD as u64)?;
    Ok(length)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_merge_in_key_order_and_ties_keep_the_order_of_the_runs() {
        let framed = |entries: &[(i64, &str)]| {
            let mut out = Vec::new();
            for (key, text) in entries {
                entry(&mut out, *key, |out| out.extend_from_slice(text.as_bytes()));
            }
            out
        };
        let mut runs = Runs::new().unwrap();
        // Two logs in one piece (a run ends where the keys go down), an
        // empty piece, a third log.
        runs.add_entries(&framed(&[(1, "a1"), (5, "a5"), (9, "a9"), (3, "c3")]))
            .unwrap();
        runs.add_entries(&[]).unwrap();
        runs.add_entries(&framed(&[(2, "b2"), (5, "b5")])).unwrap();
        let mut seen = Vec::new();
        runs.merge(|line| {
            seen.push(String::from_utf8(line.to_vec()).unwrap());
            Ok(())
        })
        .unwrap();
        assert_eq!(seen, ["a1", "b2", "c3", "a5", "b5", "a9"]);
    }
}
