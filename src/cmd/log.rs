//! `koxolog log`: the records of one log, of several, or of the whole store,
//! filtered in the binary.

use crate::cli::{ReachArgs, RecordArgs, SelectArgs, StoreArgs};
use crate::diag::Progress;
use crate::exit::Exit;
use crate::filter::Filter;
use crate::json::record::RecordLines;
use crate::output::Output;
use crate::parallel::Sink;
use crate::selection;
use crate::{diag, parallel};
use clap::Args;
use std::path::{Path, PathBuf};

// The flags of `koxolog log`. What its help says of it is the doc
// of `Command::Log` (mod.rs): clap builds these flags only when it runs.
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
fn read_log(path: &Path, filter: &Filter, last: Option<usize>, sink: &mut Sink) {
    let lines = RecordLines::new(&path.display().to_string());
    let read = selection::read(path, filter, last, &mut |record, line| {
        lines.write(record, line, sink.buffer());
        sink.ready()
    });
    if let Err(e) = read {
        diag::cannot_read(path, &e);
    }
}

impl super::Run for Log {
    fn run(&self, out: &mut Output) -> anyhow::Result<Exit> {
        let store = self.store.store()?;
        self.reach.reach(&[self.select.first_to_reach(&store)])?;
        let logs: Vec<PathBuf> = selection::logs(self.select.named(), &store)?;
        let filter = self.records.filter(&self.select);
        let last = self.records.last;
        let mut progress = Progress::new("reading", "Reading logs", logs.len());
        super::stream_printed(
            out,
            &logs,
            parallel::small_items(logs.len()),
            |path, sink| read_log(path, &filter, last, sink),
            |finished| progress.done(finished),
        )?;
        Ok(Exit::Success)
    }
}
