//! Signed client assertions (RFC 7523 `private_key_jwt`), checked the way Entra checks them:
//! which registered certificate signed (header `x5t#S256` or `x5t`), the signature (RS256 or
//! PS256), who issued it (`iss` = `sub` = the client id), for whom (`aud` = the token endpoint)
//! and when (`nbf`/`exp`, with Entra's five minutes of clock skew).

use base64::alphabet::URL_SAFE;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine as _;
use rsa::signature::Verifier as _;
use rsa::{pkcs1v15, pss};
use serde::Deserialize;
use sha2::Sha256;

use crate::certificate::{hex_upper, AppCertificate};

/// The one `client_assertion_type` Entra accepts.
pub(crate) const JWT_BEARER: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// Clock skew tolerated on `nbf` and `exp`, in seconds.
const SKEW: i64 = 300;

/// Base64url with or without padding: JWS segments come unpadded, but MSAL for Python pads its
/// `x5t` thumbprints, and Entra takes both.
const BASE64URL: GeneralPurpose = GeneralPurpose::new(
    &URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Why an assertion is refused; each maps to one of Entra's answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Rejection {
    /// Not a compact JWS with JSON header and claims.
    Malformed,
    /// The header names no registered certificate (upper-case hex of the presented thumbprint).
    UnknownKey { thumbprint: String },
    /// The registered certificate's key did not make this signature (or the algorithm is not
    /// RS256/PS256).
    BadSignature { thumbprint: String },
    /// `iss` is not the `client_id` of the request.
    IssuerMismatch,
    /// `sub` differs from `iss`.
    SubjectMismatch,
    /// `aud` names another token endpoint.
    WrongAudience,
    /// `aud` is a list of more than one value.
    TooManyAudiences(usize),
    /// Outside `nbf`..`exp` (Unix seconds), even with the skew.
    Lifetime { now: i64, nbf: i64, exp: i64 },
}

/// What the request says the assertion must be.
#[derive(Debug)]
pub(crate) struct Expected<'a> {
    pub client_id: &'a str,
    /// Token endpoint URLs that count as this endpoint (compared case-insensitively).
    pub audiences: &'a [String],
    /// Unix seconds.
    pub now: i64,
}

#[derive(Deserialize)]
struct Header {
    alg: String,
    x5t: Option<String>,
    #[serde(rename = "x5t#S256")]
    x5t_s256: Option<String>,
}

/// Times are NumericDates, which may have a fraction (MSAL for Python sends one).
#[derive(Deserialize)]
struct Claims {
    iss: Option<String>,
    sub: Option<String>,
    aud: Option<serde_json::Value>,
    exp: Option<f64>,
    nbf: Option<f64>,
}

pub(crate) fn verify(
    assertion: &str,
    certificate: &AppCertificate,
    expected: &Expected<'_>,
) -> Result<(), Rejection> {
    let mut parts = assertion.split('.');
    let (Some(header), Some(payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Rejection::Malformed);
    };
    let header: Header = decode_json(header)?;
    let claims: Claims = decode_json(payload)?;
    let signature = BASE64URL
        .decode(signature)
        .map_err(|_| Rejection::Malformed)?;

    let decode = |t: &Option<String>| t.as_deref().and_then(|t| BASE64URL.decode(t).ok());
    let (x5t_s256, x5t) = (decode(&header.x5t_s256), decode(&header.x5t));
    let thumbprint = hex_upper(x5t_s256.as_deref().or(x5t.as_deref()).unwrap_or_default());
    if !certificate.is_named_by(x5t_s256.as_deref(), x5t.as_deref()) {
        return Err(Rejection::UnknownKey { thumbprint });
    }
    let signing_input = &assertion[..header_and_payload_len(assertion)];
    if !signature_holds(certificate, &header.alg, signing_input, &signature) {
        return Err(Rejection::BadSignature { thumbprint });
    }

    let issuer = claims.iss.as_deref().ok_or(Rejection::Malformed)?;
    if !issuer.eq_ignore_ascii_case(expected.client_id) {
        return Err(Rejection::IssuerMismatch);
    }
    if claims.sub.as_deref() != Some(issuer) {
        return Err(Rejection::SubjectMismatch);
    }
    let audience = match claims.aud {
        Some(serde_json::Value::String(aud)) => aud,
        Some(serde_json::Value::Array(list)) if list.len() > 1 => {
            return Err(Rejection::TooManyAudiences(list.len()))
        }
        Some(serde_json::Value::Array(list)) => match list.into_iter().next() {
            Some(serde_json::Value::String(aud)) => aud,
            _ => return Err(Rejection::Malformed),
        },
        _ => return Err(Rejection::Malformed),
    };
    let audience = audience.trim_end_matches('/');
    if !expected
        .audiences
        .iter()
        .any(|a| a.trim_end_matches('/').eq_ignore_ascii_case(audience))
    {
        return Err(Rejection::WrongAudience);
    }

    // Whole seconds, rounded towards "not valid": up for `nbf`, down for `exp`.
    let exp = claims.exp.ok_or(Rejection::Malformed)?.floor() as i64;
    let nbf = claims.nbf.map(|nbf| nbf.ceil() as i64);
    if nbf.is_some_and(|nbf| expected.now + SKEW < nbf) || expected.now - SKEW >= exp {
        return Err(Rejection::Lifetime {
            now: expected.now,
            nbf: nbf.unwrap_or(0),
            exp,
        });
    }
    Ok(())
}

fn signature_holds(certificate: &AppCertificate, alg: &str, input: &str, signature: &[u8]) -> bool {
    let key = certificate.public_key().clone();
    match alg {
        "RS256" => pkcs1v15::Signature::try_from(signature).is_ok_and(|s| {
            pkcs1v15::VerifyingKey::<Sha256>::new(key)
                .verify(input.as_bytes(), &s)
                .is_ok()
        }),
        "PS256" => pss::Signature::try_from(signature).is_ok_and(|s| {
            pss::VerifyingKey::<Sha256>::new(key)
                .verify(input.as_bytes(), &s)
                .is_ok()
        }),
        _ => false,
    }
}

fn header_and_payload_len(token: &str) -> usize {
    token.rfind('.').unwrap_or(token.len())
}

fn decode_json<T: serde::de::DeserializeOwned>(part: &str) -> Result<T, Rejection> {
    let bytes = BASE64URL.decode(part).map_err(|_| Rejection::Malformed)?;
    serde_json::from_slice(&bytes).map_err(|_| Rejection::Malformed)
}

#[cfg(test)]
mod tests {
    use base64::engine::general_purpose::{URL_SAFE as PADDED, URL_SAFE_NO_PAD};
    use rand_chacha::rand_core::SeedableRng;
    use rsa::pkcs8::DecodePrivateKey;
    use rsa::signature::{RandomizedSigner, SignatureEncoding, Signer};
    use rsa::RsaPrivateKey;
    use serde_json::json;
    use sha1::Sha1;
    use sha2::Digest;

    use super::*;

    const CLIENT: &str = "11111111-2222-4333-8444-555555555555";
    const AUD: &str = "https://127.0.0.1:9/tenant/oauth2/v2.0/token";
    const NOW: i64 = 1_700_000_000;

    fn der(c: &AppCertificate) -> Vec<u8> {
        pem_rfc7468::decode_vec(c.certificate_pem().as_bytes())
            .unwrap()
            .1
    }

    /// Signs `claims` with the certificate's key; `alg` RS256 uses `x5t`, PS256 `x5t#S256`
    /// (padded, as MSAL for Python writes thumbprints).
    fn sign(c: &AppCertificate, alg: &str, claims: serde_json::Value) -> String {
        let der = der(c);
        let header = match alg {
            "PS256" => json!({"alg": alg, "typ": "JWT",
                "x5t#S256": PADDED.encode(Sha256::digest(&der))}),
            _ => {
                json!({"alg": alg, "typ": "JWT", "x5t": URL_SAFE_NO_PAD.encode(Sha1::digest(&der))})
            }
        };
        let input = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(claims.to_string())
        );
        let key = RsaPrivateKey::from_pkcs8_pem(c.private_key_pem()).unwrap();
        let signature = match alg {
            "PS256" => pss::SigningKey::<Sha256>::new(key)
                .sign_with_rng(
                    &mut rand_chacha::ChaCha8Rng::seed_from_u64(1),
                    input.as_bytes(),
                )
                .to_vec(),
            _ => pkcs1v15::SigningKey::<Sha256>::new(key)
                .sign(input.as_bytes())
                .to_vec(),
        };
        format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature))
    }

    fn claims() -> serde_json::Value {
        json!({"aud": AUD, "iss": CLIENT, "sub": CLIENT, "exp": NOW + 600, "nbf": NOW,
               "jti": "a-unique-id"})
    }

    fn check(assertion: &str, now: i64) -> Result<(), Rejection> {
        let audiences = [AUD.to_owned()];
        let expected = Expected {
            client_id: CLIENT,
            audiences: &audiences,
            now,
        };
        verify(assertion, &AppCertificate::for_seed(3).unwrap(), &expected)
    }

    #[test]
    fn rs256_and_ps256_assertions_are_accepted() {
        let c = AppCertificate::for_seed(3).unwrap();
        assert_eq!(check(&sign(&c, "RS256", claims()), NOW), Ok(()));
        assert_eq!(check(&sign(&c, "PS256", claims()), NOW), Ok(()));
        let mut listed = claims();
        listed["aud"] = json!([AUD.to_uppercase() + "/"]);
        assert_eq!(check(&sign(&c, "PS256", listed), NOW + 60), Ok(()));
        // MSAL for Python: fractional times, no `nbf`.
        let mut msal = claims();
        msal["exp"] = json!(NOW as f64 + 600.25);
        msal["iat"] = json!(NOW as f64 + 0.25);
        msal.as_object_mut().unwrap().remove("nbf");
        assert_eq!(check(&sign(&c, "RS256", msal), NOW), Ok(()));
    }

    #[test]
    fn another_key_or_an_edited_assertion_is_refused() {
        let ours = AppCertificate::for_seed(3).unwrap();
        let other = AppCertificate::for_seed(4).unwrap();
        assert_eq!(
            check(&sign(&other, "RS256", claims()), NOW),
            Err(Rejection::UnknownKey {
                thumbprint: other.thumbprint()
            })
        );
        let good = sign(&ours, "RS256", claims());
        let mut parts: Vec<String> = good.split('.').map(str::to_owned).collect();
        let mut longer = claims();
        longer["exp"] = json!(NOW + 99_999);
        parts[1] = URL_SAFE_NO_PAD.encode(longer.to_string());
        assert_eq!(
            check(&parts.join("."), NOW),
            Err(Rejection::BadSignature {
                thumbprint: ours.thumbprint()
            })
        );
        assert_eq!(check("a.b", NOW), Err(Rejection::Malformed));
    }

    #[test]
    fn claims_are_checked_like_entra() {
        let c = AppCertificate::for_seed(3).unwrap();
        let with = |key: &str, value: serde_json::Value| {
            let mut claims = claims();
            claims[key] = value;
            sign(&c, "RS256", claims)
        };
        let other = "99999999-2222-4333-8444-555555555555";
        assert_eq!(
            check(&with("iss", json!(other)), NOW),
            Err(Rejection::IssuerMismatch)
        );
        assert_eq!(
            check(&with("sub", json!(other)), NOW),
            Err(Rejection::SubjectMismatch)
        );
        assert_eq!(
            check(
                &with(
                    "aud",
                    json!("https://login.microsoftonline.com/x/oauth2/v2.0/token")
                ),
                NOW
            ),
            Err(Rejection::WrongAudience)
        );
        assert_eq!(
            check(&with("aud", json!([AUD, AUD])), NOW),
            Err(Rejection::TooManyAudiences(2))
        );
        let assertion = sign(&c, "RS256", claims());
        let lifetime = |now| Rejection::Lifetime {
            now,
            nbf: NOW,
            exp: NOW + 600,
        };
        assert_eq!(check(&assertion, NOW - 301), Err(lifetime(NOW - 301)));
        assert_eq!(check(&assertion, NOW + 900), Err(lifetime(NOW + 900)));
        assert_eq!(check(&assertion, NOW + 899), Ok(()), "within the skew");
    }
}
