//! The workspace's pack signing key: Ed25519. The secret half stays in the OS keyring (the front
//! end keeps it; this crate only ever holds it in memory while signing); the public half goes
//! into every pack as PEM, and its fingerprint is what a customer compares with the one their MSP
//! gave them.

use std::fmt;

use ed25519_dalek::pkcs8::{spki::der::pem::LineEnding, DecodePublicKey, EncodePublicKey};
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use sha2::{Digest, Sha256};

use crate::PackError;

/// A workspace's signing key. Its `Debug` never shows the secret.
pub struct PackSigningKey(SigningKey);

impl PackSigningKey {
    /// A new random key from the operating system's generator.
    pub fn generate() -> Result<Self, PackError> {
        let mut secret = [0u8; 32];
        getrandom::fill(&mut secret).map_err(|e| PackError::Signing(e.to_string()))?;
        Ok(Self(SigningKey::from_bytes(&secret)))
    }

    /// The key kept as its 32 secret bytes, hex-encoded (how the keyring holds it).
    pub fn from_hex(text: &str) -> Result<Self, PackError> {
        let bytes: [u8; 32] = decode_hex(text.trim())
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| {
                PackError::Signing("the stored signing key is not 32 hex bytes".into())
            })?;
        Ok(Self(SigningKey::from_bytes(&bytes)))
    }

    /// The 32 secret bytes, hex-encoded, for the keyring and nothing else.
    pub fn to_hex(&self) -> String {
        encode_hex(self.0.as_bytes())
    }

    pub fn public(&self) -> PackPublicKey {
        PackPublicKey(self.0.verifying_key())
    }

    pub(crate) fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.0.sign(message).to_bytes()
    }
}

impl fmt::Debug for PackSigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("PackSigningKey")
            .field(&self.public().fingerprint())
            .finish()
    }
}

/// The public half of a signing key: what verifies a pack.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct PackPublicKey(VerifyingKey);

impl PackPublicKey {
    /// The key as PEM (SubjectPublicKeyInfo), the form `openssl` reads.
    pub fn to_pem(&self) -> String {
        self.0
            .to_public_key_pem(LineEnding::LF)
            .expect("an Ed25519 public key always encodes")
    }

    /// A key given as PEM, or as its 32 bytes in hex.
    pub fn parse(text: &str) -> Result<Self, PackError> {
        let text = text.trim();
        if text.starts_with("-----BEGIN") {
            return VerifyingKey::from_public_key_pem(text)
                .map(Self)
                .map_err(|_| PackError::BadPublicKey("the PEM text is not an Ed25519 public key"));
        }
        let bytes: [u8; 32] =
            decode_hex(text)
                .and_then(|b| b.try_into().ok())
                .ok_or(PackError::BadPublicKey(
                    "expected a PEM public key or 64 hexadecimal characters",
                ))?;
        VerifyingKey::from_bytes(&bytes)
            .map(Self)
            .map_err(|_| PackError::BadPublicKey("the bytes are not an Ed25519 public key"))
    }

    /// SHA-256 of the key's 32 bytes, hex in groups of four: what people compare by eye.
    pub fn fingerprint(&self) -> String {
        let digest = encode_hex(&Sha256::digest(self.0.as_bytes()));
        digest
            .as_bytes()
            .chunks(4)
            .map(|c| std::str::from_utf8(c).expect("hex is ASCII"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Whether `signature` (64 bytes) signs exactly `message` with this key.
    pub(crate) fn verifies(&self, message: &[u8], signature: &[u8]) -> bool {
        let Ok(bytes) = <[u8; 64]>::try_from(signature) else {
            return false;
        };
        self.0
            .verify(message, &Signature::from_bytes(&bytes))
            .is_ok()
    }
}

impl fmt::Debug for PackPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("PackPublicKey")
            .field(&self.fingerprint())
            .finish()
    }
}

pub(crate) fn encode_hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 || !text.is_ascii() {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_survives_the_keyring_and_its_public_half_both_forms() {
        let key = PackSigningKey::generate().unwrap();
        let again = PackSigningKey::from_hex(&key.to_hex()).unwrap();
        assert_eq!(key.public(), again.public());
        let public = key.public();
        assert_eq!(PackPublicKey::parse(&public.to_pem()).unwrap(), public);
        assert_eq!(
            PackPublicKey::parse(&encode_hex(public.0.as_bytes())).unwrap(),
            public
        );
        assert_eq!(public.fingerprint().split(' ').count(), 16);
    }

    #[test]
    fn signatures_hold_only_for_the_same_bytes_and_key() {
        let key = PackSigningKey::generate().unwrap();
        let other = PackSigningKey::generate().unwrap();
        let signature = key.sign(b"manifest");
        assert!(key.public().verifies(b"manifest", &signature));
        assert!(!key.public().verifies(b"manifesT", &signature));
        assert!(!other.public().verifies(b"manifest", &signature));
        assert!(!key.public().verifies(b"manifest", &signature[..63]));
    }

    #[test]
    fn the_secret_never_prints_and_bad_keys_are_named() {
        let key = PackSigningKey::generate().unwrap();
        assert!(!format!("{key:?}").contains(&key.to_hex()));
        assert!(PackSigningKey::from_hex("abc").is_err());
        for bad in [
            "",
            "zz",
            "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----",
        ] {
            assert!(PackPublicKey::parse(bad).is_err(), "{bad}");
        }
    }
}
