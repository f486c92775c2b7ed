//! A file's bytes as one JSON object: JSON in UTF-8 (with or without a byte-order mark) or
//! UTF-16 (IntuneManagement on Windows PowerShell 5.1 writes UTF-16LE), or YAML (IntuneCD's
//! `--output yaml`).

use serde_json::Value;

/// Which syntax a file is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Json,
    Yaml,
}

impl Syntax {
    /// By extension: `.json`, `.yaml`/`.yml`; anything else is not an object file.
    pub fn of(relative: &str) -> Option<Self> {
        let lower = relative.to_ascii_lowercase();
        if lower.ends_with(".json") {
            Some(Syntax::Json)
        } else if lower.ends_with(".yaml") || lower.ends_with(".yml") {
            Some(Syntax::Yaml)
        } else {
            None
        }
    }
}

/// The text of a file, its encoding found from its byte-order mark.
pub fn text(bytes: &[u8]) -> Result<String, String> {
    let utf16 = |bytes: &[u8], little: bool| {
        if bytes.len() % 2 != 0 {
            return Err("is UTF-16 with an odd number of bytes (cut short?)".to_owned());
        }
        let units = bytes.chunks_exact(2).map(|p| {
            if little {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        });
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .map_err(|_| "is not valid UTF-16 text".to_owned())
    };
    match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => utf8(rest),
        [0xFF, 0xFE, rest @ ..] => utf16(rest, true),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, false),
        _ => utf8(bytes),
    }
}

fn utf8(bytes: &[u8]) -> Result<String, String> {
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        format!(
            "is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// One object from `text`; a list, a scalar or a syntax error is refused with where it is.
pub fn object(text: &str, syntax: Syntax) -> Result<Value, String> {
    let value: Value = match syntax {
        Syntax::Json => {
            serde_json::from_str(text).map_err(|e| format!("is not valid JSON: {e}"))?
        }
        Syntax::Yaml => {
            serde_yaml_ng::from_str(text).map_err(|e| format!("is not valid YAML: {e}"))?
        }
    };
    match value {
        Value::Object(_) => Ok(value),
        Value::Array(_) => Err("holds a list, not one object".to_owned()),
        Value::Null => Err("is empty".to_owned()),
        _ => Err("holds a single value, not an object".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_found_from_the_byte_order_mark() {
        let json = r#"{"displayName":"Wi-Fi ü"}"#;
        let mut le = vec![0xFF, 0xFE];
        le.extend(json.encode_utf16().flat_map(u16::to_le_bytes));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend(json.as_bytes());
        for bytes in [json.as_bytes().to_vec(), bom, le] {
            let value = object(&text(&bytes).unwrap(), Syntax::Json).unwrap();
            assert_eq!(value["displayName"], "Wi-Fi ü");
        }
        assert!(text(&[0xFF, 0xFE, 0x41])
            .unwrap_err()
            .contains("odd number"));
        assert!(text(&[0x41, 0xC3]).unwrap_err().contains("not UTF-8"));
    }

    #[test]
    fn only_one_object_is_an_object_file() {
        let yaml = "displayName: Baseline\nassignments:\n- target:\n    groupName: Pilot\n";
        let value = object(yaml, Syntax::Yaml).unwrap();
        assert_eq!(value["assignments"][0]["target"]["groupName"], "Pilot");
        assert!(object("{\"a\": ", Syntax::Json)
            .unwrap_err()
            .starts_with("is not valid JSON: EOF while parsing"));
        assert!(object("a: [b", Syntax::Yaml)
            .unwrap_err()
            .starts_with("is not valid YAML"));
        assert_eq!(
            object("[1]", Syntax::Json).unwrap_err(),
            "holds a list, not one object"
        );
        assert_eq!(object("", Syntax::Yaml).unwrap_err(), "is empty");
        assert_eq!(Syntax::of("a/B.YML"), Some(Syntax::Yaml));
        assert_eq!(Syntax::of("a/b.ps1"), None);
    }
}
