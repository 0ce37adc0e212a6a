//! `koxolog config get|set|unset`: the settings files that name the store
//! (see [`crate::config`]), so that readers find it without `--store`.

use crate::cli::StoreArgs;
use crate::config::{self, KEYS, Scope};
use crate::exit::{BadArgument, Exit};
use crate::json::setting::SettingJson;
use crate::output::Output;
use clap::{Args, Subcommand};

// The flags of `koxolog config`. What its help says of it is the doc
// of `Command::Config` (mod.rs): clap builds these flags only when it runs.
#[derive(Debug, Args)]
pub struct Config {
    #[command(subcommand)]
    pub action: Action,
}

// What `config` does (a plain comment: see the flag groups in cli.rs).
#[derive(Debug, Subcommand)]
pub enum Action {
    /// Print the settings of both files, then the store readers use when
    /// none is named (Scope `Effective`).
    Get {
        /// Only this key: store, server or share.
        #[arg(value_name = "KEY", value_parser = key_argument)]
        key: Option<String>,
    },
    /// Set a key: store (a folder or \\server\share), server (a name, or
    /// %PDC_SERVER%) or share. store and server exclude each other.
    Set {
        #[arg(value_name = "KEY", value_parser = key_argument)]
        key: String,
        #[arg(value_name = "VALUE")]
        value: String,
        /// In the machine's file (every user of the computer), not yours.
        #[arg(long)]
        machine: bool,
    },
    /// Remove a key.
    Unset {
        #[arg(value_name = "KEY", value_parser = key_argument)]
        key: String,
        /// From the machine's file, not yours.
        #[arg(long)]
        machine: bool,
    },
}

fn key_argument(text: &str) -> Result<String, String> {
    match KEYS.iter().find(|k| k.eq_ignore_ascii_case(text)) {
        Some(key) => Ok((*key).to_owned()),
        None => Err(format!("'{text}' is not a setting (known: {})", KEYS.join(", "))),
    }
}

fn scope(machine: bool) -> Scope {
    if machine { Scope::Machine } else { Scope::User }
}

/// The settings of one file, as printed.
fn print(out: &mut Output, scope: Scope, key: Option<&str>) -> anyhow::Result<()> {
    for setting in config::read(scope) {
        if key.is_none_or(|k| k == setting.key) {
            out.emit(&SettingJson {
                key: setting.key,
                value: Some(setting.value),
                scope: setting.scope.to_string(),
                path: Some(setting.path.display().to_string()),
            })?;
        }
    }
    Ok(())
}

impl super::Run for Config {
    fn run(&self, out: &mut Output) -> anyhow::Result<Exit> {
        match &self.action {
            Action::Get { key } => {
                print(out, Scope::User, key.as_deref())?;
                print(out, Scope::Machine, key.as_deref())?;
                if key.as_deref().is_none_or(|k| k == "store") {
                    let unnamed = StoreArgs {
                        store: std::env::var_os("KOXOLOG_STORE")
                            .filter(|v| !v.is_empty())
                            .map(Into::into),
                        server: None,
                        share: crate::store::location::DEFAULT_SHARE.to_owned(),
                        found: Default::default(),
                    };
                    out.emit(&SettingJson {
                        key: "store",
                        value: Some(unnamed.identity()),
                        scope: "Effective".to_owned(),
                        path: None,
                    })?;
                }
            }
            Action::Set { key, value, machine } => {
                config::check(key, value).map_err(BadArgument)?;
                let path = config::write(scope(*machine), key, Some(value))?;
                out.emit(&SettingJson {
                    key: KEYS.iter().find(|k| *k == key).expect("a known key"),
                    value: Some(value.clone()),
                    scope: scope(*machine).to_string(),
                    path: Some(path.display().to_string()),
                })?;
            }
            Action::Unset { key, machine } => {
                let path = config::write(scope(*machine), key, None)?;
                out.emit(&SettingJson {
                    key: KEYS.iter().find(|k| *k == key).expect("a known key"),
                    value: None,
                    scope: scope(*machine).to_string(),
                    path: Some(path.display().to_string()),
                })?;
            }
        }
        Ok(Exit::Success)
    }
}
