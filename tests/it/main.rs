//! The integration tests, as one test binary (one link, one place for the
//! shared helpers). Each module is one concern, run against the real
//! `koxolog` binary or the library; `common` holds what they share.
//!
//! Run one concern: `cargo test --test it reader::`.

mod common;
// Used by the Kerberos tests, which need the feature `kerberos`.
#[cfg(not(windows))]
#[cfg_attr(not(feature = "kerberos"), allow(dead_code))]
mod kerberos;
mod powershell;
#[cfg(not(windows))]
mod slapd;

mod compress;
mod concurrency;
mod config;
mod directory;
mod directory_kerberos;
mod exit_codes;
mod export_rtf;
mod generate;
mod hostile;
mod killed_writer;
mod legacy;
mod needle;
mod output_formats;
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
