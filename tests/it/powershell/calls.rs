//! Calls of PowerShell functions with parameters they do not have: the
//! Pester suite and the module call the module's functions, a GPO script its
//! own, and no engine runs here to notice a misspelt or missing parameter.

use super::{Function, Source, descendants, first_child_of_kind, functions, parameters};
use std::collections::BTreeMap;

/// The parameters every advanced function has.
const COMMON: [&str; 14] = [
    "Verbose",
    "Debug",
    "ErrorAction",
    "WarningAction",
    "InformationAction",
    "ProgressAction",
    "ErrorVariable",
    "WarningVariable",
    "InformationVariable",
    "OutVariable",
    "OutBuffer",
    "PipelineVariable",
    "WhatIf",
    "Confirm",
];

/// Functions by lower-case name, each with its parameter names and aliases.
pub type Signatures = BTreeMap<String, Vec<String>>;

/// The names a parameter answers to: its own and its `[Alias(...)]`es.
fn names_of(source: &Source, function: &Function) -> Vec<String> {
    let mut names = parameters(source, function);
    let Some(block) = super::param_block(function) else {
        return names;
    };
    for attribute in descendants(block).into_iter().filter(|n| n.kind() == "attribute") {
        let is_alias = first_child_of_kind(attribute, "attribute_name")
            .is_some_and(|n| source.text(n).eq_ignore_ascii_case("Alias"));
        if is_alias {
            names.extend(super::strings(source, attribute));
        }
    }
    names
}

/// Adds the functions a file defines to `signatures`.
pub fn collect(source: &Source, signatures: &mut Signatures) {
    for function in functions(source) {
        signatures.insert(function.name.to_ascii_lowercase(), names_of(source, &function));
    }
}

/// Every call in the file of a function of `signatures` with a parameter
/// that function does not have (by its full name or an alias).
pub fn problems(source: &Source, signatures: &Signatures) -> Vec<String> {
    let mut problems = Vec::new();
    for command in descendants(source.tree.root_node())
        .into_iter()
        .filter(|n| n.kind() == "command")
    {
        let Some(name) = first_child_of_kind(command, "command_name").map(|n| source.text(n)) else {
            continue;
        };
        let Some(known) = signatures.get(&name.to_ascii_lowercase()) else {
            continue;
        };
        let Some(elements) = first_child_of_kind(command, "command_elements") else {
            continue;
        };
        let mut cursor = elements.walk();
        for parameter in elements
            .named_children(&mut cursor)
            .filter(|c| c.kind() == "command_parameter")
        {
            let given = source
                .text(parameter)
                .trim_start_matches('-')
                .split(':')
                .next()
                .unwrap_or_default();
            let exists = known
                .iter()
                .chain(COMMON.map(str::to_owned).iter())
                .any(|p| p.eq_ignore_ascii_case(given));
            if !exists {
                problems.push(format!(
                    "{}: {name} has no parameter -{given} (it has {})",
                    source.at(parameter),
                    known.join(", ")
                ));
            }
        }
    }
    problems
}
