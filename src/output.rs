//! Everything the binary prints on stdout: JSON Lines, or a document
//! (`export-rtf` without `--output`).
//!
//! Objects are buffered and flushed at natural boundaries (after each log
//! file) so that the first records reach the consumer early. When the consumer
//! closes the pipe (`Select-Object -First 1`, `head`), writing fails with
//! [`Closed`], which `main` turns into a quiet success.

use serde::Serialize;
use std::io::{self, BufWriter, Write};

/// The consumer closed stdout: stop working and exit with success.
#[derive(Debug, thiserror::Error)]
#[error("stdout was closed by the consumer")]
pub struct Closed;

/// A buffered JSON Lines writer on stdout.
pub struct Output {
    out: BufWriter<io::Stdout>,
}

impl Default for Output {
    fn default() -> Self {
        Output {
            out: BufWriter::with_capacity(64 * 1024, io::stdout()),
        }
    }
}

impl Output {
    /// Writes one object as one line.
    pub fn emit<T: Serialize>(&mut self, object: &T) -> anyhow::Result<()> {
        serde_json::to_writer(&mut self.out, object).map_err(|e| match e.io_error_kind() {
            Some(kind) => map_io(io::Error::from(kind)),
            None => anyhow::Error::from(e),
        })?;
        self.write_raw(b"\n")
    }

    /// Writes bytes that already are complete JSON lines.
    pub fn write_raw(&mut self, bytes: &[u8]) -> anyhow::Result<()> {
        self.out.write_all(bytes).map_err(map_io)?;
        Ok(())
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
