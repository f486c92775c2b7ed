//! RFC 8785 (JCS) canonical JSON written straight from a `serde_json::Value`, optionally
//! normalising on the way (SPEC §4), so a content hash needs neither a normalised copy of the
//! value nor a buffer per object member. The output is byte for byte what `serde_jcs` writes
//! (a property test holds the two together): every stored hash stays valid.

use serde_json::{Map, Value};

/// What to leave out and reorder while writing; [`Normalize::NONE`] writes the value as it is.
#[derive(Clone, Copy)]
pub(crate) struct Normalize<'a> {
    /// Whether volatile fields, OData annotations and unordered arrays are handled at all.
    pub active: bool,
    /// Volatile fields of the object type, beyond the common ones.
    pub extra_volatile: &'a [&'a str],
    /// Fields left out of the top-level object only.
    pub drop_top: &'a [&'a str],
}

impl Normalize<'_> {
    pub const NONE: Normalize<'static> = Normalize {
        active: false,
        extra_volatile: &[],
        drop_top: &[],
    };

    /// The same rules below the top level, where `drop_top` no longer applies.
    fn nested(self) -> Self {
        Normalize {
            drop_top: &[],
            ..self
        }
    }
}

/// Appends the canonical JSON of `value` (normalised by `rules`) to `out`.
pub(crate) fn write(value: &Value, rules: Normalize, out: &mut Vec<u8>) {
    match value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        Value::Number(n) => write_number(n, out),
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write(item, rules.nested(), out);
            }
            out.push(b']');
        }
        Value::Object(map) => write_object(map, rules, out),
    }
}

fn write_object(map: &Map<String, Value>, rules: Normalize, out: &mut Vec<u8>) {
    let kept = |key: &str| {
        !rules.active
            || (!super::normalize::is_volatile(key, rules.extra_volatile)
                && !rules.drop_top.contains(&key))
    };
    // JCS orders members by the UTF-16 code units of their names. The map iterates in UTF-8
    // byte order, which is the same unless a name holds a character from U+E000 up.
    let mut entries: Vec<(&String, &Value)> = map.iter().filter(|(k, _)| kept(k)).collect();
    if entries
        .iter()
        .any(|(k, _)| k.chars().any(|c| c >= '\u{E000}'))
    {
        entries.sort_by(|(a, _), (b, _)| a.encode_utf16().cmp(b.encode_utf16()));
    }
    out.push(b'{');
    for (i, (key, value)) in entries.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_string(key, out);
        out.push(b':');
        let nested = rules.nested();
        match value {
            Value::Array(items)
                if rules.active && super::normalize::UNORDERED_ARRAYS.contains(&key.as_str()) =>
            {
                write_sorted(items, nested, out)
            }
            _ => write(value, nested, out),
        }
    }
    out.push(b'}');
}

/// An array whose order carries no meaning: its members in the order of their canonical text.
fn write_sorted(items: &[Value], rules: Normalize, out: &mut Vec<u8>) {
    let mut texts: Vec<Vec<u8>> = items
        .iter()
        .map(|item| {
            let mut text = Vec::new();
            write(item, rules, &mut text);
            text
        })
        .collect();
    texts.sort_unstable();
    out.push(b'[');
    for (i, text) in texts.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(text);
    }
    out.push(b']');
}

/// Numbers as ECMAScript prints them (JCS §3.2.2.3): every number is a double.
fn write_number(n: &serde_json::Number, out: &mut Vec<u8>) {
    // A `Value` holds only finite numbers; integers convert as JCS serialisers convert them.
    let value = n.as_f64().unwrap_or(0.0);
    out.extend_from_slice(ryu_js::Buffer::new().format_finite(value).as_bytes());
}

/// A string with JCS escaping: quote, backslash and control characters only, the latter as
/// their short forms where JSON has one and `\u00xx` (lower-case) otherwise.
fn write_string(s: &str, out: &mut Vec<u8>) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\x08' => b"\\b",
            b'\x0c' => b"\\f",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0..=0x1f => &[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[(b >> 4) as usize],
                HEX[(b & 0xf) as usize],
            ],
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        out.extend_from_slice(escape);
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::json;

    use super::*;

    fn canonical(value: &Value) -> String {
        let mut out = Vec::new();
        write(value, Normalize::NONE, &mut out);
        String::from_utf8(out).unwrap()
    }

    /// Any JSON value: numbers of every kind, strings with escapes and characters beyond the
    /// basic plane, nested arrays and objects whose keys sort differently in UTF-16.
    fn any_value() -> impl Strategy<Value = Value> {
        let text = prop_oneof![
            "[a-zA-Z0-9 _@.#-]{0,12}",
            "[\\x00-\\x1f\"\\\\/]{0,6}",
            "[\u{e000}-\u{e010}\u{1f600}-\u{1f610}\u{ff00}-\u{ff10}a-c]{0,6}",
            any::<String>(),
        ];
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(|n| json!(n)),
            any::<u64>().prop_map(|n| json!(n)),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(|f| json!(f)),
            (-1e6f64..1e6).prop_map(|f| json!(f)),
            text.clone().prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 64, 8, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::btree_map(text.clone(), inner, 0..6)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]
        #[test]
        fn writes_exactly_what_serde_jcs_writes(value in any_value()) {
            prop_assert_eq!(canonical(&value), serde_jcs::to_string(&value).unwrap());
        }
    }

    #[test]
    fn known_cases_match_the_rfc_and_serde_jcs() {
        // RFC 8785 §3.2.2's example input, plus names that sort differently in UTF-16.
        let value: Value = serde_json::from_str(
            r#"{
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001, 9007199254740993, -0.0],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false],
              "\ue000": 1, "\ud83d\ude00": 2, "\u00e9": 3, "a": 4
            }"#,
        )
        .unwrap();
        assert_eq!(canonical(&value), serde_jcs::to_string(&value).unwrap());
        assert!(canonical(&value).starts_with(
            r#"{"a":4,"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27"#
        ));
        // In UTF-16, U+1F600 (a surrogate pair from 0xD83D) sorts before U+E000.
        assert!(canonical(&value).ends_with("\"\u{e9}\":3,\"\u{1f600}\":2,\"\u{e000}\":1}"));
    }
}
