//! The subcommands and flags that PowerShell source passes to the binary,
//! found by the convention the module and the GPO scripts follow, and
//! checked against the clap definition (`koxolog::cmd::Cli::command()`).
//!
//! The convention:
//! * a scope is a function (the innermost one) or the top level of a file;
//! * a scope that runs the binary names its subcommand once, as a constant
//!   string: the first argument of `Invoke-KoXoNative` (`-Command 'log'`,
//!   or positional);
//! * every constant string or bareword of that scope that starts with `--`
//!   is a flag of that subcommand (`--flag=value` counts as `--flag`); `--`
//!   alone ends the options;
//! * a function that names no subcommand but writes flags is a helper
//!   (`ConvertTo-KoXoSelectionArgument`): its flags are checked against the
//!   subcommand of each function that calls it, in any file given;
//! * a flag in a scope that names no subcommand and that no such function
//!   calls is a problem too: nothing would say which subcommand it belongs
//!   to.

use super::{Source, descendants, enclosing, first_child_of_kind};
use std::collections::BTreeMap;
use tree_sitter::Node;

/// What one scope passes to the binary.
#[derive(Default)]
struct Scope {
    /// The function's name (none for a file's top level).
    function: Option<String>,
    /// Each subcommand named, with where.
    subcommands: Vec<(String, String)>,
    /// Each flag, with where.
    flags: Vec<(String, String)>,
    /// The names of the commands it calls.
    calls: Vec<String>,
}

/// The subcommand named by a call of `Invoke-KoXoNative`, or why none is.
fn subcommand_of(source: &Source, command: Node) -> Result<String, String> {
    let at = source.at(command);
    let elements = first_child_of_kind(command, "command_elements")
        .ok_or_else(|| format!("{at}: Invoke-KoXoNative is called without a subcommand"))?;
    let mut cursor = elements.walk();
    let mut arguments = elements
        .named_children(&mut cursor)
        .filter(|c| c.kind() != "command_argument_sep");
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
        format!(
            "{at}: the subcommand of Invoke-KoXoNative must be a constant string, not {}",
            source.text(value)
        )
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
        argument.get_long() == Some(name)
            || argument
                .get_all_aliases()
                .is_some_and(|aliases| aliases.contains(&name))
    })
}

/// The scopes of a file: its functions (the innermost one holds a node) and its top level.
fn scopes(source: &Source, problems: &mut Vec<String>) -> Vec<Scope> {
    // Scopes by the byte offset of their function (0 for the file's top level).
    let mut scopes: BTreeMap<usize, Scope> = BTreeMap::new();
    for node in descendants(source.tree.root_node()) {
        let function = enclosing(node, "function_statement");
        let scope = scopes.entry(function.map_or(0, |f| f.start_byte() + 1)).or_default();
        if scope.function.is_none() {
            scope.function = function
                .and_then(|f| first_child_of_kind(f, "function_name"))
                .map(|n| source.text(n).to_owned());
        }
        if node.kind() == "command"
            && let Some(name) = first_child_of_kind(node, "command_name").map(|n| source.text(n))
        {
            if name.eq_ignore_ascii_case("Invoke-KoXoNative") {
                match subcommand_of(source, node) {
                    Ok(subcommand) => scope.subcommands.push((subcommand, source.at(node))),
                    Err(problem) => problems.push(problem),
                }
            }
            scope.calls.push(name.to_ascii_lowercase());
        }
        if let Some(flag) = flag_of(source, node) {
            scope.flags.push((flag, source.at(node)));
        }
    }
    scopes.into_values().collect()
}

/// Every subcommand or flag of the files that the clap definition lacks,
/// and every call that breaks the convention.
pub fn problems(sources: &[Source], cli: &clap::Command) -> Vec<String> {
    let mut problems = Vec::new();
    let scopes: Vec<Scope> = sources
        .iter()
        .flat_map(|source| scopes(source, &mut problems))
        .collect();
    // Helpers: functions that write flags and run no subcommand.
    let helpers: BTreeMap<String, &Scope> = scopes
        .iter()
        .filter(|s| s.subcommands.is_empty() && !s.flags.is_empty())
        .filter_map(|s| s.function.as_ref().map(|f| (f.to_ascii_lowercase(), s)))
        .collect();
    let mut used: Vec<&str> = Vec::new();
    for scope in &scopes {
        let mut names: Vec<&str> = scope.subcommands.iter().map(|(name, _)| name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        if names.len() > 1 {
            let (_, at) = &scope.subcommands[0];
            problems.push(format!(
                "{at}: one function runs several subcommands ({}): one call of the binary each",
                names.join(", ")
            ));
            continue;
        }
        let Some((name, at)) = scope.subcommands.first() else {
            continue;
        };
        let Some(subcommand) = cli.find_subcommand(name) else {
            problems.push(format!("{at}: koxolog has no subcommand '{name}'"));
            continue;
        };
        let mut flags: Vec<(&str, &str, Option<&str>)> = scope
            .flags
            .iter()
            .map(|(flag, at)| (flag.as_str(), at.as_str(), None))
            .collect();
        for (called, helper) in helpers.iter().filter(|(called, _)| scope.calls.contains(called)) {
            used.push(called);
            let from = helper.function.as_deref();
            flags.extend(helper.flags.iter().map(|(flag, at)| (flag.as_str(), at.as_str(), from)));
        }
        for (flag, at, from) in flags {
            if !has_flag(subcommand, flag) {
                let via = from.map(|f| format!(" (written by {f})")).unwrap_or_default();
                problems.push(format!("{at}: koxolog {name} has no flag {flag}{via}"));
            }
        }
    }
    for scope in scopes.iter().filter(|s| s.subcommands.is_empty()) {
        let helper = scope.function.as_ref().map(|f| f.to_ascii_lowercase());
        if helper.as_deref().is_some_and(|h| used.contains(&h)) {
            continue;
        }
        for (flag, at) in &scope.flags {
            problems.push(format!(
                "{at}: {flag} is passed to no subcommand: name it as the first argument of Invoke-KoXoNative in the same function, \
                 or write it in a helper that such a function calls"
            ));
        }
    }
    problems
}

/// The subcommands a file names, for checking that the checks saw the calls.
pub fn subcommands(source: &Source) -> Vec<String> {
    descendants(source.tree.root_node())
        .into_iter()
        .filter(|n| n.kind() == "command")
        .filter(|n| {
            first_child_of_kind(*n, "command_name")
                .is_some_and(|c| source.text(c).eq_ignore_ascii_case("Invoke-KoXoNative"))
        })
        .filter_map(|n| subcommand_of(source, n).ok())
        .collect()
}
