//! The command line ([`Cli`]: every subcommand, each with its flags in its
//! own file; the flags they share are in [`crate::cli`]) and the dispatch
//! from `main`.

pub mod compress;
pub mod config;
pub mod directory;
pub mod export_rtf;
pub mod generate;
pub mod log;
pub mod purge;
pub mod report;
pub mod sessions;
pub mod tree;
pub mod write;

use crate::diag::ProgressMode;
use crate::exit::{BadArgument, Exit};
use crate::language::Language;
use crate::output::{Closed, Format, Output};
use crate::parallel::{self, Made, Sink};
use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Who opened a session on which Windows computer, when, from where, and
/// for how long. Prints JSON Lines on stdout, diagnostics as JSON Lines on
/// stderr.
#[derive(Debug, Parser)]
#[command(name = "koxolog", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// How objects are printed: json (JSON Lines; the default when stdout
    /// is not a terminal), table (aligned columns, times in local time; the
    /// default at a terminal) or csv (for Excel: UTF-8 with a byte-order
    /// mark).
    #[arg(long, global = true, value_name = "FORMAT")]
    pub format: Option<Format>,

    /// How progress shows on stderr: bar (the default at a terminal), json
    /// (a diagnostic line each step, for Write-Progress; the default
    /// otherwise) or none.
    #[arg(long, global = true, value_name = "PROGRESS")]
    pub progress: Option<ProgressMode>,

    /// The language of what people read (RTF documents, tables): fr or en;
    /// by default the system's. JSON and CSV keys and values never change.
    #[arg(long, global = true, value_name = "LANGUAGE")]
    pub language: Option<Language>,
}

/// The subcommands, one file each in this folder.
#[derive(Debug, Subcommand)]
pub enum Command {
    Write(write::Write),
    Tree(tree::Tree),
    Log(log::Log),
    Sessions(sessions::Sessions),
    Generate(generate::Generate),
    ExportRtf(export_rtf::ExportRtf),
    Compress(compress::Compress),
    Purge(purge::Purge),
    Directory(directory::Directory),
    Config(config::Config),
    Report(report::Report),
}

/// A subcommand: runs with its arguments, prints on `out`.
pub trait Run {
    fn run(&self, out: &mut Output) -> anyhow::Result<Exit>;
}

/// Runs `work` on every item on the worker threads
/// ([`parallel::stream_ordered`]) and prints what it writes (JSON lines) on
/// `out`, in the items' order: as they are, or as rows of a table or CSV,
/// which the workers make themselves once `out` has chosen the columns
/// ([`crate::output::Printer`]). `done` is told how many items are done.
fn stream_printed<I: Sync>(
    out: &mut Output,
    items: &[I],
    batch: usize,
    work: impl Fn(&I, &mut Sink) + Sync,
    mut done: impl FnMut(usize),
) -> anyhow::Result<()> {
    let print = out
        .printer()
        .map(|printer| move |json: &[u8], rows: &mut Vec<u8>| printer.print(json, rows));
    let convert = print.as_ref().map(|print| print as parallel::Convert);
    parallel::stream_ordered(items, batch, work, convert, |piece, finished| {
        match piece {
            Made::Raw(json) => out.write_raw(json)?,
            Made::Converted(rows) => out.write_printed(rows)?,
        }
        out.flush()?;
        done(finished);
        Ok(())
    })
}

impl Run for Command {
    fn run(&self, out: &mut Output) -> anyhow::Result<Exit> {
        match self {
            Command::Write(cmd) => cmd.run(out),
            Command::Tree(cmd) => cmd.run(out),
            Command::Log(cmd) => cmd.run(out),
            Command::Sessions(cmd) => cmd.run(out),
            Command::Generate(cmd) => cmd.run(out),
            Command::ExportRtf(cmd) => cmd.run(out),
            Command::Compress(cmd) => cmd.run(out),
            Command::Purge(cmd) => cmd.run(out),
            Command::Directory(cmd) => cmd.run(out),
            Command::Config(cmd) => cmd.run(out),
            Command::Report(cmd) => cmd.run(out),
        }
    }
}

/// Parses the arguments, runs the subcommand, and maps the outcome to an
/// exit code: a fatal error is one `error` diagnostic and exit 3; per-item
/// errors make exit 1; a closed stdout is a quiet success.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            let message = e.render().to_string();
            crate::diag::error("usage", message.trim_end(), None, None);
            return Exit::Usage.into();
        }
        Err(e) => {
            // --help and --version: text for a person, on stdout.
            let _ = e.print();
            return Exit::Success.into();
        }
    };
    crate::diag::set_progress_mode(cli.progress.unwrap_or_else(ProgressMode::for_stderr));
    let language = cli.language.unwrap_or_else(Language::from_system);
    let mut out = Output::new(cli.format.unwrap_or_else(Format::for_stdout), language);
    let outcome = cli.command.run(&mut out).and_then(|exit| out.finish().map(|()| exit));
    match outcome {
        Ok(Exit::Success) if crate::diag::error_count() > 0 => Exit::Partial.into(),
        Ok(exit) => exit.into(),
        Err(e) if e.is::<Closed>() => Exit::Success.into(),
        Err(e) if e.is::<BadArgument>() => {
            crate::diag::error("usage", &format!("{e:#}"), None, None);
            Exit::Usage.into()
        }
        Err(e) => {
            crate::diag::error("fatal", &format!("{e:#}"), None, None);
            Exit::Fatal.into()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
