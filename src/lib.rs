//! KoXoLog: who opened a session on which Windows computer, when, from where,
//! and for how long.
//!
//! The library holds everything but `main`, so that tests and benches reach it.
//! A map of the crate, by concern:
//!
//! * [`cli`]: the clap definition of every subcommand and flag (the PowerShell
//!   module is checked against it);
//! * [`cmd`]: one file per subcommand;
//! * [`format`](mod@format): the log file grammar (see `docs/LOG-FORMAT.md`);
//! * [`record`], [`json`]: a record in memory and the JSON Lines schema;
//! * [`store`]: the store layout, safe file names, the locked append;
//! * [`reader`]: streaming and tail reading of a log, with diagnostics;
//! * [`filter`]: the filters pushed down into the binary;
//! * [`pairing`], [`session_filter`]: logons paired with logoffs on each
//!   computer's log, and which sessions a query shows (see `docs/SESSIONS.md`);
//! * [`spool`]: records kept locally while the store cannot be reached;
//! * [`context`]: the session's user, computer, client, addresses;
//! * [`rtf`], [`palette`]: the colorized RTF export;
//! * [`report`]: the figures of `koxolog report` and its HTML page;
//! * [`archive`]: the verified ZIP backups of the store;
//! * [`partial`]: files renamed into place only once complete;
//! * [`generate`]: the synthetic store for demos, tests and benchmarks;
//! * [`directory`]: the Active Directory (LDAP) entry behind a name, and the
//!   PDC emulator for `%PDC_SERVER%`;
//! * [`parallel`], [`merge`]: many logs at once, results in order;
//! * [`diag`], [`output`], [`exit`]: the binary's contract on stderr, stdout
//!   and the exit code.

pub mod archive;
pub mod cli;
pub mod cmd;
pub mod context;
pub mod diag;
pub mod directory;
pub mod exit;
pub mod filter;
pub mod format;
pub mod generate;
pub mod json;
pub mod merge;
pub mod output;
pub mod pairing;
pub mod palette;
pub mod parallel;
pub mod partial;
pub mod reader;
pub mod record;
pub mod report;
pub mod rtf;
pub mod selection;
pub mod session_filter;
pub mod spool;
pub mod store;
pub mod ulid;
