//! The real OS keyring: a secret goes in, comes back, and is gone after delete. CI runs this
//! inside a private D-Bus session with an unlocked GNOME Keyring (scripts/keyring-session.sh).

use atlas_api::secrets::{KeyringStore, SecretError, SecretStore};

#[test]
fn a_secret_round_trips_through_the_os_keyring() {
    let store = KeyringStore::new("TenantAtlas-test");
    let reference = format!("round-trip:{}", uuid::Uuid::new_v4());
    store.put(&reference, "s3cr3t-value").unwrap_or_else(|e| {
        panic!("the OS keyring must be available (run under scripts/keyring-session.sh): {e}")
    });
    assert_eq!(store.get(&reference).unwrap(), "s3cr3t-value");
    store.put(&reference, "rotated").unwrap();
    assert_eq!(store.get(&reference).unwrap(), "rotated");
    store.delete(&reference).unwrap();
    assert_eq!(store.get(&reference), Err(SecretError::Missing));
    store.delete(&reference).expect("deleting twice is fine");
}
