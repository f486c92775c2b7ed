//! Access tokens: compact JWS (HS256) signed with a key only this simulator instance knows, so
//! a token from another instance or an edited token is a forgery.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
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
    key: [u8; 32],
}

impl std::fmt::Debug for TokenSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenSigner(<key>)")
    }
}

impl TokenSigner {
    /// A fresh random key.
    pub fn random() -> Self {
        let mut key = [0u8; 32];
        key[..16].copy_from_slice(Uuid::new_v4().as_bytes());
        key[16..].copy_from_slice(Uuid::new_v4().as_bytes());
        Self { key }
    }

    pub fn sign(&self, claims: &Claims) -> String {
        let header = URL_SAFE_NO_PAD.encode(br#"{"typ":"JWT","alg":"HS256"}"#);
        let payload =
            URL_SAFE_NO_PAD.encode(serde_json::to_vec(claims).expect("claims always serialise"));
        let signing_input = format!("{header}.{payload}");
        let signature = URL_SAFE_NO_PAD.encode(self.mac(&signing_input).finalize().into_bytes());
        format!("{signing_input}.{signature}")
    }

    /// Checks signature, audience and lifetime (`now` in Unix seconds).
    pub fn verify(&self, token: &str, now: i64) -> Result<Claims, TokenRejection> {
        let mut parts = token.split('.');
        let (Some(header), Some(payload), Some(signature), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(TokenRejection::Malformed);
        };
        let header: serde_json::Value = decode_json(header)?;
        if header.get("alg").and_then(|a| a.as_str()) != Some("HS256") {
            return Err(TokenRejection::BadSignature);
        }
        let signature = URL_SAFE_NO_PAD
            .decode(signature)
            .map_err(|_| TokenRejection::Malformed)?;
        let signing_input = &token[..header_and_payload_len(token)];
        self.mac(signing_input)
            .verify_slice(&signature)
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

    fn mac(&self, input: &str) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes any key length");
        mac.update(input.as_bytes());
        mac
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
