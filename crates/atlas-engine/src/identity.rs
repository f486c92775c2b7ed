//! Run identity: what makes two requests "the same work". Dedupe compares it among active runs.

use atlas_domain::{normalize::canonical_hash, OperationType, TenantId, WorkspaceId};

/// SHA-256 (hex) over the canonical (RFC 8785) JSON of type, scope and the identity inputs, so
/// key order in the inputs never changes the hash.
pub fn run_identity_hash(
    operation: OperationType,
    workspace: WorkspaceId,
    tenant: Option<TenantId>,
    identity_inputs: &serde_json::Value,
) -> String {
    let canonical = serde_json::json!({
        "type": operation.code(),
        "workspace": workspace.to_string(),
        "tenant": tenant.map(|t| t.to_string()),
        "inputs": identity_inputs,
    });
    canonical_hash(&canonical)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_order_does_not_matter_but_scope_does() {
        let ws = WorkspaceId::new();
        let a: serde_json::Value = serde_json::from_str(r#"{"a":1,"b":[1,2]}"#).unwrap();
        let b: serde_json::Value = serde_json::from_str(r#"{"b":[1,2],"a":1}"#).unwrap();
        let t = OperationType::InventorySync;
        assert_eq!(
            run_identity_hash(t, ws, None, &a),
            run_identity_hash(t, ws, None, &b)
        );
        assert_ne!(
            run_identity_hash(t, ws, None, &a),
            run_identity_hash(t, ws, Some(TenantId::new()), &a)
        );
        assert_ne!(
            run_identity_hash(t, ws, None, &a),
            run_identity_hash(OperationType::PolicySync, ws, None, &a)
        );
        assert_eq!(run_identity_hash(t, ws, None, &a).len(), 64);
    }
}
