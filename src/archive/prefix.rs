//! The consistent prefix of a log that may be appended to while it is read.
//!
//! Writers only ever append whole records (see [`crate::store::append`]), so
//! the bytes before a length read once never change. The prefix archived is
//! those bytes, cut back to the end of their last whole line: a record being
//! written at that moment is left for the next backup, never archived torn.
//!
//! No lock is taken: a writer is never kept waiting by a backup. On Windows
//! a writer's lock makes reads of the file fail for the instant of its
//! append (`ERROR_LOCK_VIOLATION`); such a read is retried.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;
use std::time::{Duration, Instant};

/// How long a read waits for a writer's lock to go, at most.
const LOCK_PATIENCE: Duration = Duration::from_secs(10);

/// Windows' "the process cannot access the file because another process
/// has locked a portion of the file".
const ERROR_LOCK_VIOLATION: i32 = 33;

/// A file read through writers' brief locks.
pub struct LockedLog {
    file: File,
}

impl LockedLog {
    pub fn open(path: &Path) -> io::Result<LockedLog> {
        Ok(LockedLog {
            file: File::open(path)?,
        })
    }

    /// The length of the prefix of the first `length` bytes that ends with
    /// a whole line (0 when there is no whole line).
    pub fn whole_lines(&mut self, length: u64) -> io::Result<u64> {
        let mut end = length;
        let mut block = vec![0u8; 64 * 1024];
        while end > 0 {
            let size = block.len().min(end as usize);
            let start = end - size as u64;
            self.file.seek(SeekFrom::Start(start))?;
            self.read_exact(&mut block[..size])?;
            if let Some(at) = memchr::memrchr(b'\n', &block[..size]) {
                return Ok(start + at as u64 + 1);
            }
            end = start;
        }
        Ok(0)
    }

    /// A reader of the first `length` bytes.
    pub fn prefix(mut self, length: u64) -> io::Result<io::Take<LockedLog>> {
        self.file.rewind()?;
        Ok(self.take(length))
    }
}

impl Read for LockedLog {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        let deadline = Instant::now() + LOCK_PATIENCE;
        loop {
            match self.file.read(buffer) {
                Err(e)
                    if e.raw_os_error() == Some(ERROR_LOCK_VIOLATION) && cfg!(windows) && Instant::now() < deadline =>
                {
                    std::thread::sleep(Duration::from_millis(2));
                }
                other => return other,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn whole(content: &[u8], length: u64) -> u64 {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(content).unwrap();
        LockedLog::open(file.path()).unwrap().whole_lines(length).unwrap()
    }

    #[test]
    fn a_prefix_ends_with_its_last_whole_line() {
        assert_eq!(whole(b"a\r\nbb\r\nccc", 10), 7);
        assert_eq!(whole(b"a\r\nbb\r\nccc\r\n", 12), 12);
        assert_eq!(whole(b"a\r\nbb\r\nccc\r\n", 5), 3);
        assert_eq!(whole(b"torn", 4), 0);
        assert_eq!(whole(b"", 0), 0);
        let long: Vec<u8> = [vec![b'x'; 200_000], b"\n".to_vec(), vec![b'y'; 100_000]].concat();
        assert_eq!(whole(&long, long.len() as u64), 200_001);
    }
}
