//! The archives of a destination folder: `<stem>-<yyyyMMdd-HHmmss.fff>Z.zip`,
//! named after the moment they were made, in UTC to the millisecond (so a
//! time-zone or daylight-saving change never reorders them, and two runs in
//! the same second get two names), the stem being the store folder's name
//! (`Logs$`), or `KoXoLog` when the store is the root of a share.
//!
//! Each archive also says when it was made, in its ZIP comment
//! (`KoXoLog archive made 2026-11-25T07:30:00.123Z`). `--keep N` orders the
//! archives by what they say (the comment, else the time in the name; the
//! local-time names of earlier versions, `<stem>-<yyyyMMdd-HHmmss>.zip`,
//! are read as local time), never by the name alone, and removes all but
//! the last N.
//!
//! An archive being written is named `.<stem>-....partial` until it is
//! verified, so it never counts as an archive.

use crate::store::Store;
use chrono::{DateTime, Local, NaiveDateTime, TimeZone, Utc};
use std::io;
use std::path::{Path, PathBuf};

/// The stem of a store's archives.
pub fn stem(store: &Store) -> String {
    let root = store.root().to_string_lossy();
    let last = root
        .split(['/', '\\'])
        .rev()
        .find(|part| !part.is_empty() && *part != "." && *part != "..");
    let safe = |c: char| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '$');
    match last {
        Some(name) if !name.ends_with(':') => name.chars().map(|c| if safe(c) { c } else { '_' }).collect(),
        _ => "KoXoLog".to_owned(),
    }
}

/// The file name of an archive made at `at`.
pub fn file_name(stem: &str, at: DateTime<Utc>) -> String {
    format!("{stem}-{}Z.zip", at.format("%Y%m%d-%H%M%S%.3f"))
}

const COMMENT_PREFIX: &str = "KoXoLog archive made ";

/// The ZIP comment of an archive made at `at`.
pub fn comment(at: DateTime<Utc>) -> String {
    format!("{COMMENT_PREFIX}{}", at.format("%Y-%m-%dT%H:%M:%S%.3fZ"))
}

/// When an archive named `name` says it was made, from its name: UTC in
/// this version's names, local time in earlier versions' ones.
fn named_time(stem: &str, name: &str) -> Option<DateTime<Utc>> {
    let time = name.strip_prefix(stem)?.strip_prefix('-')?.strip_suffix(".zip")?;
    if let Some(utc) = time.strip_suffix('Z') {
        let naive = NaiveDateTime::parse_from_str(utc, "%Y%m%d-%H%M%S%.3f").ok()?;
        return (utc.len() == 19).then(|| Utc.from_utc_datetime(&naive));
    }
    let naive = NaiveDateTime::parse_from_str(time, "%Y%m%d-%H%M%S").ok()?;
    let local = Local.from_local_datetime(&naive).earliest()?;
    (time.len() == 15).then(|| local.with_timezone(&Utc))
}

/// Whether `name` is the file name of an archive of `stem`.
fn is_archive(stem: &str, name: &str) -> bool {
    named_time(stem, name).is_some()
}

/// When the archive at `path` says it was made: its comment, else its name.
fn made_at(path: &Path, stem: &str) -> Option<DateTime<Utc>> {
    let commented = std::fs::File::open(path).ok().and_then(|file| {
        let archive = zip::ZipArchive::new(io::BufReader::new(file)).ok()?;
        let text = std::str::from_utf8(archive.comment())
            .ok()?
            .strip_prefix(COMMENT_PREFIX)?
            .to_owned();
        DateTime::parse_from_rfc3339(&text).ok().map(|t| t.with_timezone(&Utc))
    });
    commented.or_else(|| named_time(stem, path.file_name()?.to_str()?))
}

/// The archives of `stem` in `dir`, oldest first by what each says of when
/// it was made. A missing folder has none.
pub fn existing(dir: &Path, stem: &str) -> io::Result<Vec<PathBuf>> {
    let mut archives = Vec::new();
    for (name, path) in crate::store::files_in(dir)? {
        if name.to_str().is_some_and(|name| is_archive(stem, name)) {
            archives.push((made_at(&path, stem), path));
        }
    }
    archives.sort();
    Ok(archives.into_iter().map(|(_, path)| path).collect())
}

/// Of `archives` (oldest first), those beyond the newest `keep`.
pub fn beyond(archives: &[PathBuf], keep: usize) -> &[PathBuf] {
    &archives[..archives.len().saturating_sub(keep)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stem_is_the_store_folder_name() {
        assert_eq!(stem(&Store::new("/srv/Logs$")), "Logs$");
        assert_eq!(stem(&Store::new(r"\\dc1\Logs$\")), "Logs$");
        assert_eq!(stem(&Store::new("/srv/my logs/")), "my_logs");
        assert_eq!(stem(&Store::new(r"C:\")), "KoXoLog");
        assert_eq!(stem(&Store::new("/")), "KoXoLog");
    }

    #[test]
    fn names_and_comments_are_in_utc_to_the_millisecond() {
        let at = Utc.with_ymd_and_hms(2026, 11, 25, 7, 30, 0).unwrap() + chrono::Duration::milliseconds(123);
        assert_eq!(file_name("Logs$", at), "Logs$-20261125-073000.123Z.zip");
        assert_eq!(named_time("Logs$", &file_name("Logs$", at)), Some(at));
        assert_eq!(comment(at), "KoXoLog archive made 2026-11-25T07:30:00.123Z");
    }

    #[test]
    fn only_names_of_archives_count() {
        assert!(is_archive("Logs$", "Logs$-20261125-083000.zip"));
        assert!(is_archive("Logs$", "Logs$-20261125-073000.123Z.zip"));
        assert!(!is_archive("Logs$", "Logs$-20261125-073000.1Z.zip"));
        assert!(!is_archive("Logs$", "Logs$-20261125-0830.zip"));
        assert!(!is_archive("Logs$", ".Logs$-20261125-083000.zip.partial"));
        assert!(!is_archive("Logs$", "Other-20261125-083000.zip"));
        let all: Vec<PathBuf> = ["a", "b", "c"].iter().map(PathBuf::from).collect();
        assert_eq!(beyond(&all, 2), &all[..1]);
        assert!(beyond(&all, 5).is_empty());
    }
}
