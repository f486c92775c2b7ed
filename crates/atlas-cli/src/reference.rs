//! The command line's reference material, generated from its own clap definitions so it never
//! drifts from what `atlas` accepts: shell completions and manual pages (the Linux package
//! ships both).

use std::{fs, io, path::Path, process::ExitCode};

use clap::CommandFactory;
use clap_complete::Shell;

use crate::Cli;

/// `atlas completions SHELL`: the completion script on stdout.
pub fn completions(shell: Shell) -> ExitCode {
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "atlas", &mut io::stdout());
    ExitCode::SUCCESS
}

/// `atlas manpages --out DIR`: atlas.1 and a page per subcommand (atlas-sync.1, …).
pub fn manpages(out: &Path) -> ExitCode {
    let written =
        fs::create_dir_all(out).and_then(|()| clap_mangen::generate_to(Cli::command(), out));
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!(
                "error: the manual pages cannot be written to {} ({err})",
                out.display()
            );
            ExitCode::FAILURE
        }
    }
}
