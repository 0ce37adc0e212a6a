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

/// The subcommands, one file each in this folder. Each one's flags are
/// built only when it is the one run (or its help is asked for): `write`,
/// run at every logon, then does not build the ten others'. So what the
/// help says of a subcommand is its doc here, shown without building it.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    /// Record a logon, a logoff or another event of the current session.
    ///
    /// Values not given are taken from the system. Prints the record written.
    Write(write::Write),
    /// List the logs of the store: Computers, ThinClients, Users, each with its
    /// last record.
    Tree(tree::Tree),
    /// Print the records of logs, filtered: one log (a path, or --computer,
    /// --user, --thin-client NAME) or the whole store.
    Log(log::Log),
    /// Pair logons with logoffs: each session with its duration and state
    /// (Closed, Open, Unterminated, Orphan).
    ///
    /// Sessions are paired on each computer's log, which holds every event
    /// there: --user and --thin-client read the computers their log names, and
    /// show the sessions of that user or client.
    Sessions(sessions::Sessions),
    /// Generate a synthetic store: a school's computers, thin clients and users
    /// over a number of school days. Deterministic for a seed.
    Generate(generate::Generate),
    /// Export records to a colorized RTF document (for Word, WordPad,
    /// LibreOffice): a log chosen and filtered as with `log`, or records piped
    /// in as JSON Lines with --stdin.
    ExportRtf(export_rtf::ExportRtf),
    /// Archive every log of the store into a ZIP file, verified before it
    /// counts, while writers keep writing.
    Compress(compress::Compress),
    /// Remove the records older than an age from every log of the store, after
    /// archiving them, while writers keep writing.
    Purge(purge::Purge),
    /// Show the directory (Active Directory) entry of users, computers and thin
    /// clients: OU, groups, enabled, locked out, last logon, operating system...
    Directory(directory::Directory),
    /// Show or change the settings that name the store (the user's file wins
    /// over the machine's).
    Config(config::Config),
    /// Report on the sessions of a selection and period: sessions and distinct
    /// users per day, logons by hour, busiest computers and rooms, each user's
    /// computers, longest sessions, sessions never closed.
    ///
    /// Prints one JSON object; --html also writes the report as a page with
    /// charts. A session counts on the day it started, and only if it started
    /// in the period (--since, --until). A room is a computer's name before its
    /// last dash (A01 for A01-PC05).
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

    #[test]
    fn each_subcommand_has_the_same_summary_unbuilt_in_the_list_and_built_in_its_help() {
        // The list of `koxolog --help` is made without building the
        // subcommands' flags; a subcommand's own help, once they are built.
        let listed = Cli::command().render_help().to_string();
        let mut built = Cli::command();
        built.build();
        for command in built.get_subcommands().filter(|c| c.get_name() != "help") {
            let about = command.get_about().map(ToString::to_string).unwrap_or_default();
            let start: String = about.chars().take(40).collect();
            assert!(!start.is_empty(), "{} has no summary", command.get_name());
            assert!(
                listed.contains(&format!("{:<12}{start}", command.get_name())),
                "{}: {about:?} is not its summary in:\n{listed}",
                command.get_name()
            );
        }
    }
}
