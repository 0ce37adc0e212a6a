//! Static checks of the PowerShell side (no PowerShell engine runs here):
//! every `.ps1`/`.psm1`/`.psd1` under `module/`, `gpo/` and `pester/` parses
//! with the tree-sitter-pwsh grammar; the manifest exports exactly the
//! public functions; each exported function is an advanced function with
//! complete help; every subcommand and flag the module and the GPO scripts
//! pass to the binary exists in its clap definition; the format file has a
//! view for each type the module gives; the GPO scripts cannot prompt; every
//! call of a function of the module (or of a GPO script's own) names only
//! parameters it has; nothing in them needs PowerShell 7, and every file with
//! non-ASCII text has a UTF-8 byte-order mark (for Windows PowerShell 5.1). Each
//! check also runs on a broken sample under `tests/fixtures/powershell/`, to
//! show it catches its fault.

use crate::powershell;

use clap::CommandFactory;
use powershell::{
    Source, binary, calls, compat, csharp, descendants, enclosing, first_child_of_kind, help, manifest_entries,
    powershell_files, strings, syntax_errors, top_level_functions,
};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures/powershell").join(name)
}

fn cli() -> clap::Command {
    koxolog::cmd::Cli::command()
}

/// Fails with every problem, one per line.
fn assert_no_problems(what: &str, problems: &[String]) {
    assert!(problems.is_empty(), "{what}:\n{}", problems.join("\n"));
}

/// Fails unless some problem contains every one of `parts`.
fn assert_reported(problems: &[String], parts: &[&str]) {
    assert!(
        problems.iter().any(|p| parts.iter().all(|part| p.contains(part))),
        "expected a problem containing {parts:?}; the check reported:\n{}",
        problems.join("\n")
    );
}

fn syntax_problems(files: &[PathBuf]) -> Vec<String> {
    files.iter().flat_map(|f| syntax_errors(&Source::read(f))).collect()
}

fn binary_problems(files: &[PathBuf]) -> Vec<String> {
    let sources: Vec<Source> = files.iter().map(|f| Source::read(f)).collect();
    binary::problems(&sources, &cli())
}

/// The one manifest of a module folder.
fn manifest_path(module: &Path) -> PathBuf {
    let manifests: Vec<PathBuf> = powershell_files(module)
        .into_iter()
        .filter(|f| f.parent() == Some(module) && f.extension().is_some_and(|e| e == "psd1"))
        .collect();
    assert_eq!(
        manifests.len(),
        1,
        "expected one .psd1 in {}, found {manifests:?}",
        module.display()
    );
    manifests.into_iter().next().expect("one manifest")
}

/// The public functions: one per file of `Public/`, named as the file.
fn public_functions(module: &Path, problems: &mut Vec<String>) -> Vec<(PathBuf, String)> {
    let mut public = Vec::new();
    for file in powershell_files(&module.join("Public")) {
        let source = Source::read(&file);
        let names: Vec<String> = top_level_functions(&source).into_iter().map(|f| f.name).collect();
        let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        if names.len() != 1 || !names[0].eq_ignore_ascii_case(stem) {
            problems.push(format!(
                "{}: a Public file defines one function named as the file, found {names:?}",
                file.display()
            ));
        }
        public.extend(names.into_iter().map(|n| (file.clone(), n)));
    }
    public
}

/// What the manifest of `module` gets wrong.
fn manifest_problems(module: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let path = manifest_path(module);
    let manifest = Source::read(&path);
    let entries = manifest_entries(&manifest);
    let value = |key: &str| {
        entries
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| *v)
    };
    let shown = path.display();

    let public = public_functions(module, &mut problems);
    match value("FunctionsToExport") {
        None => problems.push(format!("{shown}: no FunctionsToExport")),
        Some(node) => {
            let exported = strings(&manifest, node);
            for name in &exported {
                if name.contains('*') {
                    problems.push(format!(
                        "{}: FunctionsToExport lists '{name}': list every function by name",
                        manifest.at(node)
                    ));
                } else if !public.iter().any(|(_, p)| p.eq_ignore_ascii_case(name)) {
                    problems.push(format!(
                        "{}: FunctionsToExport lists {name}, which no file of Public/ defines",
                        manifest.at(node)
                    ));
                }
            }
            for (file, name) in &public {
                if !exported.iter().any(|e| e.eq_ignore_ascii_case(name)) {
                    problems.push(format!(
                        "{shown}: FunctionsToExport misses {name} (defined in {})",
                        file.display()
                    ));
                }
            }
        }
    }
    for key in ["CmdletsToExport", "VariablesToExport", "AliasesToExport"] {
        match value(key) {
            Some(node) if manifest.text(node).split_whitespace().collect::<String>() == "@()" => {}
            Some(node) => problems.push(format!(
                "{}: {key} is {}, expected @()",
                manifest.at(node),
                manifest.text(node)
            )),
            None => problems.push(format!("{shown}: no {key} (write @() for none)")),
        }
    }
    match value("PowerShellVersion").map(|v| strings(&manifest, v)) {
        Some(v) if v == ["5.1"] => {}
        other => problems.push(format!("{shown}: PowerShellVersion is {other:?}, expected '5.1'")),
    }
    match value("CompatiblePSEditions").map(|v| strings(&manifest, v)) {
        Some(v) if v.iter().any(|e| e == "Desktop") && v.iter().any(|e| e == "Core") => {}
        other => problems.push(format!(
            "{shown}: CompatiblePSEditions is {other:?}, expected 'Desktop', 'Core'"
        )),
    }
    for key in ["RootModule", "FormatsToProcess"] {
        match value(key).map(|v| strings(&manifest, v)) {
            Some(files) if !files.is_empty() => {
                for file in files.iter().filter(|f| !module.join(f).is_file()) {
                    problems.push(format!(
                        "{shown}: {key} names {file}, which is not in {}",
                        module.display()
                    ));
                }
            }
            _ => problems.push(format!("{shown}: no {key}")),
        }
    }
    problems
}

/// What the exported functions of `module` lack ([CmdletBinding()], help).
fn help_problems(module: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for file in powershell_files(&module.join("Public")) {
        let source = Source::read(&file);
        for function in top_level_functions(&source) {
            problems.extend(help::problems(&source, &function));
        }
    }
    problems
}

#[test]
fn every_powershell_file_parses() {
    let files: Vec<PathBuf> = ["module", "gpo", "pester"]
        .iter()
        .flat_map(|d| powershell_files(&repo().join(d)))
        .collect();
    for expected in [
        "module/KoXoLog.psd1",
        "module/KoXoLog.psm1",
        "module/Private/Invoke-KoXoNative.ps1",
        "gpo/scripts/KoXoLog-Session.ps1",
        "gpo/New-KoXoLogStore.ps1",
        "gpo/New-KoXoLogGpo.ps1",
        "pester/KoXoLog.Unit.Tests.ps1",
        "pester/KoXoLog.EndToEnd.Tests.ps1",
        "pester/Help.Tests.ps1",
    ] {
        assert!(
            files.contains(&repo().join(expected)),
            "{expected} was not found among {files:?}"
        );
    }
    assert_no_problems(
        "PowerShell the tree-sitter-pwsh grammar cannot read",
        &syntax_problems(&files),
    );
}

#[test]
fn the_syntax_check_names_file_and_line_of_an_error() {
    let file = fixture("broken_syntax.ps1");
    let problems = syntax_problems(std::slice::from_ref(&file));
    let shown = file.display().to_string();
    // Line 12 opens a parenthesis that is never closed.
    assert_reported(&problems, &[&format!("{shown}:12: ERROR")]);
}

#[test]
fn the_manifest_exports_exactly_the_public_functions() {
    assert_no_problems("the manifest of module/", &manifest_problems(&repo().join("module")));
}

#[test]
fn the_manifest_check_catches_missing_extra_and_loose_exports() {
    let module = fixture("manifest");
    let problems = manifest_problems(&module);
    assert_reported(&problems, &["FunctionsToExport misses Get-Forgotten"]);
    assert_reported(
        &problems,
        &["FunctionsToExport lists Get-Ghost, which no file of Public/ defines"],
    );
    assert_reported(&problems, &["AliasesToExport is '*', expected @()"]);
    assert_reported(&problems, &["PowerShellVersion is Some([\"7.4\"]), expected '5.1'"]);
    assert_reported(&problems, &["CompatiblePSEditions is Some([\"Core\"])"]);
    assert_reported(&problems, &["FormatsToProcess names Missing.Format.ps1xml"]);
}

#[test]
fn exported_functions_are_advanced_with_complete_help() {
    let module = repo().join("module");
    let count = powershell_files(&module.join("Public")).len();
    assert!(
        count >= 9,
        "expected the nine public functions in module/Public, found {count} files"
    );
    assert_no_problems("the help of the exported functions", &help_problems(&module));
}

#[test]
fn the_help_check_catches_each_gap() {
    let problems = help_problems(&fixture("help"));
    assert_reported(&problems, &["Get-Bare.ps1:", "Get-Bare has no [CmdletBinding()]"]);
    assert_reported(&problems, &["Get-Bare has no comment-based help"]);
    assert_reported(&problems, &["the help of Get-Partial has no .PARAMETER Count"]);
    assert_reported(
        &problems,
        &["the help of Get-Partial describes .PARAMETER Size, which Get-Partial does not have"],
    );
    assert_reported(&problems, &["the help of Get-Partial has no .DESCRIPTION text"]);
    assert_reported(&problems, &["the help of Get-Partial has no .EXAMPLE"]);
    assert_reported(&problems, &["the help of Get-Partial has no .OUTPUTS text"]);
    assert_reported(
        &problems,
        &[
            "Get-Swallowed.ps1:22:",
            "the grammar reads $All as part of the default value",
        ],
    );
}

#[test]
fn every_subcommand_and_flag_passed_to_the_binary_exists() {
    let files: Vec<PathBuf> = ["module", "gpo"]
        .iter()
        .flat_map(|d| powershell_files(&repo().join(d)))
        .collect();
    let mut named: Vec<String> = files
        .iter()
        .flat_map(|f| binary::subcommands(&Source::read(f)))
        .collect();
    named.sort();
    named.dedup();
    for subcommand in [
        "compress",
        "directory",
        "export-rtf",
        "log",
        "sessions",
        "tree",
        "write",
    ] {
        assert!(
            named.iter().any(|n| n == subcommand),
            "no call of `{subcommand}` was seen; the calls seen: {named:?}"
        );
    }
    assert_no_problems("subcommands and flags unknown to koxolog", &binary_problems(&files));
}

#[test]
fn the_binary_check_catches_unknown_subcommands_and_flags() {
    let file = fixture("binary_calls.ps1");
    let problems = binary_problems(std::slice::from_ref(&file));
    let shown = file.display().to_string();
    assert_reported(&problems, &[&format!("{shown}:"), "koxolog log has no flag --colour"]);
    assert_reported(&problems, &["koxolog tree has no flag --user"]);
    assert_reported(&problems, &["koxolog has no subcommand 'export-pdf'"]);
    assert_reported(&problems, &["--open is passed to no subcommand"]);
    assert_reported(
        &problems,
        &["the subcommand of Invoke-KoXoNative must be a constant string"],
    );
    assert_reported(&problems, &["one function runs several subcommands (log, sessions)"]);
    assert_reported(
        &problems,
        &["koxolog tree has no flag --ip (written by ConvertTo-KoXoFixtureArgument)"],
    );
    assert!(
        !problems.iter().any(|p| p.contains("--last")
            || p.contains("--thin-client")
            || p.contains("--client")
            || p.contains("koxolog log has no flag --ip")),
        "known flags, aliases and --flag=value were reported:\n{}",
        problems.join("\n")
    );
}

/// The type names the module gives (the classes of `Private/KoXoLog.Types.cs`)
/// that the format file has no table view for.
fn format_problems(module: &Path) -> Vec<String> {
    let types_path = module.join("Private/KoXoLog.Types.cs");
    let types =
        std::fs::read_to_string(&types_path).unwrap_or_else(|e| panic!("cannot read {}: {e}", types_path.display()));
    let given: Vec<String> = csharp::classes(&types)
        .into_iter()
        .map(|c| format!("KoXoLog.{}", c.name))
        .collect();
    let format_path = module.join("KoXoLog.Format.ps1xml");
    let format =
        std::fs::read_to_string(&format_path).unwrap_or_else(|e| panic!("cannot read {}: {e}", format_path.display()));
    let viewed: Vec<&str> = format
        .split("<TypeName>")
        .skip(1)
        .filter_map(|rest| rest.split("</TypeName>").next())
        .map(str::trim)
        .collect();
    let mut problems = Vec::new();
    if given.is_empty() {
        problems.push(format!("{}: gives no KoXoLog type", types_path.display()));
    }
    for name in given.iter().filter(|name| !viewed.contains(&name.as_str())) {
        problems.push(format!(
            "{}: no view for {name}, a class of KoXoLog.Types.cs",
            format_path.display()
        ));
    }
    problems
}

#[test]
fn the_format_file_has_a_table_view_for_each_type() {
    assert_no_problems("the format file", &format_problems(&repo().join("module")));
}

#[test]
fn the_format_check_catches_a_type_without_a_view() {
    let problems = format_problems(&fixture("format"));
    assert_reported(&problems, &["KoXoLog.Format.ps1xml: no view for KoXoLog.Session"]);
    assert!(
        !problems.iter().any(|p| p.contains("KoXoLog.Record")),
        "KoXoLog.Record has a view:\n{}",
        problems.join("\n")
    );
}

/// Commands that wait for a person: a logon or logoff script must never run one.
const PROMPTING_COMMANDS: [&str; 6] = [
    "Read-Host",
    "Get-Credential",
    "Pause",
    "Out-GridView",
    "Show-Command",
    "Out-Host",
];

/// What would make a GPO script wait for the user: a mandatory parameter
/// of the script (PowerShell prompts for it), or a command that asks.
fn prompt_problems(file: &Path) -> Vec<String> {
    let source = Source::read(file);
    let root = source.tree.root_node();
    let mut problems = Vec::new();
    if let Some(block) = first_child_of_kind(root, "param_block") {
        for argument in descendants(block)
            .into_iter()
            .filter(|n| n.kind() == "attribute_argument")
        {
            let text = source
                .text(argument)
                .split_whitespace()
                .collect::<String>()
                .to_ascii_lowercase();
            if text == "mandatory" || text.starts_with("mandatory=$true") {
                problems.push(format!(
                    "{}: a mandatory script parameter makes PowerShell prompt when it is missing",
                    source.at(argument)
                ));
            }
        }
    }
    for command in descendants(root).into_iter().filter(|n| n.kind() == "command") {
        let Some(name) = first_child_of_kind(command, "command_name").map(|n| source.text(n)) else {
            continue;
        };
        if PROMPTING_COMMANDS.iter().any(|c| c.eq_ignore_ascii_case(name)) {
            let scope = enclosing(command, "function_statement").map_or_else(
                || "the script".to_owned(),
                |f| source.text(f).lines().next().unwrap_or_default().to_owned(),
            );
            problems.push(format!(
                "{}: {name} (in {scope}) waits for a person",
                source.at(command)
            ));
        }
    }
    problems
}

#[test]
fn the_gpo_scripts_never_prompt() {
    let scripts = powershell_files(&repo().join("gpo/scripts"));
    assert!(!scripts.is_empty(), "no script in gpo/scripts");
    let problems: Vec<String> = scripts.iter().flat_map(|f| prompt_problems(f)).collect();
    assert_no_problems("GPO scripts that could wait for the user", &problems);
}

#[test]
fn the_prompt_check_catches_mandatory_parameters_and_prompts() {
    let problems = prompt_problems(&fixture("prompting_gpo_script.ps1"));
    assert_reported(
        &problems,
        &["prompting_gpo_script.ps1:4:", "a mandatory script parameter"],
    );
    assert_reported(
        &problems,
        &["prompting_gpo_script.ps1:7:", "a mandatory script parameter"],
    );
    assert_reported(
        &problems,
        &[
            "prompting_gpo_script.ps1:13:",
            "Read-Host (in the script) waits for a person",
        ],
    );
    assert_eq!(
        problems.len(),
        3,
        "the optional parameter was reported too:\n{}",
        problems.join("\n")
    );
}

/// The functions of the module, public and private.
fn module_signatures(module: &Path) -> calls::Signatures {
    let mut signatures = calls::Signatures::new();
    for file in powershell_files(module) {
        calls::collect(&Source::read(&file), &mut signatures);
    }
    signatures
}

#[test]
fn calls_name_only_parameters_the_functions_have() {
    let signatures = module_signatures(&repo().join("module"));
    assert!(
        signatures.contains_key("invoke-koxonative"),
        "the module's functions were not found: {:?}",
        signatures.keys()
    );
    let mut problems = Vec::new();
    for file in ["module", "pester"]
        .iter()
        .flat_map(|d| powershell_files(&repo().join(d)))
    {
        problems.extend(calls::problems(&Source::read(&file), &signatures));
    }
    // A GPO script runs without the module: its calls are of its own functions.
    for file in powershell_files(&repo().join("gpo")) {
        let source = Source::read(&file);
        let mut own = calls::Signatures::new();
        calls::collect(&source, &mut own);
        problems.extend(calls::problems(&source, &own));
    }
    assert_no_problems("calls with parameters the function does not have", &problems);
}

#[test]
fn the_call_check_catches_a_parameter_the_function_lacks() {
    let signatures = module_signatures(&repo().join("module"));
    let problems = calls::problems(&Source::read(&fixture("wrong_parameters.ps1")), &signatures);
    assert_reported(
        &problems,
        &["wrong_parameters.ps1:3:", "Write-KoXoSession has no parameter -User"],
    );
    assert_reported(
        &problems,
        &["wrong_parameters.ps1:4:", "Get-KoXoSessionLog has no parameter -Lst"],
    );
    assert_eq!(
        problems.len(),
        2,
        "an alias, a common parameter or -Param:value was reported:\n{}",
        problems.join("\n")
    );
}

/// The files clients or administrators run: the module, the GPO scripts, the tests.
fn shipped_powershell_files() -> Vec<PathBuf> {
    ["module", "gpo", "pester"]
        .iter()
        .flat_map(|d| powershell_files(&repo().join(d)))
        .collect()
}

#[test]
fn nothing_needs_powershell_7() {
    let problems: Vec<String> = shipped_powershell_files()
        .iter()
        .flat_map(|f| compat::windows_powershell_problems(&Source::read(f)))
        .collect();
    assert_no_problems(
        "PowerShell 7 only syntax (clients run Windows PowerShell 5.1)",
        &problems,
    );
}

#[test]
fn the_powershell_7_check_catches_each_construct_and_nothing_in_strings() {
    let sample = fixture("windows_powershell_7_only.ps1");
    let problems = compat::windows_powershell_problems(&Source::read(&sample));
    for (line, what) in [(3, "`??`"), (4, "`?.`"), (5, "ternary"), (6, "`&&`"), (7, "-Parallel")] {
        assert_reported(&problems, &[&format!("windows_powershell_7_only.ps1:{line}:"), what]);
    }
    assert_eq!(
        problems.len(),
        5,
        "one problem per construct, none for `?` after a pipe or in strings:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_file_with_non_ascii_text_has_a_byte_order_mark() {
    let problems: Vec<String> = shipped_powershell_files()
        .iter()
        .flat_map(|f| compat::encoding_problems(f))
        .collect();
    assert_no_problems("files Windows PowerShell 5.1 would read as ANSI", &problems);
}

#[test]
fn the_encoding_check_catches_non_ascii_text_without_a_byte_order_mark() {
    let problems = compat::encoding_problems(&fixture("windows_powershell_7_only.ps1"));
    assert_reported(&problems, &["windows_powershell_7_only.ps1:2:", "byte-order mark"]);
}

/// Where each class of `KoXoLog.Types.cs` differs from its Rust struct, by the
/// table of `src/json/mod.rs` (``| `log` | [`record::RecordJson`] | `KoXoLog.Record` |``).
fn schema_problems(types: &Path, json: &Path) -> Vec<String> {
    let source = std::fs::read_to_string(types).unwrap_or_else(|e| panic!("cannot read {}: {e}", types.display()));
    let table =
        std::fs::read_to_string(json.join("mod.rs")).unwrap_or_else(|e| panic!("cannot read the schema table: {e}"));
    let mut problems = Vec::new();
    for class in csharp::classes(&source) {
        let type_name = format!("`KoXoLog.{}`", class.name);
        let Some(row) = table
            .lines()
            .find(|l| l.trim_end().trim_end_matches('|').trim_end().ends_with(&type_name))
        else {
            problems.push(format!(
                "{}: class {} is no type of the table in src/json/mod.rs",
                types.display(),
                class.name
            ));
            continue;
        };
        let Some((file, structure)) = row
            .split("[`")
            .nth(1)
            .and_then(|r| r.split('`').next())
            .and_then(|p| p.split_once("::"))
        else {
            problems.push(format!(
                "src/json/mod.rs: cannot read the struct of {type_name} in {row}"
            ));
            continue;
        };
        let rust_path = json.join(format!("{file}.rs"));
        // The struct's own file first, then the others: a flattened
        // struct may be declared in any of them.
        let mut rust =
            std::fs::read_to_string(&rust_path).unwrap_or_else(|e| panic!("cannot read {}: {e}", rust_path.display()));
        for other in std::fs::read_dir(json).expect("src/json is a folder") {
            let other = other.expect("a file of src/json").path();
            if other != rust_path && other.extension().is_some_and(|e| e == "rs") {
                rust.push_str(&std::fs::read_to_string(&other).expect("a file of src/json"));
            }
        }
        let Some(keys) = csharp::json_keys(&rust, structure) else {
            problems.push(format!("{}: no struct {structure}", rust_path.display()));
            continue;
        };
        if keys != class.properties {
            problems.push(format!(
                "{}: class {} has the properties {:?}; {structure} in {} prints {:?}",
                types.display(),
                class.name,
                class.properties,
                rust_path.display(),
                keys
            ));
        }
    }
    problems
}

#[test]
fn each_class_of_the_module_has_the_keys_the_binary_prints_in_their_order() {
    let problems = schema_problems(
        &repo().join("module/Private/KoXoLog.Types.cs"),
        &repo().join("src/json"),
    );
    assert_no_problems("the module's classes against the JSON schema", &problems);
}

#[test]
fn the_schema_check_catches_a_missing_or_extra_property() {
    let problems = schema_problems(&fixture("format/Private/KoXoLog.Types.cs"), &repo().join("src/json"));
    assert_reported(&problems, &["class Record has the properties", "RecordJson"]);
}
