//! Checking what an operator enters when adding or editing a tenant, before anything is stored:
//! the directory (a GUID, or a verified domain resolved to one), the application id, and the
//! credential. Every refusal names the field and what a valid value looks like.

use atlas_domain::{CredentialExpiry, DirectoryTenantId, ExpirySource, Timestamp};
use atlas_graph::{ClientCertificate, GraphClient, ProviderReason};
use uuid::Uuid;

use crate::{connect::StoredCertificate, types::CredentialInput, ApiError, ErrorCode};

/// A directory as entered: its id, and the domain it was given as (kept as the primary domain).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Directory {
    pub id: DirectoryTenantId,
    pub domain: Option<String>,
}

/// A GUID is taken as it is; a domain is looked up at the tenant's sign-in authority.
pub(crate) async fn resolve_directory(
    input: &str,
    client: &GraphClient,
) -> Result<Directory, ApiError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(ApiError::invalid(
            "Enter the directory (tenant) id: a GUID, or a verified domain such as contoso.onmicrosoft.com.",
        ));
    }
    if let Ok(id) = trimmed.parse::<DirectoryTenantId>() {
        return Ok(Directory { id, domain: None });
    }
    let domain = trimmed.to_ascii_lowercase();
    if !is_domain(&domain) {
        // What was entered is not repeated: an operator may have pasted a secret here.
        return Err(ApiError::invalid(format!(
            "The directory entered ({}) is neither a directory (tenant) id nor a domain. Enter a \
             GUID such as 00000000-0000-0000-0000-000000000000, or a verified domain such as \
             contoso.onmicrosoft.com.",
            shape(trimmed)
        )));
    }
    match client.resolve_tenant_domain(&domain).await {
        Ok(uuid) => Ok(Directory {
            id: uuid.to_string().parse()?,
            domain: Some(domain),
        }),
        Err(e) if e.reason == ProviderReason::UnknownTenant => Err(ApiError::invalid(format!(
            "No Microsoft Entra tenant uses the domain {domain}. Check the spelling, or enter the directory (tenant) id instead."
        ))),
        Err(e) => Err(ApiError::new(
            ErrorCode::Unavailable,
            format!(
                "The domain {domain} could not be looked up ({}). Enter the directory (tenant) id as a GUID instead.",
                e.message
            ),
        )),
    }
}

/// What an entered value looks like, without repeating it: its length and the kinds of
/// characters it has.
fn shape(value: &str) -> String {
    let count = value.chars().count();
    let mut kinds = Vec::new();
    if value.chars().any(char::is_whitespace) {
        kinds.push("spaces");
    }
    if value
        .chars()
        .any(|c| !c.is_alphanumeric() && !c.is_whitespace() && c != '-' && c != '.')
    {
        kinds.push("symbols");
    }
    let characters = if count == 1 {
        "character"
    } else {
        "characters"
    };
    match kinds.as_slice() {
        [] => format!("{count} {characters}"),
        kinds => format!("{count} {characters}, with {}", kinds.join(" and ")),
    }
}

/// Host-name syntax: dot-separated labels of letters, digits and inner hyphens, with a
/// top-level label of letters.
fn is_domain(s: &str) -> bool {
    let labels: Vec<&str> = s.split('.').collect();
    labels.len() >= 2
        && s.len() <= 253
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.chars().all(|c| c.is_ascii_alphabetic()))
}

/// The application (client) id: a GUID, stored lower-case.
pub(crate) fn client_id(input: &str) -> Result<String, ApiError> {
    let trimmed = input.trim();
    match Uuid::parse_str(trimmed) {
        Ok(id) if trimmed.len() == 36 => Ok(id.hyphenated().to_string()),
        // What was entered is not repeated: an operator may have pasted the secret here.
        _ => Err(ApiError::invalid(format!(
            "The application (client) id must be a GUID such as \
             00000000-0000-0000-0000-000000000000; the value entered ({}) is not one.",
            shape(trimmed)
        ))),
    }
}

/// What goes into the keyring for a credential: the secret as entered, or the certificate
/// and key as JSON — after checking they can be used.
pub(crate) fn keyring_value(credential: &CredentialInput) -> Result<String, ApiError> {
    match credential {
        CredentialInput::ClientSecret { secret, .. } => {
            if secret.trim().is_empty() {
                return Err(ApiError::invalid(
                    "The client secret is empty. Paste the secret's value (not its id) from the app registration.",
                ));
            }
            if secret.chars().any(char::is_control) {
                return Err(ApiError::invalid(
                    "The client secret contains line breaks or control characters; paste only the secret's value.",
                ));
            }
            Ok(secret.trim().to_owned())
        }
        CredentialInput::Certificate {
            certificate_pem,
            private_key_pem,
        } => {
            ClientCertificate::from_pem(certificate_pem, private_key_pem)
                .map_err(|e| ApiError::invalid(e.message))?;
            serde_json::to_string(&StoredCertificate {
                certificate_pem: certificate_pem.clone(),
                private_key_pem: private_key_pem.clone(),
            })
            .map_err(|_| ApiError::new(ErrorCode::Internal, "The certificate could not be kept."))
        }
    }
}

/// When the credential ends, when that can be known now: a certificate's own "not after", or
/// the end date the operator entered for a secret (refused when already past, or more than ten
/// years ahead, which no registration allows).
pub(crate) fn credential_expiry(
    credential: &CredentialInput,
    now: Timestamp,
) -> Result<Option<CredentialExpiry>, ApiError> {
    match credential {
        CredentialInput::ClientSecret {
            expires_at: None, ..
        } => Ok(None),
        CredentialInput::ClientSecret {
            expires_at: Some(at),
            ..
        } => {
            const TEN_YEARS: i64 = 3653 * 86_400_000;
            if at.unix_millis() <= now.unix_millis() {
                return Err(ApiError::invalid(
                    "The secret's end date has passed: a secret that has ended no longer signs in. Create a new secret and enter its end date.",
                ));
            }
            if at.unix_millis() - now.unix_millis() > TEN_YEARS {
                return Err(ApiError::invalid(
                    "The secret's end date is more than ten years ahead; enter the date the app registration shows.",
                ));
            }
            Ok(Some(CredentialExpiry {
                expires_at: *at,
                source: ExpirySource::Entered,
            }))
        }
        CredentialInput::Certificate {
            certificate_pem,
            private_key_pem,
        } => {
            let certificate = ClientCertificate::from_pem(certificate_pem, private_key_pem)
                .map_err(|e| ApiError::invalid(e.message))?;
            Ok(certificate
                .not_after_millis()
                .and_then(Timestamp::from_unix_millis)
                .map(|expires_at| CredentialExpiry {
                    expires_at,
                    source: ExpirySource::Certificate,
                }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_value_is_described_never_repeated() {
        let pasted = "Xq8~d9Q.secretValue_with~symbols";
        let error = client_id(pasted).unwrap_err().message;
        assert!(!error.contains(pasted), "{error}");
        assert!(!error.contains("secretValue"), "{error}");
        assert!(error.contains("32 characters, with symbols"), "{error}");
        assert_eq!(shape("a b"), "3 characters, with spaces");
        assert_eq!(shape("x"), "1 character");
    }

    #[test]
    fn domains_are_told_apart_from_garbage() {
        assert!(is_domain("contoso.onmicrosoft.com"));
        assert!(is_domain("fabrikam-dental.com"));
        assert!(!is_domain("contoso"));
        assert!(!is_domain("contoso..com"));
        assert!(!is_domain("-bad.com"));
        assert!(!is_domain("con toso.com"));
        assert!(!is_domain("3f0c6a52-8d1e-4b7a-9c2f.5e4d1a0b7c31"));
    }

    #[test]
    fn client_ids_must_be_canonical_guids() {
        assert_eq!(
            client_id(" 3F0C6A52-8D1E-4B7A-9C2F-5E4D1A0B7C31 ").unwrap(),
            "3f0c6a52-8d1e-4b7a-9c2f-5e4d1a0b7c31"
        );
        for bad in ["", "abc", "3f0c6a528d1e4b7a9c2f5e4d1a0b7c31"] {
            let err = client_id(bad).unwrap_err();
            assert_eq!(err.code, ErrorCode::InvalidInput);
            assert!(err.message.contains("must be a GUID"), "{}", err.message);
        }
    }

    #[test]
    fn empty_secrets_and_broken_certificates_are_refused_without_echoing_them() {
        let empty = CredentialInput::ClientSecret {
            secret: "   ".into(),
            expires_at: None,
        };
        assert!(keyring_value(&empty).unwrap_err().message.contains("empty"));
        let control = CredentialInput::ClientSecret {
            secret: "abc\ndef-secret".into(),
            expires_at: None,
        };
        let err = keyring_value(&control).unwrap_err();
        assert!(!err.message.contains("def-secret"));
        let cert = CredentialInput::Certificate {
            certificate_pem: "not a certificate".into(),
            private_key_pem: "-----BEGIN PRIVATE KEY-----\nSECRETKEY\n-----END PRIVATE KEY-----"
                .into(),
        };
        let err = keyring_value(&cert).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
        assert!(!err.message.contains("SECRETKEY"), "{}", err.message);
    }
}
