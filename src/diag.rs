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
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering};

/// How `progress` diagnostics show (`--progress`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum ProgressMode {
    /// A JSON line each time, for `Write-Progress` (the default when stderr
    /// is not a terminal).
    Json = 0,
    /// A bar redrawn on one line of the terminal (the default there).
    Bar = 1,
    /// Nothing.
    None = 2,
}

impl std::str::FromStr for ProgressMode {
    type Err = String;

    fn from_str(text: &str) -> Result<ProgressMode, String> {
        match text.to_ascii_lowercase().as_str() {
            "json" => Ok(ProgressMode::Json),
            "bar" => Ok(ProgressMode::Bar),
            "none" => Ok(ProgressMode::None),
            _ => Err(format!("'{text}' is not a progress display: bar, json or none")),
        }
    }
}

impl ProgressMode {
    /// `bar` when stderr is a terminal, else `json`.
    pub fn for_stderr() -> ProgressMode {
        if std::io::stderr().is_terminal() {
            ProgressMode::Bar
        } else {
            ProgressMode::Json
        }
    }
}

static PROGRESS_MODE: AtomicU8 = AtomicU8::new(ProgressMode::Json as u8);

/// Whether a bar is on the terminal's last line, to clear before a line.
static BAR_SHOWN: AtomicBool = AtomicBool::new(false);

/// Sets how progress shows, for the whole run.
pub fn set_progress_mode(mode: ProgressMode) {
    PROGRESS_MODE.store(mode as u8, Ordering::Relaxed);
}

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
    if diagnostic.level == Level::Progress {
        match PROGRESS_MODE.load(Ordering::Relaxed) {
            mode if mode == ProgressMode::None as u8 => return,
            mode if mode == ProgressMode::Bar as u8 => return bar(diagnostic),
            _ => {}
        }
    }
    let mut line = Vec::new();
    if BAR_SHOWN.swap(false, Ordering::Relaxed) {
        line.extend_from_slice(b"\r\x1b[2K");
    }
    line.extend(serde_json::to_vec(diagnostic).unwrap_or_default());
    line.push(b'\n');
    let _ = std::io::stderr().lock().write_all(&line);
}

/// Draws a progress diagnostic as a bar on the terminal's last line; the
/// last step ends the line.
fn bar(diagnostic: &Diagnostic) {
    const WIDTH: u64 = 30;
    let (current, total) = (diagnostic.current.unwrap_or(0), diagnostic.total.unwrap_or(0).max(1));
    let filled = (current.min(total) * WIDTH / total) as usize;
    let mut line = format!(
        "\r\x1b[2K{} [{}{}] {current}/{total}",
        diagnostic.message,
        "#".repeat(filled),
        " ".repeat(WIDTH as usize - filled)
    );
    let done = current >= total;
    if done {
        line.push('\n');
    }
    BAR_SHOWN.store(!done, Ordering::Relaxed);
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

thread_local! {
    /// A file whose diagnostics up to a line were given already, and are
    /// not given again on this thread ([`quiet_through`]).
    static QUIET: std::cell::RefCell<Option<(std::path::PathBuf, u64)>> = const { std::cell::RefCell::new(None) };
}

/// Runs `work` (on this thread) without the diagnostics it gives about the
/// lines of `path` up to `line`: a file read a second time (records out of
/// order, paired again) reports each bad line once.
pub fn quiet_through<R>(path: &Path, line: u64, work: impl FnOnce() -> R) -> R {
    QUIET.with(|quiet| *quiet.borrow_mut() = Some((path.to_owned(), line)));
    let result = work();
    QUIET.with(|quiet| *quiet.borrow_mut() = None);
    result
}

fn quieted(path: Option<&Path>, line: Option<u64>) -> bool {
    let (Some(path), Some(line)) = (path, line) else {
        return false;
    };
    QUIET.with(|quiet| {
        quiet
            .borrow()
            .as_ref()
            .is_some_and(|(quiet, through)| line <= *through && quiet == path)
    })
}

fn about(level: Level, code: &str, message: &str, path: Option<&Path>, line: Option<u64>) {
    if quieted(path, line) {
        return;
    }
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
