//! The subcommands and flags that PowerShell source passes to the binary,
//! found by the convention the module and the GPO scripts follow, and
//! checked against the clap definition (`koxolog::cli::Cli::command()`).
//!
//! The convention:
//! * a scope is a function (the innermost one) or the top level of a file;
//! * a scope that runs the binary names its subcommand once, as a constant
//!   string: the first argument of `Invoke-KoXoNative` (`-Command 'log'`,
//!   or positional);
//! * every constant string or bareword of that scope that starts with `--`
//!   is a flag of that subcommand (`--flag=value` counts as `--flag`); `--`
//!   alone ends the options;
//! * a flag in a scope that names no subcommand is a problem too: nothing
//!   would say which subcommand it belongs to.

use super::{descendants, enclosing, first_child_of_kind, Source};
use std::collections::BTreeMap;
use tree_sitter::Node;

/// What one scope passes to the binary.
#[derive(Default)]
struct Scope {
    /// Each subcommand named, with where.
    subcommands: Vec<(String, String)>,
    /// Each flag, with where.
    flags: Vec<(String, String)>,
}

/// The subcommand named by a call of `Invoke-KoXoNative`, or why none is.
fn subcommand_of(source: &Source, command: Node) -> Result<String, String> {
    let at = source.at(command);
    let elements = first_child_of_kind(command, "command_elements")
        .ok_or_else(|| format!("{at}: Invoke-KoXoNative is called without a subcommand"))?;
    let mut cursor = elements.walk();
    let mut arguments = elements.named_children(&mut cursor).filter(|c| c.kind() != "command_argument_sep");
    let first = arguments
        .next()
        .ok_or_else(|| format!("{at}: Invoke-KoXoNative is called without a subcommand"))?;
    let value = if first.kind() == "command_parameter" {
        if !source.text(first).eq_ignore_ascii_case("-Command") {
            return Err(format!(
                "{at}: name the subcommand first: Invoke-KoXoNative -Command '<subcommand>' ..., not {} first",
                source.text(first)
            ));
        }
        arguments
            .next()
            .ok_or_else(|| format!("{at}: Invoke-KoXoNative -Command has no value"))?
    } else {
        first
    };
    source.constant(value).ok_or_else(|| {
        format!("{at}: the subcommand of Invoke-KoXoNative must be a constant string, not {}", source.text(value))
    })
}

/// The flag a node passes, if it is one (a constant or bareword starting with `--`).
fn flag_of(source: &Source, node: Node) -> Option<String> {
    let text = match node.kind() {
        "string_literal" => source.constant(node)?,
        "command_parameter" | "generic_token" => source.text(node).to_owned(),
        _ => return None,
    };
    let flag = text.split('=').next().unwrap_or_default();
    (flag.starts_with("--") && flag != "--").then(|| flag.to_owned())
}

/// Whether `flag` (`--name`) is a long flag or alias of `subcommand`.
fn has_flag(subcommand: &clap::Command, flag: &str) -> bool {
    let name = flag.trim_start_matches("--");
    subcommand.get_arguments().any(|argument| {
        argument.get_long() == Some(name) || argument.get_all_aliases().is_some_and(|aliases| aliases.contains(&name))
    })
}

/// Every subcommand or flag of the file that the clap definition lacks,
/// and every call that breaks the convention.
pub fn problems(source: &Source, cli: &clap::Command) -> Vec<String> {
    let mut problems = Vec::new();
    // Scopes by the byte offset of their function (0 for the file's top level).
    let mut scopes: BTreeMap<usize, Scope> = BTreeMap::new();
    for node in descendants(source.tree.root_node()) {
        let scope = enclosing(node, "function_statement").map_or(0, |f| f.start_byte() + 1);
        if node.kind() == "command"
            && first_child_of_kind(node, "command_name").is_some_and(|n| source.text(n).eq_ignore_ascii_case("Invoke-KoXoNative"))
        {
            match subcommand_of(source, node) {
                Ok(name) => scopes.entry(scope).or_default().subcommands.push((name, source.at(node))),
                Err(problem) => problems.push(problem),
            }
        }
        if let Some(flag) = flag_of(source, node) {
            scopes.entry(scope).or_default().flags.push((flag, source.at(node)));
        }
    }
    for scope in scopes.values() {
        let mut names: Vec<&str> = scope.subcommands.iter().map(|(name, _)| name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        if names.len() > 1 {
            let (_, at) = &scope.subcommands[0];
            problems.push(format!("{at}: one function runs several subcommands ({}): one call of the binary each", names.join(", ")));
            continue;
        }
        let Some((name, at)) = scope.subcommands.first() else {
            for (flag, at) in &scope.flags {
                problems.push(format!(
                    "{at}: {flag} is passed to no subcommand: name it as the first argument of Invoke-KoXoNative in the same function"
                ));
            }
            continue;
        };
        let Some(subcommand) = cli.find_subcommand(name) else {
            problems.push(format!("{at}: koxolog has no subcommand '{name}'"));
            continue;
        };
        for (flag, at) in &scope.flags {
            if !has_flag(subcommand, flag) {
                problems.push(format!("{at}: koxolog {name} has no flag {flag}"));
            }
        }
    }
    problems
}

/// The subcommands a file names, for checking that the checks saw the calls.
pub fn subcommands(source: &Source) -> Vec<String> {
    descendants(source.tree.root_node())
        .into_iter()
        .filter(|n| n.kind() == "command")
        .filter(|n| first_child_of_kind(*n, "command_name").is_some_and(|c| source.text(c).eq_ignore_ascii_case("Invoke-KoXoNative")))
        .filter_map(|n| subcommand_of(source, n).ok())
        .collect()
}
