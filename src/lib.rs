//! KoXoLog: who opened a session on which Windows computer, when, from where,
//! and for how long.
//!
//! The library holds everything but `main`, so that tests and benches reach it.
//! A map of the crate, by concern; dependencies point down the list (a module
//! uses only modules below its group, or beside it), so the graph has no
//! cycle:
//!
//! * [`cmd`]: the command line ([`cmd::Cli`]), one file per subcommand
//!   with its flags, and the dispatch; [`cli`]: the flags several
//!   subcommands share (the PowerShell module is checked against both).
//!   Only these two see clap: they build the plain settings the domain
//!   takes ([`selection::Named`], [`filter::Filter`],
//!   [`session_filter::SessionFilter`], a [`store::Store`]);
//! * [`generate`]: the synthetic store for demos, tests and benchmarks;
//!   [`context`], [`directory`]: the session's user, computer, client,
//!   addresses; the Active Directory (LDAP) entry behind a name, and the
//!   PDC emulator for `%PDC_SERVER%`;
//! * [`rtf`], [`palette`]: the colorized RTF export;
//! * [`report`]: the figures of `koxolog report`, folded from paired
//!   sessions, and its HTML page with SVG charts;
//! * [`selection`], [`session_filter`], [`pairing`], [`merge`]: which logs a
//!   query reads, logons paired with logoffs on each computer's log, which
//!   sessions it shows (see `docs/SESSIONS.md`), results of many logs in
//!   order;
//! * [`spool`], [`archive`], [`purge`]: records kept locally while the store
//!   cannot be reached; the verified ZIP backups of the store; the records
//!   older than a cutoff removed from a log under the writers' hold;
//! * [`reader`], [`filter`], [`needle`]: streaming and tail reading of a
//!   log, with diagnostics, the filters pushed down into it, and what a
//!   line must hold to be parsed;
//! * [`config`], [`store`], [`partial`], [`parallel`]: the settings files
//!   that name the store; the store layout, safe file names, the locked
//!   append (a store on `%PDC_SERVER%` is resolved by the command, not
//!   here); files renamed into place only once complete; many logs at once;
//! * [`json`]: the JSON Lines schema printed on stdout, and the records read
//!   back from it (`export-rtf --stdin`);
//! * [`format`](mod@format): the log file grammar (see
//!   `docs/LOG-FORMAT.md`), which reads and writes records;
//! * [`output`], [`language`]: stdout, as JSON Lines, a table or CSV, and
//!   the language people read tables and documents in;
//! * [`record`], [`ulid`]: a record in memory and its vocabulary (events,
//!   fields, times, safe values), and record ids;
//! * [`words`]: bytes looked at eight at a time (safe values, JSON
//!   strings, CSV fields): it uses no other module;
//! * [`diag`], [`exit`]: the binary's contract on stderr and the exit code.

pub mod archive;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod context;
pub mod diag;
pub mod directory;
pub mod exit;
pub mod filter;
pub mod format;
pub mod generate;
pub mod json;
pub mod language;
pub mod merge;
pub mod needle;
pub mod output;
pub mod pairing;
pub mod palette;
pub mod parallel;
pub mod partial;
pub mod purge;
pub mod reader;
pub mod record;
pub mod report;
pub mod rtf;
pub mod selection;
pub mod session_filter;
pub mod spool;
pub mod store;
pub mod ulid;
pub mod words;
