//! Access tokens: compact JWS signed RS256, as Entra signs them, with the signing key published
//! as a JWKS (`discovery/v2.0/keys`, named by the OpenID metadata's `jwks_uri`). Each simulator
//! instance signs under a key id of its own and accepts only that one, so a token from another
//! instance or an edited token is a forgery. The RSA key is made once per process (key
//! generation is the slow part); the key id is what tells instances apart.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use std::sync::{Arc, OnceLock};

use rand::SeedableRng;
use rsa::pkcs1v15::{Signature, SigningKey, VerifyingKey};
use rsa::signature::{SignatureEncoding, Signer, Verifier};
use rsa::traits::PublicKeyParts;
use rsa::RsaPrivateKey;
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use uuid::Uuid;

/// The Graph resource: tokens are issued for it and only it.
pub const GRAPH_AUDIENCE: &str = "https://graph.microsoft.com";
/// Microsoft Graph's well-known application id, an accepted audience spelling too.
pub const GRAPH_APP_ID: &str = "00000003-0000-0000-c000-000000000000";

/// The Graph application permissions the simulated app registration asks for; a tenant whose
/// admin consented grants them all.
pub const GRAPH_ROLES: &[&str] = &[
    "DeviceManagementConfiguration.Read.All",
    "DeviceManagementConfiguration.ReadWrite.All",
    "DeviceManagementApps.Read.All",
    "DeviceManagementApps.ReadWrite.All",
    "DeviceManagementServiceConfig.Read.All",
    "DeviceManagementServiceConfig.ReadWrite.All",
    "DeviceManagementRBAC.Read.All",
    "DeviceManagementRBAC.ReadWrite.All",
    "Group.Read.All",
    "RoleManagement.Read.Directory",
    "Policy.Read.All",
    "Policy.ReadWrite.ConditionalAccess",
    "Application.Read.All",
];

/// The claims Entra puts into an app-only Graph token (v1.0 format), minus those nothing reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    pub aud: String,
    pub iss: String,
    pub iat: i64,
    pub nbf: i64,
    pub exp: i64,
    pub tid: Uuid,
    pub appid: Uuid,
    pub azp: Uuid,
    pub appidacr: String,
    pub idtyp: String,
    pub oid: Uuid,
    pub sub: Uuid,
    pub ver: String,
    /// Unique per issued token, as Entra's `uti`: two tokens issued in the same second differ,
    /// so revoking one never revokes its successor.
    #[serde(default)]
    pub uti: String,
    /// The granted application permissions; Entra omits the claim when none are consented.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
}

/// Why a presented token is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenRejection {
    Malformed,
    BadSignature,
    WrongAudience,
    /// Expired or not yet valid.
    Lifetime,
}

#[derive(Clone)]
pub struct TokenSigner {
    /// This instance's key id (`kid`): the only one it accepts.
    kid: String,
    key: Arc<RsaPrivateKey>,
}

impl std::fmt::Debug for TokenSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TokenSigner(kid {})", self.kid)
    }
}

/// The process's RSA-2048 signing key, made on first use.
fn process_key() -> Arc<RsaPrivateKey> {
    static KEY: OnceLock<Arc<RsaPrivateKey>> = OnceLock::new();
    KEY.get_or_init(|| {
        let mut rng = rand::rngs::StdRng::from_entropy();
        Arc::new(RsaPrivateKey::new(&mut rng, 2048).expect("an RSA-2048 key can be made"))
    })
    .clone()
}

impl TokenSigner {
    /// A fresh key id over the process's key.
    pub fn random() -> Self {
        Self {
            kid: URL_SAFE_NO_PAD.encode(Uuid::new_v4().as_bytes()),
            key: process_key(),
        }
    }

    pub fn sign(&self, claims: &Claims) -> String {
        let header = serde_json::json!({ "typ": "JWT", "alg": "RS256", "kid": self.kid });
        let header = URL_SAFE_NO_PAD.encode(header.to_string());
        let payload =
            URL_SAFE_NO_PAD.encode(serde_json::to_vec(claims).expect("claims always serialise"));
        let signing_input = format!("{header}.{payload}");
        let signature =
            SigningKey::<Sha256>::new((*self.key).clone()).sign(signing_input.as_bytes());
        format!(
            "{signing_input}.{}",
            URL_SAFE_NO_PAD.encode(signature.to_bytes())
        )
    }

    /// Checks key id, signature, audience and lifetime (`now` in Unix seconds).
    pub fn verify(&self, token: &str, now: i64) -> Result<Claims, TokenRejection> {
        let mut parts = token.split('.');
        let (Some(header), Some(payload), Some(signature), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(TokenRejection::Malformed);
        };
        let header: serde_json::Value = decode_json(header)?;
        if header.get("alg").and_then(|a| a.as_str()) != Some("RS256")
            || header.get("kid").and_then(|k| k.as_str()) != Some(self.kid.as_str())
        {
            return Err(TokenRejection::BadSignature);
        }
        let signature = URL_SAFE_NO_PAD
            .decode(signature)
            .map_err(|_| TokenRejection::Malformed)?;
        let signature =
            Signature::try_from(signature.as_slice()).map_err(|_| TokenRejection::BadSignature)?;
        let signing_input = &token[..header_and_payload_len(token)];
        VerifyingKey::<Sha256>::new(self.key.to_public_key())
            .verify(signing_input.as_bytes(), &signature)
            .map_err(|_| TokenRejection::BadSignature)?;
        let claims: Claims = decode_json(payload)?;
        if claims.aud != GRAPH_AUDIENCE && claims.aud != GRAPH_APP_ID {
            return Err(TokenRejection::WrongAudience);
        }
        if now < claims.nbf || now >= claims.exp {
            return Err(TokenRejection::Lifetime);
        }
        Ok(claims)
    }

    /// The public key as a JSON Web Key Set, as Entra publishes its signing keys.
    pub fn jwks(&self) -> serde_json::Value {
        let public = self.key.to_public_key();
        serde_json::json!({
            "keys": [{
                "kty": "RSA",
                "use": "sig",
                "alg": "RS256",
                "kid": self.kid,
                "n": URL_SAFE_NO_PAD.encode(public.n().to_bytes_be()),
                "e": URL_SAFE_NO_PAD.encode(public.e().to_bytes_be()),
            }]
        })
    }
}

fn header_and_payload_len(token: &str) -> usize {
    token.rfind('.').unwrap_or(token.len())
}

fn decode_json<T: serde::de::DeserializeOwned>(part: &str) -> Result<T, TokenRejection> {
    let bytes = URL_SAFE_NO_PAD
        .decode(part)
        .map_err(|_| TokenRejection::Malformed)?;
    serde_json::from_slice(&bytes).map_err(|_| TokenRejection::Malformed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(now: i64) -> Claims {
        let id = Uuid::from_u128(7);
        Claims {
            aud: GRAPH_AUDIENCE.into(),
            iss: format!("https://sts.windows.net/{id}/"),
            iat: now,
            nbf: now,
            exp: now + 3599,
            tid: id,
            appid: id,
            azp: id,
            appidacr: "1".into(),
            idtyp: "app".into(),
            oid: id,
            sub: id,
            ver: "1.0".into(),
            uti: "test".into(),
            roles: vec!["Group.Read.All".into()],
        }
    }

    #[test]
    fn a_signed_token_verifies_until_it_expires() {
        let signer = TokenSigner::random();
        let token = signer.sign(&claims(1_000));
        assert_eq!(signer.verify(&token, 1_000), Ok(claims(1_000)));
        assert_eq!(signer.verify(&token, 4_599), Err(TokenRejection::Lifetime));
        assert_eq!(signer.verify(&token, 999), Err(TokenRejection::Lifetime));
    }

    #[test]
    fn the_published_key_verifies_the_signature() {
        let signer = TokenSigner::random();
        let token = signer.sign(&claims(1_000));
        let jwks = signer.jwks();
        let key = &jwks["keys"][0];
        let header: serde_json::Value = decode_json(token.split('.').next().unwrap()).unwrap();
        assert_eq!(
            (header["alg"].as_str(), header["kid"].clone()),
            (Some("RS256"), key["kid"].clone())
        );
        let n = rsa::BigUint::from_bytes_be(
            &URL_SAFE_NO_PAD.decode(key["n"].as_str().unwrap()).unwrap(),
        );
        let e = rsa::BigUint::from_bytes_be(
            &URL_SAFE_NO_PAD.decode(key["e"].as_str().unwrap()).unwrap(),
        );
        let public = rsa::RsaPublicKey::new(n, e).unwrap();
        let signature = URL_SAFE_NO_PAD
            .decode(token.rsplit('.').next().unwrap())
            .unwrap();
        VerifyingKey::<Sha256>::new(public)
            .verify(
                &token.as_bytes()[..header_and_payload_len(&token)],
                &Signature::try_from(signature.as_slice()).unwrap(),
            )
            .expect("a client checks the token with the published key");
    }

    #[test]
    fn forged_edited_and_malformed_tokens_are_refused() {
        let signer = TokenSigner::random();
        let other = TokenSigner::random().sign(&claims(1_000));
        assert_eq!(
            signer.verify(&other, 1_000),
            Err(TokenRejection::BadSignature)
        );
        let token = signer.sign(&claims(1_000));
        let mut parts: Vec<&str> = token.split('.').collect();
        let mut edited = claims(1_000);
        edited.exp += 100_000;
        let forged_payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&edited).unwrap());
        parts[1] = &forged_payload;
        assert_eq!(
            signer.verify(&parts.join("."), 1_000),
            Err(TokenRejection::BadSignature)
        );
        assert_eq!(
            signer.verify("not-a-token", 1_000),
            Err(TokenRejection::Malformed)
        );
        let mut wrong = claims(1_000);
        wrong.aud = "https://management.azure.com".into();
        assert_eq!(
            signer.verify(&signer.sign(&wrong), 1_000),
            Err(TokenRejection::WrongAudience)
        );
    }
}
