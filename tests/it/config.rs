//! `koxolog config` and the store found without asking: the settings files
//! (the user's winning over the machine's), the environment and the flags
//! winning over both, and an error that says every way to name a store.

use crate::common;
use common::*;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// `KoXoLog.Setting`, as `config` prints it.
#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct Setting {
    key: String,
    value: Option<String>,
    scope: String,
    path: Option<String>,
}

/// A machine with its own settings files, empty at first.
struct Machine {
    dir: tempfile::TempDir,
}

impl Machine {
    fn new() -> Machine {
        Machine {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn user_file(&self) -> PathBuf {
        self.dir.path().join("user").join("config.toml")
    }

    fn machine_file(&self) -> PathBuf {
        self.dir.path().join("machine").join("config.toml")
    }

    fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, None)
    }

    fn run_with(&self, args: &[&str], store_variable: Option<&Path>) -> Run {
        let mut command = command(args);
        command
            .env("KOXOLOG_CONFIG", self.user_file())
            .env("KOXOLOG_MACHINE_CONFIG", self.machine_file())
            // This machine's default store, empty: never the real one.
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("ProgramData", self.dir.path().join("data"));
        if let Some(store) = store_variable {
            command.env("KOXOLOG_STORE", store);
        }
        finish(output_of(&mut command))
    }

    fn settings(&self, args: &[&str]) -> Vec<Setting> {
        let mut all = vec!["config"];
        all.extend_from_slice(args);
        self.run(&all).expect_code(0).objects()
    }
}

/// A store with one computer's log, named after `name`.
fn store_with(name: &str) -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.write("logon", "jdoe", name, &[]);
    sandbox
}

fn tree_names(run: Run) -> Vec<String> {
    run.expect_code(0)
        .objects::<TreeItem>()
        .into_iter()
        .filter(|item| item.branch == "Computers")
        .map(|item| item.name)
        .collect()
}

#[test]
fn readers_find_the_store_a_setting_names_the_users_first() {
    let machine = Machine::new();
    let (mine, everyones) = (store_with("MINE"), store_with("EVERYONES"));
    let set = machine.settings(&["set", "store", &everyones.store_arg(), "--machine"]);
    assert_eq!(set[0].scope, "Machine");
    assert_eq!(set[0].path.as_deref(), Some(machine.machine_file().to_str().unwrap()));
    assert_eq!(
        tree_names(machine.run(&["tree"])),
        ["EVERYONES"],
        "the machine's setting"
    );

    machine.settings(&["set", "store", &mine.store_arg()]);
    assert_eq!(tree_names(machine.run(&["tree"])), ["MINE"], "the user's setting wins");
    assert_eq!(
        tree_names(machine.run_with(&["tree"], Some(&everyones.store()))),
        ["EVERYONES"],
        "$KOXOLOG_STORE wins over the settings"
    );
    assert_eq!(
        tree_names(machine.run(&["tree", "--store", &everyones.store_arg()])),
        ["EVERYONES"],
        "--store wins over the settings"
    );

    let shown = machine.settings(&["get"]);
    let summary: Vec<(&str, &str)> = shown.iter().map(|s| (s.key.as_str(), s.scope.as_str())).collect();
    assert_eq!(
        summary,
        [("store", "User"), ("store", "Machine"), ("store", "Effective")]
    );
    assert_eq!(
        Path::new(shown[2].value.as_deref().unwrap()),
        std::path::absolute(mine.store()).unwrap(),
        "the store in use"
    );

    let unset = machine.settings(&["unset", "store"]);
    assert_eq!(unset[0].value, None);
    assert_eq!(
        tree_names(machine.run(&["tree"])),
        ["EVERYONES"],
        "back to the machine's"
    );
    assert!(
        std::fs::read_to_string(machine.user_file()).unwrap().trim().is_empty(),
        "the key is gone from the user's file"
    );
}

#[test]
fn a_server_setting_replaces_a_store_setting_and_keeps_other_keys() {
    let machine = Machine::new();
    machine.settings(&["set", "share", "Journaux$"]);
    machine.settings(&["set", "store", "/srv/logs"]);
    machine.settings(&["set", "server", "%PDC_SERVER%"]);
    let text = std::fs::read_to_string(machine.user_file()).unwrap();
    assert!(
        text.contains("server = \"%PDC_SERVER%\"") && text.contains("share = \"Journaux$\""),
        "{text}"
    );
    assert!(!text.contains("store"), "store and server exclude each other: {text}");
    let effective = machine.settings(&["get", "store"]).pop().unwrap();
    assert_eq!(effective.value.as_deref(), Some(r"\\%PDC_SERVER%\Journaux$"));
}

#[test]
fn a_damaged_settings_file_is_a_warning_naming_it_and_the_error_says_how_to_name_a_store() {
    let machine = Machine::new();
    std::fs::create_dir_all(machine.user_file().parent().unwrap()).unwrap();
    std::fs::write(machine.user_file(), "# mine\nstore = '/srv/logs'\nstore = [\n").unwrap();
    std::fs::create_dir_all(machine.machine_file().parent().unwrap()).unwrap();
    std::fs::write(machine.machine_file(), "colour = 'blue'\n").unwrap();
    let run = machine.run(&["log"]).expect_code(3);
    let warnings = run.with_code("bad-config");
    assert_eq!(warnings.len(), 2, "{:?}", run.diagnostics);
    assert_eq!(warnings[0].path.as_deref(), Some(machine.user_file().to_str().unwrap()));
    assert!(warnings[0].line.is_some(), "the line of the damage: {:?}", warnings[0]);
    assert!(
        warnings[1].message.contains("unknown setting 'colour'"),
        "{:?}",
        warnings[1]
    );
    let fatal = &run.with_code("fatal")[0].message;
    for way in [
        "--store",
        "--server",
        "$KOXOLOG_STORE",
        "koxolog config set store",
        "Set-KoXoLogStore -Scope",
    ] {
        assert!(fatal.contains(way), "{way} in: {fatal}");
    }
}

#[test]
fn a_key_or_value_that_cannot_work_is_refused_before_it_is_written() {
    let machine = Machine::new();
    for (args, says) in [
        (&["config", "set", "colour", "blue"][..], "'colour' is not a setting"),
        (&["config", "set", "server", r"\\dc1\Logs$"][..], "is not a server name"),
        (&["config", "set", "share", ""][..], "is not a share name"),
    ] {
        let run = machine.run(args).expect_code(2);
        assert!(
            run.diagnostics[0].message.contains(says),
            "{args:?}: {:?}",
            run.diagnostics
        );
    }
    assert!(!machine.user_file().exists(), "nothing written");
}
