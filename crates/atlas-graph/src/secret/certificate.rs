//! A certificate credential: an X.509 certificate registered on the app registration and its
//! RSA private key. The token request carries a client assertion (RFC 7523) made fresh for each
//! request and signed the way Microsoft's certificate-credential documentation asks: PS256,
//! header `x5t#S256` (SHA-256 thumbprint) plus the legacy `x5t` (SHA-1), claims `aud` = the
//! token endpoint, `iss` = `sub` = the client id, a fresh `jti`, `nbf`/`iat` now, `exp` in
//! ten minutes.
//!
//! PEM input is checked when the credential is made, so a bad file is named then, never when a
//! sync is already under way; errors say what is wrong without quoting the PEM.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use rsa::pkcs1::{DecodeRsaPrivateKey, EncodeRsaPrivateKey};
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey};
use rsa::{RsaPrivateKey, RsaPublicKey};
use serde::Serialize;
use sha1::Sha1;
use sha2::{Digest, Sha256};
use x509_cert::der::{Decode, Encode};

use crate::error::{GraphError, ProviderReason};

/// How long a client assertion is valid (Microsoft: 5–10 minutes after `nbf` at most).
const ASSERTION_LIFETIME_SECS: u64 = 600;

#[derive(Clone)]
pub struct ClientCertificate {
    /// The certificate, DER (public).
    der: Vec<u8>,
    sha1: [u8; 20],
    sha256: [u8; 32],
    /// The private key, PKCS#1 DER inside jsonwebtoken's key (zeroised on drop).
    key: EncodingKey,
}

impl ClientCertificate {
    /// The certificate (PEM; the first `CERTIFICATE` block) and its RSA private key (PEM,
    /// PKCS#8 `PRIVATE KEY` or PKCS#1 `RSA PRIVATE KEY`, unencrypted). Both may sit in one
    /// combined file, and text around the blocks (OpenSSL's "Bag Attributes") is ignored.
    pub fn from_pem(
        certificate_pem: impl AsRef<[u8]>,
        private_key_pem: impl AsRef<[u8]>,
    ) -> Result<Self, GraphError> {
        let der = match pem_block(certificate_pem.as_ref(), &["CERTIFICATE"]) {
            Some(Block::Plain(_, der)) => der,
            _ => return Err(bad("The client certificate is not a PEM certificate (no readable -----BEGIN CERTIFICATE----- block).")),
        };
        let public_key = certificate_public_key(&der)?;
        let private_key = private_key(private_key_pem.as_ref())?;
        if private_key.to_public_key() != public_key {
            return Err(bad(
                "The private key does not belong to the client certificate: use the key the certificate was made with.",
            ));
        }
        let pkcs1 = private_key
            .to_pkcs1_der()
            .map_err(|_| bad("The client certificate's private key cannot be used for signing."))?;
        Ok(Self {
            sha1: Sha1::digest(&der).into(),
            sha256: Sha256::digest(&der).into(),
            der,
            key: EncodingKey::from_rsa_der(pkcs1.as_bytes()),
        })
    }

    /// When the certificate stops being valid ("not after"), in milliseconds since the epoch.
    pub fn not_after_millis(&self) -> Option<i64> {
        let certificate = x509_cert::Certificate::from_der(&self.der).ok()?;
        let end = certificate
            .tbs_certificate
            .validity
            .not_after
            .to_unix_duration();
        i64::try_from(end.as_millis()).ok()
    }

    /// SHA-1 thumbprint in upper-case hex, as the Entra portal lists registered certificates.
    pub fn thumbprint(&self) -> String {
        self.sha1.iter().map(|b| format!("{b:02X}")).collect()
    }

    /// A fresh signed client assertion for `client_id` at the token endpoint `audience`.
    pub(crate) fn assertion(&self, client_id: &str, audience: &str) -> Result<String, GraphError> {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or_default();
        let mut header = Header::new(Algorithm::PS256);
        header.x5t_s256 = Some(URL_SAFE_NO_PAD.encode(self.sha256));
        header.x5t = Some(URL_SAFE_NO_PAD.encode(self.sha1));
        let claims = AssertionClaims {
            aud: audience,
            iss: client_id,
            sub: client_id,
            jti: uuid::Uuid::new_v4().to_string(),
            iat: now,
            nbf: now,
            exp: now + ASSERTION_LIFETIME_SECS,
        };
        jsonwebtoken::encode(&header, &claims, &self.key).map_err(|_| {
            bad("The client assertion could not be signed with the certificate's private key.")
        })
    }
}

#[derive(Serialize)]
struct AssertionClaims<'a> {
    aud: &'a str,
    iss: &'a str,
    sub: &'a str,
    jti: String,
    iat: u64,
    nbf: u64,
    exp: u64,
}

/// The same certificate; its key is then the same too (checked to belong to it).
impl PartialEq for ClientCertificate {
    fn eq(&self, other: &Self) -> bool {
        self.der == other.der
    }
}

impl Eq for ClientCertificate {}

/// Only the (public) thumbprint shows; the key never does.
impl fmt::Debug for ClientCertificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCertificate")
            .field("thumbprint", &self.thumbprint())
            .field("private_key", &"***")
            .finish()
    }
}

impl fmt::Display for ClientCertificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "certificate {}", self.thumbprint())
    }
}

/// A credential the client cannot use: the operator has to fix the tenant's connection.
fn bad(message: impl Into<String>) -> GraphError {
    GraphError::new(ProviderReason::BadSecret, message)
}

fn certificate_public_key(der: &[u8]) -> Result<RsaPublicKey, GraphError> {
    let certificate = x509_cert::Certificate::from_der(der)
        .map_err(|_| bad("The client certificate is not a readable X.509 certificate."))?;
    certificate
        .tbs_certificate
        .subject_public_key_info
        .to_der()
        .ok()
        .and_then(|spki| RsaPublicKey::from_public_key_der(&spki).ok())
        .ok_or_else(|| bad("The client certificate's key is not RSA; Microsoft Entra certificate credentials need an RSA key."))
}

fn private_key(pem: &[u8]) -> Result<RsaPrivateKey, GraphError> {
    let labels = [
        "PRIVATE KEY",
        "RSA PRIVATE KEY",
        "ENCRYPTED PRIVATE KEY",
        "EC PRIVATE KEY",
        "DSA PRIVATE KEY",
        "OPENSSH PRIVATE KEY",
    ];
    let unreadable = || {
        bad(
            "The private key is not a readable RSA key. Supported: an unencrypted RSA key as PEM \
             (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----); EC, DSA and \
             Ed25519 keys are not.",
        )
    };
    match pem_block(pem, &labels) {
        Some(Block::Plain("PRIVATE KEY", der)) => {
            RsaPrivateKey::from_pkcs8_der(&der).map_err(|_| unreadable())
        }
        Some(Block::Plain("RSA PRIVATE KEY", der)) => {
            RsaPrivateKey::from_pkcs1_der(&der).map_err(|_| unreadable())
        }
        Some(Block::Plain(label @ ("EC PRIVATE KEY" | "DSA PRIVATE KEY"), _)) => Err(bad(format!(
            "This is {} key; Microsoft Entra certificate credentials here need an RSA key \
             (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----, unencrypted).",
            if label.starts_with("EC") { "an EC" } else { "a DSA" }
        ))),
        Some(Block::Plain("OPENSSH PRIVATE KEY", _)) => Err(bad(
            "This is an OpenSSH key file; export the certificate's RSA key as PEM \
             (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----, unencrypted).",
        )),
        Some(Block::Plain(_, _)) => Err(unreadable()),
        Some(Block::Encrypted) => Err(bad(
            "The private key is encrypted: export it without a passphrase.",
        )),
        None => Err(bad(
            "No private key found: expected a -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY----- block.",
        )),
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Block {
    Plain(&'static str, Vec<u8>),
    /// PKCS#8 `ENCRYPTED PRIVATE KEY`, or a legacy block with `Proc-Type: 4,ENCRYPTED`.
    Encrypted,
}

/// The first PEM block with one of `labels`, decoded. Blocks with other labels and text
/// between blocks are skipped; `None` when no such block is complete and readable.
fn pem_block(input: &[u8], labels: &[&'static str]) -> Option<Block> {
    let text = String::from_utf8_lossy(input);
    let mut lines = text.lines().map(str::trim);
    while let Some(line) = lines.next() {
        let Some(label) = line
            .strip_prefix("-----BEGIN ")
            .and_then(|rest| rest.strip_suffix("-----"))
        else {
            continue;
        };
        let Some(label) = labels.iter().find(|l| **l == label).copied() else {
            continue;
        };
        if label == "ENCRYPTED PRIVATE KEY" {
            return Some(Block::Encrypted);
        }
        let end = format!("-----END {label}-----");
        let mut body = String::new();
        let mut encrypted = false;
        for line in lines.by_ref() {
            if line == end {
                return if encrypted {
                    Some(Block::Encrypted)
                } else {
                    STANDARD
                        .decode(&body)
                        .ok()
                        .map(|der| Block::Plain(label, der))
                };
            }
            match line.split_once(':') {
                // RFC 1421 headers of legacy PEM: only encryption uses them for keys.
                Some((name, value)) => {
                    encrypted |= name.trim() == "Proc-Type" && value.contains("ENCRYPTED")
                }
                None => body.push_str(line),
            }
        }
        return None;
    }
    None
}

#[cfg(test)]
mod tests {
    use atlas_cloudsim::AppCertificate;

    use super::*;

    fn pems(seed: u64) -> (String, String) {
        let c = AppCertificate::for_seed(seed).unwrap();
        (
            c.certificate_pem().to_owned(),
            c.private_key_pem().to_owned(),
        )
    }

    /// Base64 from the middle of a PEM: any of it showing would be a leak.
    fn key_fragment(key_pem: &str) -> String {
        key_pem.lines().nth(5).unwrap().to_owned()
    }

    #[test]
    fn a_certificate_and_its_key_make_a_credential_that_signs_assertions() {
        let (cert, key) = pems(21);
        let c = ClientCertificate::from_pem(&cert, &key).unwrap();
        assert_eq!(
            c.thumbprint(),
            AppCertificate::for_seed(21).unwrap().thumbprint()
        );
        let combined = format!("Bag Attributes\n    localKeyID: 01\n{key}\n{cert}");
        assert_eq!(
            ClientCertificate::from_pem(&combined, &combined).unwrap(),
            c
        );

        let assertion = c
            .assertion("client-1", "https://login.example/t/oauth2/v2.0/token")
            .unwrap();
        let mut parts = assertion.split('.');
        let header: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts.next().unwrap()).unwrap())
                .unwrap();
        let claims: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts.next().unwrap()).unwrap())
                .unwrap();
        assert_eq!(header["alg"], "PS256");
        assert_eq!(header["x5t#S256"], URL_SAFE_NO_PAD.encode(c.sha256));
        assert_eq!(header["x5t"], URL_SAFE_NO_PAD.encode(c.sha1));
        assert_eq!(claims["iss"], "client-1");
        assert_eq!(claims["sub"], "client-1");
        assert_eq!(claims["aud"], "https://login.example/t/oauth2/v2.0/token");
        assert_eq!(
            claims["exp"].as_u64().unwrap() - claims["nbf"].as_u64().unwrap(),
            600
        );
        let again = c
            .assertion("client-1", "https://login.example/t/oauth2/v2.0/token")
            .unwrap();
        assert_ne!(assertion, again, "a fresh jti (and PSS salt) every time");
        // The simulator's certificates are valid until 2045-01-01T00:00:00Z.
        assert_eq!(c.not_after_millis(), Some(2_366_841_600_000));
    }

    #[test]
    fn bad_pem_is_named_without_showing_it() {
        let (cert, key) = pems(21);
        let (_, other_key) = pems(22);
        let pkcs1 = RsaPrivateKey::from_pkcs8_pem(&key)
            .unwrap()
            .to_pkcs1_pem(rsa::pkcs8::LineEnding::LF)
            .unwrap()
            .to_string();
        assert!(
            ClientCertificate::from_pem(&cert, &pkcs1).is_ok(),
            "PKCS#1 works too"
        );

        let truncated = key[..key.len() / 2].to_owned();
        let encrypted =
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n";
        let legacy = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nMIIB\n-----END RSA PRIVATE KEY-----\n";
        let (cert, key) = (cert.as_str(), key.as_str());
        let cases = [
            ("not pem", key, "not a PEM certificate"),
            (key, key, "not a PEM certificate"),
            (cert, "garbage", "No private key found"),
            (cert, cert, "No private key found"),
            (cert, truncated.as_str(), "No private key found"),
            (cert, other_key.as_str(), "does not belong"),
            (cert, encrypted, "encrypted"),
            (cert, legacy, "encrypted"),
            (
                cert,
                "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n",
                "This is an EC key",
            ),
            (
                cert,
                "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNz\n-----END OPENSSH PRIVATE KEY-----\n",
                "OpenSSH key file",
            ),
        ];
        let fragments = [
            key_fragment(key),
            key_fragment(&other_key),
            key_fragment(cert),
        ];
        for (cert_pem, key_pem, expected) in cases {
            let err = ClientCertificate::from_pem(cert_pem, key_pem).unwrap_err();
            assert_eq!(err.reason, ProviderReason::BadSecret);
            let shown = format!("{err} {err:?}");
            assert!(shown.contains(expected), "{expected}: {shown}");
            for fragment in &fragments {
                assert!(!shown.contains(fragment.as_str()), "{shown}");
            }
        }
        let broken_cert = cert.replace("MII", "AAA");
        let err = ClientCertificate::from_pem(&broken_cert, key).unwrap_err();
        assert!(err.message.contains("X.509"), "{err}");
    }

    #[test]
    fn debug_and_display_show_the_thumbprint_only() {
        let (cert, key) = pems(21);
        let c = ClientCertificate::from_pem(&cert, &key).unwrap();
        let credentials = crate::Credentials::with_certificate("t", "c", c.clone());
        let shown = format!("{c:?} {c} {credentials:?}");
        assert!(shown.contains(&c.thumbprint()), "{shown}");
        assert!(!shown.contains(&key_fragment(&key)), "{shown}");
        assert!(!shown.contains("PRIVATE KEY"), "{shown}");
    }
}
