//! `koxolog generate`: a realistic synthetic store for demos, tests and
//! benchmarks (see `src/generate/mod.rs` for what it simulates).

use crate::cli::StoreArgs;
use crate::diag::Progress;
use crate::exit::Exit;
use crate::format::time::{self, Time};
use crate::generate::{self, Plan};
use crate::json::generated::GeneratedStore;
use crate::output::Output;
use crate::store::Branch;
use anyhow::Context;
use chrono::NaiveDate;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

fn until_argument(text: &str) -> Result<Time, String> {
    time::parse_bound(text, time::Bound::End, time::now())
}

// The flags of `koxolog generate`. What its help says of it is the doc
// of `Command::Generate` (mod.rs): clap builds these flags only when it runs.
#[derive(Debug, Args)]
pub struct Generate {
    /// Workstations (in rooms of 16); one thin client per ten of them, on
    /// RDS servers, comes in addition.
    #[arg(long, value_name = "N", default_value_t = 40)]
    pub computers: usize,

    /// Users.
    #[arg(long, value_name = "M", default_value_t = 120)]
    pub users: usize,

    /// School days (Monday to Friday) to simulate.
    #[arg(long, value_name = "D", default_value_t = 5)]
    pub days: u32,

    /// The seed: the same seed gives the same store.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,

    /// The first day.
    #[arg(long, value_name = "DATE", default_value = "2025-09-01")]
    pub start: NaiveDate,

    /// End the last day at this time instead (`now`, or a time as for
    /// `sessions --until`): the school days are the --days ending on its
    /// date, and what would happen after it is not written, so that the
    /// sessions still going on are open.
    #[arg(long, value_name = "TIME", value_parser = until_argument, conflicts_with = "start")]
    pub until: Option<Time>,

    /// Also write the sessions simulated, as `sessions` must find them, to
    /// this file (JSON Lines; see `src/json/truth.rs`).
    #[arg(long, value_name = "FILE")]
    pub truth: Option<PathBuf>,

    #[command(flatten)]
    pub store: StoreArgs,
}

impl super::Run for Generate {
    fn run(&self, out: &mut Output) -> anyhow::Result<Exit> {
        let store = self.store.store()?;
        for branch in Branch::ALL {
            let logs = store.logs(branch)?;
            anyhow::ensure!(
                logs.is_empty(),
                "the store {} already holds logs: generate writes only into an empty store",
                store.root().display()
            );
        }
        let plan = Plan {
            computers: self.computers,
            users: self.users,
            days: self.days,
            seed: self.seed,
            start: self.start,
            until: self.until,
        };
        let mut truth = match &self.truth {
            Some(path) => {
                let file = std::fs::File::create(path)
                    .with_context(|| format!("cannot create the --truth file {}", path.display()))?;
                Some((std::io::BufWriter::new(file), path))
            }
            None => None,
        };
        let mut progress = Progress::new("generating", "Generating school days", self.days as usize);
        let summary = generate::generate(&store, &plan, truth.as_mut().map(|(t, _)| t as &mut dyn Write), |day| {
            progress.done(day as usize)
        })?;
        if let Some((mut truth, path)) = truth {
            truth
                .flush()
                .with_context(|| format!("cannot write the --truth file {}", path.display()))?;
        }
        out.emit(&GeneratedStore {
            store: store.root().display().to_string(),
            computers: self.computers,
            thin_clients: summary.thin_clients,
            users: self.users,
            days: self.days,
            records: summary.records,
            bytes: summary.bytes,
            seed: self.seed,
        })?;
        Ok(Exit::Success)
    }
}
