//! How `atlas tenant add` receives an app registration's credential. A secret is never a plain
//! argument — it would land in the shell history and in every user's process list — so it
//! comes from standard input (hidden when typed at a terminal) or from a named environment
//! variable; a certificate and its private key come from PEM files. Nothing read here is ever
//! printed.

use std::{
    io::{self, BufRead, IsTerminal},
    path::{Path, PathBuf},
};

use atlas_api::{types::CredentialInput, ApiError};
use clap::{ArgGroup, Args};

#[derive(Debug, Args)]
#[command(group(
    ArgGroup::new("credential")
        .required(true)
        .args(["secret_stdin", "secret_env", "certificate"])
))]
pub struct CredentialArgs {
    /// Read the client secret from standard input (one line; hidden when typed). Pipe it in
    /// from your password manager; never pass a secret as an argument.
    #[arg(long)]
    secret_stdin: bool,
    /// Read the client secret from this environment variable.
    #[arg(long, value_name = "VAR")]
    secret_env: Option<String>,
    /// Use a certificate instead of a secret: the certificate registered on the app (PEM file).
    #[arg(long, value_name = "PEM_FILE", requires = "private_key")]
    certificate: Option<PathBuf>,
    /// The certificate's private key (PEM file).
    #[arg(long, value_name = "PEM_FILE", requires = "certificate")]
    private_key: Option<PathBuf>,
    /// When the client secret ends (YYYY-MM-DD, as the app registration shows it): the tenant
    /// is then warned about 30 days ahead. A certificate's end date is read from the certificate.
    #[arg(long, value_name = "DATE", conflicts_with = "certificate", value_parser = parse_end_date)]
    secret_expires: Option<atlas_domain::Timestamp>,
}

impl CredentialArgs {
    /// Reads the credential from where the operator said it is.
    pub fn read(&self) -> Result<CredentialInput, ApiError> {
        if self.secret_stdin {
            return Ok(CredentialInput::ClientSecret {
                secret: secret_from_stdin()?,
                expires_at: self.secret_expires,
            });
        }
        if let Some(var) = &self.secret_env {
            return match std::env::var(var) {
                Ok(secret) if !secret.trim().is_empty() => {
                    Ok(CredentialInput::ClientSecret {
                        secret,
                        expires_at: self.secret_expires,
                    })
                }
                Ok(_) => Err(ApiError::invalid(format!(
                    "The environment variable {var} is empty; set it to the client secret's value."
                ))),
                Err(std::env::VarError::NotPresent) => Err(ApiError::invalid(format!(
                    "The environment variable {var} is not set; set it to the client secret's value."
                ))),
                Err(std::env::VarError::NotUnicode(_)) => Err(ApiError::invalid(format!(
                    "The environment variable {var} is not valid text; set it to the client secret's value."
                ))),
            };
        }
        match (&self.certificate, &self.private_key) {
            (Some(certificate), Some(key)) => Ok(CredentialInput::Certificate {
                certificate_pem: pem_file(certificate, "certificate")?,
                private_key_pem: pem_file(key, "private key")?,
            }),
            // clap requires one credential source, and the two files together.
            _ => Err(ApiError::invalid(
                "Give the credential with --secret-stdin, --secret-env VAR, or --certificate and --private-key.",
            )),
        }
    }
}

/// `YYYY-MM-DD` (the end of that day, UTC, as Entra shows end dates) or a full RFC 3339 time.
fn parse_end_date(text: &str) -> Result<atlas_domain::Timestamp, String> {
    let full = match text.len() {
        10 => format!("{text}T23:59:59Z"),
        _ => text.to_owned(),
    };
    serde_json::from_value(serde_json::Value::String(full))
        .map_err(|_| format!("{text:?} is not a date: write it as YYYY-MM-DD"))
}

fn pem_file(path: &Path, what: &str) -> Result<String, ApiError> {
    std::fs::read_to_string(path).map_err(|e| {
        ApiError::invalid(format!(
            "The {what} file {} cannot be read ({e}).",
            path.display()
        ))
    })
}

/// One line from standard input, without its line ending. At a terminal the operator is
/// prompted (on stderr) and the typed characters are not echoed.
fn secret_from_stdin() -> Result<String, ApiError> {
    let stdin = io::stdin();
    let line = if stdin.is_terminal() {
        // rpassword turns echo off on every platform (and restores it), reading the terminal.
        rpassword::prompt_password("Client secret (input hidden): ").map(Some)
    } else {
        read_line(&mut stdin.lock())
    }
    .map_err(|e| {
        ApiError::invalid(format!(
            "The client secret could not be read from standard input ({e})."
        ))
    })?;
    match line {
        Some(secret) if !secret.trim().is_empty() => Ok(secret),
        _ => Err(ApiError::invalid(
            "No client secret on standard input: pipe the secret's value (one line) into \
             `atlas tenant add … --secret-stdin`.",
        )),
    }
}

/// Reads one line; `None` at end of input.
pub(crate) fn read_line(input: &mut impl BufRead) -> io::Result<Option<String>> {
    let mut line = String::new();
    if input.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    let trimmed = line.strip_suffix('\n').unwrap_or(&line);
    Ok(Some(
        trimmed.strip_suffix('\r').unwrap_or(trimmed).to_owned(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_is_read_without_its_line_ending() {
        let mut input = io::Cursor::new("s3cr3t~value\r\nsecond line\n");
        assert_eq!(
            read_line(&mut input).unwrap().as_deref(),
            Some("s3cr3t~value")
        );
        let mut input = io::Cursor::new("no newline");
        assert_eq!(
            read_line(&mut input).unwrap().as_deref(),
            Some("no newline")
        );
        assert_eq!(read_line(&mut io::Cursor::new("")).unwrap(), None);
    }
}
