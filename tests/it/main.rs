//! The integration tests, as one test binary (one link, one place for the
//! shared helpers). Each module is one concern, run against the real
//! `koxolog` binary or the library; `common` holds what they share.
//!
//! Run one concern: `cargo test --test it reader::`.

mod common;
mod powershell;
#[cfg(not(windows))]
mod slapd;

mod compress;
mod concurrency;
mod directory;
mod exit_codes;
mod export_rtf;
mod generate;
mod hostile;
mod killed_writer;
mod legacy;
mod pairing;
mod pairing_properties;
mod powershell_static;
mod properties;
mod purge;
mod reader;
mod report;
mod round_trip;
mod session_filters;
mod truth;
mod unreachable;
mod windows_interop;
mod windows_system;
