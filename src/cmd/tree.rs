//! `koxolog tree`: the logs of the store, branch by branch, each with its
//! size, its last write time and its last record (read from the end of the
//! file, not the whole file).

use crate::cli::{ReachArgs, StoreArgs, branch_parser};
use crate::diag::Progress;
use crate::exit::Exit;
use crate::filter::Pattern;
use crate::format::header::Field;
use crate::json::tree_item::TreeItem;
use crate::output::Output;
use crate::store::{self, Branch};
use crate::{diag, parallel, reader};
use clap::Args;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

// The flags of `koxolog tree`. What its help says of it is the doc
// of `Command::Tree` (mod.rs): clap builds these flags only when it runs.
#[derive(Debug, Args)]
pub struct Tree {
    /// Only these branches (repeat, or separate with commas).
    #[arg(long, value_name = "BRANCH", value_delimiter = ',', value_parser = branch_parser())]
    pub branch: Vec<Branch>,

    /// Only logs whose name matches (wildcards * and ? allowed).
    #[arg(long, value_name = "PATTERN")]
    pub name: Option<String>,

    #[command(flatten)]
    pub store: StoreArgs,

    #[command(flatten)]
    pub reach: ReachArgs,
}

fn item(branch: Branch, path: &Path) -> Option<TreeItem> {
    let opened = std::fs::File::open(path).and_then(|file| Ok((file.metadata()?, file)));
    let (metadata, file) = match opened {
        Ok(opened) => opened,
        Err(e) => {
            diag::cannot_read(path, &e);
            return None;
        }
    };
    let mut item = TreeItem {
        branch: branch.folder(),
        name: store::name_of(path),
        path: path.to_string_lossy().into_owned(),
        length: metadata.len(),
        last_write_time: metadata
            .modified()
            .ok()
            .map(|t| crate::format::time::format(&chrono::DateTime::<chrono::Local>::from(t).fixed_offset())),
        ..TreeItem::default()
    };
    let read = reader::read_last_of(&file, metadata.len(), path, 1, &|_| true, &mut |record, _| {
        let owned = |field| record.get(field).map(str::to_owned);
        item.last_time = Some(record.time_text.to_string());
        item.last_event = Some(record.event.name());
        item.last_user = owned(Field::User);
        item.last_computer = owned(Field::Computer);
        item.last_client = owned(Field::Client);
        item.last_ip = owned(Field::Ip);
        ControlFlow::Break(())
    });
    if let Err(e) = read {
        diag::cannot_read(path, &e);
    }
    Some(item)
}

impl super::Run for Tree {
    fn run(&self, out: &mut Output) -> anyhow::Result<Exit> {
        let store = self.store.store()?;
        self.reach.reach(&[store.root().to_owned()])?;
        crate::selection::ensure_a_store(&store)?;
        let pattern = self.name.as_deref().map(Pattern::new);
        let mut logs: Vec<(Branch, PathBuf)> = Vec::new();
        for branch in Branch::ALL {
            if !self.branch.is_empty() && !self.branch.contains(&branch) {
                continue;
            }
            match store.logs(branch) {
                Ok(paths) => logs.extend(
                    paths
                        .into_iter()
                        .filter(|p| pattern.as_ref().is_none_or(|pat| pat.matches(&store::name_of(p))))
                        .map(|p| (branch, p)),
                ),
                Err(e) => diag::cannot_list(&store.branch_dir(branch), &e),
            }
        }
        let mut progress = Progress::new("listing", "Reading the last record of each log", logs.len());
        parallel::map_ordered(
            &logs,
            parallel::small_items(logs.len()),
            // Each item is made into its JSON line by the worker.
            |(branch, path)| {
                item(*branch, path).map(|item| {
                    // Room for a typical item: grown from empty, it was
                    // reallocated a dozen times.
                    let mut line = Vec::with_capacity(1024);
                    item.write(&mut line);
                    line
                })
            },
            |index, line| {
                progress.done(index + 1);
                match line {
                    Some(line) => out.write_raw(&line),
                    None => Ok(()),
                }
            },
        )?;
        Ok(Exit::Success)
    }
}
