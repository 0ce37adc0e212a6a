//! `koxolog export-rtf`: a colorized RTF document of the records of a log
//! (chosen and filtered as with `log`), or of records piped in as JSON Lines
//! (`--stdin`), written to `--output FILE` or to stdout.
//!
//! The document is written as a stream, in two passes over a spool file (see
//! [`crate::rtf`]), so memory stays flat however long the log. With
//! `--output`, it is written under a temporary name next to the destination
//! and renamed at the end: a failed run never leaves half a document under
//! the final name.

use crate::cli::{ReachArgs, RecordArgs, SelectArgs, StoreArgs};
use crate::diag::Progress;
use crate::exit::Exit;
use crate::filter::Filter;
use crate::format::time;
use crate::json::piped::PipedRecord;
use crate::json::rtf_export::RtfExport;
use crate::language::Language;
use crate::output::{Closed, Output};
use crate::pairing::Pairing;
use crate::record::field::Field;
use crate::rtf::document::{self, Heading};
use crate::rtf::durations::Durations;
use crate::rtf::table::{RowSpool, RowsFrom};
use crate::{diag, selection, store};
use anyhow::Context;
use clap::Args;
use std::collections::HashMap;
use std::io::{self, BufRead, BufWriter};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

// The flags of `koxolog export-rtf`. What its help says of it is the doc
// of `Command::ExportRtf` (mod.rs): clap builds these flags only when it runs.
#[derive(Debug, Args)]
pub struct ExportRtf {
    #[command(flatten)]
    pub select: SelectArgs,

    #[command(flatten)]
    pub records: RecordArgs,

    /// Read the records from stdin, as JSON Lines (the objects `log`
    /// prints), instead of reading logs. The filters still apply.
    #[arg(long, conflicts_with_all = ["paths", "last"])]
    pub stdin: bool,

    /// Write the document to this file (replaced if it exists) and print a
    /// summary object; without it the document goes to stdout.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Show on each logoff's line the duration of the session it closed
    /// (logons paired with logoffs as `sessions` does).
    #[arg(long)]
    pub sessions: bool,

    /// The document's title (by default, the log's name and branch).
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,

    #[command(flatten)]
    pub store: StoreArgs,

    #[command(flatten)]
    pub reach: ReachArgs,
}

impl ExportRtf {
    /// Spools the records piped on stdin (in a spool file in `dir`).
    fn spool_stdin(&self, filter: &Filter, dir: &Path) -> anyhow::Result<RowSpool> {
        let mut spool = spool_in(dir)?;
        let mut pairings: HashMap<String, Pairing> = HashMap::new();
        let mut line = String::new();
        let mut stdin = io::stdin().lock();
        let mut number = 0u64;
        let from = Path::new("<stdin>");
        loop {
            line.clear();
            let read = stdin.read_line(&mut line).context("cannot read stdin")?;
            if read == 0 {
                break;
            }
            number += 1;
            // Windows PowerShell may start what it pipes with a UTF-8 BOM.
            let text = line.strip_prefix('\u{feff}').unwrap_or(&line);
            if text.trim().is_empty() {
                continue;
            }
            let piped: PipedRecord = match serde_json::from_str(text) {
                Ok(piped) => piped,
                Err(e) => {
                    diag::error(
                        "bad-record",
                        &format!("not a KoXoLog.Record JSON object: {e}"),
                        Some(from),
                        Some(number),
                    );
                    continue;
                }
            };
            let record = match piped.record() {
                Ok(record) => record,
                Err(why) => {
                    diag::error("bad-record", &why, Some(from), Some(number));
                    continue;
                }
            };
            let path = piped.path.as_deref().unwrap_or("<stdin>");
            if self.sessions {
                pairings.entry(path.to_owned()).or_default().add(&record);
            }
            if filter.matches(&record) {
                spool.push(&record, path, None)?;
            }
        }
        if !self.sessions {
            return Ok(spool);
        }
        // A session's logoff may come before records that prove how it
        // paired: the durations are known once every record has come.
        let mut durations = Durations::default();
        pairings.into_values().for_each(|pairing| durations.add(pairing));
        spool
            .with_durations(dir, &durations)
            .with_context(|| format!("cannot write a spool file in {}", dir.display()))
    }

    /// Spools the selected records of the selected logs (in a spool file
    /// in `dir`), each logoff with the duration of the session it closed
    /// when asked: each log is paired whole before its records are spooled,
    /// and its durations are dropped after them, so that memory stays flat
    /// however many logs are exported.
    fn spool_logs(&self, filter: &Filter, dir: &Path) -> anyhow::Result<RowSpool> {
        let mut spool = spool_in(dir)?;
        let store = self.store.store()?;
        self.reach.reach(&[self.select.first_to_reach(&store)])?;
        let logs = selection::logs(self.select.named(), &store)?;
        let mut progress = Progress::new("exporting", "Reading logs", logs.len());
        for (index, path) in logs.iter().enumerate() {
            let mut durations = Durations::default();
            if self.sessions {
                // Every record of the log pairs, whatever the filters keep.
                let (pairing, paired) = selection::pairing_of(path);
                match paired {
                    Ok(()) => durations.add(pairing),
                    Err(e) => diag::cannot_read(path, &e),
                }
            }
            let shown = path.display().to_string();
            // A failure to spool stops the reading, and the export.
            let mut failure: Option<io::Error> = None;
            let read = selection::read(path, filter, self.records.last, &mut |record, _| {
                let duration = durations.of_row(
                    &record.tag,
                    record.get(Field::Computer).unwrap_or_default(),
                    record.get(Field::User).unwrap_or_default(),
                    &record.time_text,
                );
                match spool.push(record, &shown, duration.as_deref()) {
                    Ok(()) => ControlFlow::Continue(()),
                    Err(e) => {
                        failure = Some(e);
                        ControlFlow::Break(())
                    }
                }
            });
            if let Some(e) = failure {
                return Err(anyhow::Error::from(e).context("cannot write the spool file of the export"));
            }
            if let Err(e) = read {
                diag::cannot_read(path, &e);
            }
            progress.done(index + 1);
        }
        Ok(spool)
    }

    /// The title: --title, else what the records are.
    fn title(&self, origin: &RowsFrom, language: Language) -> String {
        if let Some(title) = &self.title {
            return title.clone();
        }
        match origin {
            RowsFrom::One(path) => {
                let path = Path::new(path);
                language.history_of(&store::name_of(path), store::branch_of(path).map(|b| b.folder()))
            }
            RowsFrom::Many => language.history_of_several(true).to_owned(),
            RowsFrom::Nothing => language.history_of_several(false).to_owned(),
        }
    }
}

/// A spool of the export's rows in `dir`.
fn spool_in(dir: &Path) -> anyhow::Result<RowSpool> {
    RowSpool::new(dir).with_context(|| format!("cannot create a spool file in {}", dir.display()))
}

/// The start of the name of the temporary file of `--output`.
const RTF_PARTIAL_PREFIX: &str = ".koxolog-rtf-";

/// The folder a spool or temporary file goes to: the destination's.
fn folder_of(file: &Path) -> PathBuf {
    match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    }
}

impl super::Run for ExportRtf {
    fn run(&self, out: &mut Output) -> anyhow::Result<Exit> {
        let dir = self.output.as_deref().map_or_else(std::env::temp_dir, folder_of);
        let filter = self.records.filter(&self.select);
        let spool = if self.stdin {
            self.spool_stdin(&filter, &dir)?
        } else {
            self.spool_logs(&filter, &dir)?
        };
        let heading = Heading {
            title: self.title(&spool.origin, out.language()),
            made: chrono::Local::now(),
            language: out.language(),
        };
        let (records, range) = (spool.records, spool.range);
        let Some(output) = &self.output else {
            let written =
                document::write(out.document(), &heading, spool, self.sessions).and_then(|()| out.document().flush());
            return match written {
                Ok(()) => Ok(Exit::Success),
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Err(Closed.into()),
                Err(e) => Err(anyhow::Error::from(e).context("cannot write the document to stdout")),
            };
        };
        let shown = output.display();
        crate::partial::remove_stale(&dir, RTF_PARTIAL_PREFIX);
        let partial = crate::partial::create(&dir, RTF_PARTIAL_PREFIX)
            .with_context(|| format!("cannot create a temporary file next to {shown}"))?;
        let mut writer = BufWriter::with_capacity(256 * 1024, partial);
        document::write(&mut writer, &heading, spool, self.sessions)
            .with_context(|| format!("cannot write the document {shown}"))?;
        let partial = writer
            .into_inner()
            .map_err(io::IntoInnerError::into_error)
            .with_context(|| format!("cannot write the document {shown}"))?;
        partial
            .as_file()
            .sync_all()
            .with_context(|| format!("cannot write the document {shown}"))?;
        partial
            .persist(output)
            .map_err(|e| e.error)
            .with_context(|| format!("cannot rename the finished document to {shown}"))?;
        let bytes = std::fs::metadata(output).map(|m| m.len()).unwrap_or_default();
        out.emit(&RtfExport {
            path: output.display().to_string(),
            records,
            bytes,
            title: heading.title,
            first: range.map(|(first, _)| time::format(&first)),
            last: range.map(|(_, last)| time::format(&last)),
        })?;
        Ok(Exit::Success)
    }
}
