//! OData query options as Graph understands them for these collections: `$top`, `$skiptoken`,
//! `$select`, `$expand` (with nested `$expand`), `$count`, and `$filter` clauses joined by `and`
//! and `or` (`and` binding tighter): `[not ]isof('microsoft.graph.X')` and `property eq|ne
//! value` (a quoted string, a number, `true`, `false` or `null` — how clients ask for
//! `isBuiltIn eq false` or one `displayName`), the property possibly cast to a derived type
//! (`(microsoft.graph.managedApp/appAvailability) eq 'lineOfBusiness'`).
//! Anything else starting with `$` is refused as Graph does.
//!
//! A collection's skip token names the last object served (its sequence number), so objects
//! added or deleted between two pages never make the listing skip or repeat an unchanged one.
//! Sub-collections (settings, assignments, …) change only as a whole, so theirs is an offset.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

use super::errors::GraphError;
use crate::model::{nav_name, split_top_level};

/// Graph's default page size for these collections, and the largest `$top` it accepts.
pub(crate) const DEFAULT_PAGE: usize = 100;
pub(crate) const MAX_PAGE: usize = 999;

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ODataQuery {
    pub top: Option<usize>,
    pub skip: Skip,
    pub select: Option<Vec<String>>,
    pub expand: Vec<Expand>,
    pub filter: Option<Filter>,
    /// `$count=true`: the answer carries `@odata.count`.
    pub count: bool,
    /// Every option but `$skiptoken`, in request order, carried into `@odata.nextLink`.
    pub carried: Vec<(String, String)>,
}

/// Where a page starts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Skip {
    #[default]
    Start,
    /// After the object with this sequence number (collections).
    After(u64),
    /// At this index (sub-collections).
    Offset(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Expand {
    pub name: String,
    /// Names in the item's own `($expand=…)`.
    pub nested: Vec<String>,
}

/// A `$filter`: every clause must hold.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Filter {
    /// Alternatives joined by `or`, each a list of clauses joined by `and`.
    any_of: Vec<Vec<Clause>>,
}

#[derive(Debug, Clone, PartialEq)]
enum Clause {
    /// `[not ]isof('microsoft.graph.X')`, with the full `#microsoft.graph.X` discriminator.
    IsOf { odata_type: String, negated: bool },
    /// `property eq value`, or `ne` (`negated`). With a cast (`(microsoft.graph.managedApp/
    /// appAvailability) eq null`), objects not of that type read the property as null.
    Equals {
        cast: Option<String>,
        property: String,
        value: serde_json::Value,
        negated: bool,
    },
}

impl Filter {
    /// Whether an object's body passes every clause of one alternative.
    pub fn matches(&self, body: &serde_json::Map<String, serde_json::Value>) -> bool {
        self.any_of
            .iter()
            .any(|clauses| clauses.iter().all(|clause| clause.matches(body)))
    }
}

impl Clause {
    fn matches(&self, body: &serde_json::Map<String, serde_json::Value>) -> bool {
        match self {
            Clause::IsOf {
                odata_type,
                negated,
            } => {
                let found = body.get("@odata.type").and_then(|t| t.as_str());
                (found == Some(odata_type.as_str())) != *negated
            }
            Clause::Equals {
                cast,
                property,
                value,
                negated,
            } => {
                let odata_type = body.get("@odata.type").and_then(|t| t.as_str());
                let found = match cast {
                    Some(base) if !derives_from(odata_type, base) => &serde_json::Value::Null,
                    _ => body.get(property).unwrap_or(&serde_json::Value::Null),
                };
                let equal = match (found, value) {
                    // Graph compares strings without regard to case.
                    (serde_json::Value::String(a), serde_json::Value::String(b)) => {
                        a.eq_ignore_ascii_case(b)
                    }
                    (a, b) => a == b,
                };
                equal != *negated
            }
        }
    }
}

/// Whether an object of `odata_type` is a `base` (`managedApp`: every `managed…App`).
fn derives_from(odata_type: Option<&str>, base: &str) -> bool {
    let Some(name) = odata_type.and_then(|t| t.strip_prefix("#microsoft.graph.")) else {
        return false;
    };
    match base {
        "managedApp" => name.starts_with("managed") && name.ends_with("App"),
        "mobileLobApp" => name.ends_with("LobApp"),
        _ => name == base,
    }
}

impl ODataQuery {
    pub fn parse(raw: Option<&str>) -> Result<Self, GraphError> {
        let mut query = Self::default();
        for (key, value) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
            // A client that passes `?$expand=…` as its query string sends `??$expand=…`; Graph
            // still reads the option (IntuneCD lists notification templates that way).
            let option = key.trim_start_matches('?').to_ascii_lowercase();
            match option.as_str() {
                "$top" => query.top = Some(parse_top(&value)?),
                "$skiptoken" => {
                    query.skip = decode_skiptoken(&value)?;
                    continue;
                }
                "$select" => {
                    query.select = Some(
                        value
                            .split(',')
                            .map(|s| s.trim().to_owned())
                            .filter(|s| !s.is_empty())
                            .collect(),
                    )
                }
                "$expand" => query.expand = parse_expand(&value),
                "$filter" => query.filter = Some(parse_filter(&value)?),
                "$count" => {
                    query.count = match value.trim() {
                        "true" => true,
                        "false" => false,
                        _ => {
                            return Err(GraphError::bad_request(format!(
                                "Invalid value '{value}' for $count: use true or false."
                            )))
                        }
                    }
                }
                other if other.starts_with('$') => {
                    return Err(GraphError::bad_request(format!(
                        "Query option '{key}' is not supported on this resource."
                    )))
                }
                _ => {}
            }
            query.carried.push((key.into_owned(), value.into_owned()));
        }
        Ok(query)
    }

    pub fn page_size(&self) -> usize {
        self.top.unwrap_or(DEFAULT_PAGE)
    }

    /// The query string of the next page: the same options plus a skip token.
    pub fn next_query(&self, next: Skip) -> String {
        let mut parts: Vec<String> = self
            .carried
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect();
        parts.push(format!("$skiptoken={}", encode_skiptoken(next)));
        parts.join("&")
    }
}

/// Percent-encodes like a form but leaves the `$` of OData options readable.
fn encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes())
        .collect::<String>()
        .replace("%24", "$")
}

fn parse_top(value: &str) -> Result<usize, GraphError> {
    value
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|n| (1..=MAX_PAGE).contains(n))
        .ok_or_else(|| {
            GraphError::bad_request(format!("Invalid page size specified: '{value}'. Must be between 1 and {MAX_PAGE} inclusive."))
        })
}

fn parse_expand(value: &str) -> Vec<Expand> {
    split_top_level(value)
        .into_iter()
        .map(|item| {
            let nested = item
                .find("($expand=")
                .map(|start| {
                    let inner = item[start + "($expand=".len()..].trim_end_matches(')');
                    split_top_level(inner)
                        .into_iter()
                        .map(|n| nav_name(n).to_owned())
                        .collect()
                })
                .unwrap_or_default();
            Expand {
                name: nav_name(item).to_owned(),
                nested,
            }
        })
        .collect()
}

fn parse_filter(value: &str) -> Result<Filter, GraphError> {
    let unsupported = || {
        GraphError::bad_request(format!(
            "Invalid filter clause: '{value}' is not supported on this resource."
        ))
    };
    let any_of = split_words(value, " or ")
        .into_iter()
        .map(|alternative| {
            split_words(alternative, " and ")
                .into_iter()
                .map(|clause| parse_clause(clause).ok_or_else(unsupported))
                .collect::<Result<Vec<_>, _>>()
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Filter { any_of })
}

/// The parts of `a and b and c` (or of `a or b`, by `joiner`), outside quoted strings.
fn split_words<'a>(text: &'a str, joiner: &str) -> Vec<&'a str> {
    let mut clauses = Vec::new();
    let (mut start, mut quoted) = (0, false);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\'' => quoted = !quoted,
            b' ' if !quoted && text[i..].to_ascii_lowercase().starts_with(joiner) => {
                clauses.push(text[start..i].trim());
                i += joiner.len();
                start = i;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    clauses.push(text[start..].trim());
    clauses
}

fn parse_clause(text: &str) -> Option<Clause> {
    let (negated, rest) = match text.strip_prefix("not ") {
        Some(rest) => (true, rest.trim()),
        None => (false, text),
    };
    if let Some(inner) = rest.strip_prefix("isof(") {
        let name = inner
            .strip_suffix(')')
            .map(str::trim)
            .and_then(|r| r.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')))
            .filter(|name| name.starts_with("microsoft.graph.") && !name.contains('\''))?;
        return Some(Clause::IsOf {
            odata_type: format!("#{name}"),
            negated,
        });
    }
    if negated {
        return None;
    }
    let mut words = rest.splitn(3, ' ');
    let path = words.next()?.trim();
    let operator = words.next()?.trim().to_ascii_lowercase();
    let literal = words.next()?.trim();
    // A cast property path is written in parentheses: `(microsoft.graph.X/property)`.
    let path = path
        .strip_prefix('(')
        .and_then(|p| p.strip_suffix(')'))
        .unwrap_or(path);
    let (cast, property) = match path.split_once('/') {
        Some((cast, property)) => (Some(cast.strip_prefix("microsoft.graph.")?), property),
        None => (None, path),
    };
    let valid_name = |name: &str| {
        !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '@' || c == '.')
    };
    if !valid_name(property)
        || !cast.is_none_or(valid_name)
        || !matches!(operator.as_str(), "eq" | "ne")
    {
        return None;
    }
    Some(Clause::Equals {
        cast: cast.map(str::to_owned),
        property: property.to_owned(),
        value: literal_value(literal)?,
        negated: operator == "ne",
    })
}

/// An OData literal: `'text'` (with `''` for a quote), a number, `true`, `false` or `null`.
fn literal_value(text: &str) -> Option<serde_json::Value> {
    if let Some(inner) = text.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')) {
        return Some(serde_json::Value::String(inner.replace("''", "'")));
    }
    match text {
        "true" => Some(true.into()),
        "false" => Some(false.into()),
        "null" => Some(serde_json::Value::Null),
        number => serde_json::from_str::<serde_json::Number>(number)
            .ok()
            .map(serde_json::Value::Number),
    }
}

const AFTER_PREFIX: &str = "atlas-sim-after:";
const OFFSET_PREFIX: &str = "atlas-sim-offset:";

fn encode_skiptoken(skip: Skip) -> String {
    let text = match skip {
        Skip::Start => format!("{OFFSET_PREFIX}0"),
        Skip::After(seq) => format!("{AFTER_PREFIX}{seq}"),
        Skip::Offset(offset) => format!("{OFFSET_PREFIX}{offset}"),
    };
    URL_SAFE_NO_PAD.encode(text)
}

fn decode_skiptoken(token: &str) -> Result<Skip, GraphError> {
    let text = URL_SAFE_NO_PAD
        .decode(token.trim())
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_default();
    let skip = if let Some(seq) = text.strip_prefix(AFTER_PREFIX) {
        seq.parse().ok().map(Skip::After)
    } else if let Some(offset) = text.strip_prefix(OFFSET_PREFIX) {
        offset.parse().ok().map(Skip::Offset)
    } else {
        None
    };
    skip.ok_or_else(skip_token_invalid)
}

pub(crate) fn skip_token_invalid() -> GraphError {
    GraphError::bad_request("The skip token is not valid for this request.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn options_parse_and_carry_into_the_next_link() {
        let q = ODataQuery::parse(Some(
            "%24top=5&$select=id,name&$expand=assignments,scheduledActionsForRule($expand=scheduledActionConfigurations)&$filter=not%20isof('microsoft.graph.windowsUpdateForBusinessConfiguration')",
        ))
        .unwrap();
        assert_eq!(q.top, Some(5));
        assert_eq!(q.select, Some(vec!["id".to_owned(), "name".to_owned()]));
        assert_eq!(q.expand[1].name, "scheduledActionsForRule");
        assert_eq!(q.expand[1].nested, vec!["scheduledActionConfigurations"]);
        let filter = q.filter.clone().unwrap();
        let typed = |t: &str| body(json!({ "@odata.type": t }));
        assert!(filter.matches(&typed("#microsoft.graph.windows10GeneralConfiguration")));
        assert!(!filter.matches(&typed(
            "#microsoft.graph.windowsUpdateForBusinessConfiguration"
        )));
        let next = ODataQuery::parse(Some(&q.next_query(Skip::After(10)))).unwrap();
        assert_eq!(next.skip, Skip::After(10));
        let nav = ODataQuery::parse(Some(&q.next_query(Skip::Offset(7)))).unwrap();
        assert_eq!(nav.skip, Skip::Offset(7));
        assert_eq!(next.top, q.top);
        assert_eq!(next.expand, q.expand);
        assert_eq!(next.filter, q.filter);
    }

    #[test]
    fn bad_options_are_refused() {
        for bad in [
            "$top=0",
            "$top=1000",
            "$top=x",
            "$skiptoken=garbage",
            "$filter=startswith(displayName,'x')",
            "$filter=displayName gt 'x'",
            "$filter=isBuiltIn eq maybe",
            "$count=yes",
            "$orderby=name",
        ] {
            let err = ODataQuery::parse(Some(bad)).unwrap_err();
            assert_eq!(err.code, "BadRequest", "{bad}");
        }
        assert!(ODataQuery::parse(Some("api-version=1&foo=bar")).is_ok());
    }

    fn body(value: serde_json::Value) -> serde_json::Map<String, serde_json::Value> {
        value.as_object().unwrap().clone()
    }

    #[test]
    fn property_filters_compare_like_graph() {
        let q = ODataQuery::parse(Some(
            "$filter=isBuiltIn eq false and displayName eq 'Help ''desk'''&$count=true",
        ))
        .unwrap();
        assert!(q.count);
        let filter = q.filter.unwrap();
        assert!(filter.matches(&body(
            json!({"isBuiltIn": false, "displayName": "HELP 'DESK'"})
        )));
        assert!(!filter.matches(&body(
            json!({"isBuiltIn": true, "displayName": "Help 'desk'"})
        )));
        assert!(
            !filter.matches(&body(json!({"displayName": "Help 'desk'"}))),
            "missing is null"
        );
        let ne = ODataQuery::parse(Some("$filter=id ne '42' and not isof('microsoft.graph.x')"))
            .unwrap()
            .filter
            .unwrap();
        assert!(ne.matches(&body(
            json!({"id": "7", "@odata.type": "#microsoft.graph.y"})
        )));
        assert!(!ne.matches(&body(json!({"id": "42"}))));
    }

    #[test]
    fn alternatives_and_casts_filter_apps_as_backup_tools_ask() {
        let filter = ODataQuery::parse(Some(
            "$filter=(microsoft.graph.managedApp/appAvailability) eq null or (microsoft.graph.managedApp/appAvailability) eq 'lineOfBusiness' or isAssigned eq true",
        ))
        .unwrap()
        .filter
        .unwrap();
        let app = |odata: &str, availability: &str, assigned: bool| {
            body(
                json!({"@odata.type": format!("#microsoft.graph.{odata}"), "appAvailability": availability, "isAssigned": assigned}),
            )
        };
        // Not a managed app: its availability reads as null, whatever the field holds.
        assert!(filter.matches(&app("win32LobApp", "global", false)));
        assert!(filter.matches(&app("managedIOSLobApp", "lineOfBusiness", false)));
        assert!(filter.matches(&app("managedAndroidStoreApp", "global", true)));
        assert!(!filter.matches(&app("managedAndroidStoreApp", "global", false)));
        assert!(ODataQuery::parse(Some("$filter=(other.ns.x/y) eq 1")).is_err());
    }
}
