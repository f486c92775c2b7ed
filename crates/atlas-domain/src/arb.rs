//! Generators for property tests of the crate.

use proptest::prelude::*;
use serde_json::{json, Value};

use crate::normalize::is_volatile;

/// Arbitrary JSON without volatile keys (so equality after normalisation is meaningful).
pub(crate) fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i32>().prop_map(|n| json!(n)),
        "[a-z ]{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map("[a-z]{1,6}", inner, 0..6).prop_map(|m| Value::Object(
                m.into_iter()
                    .filter(|(k, _)| !is_volatile(k, &[]))
                    .collect()
            )),
        ]
    })
}
