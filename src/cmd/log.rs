//! `koxolog log`: the records of one log, of several, or of the whole store,
//! filtered in the binary.

use crate::cli::{ReachArgs, RecordArgs, SelectArgs, StoreArgs};
use crate::diag::Progress;
use crate::exit::Exit;
use crate::filter::Filter;
use crate::json::record::RecordJson;
use crate::output::Output;
use crate::reader::LineNumber;
use crate::record::Record;
use crate::selection;
use crate::{diag, parallel};
use clap::Args;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

/// Logs larger than this are streamed one at a time rather than read in
/// parallel, so that memory never holds a large log's output.
const PARALLEL_MAX_BYTES: u64 = 16 * 1024 * 1024;

/// Print the records of logs, filtered: one log (a path, or --computer,
/// --user, --thin-client NAME) or the whole store.
#[derive(Debug, Args)]
pub struct Log {
    #[command(flatten)]
    pub select: SelectArgs,

    #[command(flatten)]
    pub records: RecordArgs,

    #[command(flatten)]
    pub store: StoreArgs,

    #[command(flatten)]
    pub reach: ReachArgs,
}

/// Reads one log and writes each matching record, as a JSON line, to `sink`.
fn read_log(
    path: &Path,
    filter: &Filter,
    last: Option<usize>,
    sink: &mut dyn FnMut(&[u8]) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let shown = path.display().to_string();
    let mut line_buffer = Vec::with_capacity(512);
    let mut failure = None;
    let mut emit = |record: &Record, line: Option<LineNumber>| {
        line_buffer.clear();
        let written = serde_json::to_writer(&mut line_buffer, &RecordJson::new(record, &shown, line));
        line_buffer.push(b'\n');
        match written.map_err(anyhow::Error::from).and_then(|()| sink(&line_buffer)) {
            Ok(()) => ControlFlow::Continue(()),
            Err(e) => {
                failure = Some(e);
                ControlFlow::Break(())
            }
        }
    };
    let read = selection::read(path, filter, last, &mut emit);
    if let Some(e) = failure {
        return Err(e);
    }
    if let Err(e) = read {
        diag::cannot_read(path, &e);
    }
    Ok(())
}

impl super::Run for Log {
    fn run(&self, out: &mut Output) -> anyhow::Result<Exit> {
        let store = self.store.store()?;
        self.reach.reach(&[self.select.first_to_reach(&store)])?;
        let logs: Vec<PathBuf> = selection::logs(self.select.named(), &store)?;
        let filter = self.records.filter(&self.select);
        let last = self.records.last;
        let mut progress = Progress::new("reading", "Reading logs", logs.len());
        let sizes: Vec<u64> = logs
            .iter()
            .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
            .collect();
        let small = sizes.iter().all(|&size| size <= PARALLEL_MAX_BYTES);
        if small && logs.len() > 1 {
            parallel::map_ordered(
                &logs,
                parallel::logs_of(logs.len(), sizes.iter().sum()),
                |path| {
                    let mut chunk = Vec::new();
                    let outcome = read_log(path, &filter, last, &mut |line| {
                        chunk.extend_from_slice(line);
                        Ok(())
                    });
                    outcome.map(|()| chunk)
                },
                |index, chunk| {
                    out.write_raw(&chunk?)?;
                    out.flush()?;
                    progress.done(index + 1);
                    Ok::<(), anyhow::Error>(())
                },
            )?;
        } else {
            for (index, path) in logs.iter().enumerate() {
                read_log(path, &filter, last, &mut |line| out.write_raw(line))?;
                out.flush()?;
                progress.done(index + 1);
            }
        }
        Ok(Exit::Success)
    }
}
