//! Output in one order across many logs, in bounded memory (`sessions
//! --sort time`): each log's results, already in order, are one run kept in
//! a temporary file; the runs are then merged, holding one entry of each in
//! memory.

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

impl Runs {
    /// Runs in an anonymous temporary file (removed when dropped).
    pub fn new() -> io::Result<Runs> {
        Ok(Runs {
            file: BufWriter::with_capacity(256 * 1024, tempfile::tempfile()?),
            spans: Vec::new(),
            written: 0,
        })
    }

    /// Adds one run: entries in order of their keys.
    pub fn add<'a>(&mut self, run: impl IntoIterator<Item = (i64, &'a [u8])>) -> io::Result<()> {
        let start = self.written;
        for (key, bytes) in run {
            self.write_entry(key, bytes)?;
        }
        if self.written > start {
            self.spans.push((start, self.written));
        }
        Ok(())
    }

    /// Adds one run of `items`, in order of their keys: `render` writes
    /// each item's bytes into the (emptied) buffer it is given, and gives
    /// its key. Items are rendered one at a time, never held as bytes.
    pub fn add_each<T>(
        &mut self,
        items: impl IntoIterator<Item = T>,
        mut render: impl FnMut(T, &mut Vec<u8>) -> io::Result<i64>,
    ) -> io::Result<()> {
        let start = self.written;
        let mut bytes = Vec::new();
        for item in items {
            bytes.clear();
            let key = render(item, &mut bytes)?;
            self.write_entry(key, &bytes)?;
        }
        if self.written > start {
            self.spans.push((start, self.written));
        }
        Ok(())
    }

    fn write_entry(&mut self, key: i64, bytes: &[u8]) -> io::Result<()> {
        let length = u32::try_from(bytes.len()).map_err(|_| io::Error::other("an entry longer than 4 GiB"))?;
        self.file.write_all(&key.to_le_bytes())?;
        self.file.write_all(&length.to_le_bytes())?;
        self.file.write_all(bytes)?;
        self.written += (HEAD + bytes.len()) as u64;
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
            let length = entry(&file, offset, &mut line)?;
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
fn entry(file: &File, offset: u64, line: &mut Vec<u8>) -> io::Result<usize> {
    let mut head = [0u8; HEAD];
    read_exact_at(file, &mut head, offset)?;
    let length = u32::from_le_bytes([head[8], head[9], head[10], head[11]]) as usize;
    line.resize(length, 0);
    read_exact_at(file, line, offset + HEAD as u64)?;
    Ok(length)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_merge_in_key_order_and_ties_keep_the_order_of_the_runs() {
        let mut runs = Runs::new().unwrap();
        runs.add([(1, &b"a1"[..]), (5, b"a5"), (9, b"a9")]).unwrap();
        runs.add([]).unwrap();
        runs.add([(2, &b"b2"[..]), (5, b"b5")]).unwrap();
        let mut seen = Vec::new();
        runs.merge(|line| {
            seen.push(String::from_utf8(line.to_vec()).unwrap());
            Ok(())
        })
        .unwrap();
        assert_eq!(seen, ["a1", "b2", "a5", "b5", "a9"]);
    }
}
