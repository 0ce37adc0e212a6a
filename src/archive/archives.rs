//! The archives of a destination folder: `<stem>-<yyyyMMdd-HHmmss>.zip`,
//! the stem being the store folder's name (`Logs$`), or `KoXoLog` when the
//! store is the root of a share. Sorted by name, they are sorted by time:
//! `--keep N` removes all but the last N.
//!
//! An archive being written is named `.<stem>-....partial` until it is
//! verified, so it never counts as an archive.

use crate::store::Store;
use chrono::{DateTime, Local};
use std::io;
use std::path::{Path, PathBuf};

/// The stem of a store's archives.
pub fn stem(store: &Store) -> String {
    let root = store.root().to_string_lossy();
    let last = root.split(['/', '\\']).rev().find(|part| !part.is_empty() && *part != "." && *part != "..");
    let safe = |c: char| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '$');
    match last {
        Some(name) if !name.ends_with(':') => name.chars().map(|c| if safe(c) { c } else { '_' }).collect(),
        _ => "KoXoLog".to_owned(),
    }
}

/// The file name of an archive made at `at`.
pub fn file_name(stem: &str, at: DateTime<Local>) -> String {
    format!("{stem}-{}.zip", at.format("%Y%m%d-%H%M%S"))
}

/// Whether `name` is the file name of an archive of `stem`.
fn is_archive(stem: &str, name: &str) -> bool {
    let Some(time) = name.strip_prefix(stem).and_then(|n| n.strip_prefix('-')).and_then(|n| n.strip_suffix(".zip")) else {
        return false;
    };
    let bytes = time.as_bytes();
    bytes.len() == 15
        && bytes[8] == b'-'
        && bytes.iter().enumerate().all(|(i, b)| i == 8 || b.is_ascii_digit())
}

/// The archives of `stem` in `dir`, oldest first. A missing folder has none.
pub fn existing(dir: &Path, stem: &str) -> io::Result<Vec<PathBuf>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut archives = Vec::new();
    for entry in entries {
        let entry = entry?;
        let is_file = entry.file_type()?.is_file();
        if is_file && entry.file_name().to_str().is_some_and(|name| is_archive(stem, name)) {
            archives.push(entry.path());
        }
    }
    archives.sort();
    Ok(archives)
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
    fn only_names_of_archives_count() {
        assert!(is_archive("Logs$", "Logs$-20261125-083000.zip"));
        assert!(!is_archive("Logs$", "Logs$-20261125-0830.zip"));
        assert!(!is_archive("Logs$", ".Logs$-20261125-083000.zip.partial"));
        assert!(!is_archive("Logs$", "Other-20261125-083000.zip"));
        let all: Vec<PathBuf> = ["a", "b", "c"].iter().map(PathBuf::from).collect();
        assert_eq!(beyond(&all, 2), &all[..1]);
        assert!(beyond(&all, 5).is_empty());
    }
}
