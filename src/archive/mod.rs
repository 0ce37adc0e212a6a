//! Verified ZIP backups of the store (`compress`).
//!
//! * [`entries`]: what goes in: every log of the three branches, each with
//!   its length and time read once, at the start;
//! * [`prefix`]: the consistent prefix of a log that writers keep appending
//!   to (whole lines only, never a lock held against them);
//! * [`build`]: entries compressed in parallel, then assembled in order;
//! * [`verify`]: the archive read back, every entry's CRC checked;
//! * [`archives`]: the archives' names, and which ones `--keep` removes;
//! * [`removed`]: the archive of the records a purge removes.

pub mod archives;
pub mod build;
pub mod entries;
pub mod prefix;
pub mod removed;
pub mod verify;
