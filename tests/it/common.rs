//! Shared helpers for the integration tests: run the real binary in a
//! temporary store, and read its JSON Lines back into structs that deny
//! unknown fields, so that any drift of the schema fails a test.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_koxolog");

/// `KoXoLog.Record`, as `log` prints it.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct Record {
    pub event: String,
    pub tag: String,
    pub time: String,
    pub user: Option<String>,
    pub domain: Option<String>,
    pub computer: Option<String>,
    pub client: Option<String>,
    pub session: Option<String>,
    pub ip: Option<String>,
    pub mac: Option<String>,
    pub logon_server: Option<String>,
    pub os: Option<String>,
    pub id: Option<String>,
    pub session_id: Option<String>,
    pub raw: Option<String>,
    pub path: String,
    pub line: Option<u64>,
}

/// `KoXoLog.WrittenRecord`, as `write` prints it.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct Written {
    pub event: String,
    pub tag: String,
    pub time: String,
    pub user: Option<String>,
    pub domain: Option<String>,
    pub computer: Option<String>,
    pub client: Option<String>,
    pub session: Option<String>,
    pub ip: Option<String>,
    pub mac: Option<String>,
    pub logon_server: Option<String>,
    pub os: Option<String>,
    pub id: String,
    pub session_id: Option<String>,
    pub logs: String,
    pub spooled: bool,
    pub spool_file: Option<String>,
    pub delivered: usize,
}

/// `KoXoLog.Session`, as `sessions` prints it.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct Session {
    pub user: Option<String>,
    pub domain: Option<String>,
    pub computer: Option<String>,
    pub client: Option<String>,
    pub clients: Option<String>,
    pub session: Option<String>,
    pub session_id: Option<String>,
    pub ip: Option<String>,
    pub logon: Option<String>,
    pub logoff: Option<String>,
    pub end: Option<String>,
    pub end_reason: Option<String>,
    pub duration: Option<String>,
    pub duration_seconds: Option<f64>,
    pub open_for: Option<String>,
    pub open_for_seconds: Option<f64>,
    pub state: String,
    pub path: String,
}

/// `KoXoLog.TreeItem`, as `tree` prints it.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct TreeItem {
    pub branch: String,
    pub name: String,
    pub path: String,
    pub length: u64,
    pub last_write_time: Option<String>,
    pub last_time: Option<String>,
    pub last_event: Option<String>,
    pub last_user: Option<String>,
    pub last_computer: Option<String>,
    pub last_client: Option<String>,
    pub last_ip: Option<String>,
}

/// A diagnostic line on stderr.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct Diagnostic {
    pub level: String,
    pub code: String,
    pub message: String,
    pub path: Option<String>,
    pub line: Option<u64>,
    pub current: Option<u64>,
    pub total: Option<u64>,
}

/// What a run of the binary gave.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl Run {
    /// The stdout lines as objects of type `T`; fails the test on any line
    /// that is not one.
    pub fn objects<T: DeserializeOwned>(&self) -> Vec<T> {
        self.stdout
            .lines()
            .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("not the expected object ({e}): {line}")))
            .collect()
    }

    /// The diagnostics with this code.
    pub fn with_code(&self, code: &str) -> Vec<&Diagnostic> {
        self.diagnostics.iter().filter(|d| d.code == code).collect()
    }

    /// Fails the test, showing stderr, unless the exit code is `code`.
    pub fn expect_code(self, code: i32) -> Run {
        assert_eq!(
            self.code, code,
            "exit code; stdout:\n{}\ndiagnostics: {:#?}",
            self.stdout, self.diagnostics
        );
        self
    }
}

/// The diagnostics of a run's stderr, one JSON object a line; fails the test
/// on a line that is not one.
pub fn parse_diagnostics(stderr: &[u8]) -> Vec<Diagnostic> {
    String::from_utf8_lossy(stderr)
        .lines()
        .map(|line| {
            serde_json::from_str(line).unwrap_or_else(|e| panic!("stderr line is not a diagnostic ({e}): {line}"))
        })
        .collect()
}

pub fn finish(output: Output) -> Run {
    Run {
        code: output.status.code().expect("exited normally"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        diagnostics: parse_diagnostics(&output.stderr),
    }
}

/// A command for the binary with a clean environment: no store or spool
/// leaks in from the machine running the tests.
pub fn command(args: &[&str]) -> Command {
    let mut command = Command::new(BIN);
    command
        .args(args)
        .env_remove("KOXOLOG_STORE")
        .env_remove("KOXOLOG_SPOOL")
        .env_remove("CLIENTNAME")
        .stdin(Stdio::null());
    command
}

/// The stdout of a run that succeeded; fails the test, showing stderr,
/// unless it did.
pub fn ok(output: &Output) -> Vec<u8> {
    assert!(
        output.status.success(),
        "koxolog failed ({:?}): {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout.clone()
}

/// Runs a command to its end with `stdin` as its standard input.
pub fn output_with_stdin(command: &mut Command, stdin: &[u8]) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("koxolog runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("stdin written");
    child.wait_with_output().expect("koxolog ends")
}

/// Runs the binary and collects what it gave.
pub fn run(args: &[&str]) -> Run {
    finish(output_of(&mut command(args)))
}

/// Runs a command to its end. A program Wine could not start on a loaded
/// machine (CreateProcess fails with "Internal error", 1359, or the process
/// ends with STATUS_DLL_INIT_FAILED, 0xC0000142, before its first line ran)
/// never ran, so it is started again; one that ran is never run twice.
pub fn output_of(command: &mut Command) -> std::process::Output {
    const DLL_INIT_FAILED: i32 = 0xC000_0142_u32 as i32;
    let mut tries = 0;
    loop {
        let again = cfg!(windows) && tries < 5;
        match command.output() {
            Ok(output) if again && output.status.code() == Some(DLL_INIT_FAILED) => tries += 1,
            Ok(output) => return output,
            Err(e) if again && e.raw_os_error() == Some(1359) => tries += 1,
            Err(e) => panic!("the binary could not be started: {e}"),
        }
    }
}

/// A temporary store and spool for one test.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    /// A temporary folder with an empty store (`store/`) in it; the spool
    /// (`spool/`) is made when needed.
    pub fn new() -> Sandbox {
        let sandbox = Sandbox {
            dir: tempfile::tempdir().expect("a temporary folder"),
        };
        std::fs::create_dir(sandbox.store()).expect("the store folder");
        sandbox
    }

    /// Puts a file where the store's folder should be: nothing can be
    /// created in the store.
    pub fn break_store(&self) {
        std::fs::remove_dir(self.store()).expect("the store was empty");
        std::fs::write(self.store(), "a file where the store should be").unwrap();
    }

    pub fn store(&self) -> PathBuf {
        self.dir.path().join("store")
    }

    pub fn spool(&self) -> PathBuf {
        self.dir.path().join("spool")
    }

    pub fn store_arg(&self) -> String {
        self.store().display().to_string()
    }

    /// Runs a reading subcommand on this store.
    pub fn read(&self, sub: &str, args: &[&str]) -> Run {
        let store = self.store_arg();
        let mut all = vec![sub, "--store", &store];
        all.extend_from_slice(args);
        run(&all)
    }

    /// The arguments of `write` for this store and spool: every value is
    /// given, those in `extra` taking the place of the defaults.
    pub fn write_args(&self, event: &str, user: &str, computer: &str, extra: &[&str]) -> Vec<String> {
        let defaults = [
            ("--domain", "LYCEE"),
            ("--ip", "10.0.0.5"),
            ("--mac", "00-1A-2B-3C-4D-5E"),
            ("--os", "Windows 11 Pro"),
            ("--logon-server", "DC1"),
            ("--session", "Console"),
            ("--timeout", "10"),
        ];
        let mut args: Vec<String> = ["write", "--event", event, "--user", user, "--computer", computer]
            .iter()
            .map(|s| s.to_string())
            .collect();
        for (flag, value) in defaults {
            if !extra.contains(&flag) {
                args.extend([flag.to_owned(), value.to_owned()]);
            }
        }
        args.extend([
            "--store".into(),
            self.store_arg(),
            "--spool".into(),
            self.spool().display().to_string(),
        ]);
        args.extend(extra.iter().map(|s| s.to_string()));
        args
    }

    /// Writes one event and returns the record written.
    pub fn write(&self, event: &str, user: &str, computer: &str, extra: &[&str]) -> Written {
        let args = self.write_args(event, user, computer, extra);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = run(&args).expect_code(0);
        run.objects::<Written>().pop().expect("write prints its record")
    }

    /// The text of a log.
    pub fn log_text(&self, branch: &str, stem: &str) -> String {
        std::fs::read_to_string(self.store().join(branch).join(format!("{stem}.LOG"))).expect("the log exists")
    }
}

/// Every file below `dir`, relative to it.
pub fn files_below(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).unwrap().display().to_string())
        .collect();
    files.sort();
    files
}
