//! Diagnostics: one JSON object per line on stderr.
//!
//! ```json
//! {"Level":"warning","Code":"bad-line","Message":"...","Path":"C:\\Logs\\Computers\\PC1.LOG","Line":12}
//! ```
//!
//! * `Level`: `error` (an item failed; the command goes on and exits 1),
//!   `warning` (something was skipped or repaired), `verbose`, `progress`;
//! * `Code`: a stable kebab-case identifier, listed in the README;
//! * `Message`: for a person;
//! * `Path`, `Line`: the file and 1-based line concerned, when there is one;
//! * `Current`, `Total`: with `progress`, how far the work is.
//!
//! The PowerShell module maps the levels to `Write-Error`, `Write-Warning`,
//! `Write-Verbose` and `Write-Progress`.

use serde::Serialize;
use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Verbose,
    Progress,
}

/// One diagnostic line on stderr.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Diagnostic<'a> {
    pub level: Level,
    pub code: &'a str,
    pub message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<u64>,
}

static ERRORS: AtomicUsize = AtomicUsize::new(0);

/// How many `error` diagnostics were emitted: a command that emitted any
/// exits with [`crate::exit::Exit::Partial`].
pub fn error_count() -> usize {
    ERRORS.load(Ordering::Relaxed)
}

/// Writes one diagnostic line to stderr. A failure to write to stderr is
/// ignored: there is nowhere left to report it.
pub fn emit(diagnostic: &Diagnostic) {
    if diagnostic.level == Level::Error {
        ERRORS.fetch_add(1, Ordering::Relaxed);
    }
    let mut line = serde_json::to_vec(diagnostic).unwrap_or_default();
    line.push(b'\n');
    let _ = std::io::stderr().lock().write_all(&line);
}

fn about(level: Level, code: &str, message: &str, path: Option<&Path>, line: Option<u64>) {
    let path = path.map(|p| p.to_string_lossy());
    emit(&Diagnostic {
        level,
        code,
        message,
        path: path.as_deref(),
        line,
        current: None,
        total: None,
    });
}

/// An item (a file, an entry) failed; the command goes on.
pub fn error(code: &str, message: &str, path: Option<&Path>, line: Option<u64>) {
    about(Level::Error, code, message, path, line);
}

/// Something was skipped or repaired; the result is still whole.
pub fn warning(code: &str, message: &str, path: Option<&Path>, line: Option<u64>) {
    about(Level::Warning, code, message, path, line);
}

/// A log that could not be read, or not to its end: a `cannot-read` error;
/// the command goes on with the other logs.
pub fn cannot_read(path: &Path, error: &dyn std::fmt::Display) {
    self::error(
        "cannot-read",
        &format!("cannot read the log: {error}"),
        Some(path),
        None,
    );
}

/// A folder of logs (a branch of the store) that could not be listed: a
/// `cannot-read` error; the command goes on with the other folders.
pub fn cannot_list(dir: &Path, error: &dyn std::fmt::Display) {
    self::error(
        "cannot-read",
        &format!("cannot list the branch: {error}"),
        Some(dir),
        None,
    );
}

/// Detail for `-Verbose`.
pub fn verbose(code: &str, message: &str, path: Option<&Path>) {
    about(Level::Verbose, code, message, path, None);
}

/// How far a long piece of work is, for `Write-Progress`.
pub fn progress(code: &str, message: &str, current: u64, total: u64) {
    emit(&Diagnostic {
        level: Level::Progress,
        code,
        message,
        path: None,
        line: None,
        current: Some(current),
        total: Some(total),
    });
}

/// Reports progress through many items: at most about five times a second,
/// and once at the end.
pub struct Progress {
    total: u64,
    last: Option<std::time::Instant>,
    code: &'static str,
    message: &'static str,
}

impl Progress {
    pub fn new(code: &'static str, message: &'static str, total: usize) -> Progress {
        Progress {
            total: total as u64,
            last: None,
            code,
            message,
        }
    }

    /// Says that `done` items are finished, when it is time to say so.
    pub fn done(&mut self, done: usize) {
        let now = std::time::Instant::now();
        let due = self.last.is_none_or(|last| now.duration_since(last).as_millis() >= 200);
        if self.total > 1 && (due || done as u64 == self.total) {
            self.last = Some(now);
            progress(self.code, self.message, done as u64, self.total);
        }
    }
}
