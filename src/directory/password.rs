//! The bind password: from the environment variable `--password-env` names,
//! else asked on the terminal (without echo) when there is one. Never from
//! the command line, which every user of the machine can read.

use anyhow::{Context, bail};
use std::io::IsTerminal;

/// The password to bind as `bind_dn` with.
pub fn for_bind(variable: &str, bind_dn: &str) -> anyhow::Result<String> {
    match std::env::var(variable) {
        Ok(password) if password.is_empty() => bail!(
            "the environment variable {variable} (--password-env) is empty: an empty password would bind anonymously"
        ),
        Ok(password) => Ok(password),
        Err(std::env::VarError::NotUnicode(_)) => {
            bail!("the environment variable {variable} (--password-env) is not valid text")
        }
        Err(std::env::VarError::NotPresent) if std::io::stdin().is_terminal() => {
            let password = rpassword::prompt_password(format!("Password for {bind_dn}: "))
                .context("cannot read the password from the terminal")?;
            if password.is_empty() {
                bail!("no password given for --bind-dn {bind_dn}");
            }
            Ok(password)
        }
        Err(std::env::VarError::NotPresent) => bail!(
            "no password for --bind-dn {bind_dn}: set the environment variable {variable} (or name another with --password-env), or run from a terminal to be asked"
        ),
    }
}
