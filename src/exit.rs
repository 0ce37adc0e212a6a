//! The exit codes of `koxolog`: a small fixed table, documented in the README
//! and tested in `tests/it/exit_codes.rs`.
//!
//! | code | name        | meaning                                                         |
//! |------|-------------|-----------------------------------------------------------------|
//! | 0    | `Success`   | everything asked was done (also: the consumer closed stdout)    |
//! | 1    | `Partial`   | done, but some items failed (a log unreadable...): see stderr   |
//! | 2    | `Usage`     | bad arguments (also an empty `--user`/`--computer` for `write`): nothing was done |
//! | 3    | `Fatal`     | the command could not do its work (also: the store did not answer within `--timeout`; `directory` could not reach or bind to the server, no Kerberos ticket included): nothing (more) was done |
//! | 4    | `Spooled`   | `write`: the store was unreachable, the record waits in the spool |

use std::process::ExitCode;

/// Arguments that clap accepts but the command cannot work with (an empty
/// `--user`): reported as a `usage` error, exit [`Exit::Usage`], nothing done.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct BadArgument(pub String);

/// Every exit code `koxolog` can return.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Exit {
    /// Everything asked was done.
    Success = 0,
    /// Done, but some items (files, entries) failed; each has an error on stderr.
    Partial = 1,
    /// The arguments were wrong; nothing was done.
    Usage = 2,
    /// The command failed as a whole.
    Fatal = 3,
    /// The store could not be reached in time; the record was spooled locally
    /// and will be delivered by the next successful `write`.
    Spooled = 4,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit as u8)
    }
}
