//! Reading an archive back before it counts: every entry is decompressed to
//! its end, which checks its CRC-32 (the `zip` crate fails the read on a
//! mismatch), and the entries must be exactly the ones written, with their
//! sizes.

use super::build::Archived;
use anyhow::Context;
use std::fs::File;
use std::io;

/// Checks the archive in `file` against what was written; calls `done`
/// with the number of entries checked so far.
pub fn verify(file: File, written: &[Archived], mut done: impl FnMut(usize)) -> anyhow::Result<()> {
    let mut archive = zip::ZipArchive::new(io::BufReader::new(file))?;
    anyhow::ensure!(
        archive.len() == written.len(),
        "the archive holds {} entries, {} were written",
        archive.len(),
        written.len()
    );
    for (index, expected) in written.iter().enumerate() {
        let mut entry = archive.by_index(index)?;
        let name = entry.name()?.into_owned();
        anyhow::ensure!(
            name == expected.name,
            "entry {index} is {name}, {} was written",
            expected.name
        );
        let read = io::copy(&mut entry, &mut io::sink()).with_context(|| format!("entry {name}"))?;
        anyhow::ensure!(
            read == expected.size && entry.size() == expected.size,
            "entry {name} holds {read} bytes, {} were written",
            expected.size
        );
        done(index + 1);
    }
    Ok(())
}
