//! The `koxolog` command: parse the arguments, run the subcommand, turn the
//! outcome into an exit code. Everything else lives in the library crate.

use std::process::ExitCode;

fn main() -> ExitCode {
    koxolog::cmd::main()
}
