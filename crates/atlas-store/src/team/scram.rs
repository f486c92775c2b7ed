//! Login passwords for members' PostgreSQL roles: generated here, and handed to the server only
//! as a SCRAM-SHA-256 verifier (RFC 5802/7677, the format `pg_authid` stores), so the password
//! itself never reaches the server, its statement log or its replication stream.

use base64::{engine::general_purpose::STANDARD as B64, Engine as _};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// PostgreSQL's default for `scram_iterations`.
const ITERATIONS: u32 = 4096;
/// Letters and digits without look-alikes (0/O, 1/l/I): read off a screen and typed once.
const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
/// 24 characters of 56 symbols: about 139 bits.
const LENGTH: usize = 24;

/// A new random password from the OS's generator.
pub fn generate_password() -> Result<String, getrandom::Error> {
    let mut out = String::with_capacity(LENGTH);
    let mut byte = [0u8; 1];
    while out.len() < LENGTH {
        getrandom::fill(&mut byte)?;
        // Rejection sampling keeps every symbol equally likely.
        let limit = 256 - (256 % ALPHABET.len());
        if usize::from(byte[0]) < limit {
            out.push(char::from(ALPHABET[usize::from(byte[0]) % ALPHABET.len()]));
        }
    }
    Ok(out)
}

/// The verifier PostgreSQL stores for `password`, with a fresh random salt.
pub fn verifier(password: &str) -> Result<String, getrandom::Error> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt)?;
    Ok(verifier_with_salt(password, &salt, ITERATIONS))
}

fn verifier_with_salt(password: &str, salt: &[u8], iterations: u32) -> String {
    let mut salted = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<Sha256>(password.as_bytes(), salt, iterations, &mut salted);
    let client_key = hmac(&salted, b"Client Key");
    let stored_key = Sha256::digest(client_key);
    let server_key = hmac(&salted, b"Server Key");
    format!(
        "SCRAM-SHA-256${iterations}:{}${}:{}",
        B64.encode(salt),
        B64.encode(stored_key),
        B64.encode(server_key)
    )
}

fn hmac(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(message);
    mac.finalize().into_bytes().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_verifier_proves_rfc_7677s_worked_example() {
        // RFC 7677 §3: password "pencil", salt "W22ZaJ0SNY7soEsUEjb6gQ==", 4096 iterations.
        let salt = B64.decode("W22ZaJ0SNY7soEsUEjb6gQ==").unwrap();
        let verifier = verifier_with_salt("pencil", &salt, 4096);
        let rest = verifier
            .strip_prefix("SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$")
            .unwrap();
        let (stored_key, server_key) = rest.split_once(':').unwrap();
        let stored_key = B64.decode(stored_key).unwrap();
        let server_key = B64.decode(server_key).unwrap();
        let auth_message = "n=user,r=rOprNGfwEbeRWgbNEkqO,\
            r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,\
            c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
        // The server's signature a client checks, from the stored ServerKey.
        assert_eq!(
            B64.encode(hmac(&server_key, auth_message.as_bytes())),
            "6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="
        );
        // The client's proof, checked the way the server checks it: recover ClientKey from
        // the RFC's proof and the stored key's signature, and hash it back to StoredKey.
        let proof = B64
            .decode("dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=")
            .unwrap();
        let signature = hmac(&stored_key, auth_message.as_bytes());
        let client_key: Vec<u8> = proof.iter().zip(signature).map(|(p, s)| p ^ s).collect();
        assert_eq!(Sha256::digest(client_key).as_slice(), stored_key.as_slice());
    }

    #[test]
    fn generated_passwords_are_long_distinct_and_unambiguous() {
        let a = generate_password().unwrap();
        let b = generate_password().unwrap();
        assert_eq!(a.len(), LENGTH);
        assert_ne!(a, b);
        assert!(a.bytes().all(|c| ALPHABET.contains(&c)));
    }
}
