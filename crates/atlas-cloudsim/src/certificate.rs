//! The certificate registered on every simulated app registration (Entra's "Certificates &
//! secrets"), so a client can authenticate with a signed client assertion instead of a secret.
//!
//! One RSA-2048 key and one self-signed certificate per simulator, derived from the seed: the
//! same seed gives byte-identical PEMs, so a test or a person can keep using them across
//! restarts. Simulated only: the private key is handed to whoever asks for the credentials.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, OnceLock};

use pem_rfc7468::LineEnding;
use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rcgen::{
    date_time_ymd, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose, SerialNumber, PKCS_RSA_SHA256,
};
use rsa::pkcs8::{EncodePrivateKey, LineEnding as KeyLineEnding};
use rsa::{RsaPrivateKey, RsaPublicKey};
use sha1::Sha1;
use sha2::{Digest, Sha256};

use crate::error::SimError;

/// The app registration's certificate and (simulated) private key.
pub struct AppCertificate {
    certificate_pem: String,
    private_key_pem: String,
    public_key: RsaPublicKey,
    sha1: [u8; 20],
    sha256: [u8; 32],
}

/// The private key never shows in `Debug`, even though it is a simulated one.
impl fmt::Debug for AppCertificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AppCertificate")
            .field("thumbprint", &self.thumbprint())
            .field("private_key", &"***")
            .finish()
    }
}

impl AppCertificate {
    /// The certificate for `seed`, generated once per process and seed (RSA key generation is
    /// the slow part; every simulator with the same seed gets the same certificate anyway).
    pub fn for_seed(seed: u64) -> Result<Arc<Self>, SimError> {
        static MADE: OnceLock<Mutex<HashMap<u64, Arc<AppCertificate>>>> = OnceLock::new();
        let mut made = MADE
            .get_or_init(Mutex::default)
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(certificate) = made.get(&seed) {
            return Ok(certificate.clone());
        }
        let certificate = Arc::new(Self::generate(seed)?);
        made.insert(seed, certificate.clone());
        Ok(certificate)
    }

    fn generate(seed: u64) -> Result<Self, SimError> {
        let failed = |what: &str, err: &dyn fmt::Display| {
            SimError::Certificates(format!("the app certificate's {what}: {err}"))
        };
        let mut rng = ChaCha8Rng::from_seed(derive(seed, b"app registration certificate"));
        let key = RsaPrivateKey::new(&mut rng, 2048).map_err(|e| failed("key", &e))?;
        let pkcs8 = key.to_pkcs8_der().map_err(|e| failed("key", &e))?;
        let private_key_pem = key
            .to_pkcs8_pem(KeyLineEnding::LF)
            .map_err(|e| failed("key", &e))?
            .to_string();
        let signing_key =
            KeyPair::from_pkcs8_der_and_sign_algo(&pkcs8.as_bytes().into(), &PKCS_RSA_SHA256)
                .map_err(|e| failed("key", &e))?;

        let mut params = CertificateParams::default();
        let mut name = DistinguishedName::new();
        name.push(DnType::CommonName, "TenantAtlas simulated app registration");
        name.push(DnType::OrganizationName, "TenantAtlas (simulated)");
        params.distinguished_name = name;
        // Fixed dates and a seeded serial keep the certificate byte-identical per seed
        // (PKCS#1 v1.5 signatures are deterministic).
        params.not_before = date_time_ymd(2025, 1, 1);
        params.not_after = date_time_ymd(2045, 1, 1);
        let mut serial = derive(seed, b"app registration certificate serial")[..16].to_vec();
        serial[0] = (serial[0] & 0x7f) | 0x01; // positive and without a leading zero byte
        params.serial_number = Some(SerialNumber::from_slice(&serial));
        params.is_ca = IsCa::ExplicitNoCa;
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        let certificate = params
            .self_signed(&signing_key)
            .map_err(|e| failed("certificate", &e))?;
        let der = certificate.der().to_vec();
        let certificate_pem = pem_rfc7468::encode_string("CERTIFICATE", LineEnding::LF, &der)
            .map_err(|e| failed("certificate", &e))?;
        Ok(Self {
            certificate_pem,
            private_key_pem,
            public_key: key.to_public_key(),
            sha1: Sha1::digest(&der).into(),
            sha256: Sha256::digest(&der).into(),
        })
    }

    /// The certificate (public part), PEM.
    pub fn certificate_pem(&self) -> &str {
        &self.certificate_pem
    }

    /// The simulated private key, PKCS#8 PEM.
    pub fn private_key_pem(&self) -> &str {
        &self.private_key_pem
    }

    /// SHA-1 thumbprint in upper-case hex, as the Entra portal shows it.
    pub fn thumbprint(&self) -> String {
        hex_upper(&self.sha1)
    }

    /// Whether a JWS header's `x5t#S256` or `x5t` (decoded) names this certificate; the
    /// SHA-256 form wins when both are present.
    pub(crate) fn is_named_by(&self, x5t_s256: Option<&[u8]>, x5t: Option<&[u8]>) -> bool {
        match (x5t_s256, x5t) {
            (Some(s256), _) => s256 == self.sha256,
            (None, Some(sha1)) => sha1 == self.sha1,
            (None, None) => false,
        }
    }

    pub(crate) fn public_key(&self) -> &RsaPublicKey {
        &self.public_key
    }
}

/// 32 bytes for `label` under `seed`.
fn derive(seed: u64, label: &[u8]) -> [u8; 32] {
    let mut hash = Sha256::new();
    hash.update(seed.to_le_bytes());
    hash.update(label);
    hash.finalize().into()
}

pub(crate) fn hex_upper(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

#[cfg(test)]
mod tests {
    use rsa::pkcs8::DecodePrivateKey;

    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_certificate_and_others_differ() {
        let a = AppCertificate::generate(5).unwrap();
        let again = AppCertificate::generate(5).unwrap();
        assert_eq!(a.certificate_pem(), again.certificate_pem());
        assert_eq!(a.private_key_pem(), again.private_key_pem());
        let b = AppCertificate::for_seed(6).unwrap();
        assert_ne!(a.thumbprint(), b.thumbprint());
        assert!(Arc::ptr_eq(&b, &AppCertificate::for_seed(6).unwrap()));
    }

    #[test]
    fn the_key_belongs_to_the_certificate_and_never_shows_in_debug() {
        let c = AppCertificate::for_seed(5).unwrap();
        assert!(c
            .certificate_pem()
            .starts_with("-----BEGIN CERTIFICATE-----\n"));
        let key = RsaPrivateKey::from_pkcs8_pem(c.private_key_pem()).unwrap();
        assert_eq!(&key.to_public_key(), c.public_key());
        assert_eq!(c.thumbprint().len(), 40);
        let shown = format!("{c:?}");
        assert!(!shown.contains("PRIVATE KEY"), "{shown}");
        assert!(shown.contains(&c.thumbprint()));
    }

    #[test]
    fn thumbprints_name_the_certificate() {
        let c = AppCertificate::for_seed(5).unwrap();
        assert!(c.is_named_by(None, Some(&c.sha1)));
        assert!(c.is_named_by(Some(&c.sha256), Some(&[0; 20])));
        assert!(!c.is_named_by(Some(&[0; 32]), Some(&c.sha1)));
        assert!(!c.is_named_by(None, None));
    }
}
