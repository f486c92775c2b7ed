//! HTTPS for the simulator: at start, a small certificate authority and a server certificate
//! it signs for `localhost`, `127.0.0.1` and `::1`, shaped so that strict verifiers (OpenSSL's
//! X509_STRICT, Python 3.13's default, webpki) accept the chain once the CA is trusted.
//! Both keys live only in memory; only the CA certificate is written out for clients.

mod listener;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::Arc;

use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    Issuer, KeyPair, KeyUsagePurpose, SanType, PKCS_ECDSA_P256_SHA256,
};
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::ServerConfig;
use time::{Duration, OffsetDateTime};

use crate::error::SimError;

pub(crate) use listener::TlsListener;

/// What serving HTTPS needs: the rustls configuration and the CA clients must trust.
pub(crate) struct TlsIdentity {
    pub ca_pem: String,
    pub config: Arc<ServerConfig>,
}

impl std::fmt::Debug for TlsIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TlsIdentity(<keys>)")
    }
}

impl TlsIdentity {
    /// A fresh CA and server certificate, valid from a day ago (clock skew) for a year, for
    /// the loopback names and `extra_names`.
    pub fn generate(extra_names: &[String]) -> Result<Self, SimError> {
        let failed = |err: rcgen::Error| SimError::Certificates(format!("HTTPS: {err}"));
        let now = OffsetDateTime::now_utc();

        let ca_key = KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256).map_err(failed)?;
        let mut ca = CertificateParams::default();
        ca.distinguished_name = name("TenantAtlas simulated cloud CA");
        ca.not_before = now - Duration::days(1);
        ca.not_after = now + Duration::days(365);
        // pathLen 0: this CA signs the server certificate and nothing that could sign more.
        ca.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
        ca.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::CrlSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        ca.use_authority_key_identifier_extension = true;
        let ca_cert = ca.self_signed(&ca_key).map_err(failed)?;
        let issuer = Issuer::new(ca, ca_key);

        let server_key = KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256).map_err(failed)?;
        let mut server = CertificateParams::default();
        server.distinguished_name = name("localhost");
        server.subject_alt_names = vec![
            SanType::DnsName("localhost".try_into().map_err(failed)?),
            SanType::IpAddress(IpAddr::V4(Ipv4Addr::LOCALHOST)),
            SanType::IpAddress(IpAddr::V6(Ipv6Addr::LOCALHOST)),
        ];
        for extra in extra_names {
            let dns = extra.as_str().try_into().map_err(|err: rcgen::Error| {
                SimError::InvalidConfig(format!("certificate host name {extra:?}: {err}"))
            })?;
            server.subject_alt_names.push(SanType::DnsName(dns));
        }
        server.not_before = now - Duration::days(1);
        server.not_after = now + Duration::days(365);
        // An explicit "not a CA" writes basicConstraints and the subject key identifier.
        server.is_ca = IsCa::ExplicitNoCa;
        server.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        server.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        server.use_authority_key_identifier_extension = true;
        let server_cert = server.signed_by(&server_key, &issuer).map_err(failed)?;

        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut config = ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .and_then(|builder| {
                builder.with_no_client_auth().with_single_cert(
                    vec![server_cert.der().clone()],
                    PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(server_key.serialize_der())),
                )
            })
            .map_err(|e| SimError::Certificates(format!("HTTPS: {e}")))?;
        // The router speaks HTTP/1.1 only (axum without its http2 feature).
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        let ca_pem =
            pem_rfc7468::encode_string("CERTIFICATE", pem_rfc7468::LineEnding::LF, ca_cert.der())
                .map_err(|e| SimError::Certificates(format!("HTTPS: {e}")))?;
        Ok(Self {
            ca_pem,
            config: Arc::new(config),
        })
    }
}

fn name(common_name: &str) -> DistinguishedName {
    let mut name = DistinguishedName::new();
    name.push(DnType::CommonName, common_name);
    name.push(DnType::OrganizationName, "TenantAtlas (simulated)");
    name
}
