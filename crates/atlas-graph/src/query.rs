//! OData query options for a list request: `$select`, `$expand`, `$filter`, `$top`.

use url::Url;

use crate::ObjectType;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListQuery {
    pub select: Vec<String>,
    pub expand: Option<String>,
    pub filter: Option<String>,
    pub top: Option<u32>,
}

impl ListQuery {
    /// What the catalog says a type's list request carries: its `$expand` and `$filter`.
    pub fn for_type(object_type: &ObjectType) -> Self {
        Self {
            expand: object_type.expand.map(str::to_owned),
            filter: object_type.filter.map(str::to_owned),
            ..Self::default()
        }
    }

    /// Appends the options to `url` (leaving other query parameters in place).
    pub fn apply(&self, url: &mut Url) {
        {
            let mut pairs = url.query_pairs_mut();
            if !self.select.is_empty() {
                pairs.append_pair("$select", &self.select.join(","));
            }
            if let Some(expand) = &self.expand {
                pairs.append_pair("$expand", expand);
            }
            if let Some(filter) = &self.filter {
                pairs.append_pair("$filter", filter);
            }
            if let Some(top) = self.top {
                pairs.append_pair("$top", &top.to_string());
            }
        }
        if url.query() == Some("") {
            url.set_query(None);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_are_appended_and_empty_queries_dropped() {
        let mut url = Url::parse("https://graph.microsoft.com/beta/groups").unwrap();
        ListQuery::default().apply(&mut url);
        assert_eq!(url.as_str(), "https://graph.microsoft.com/beta/groups");
        let query = ListQuery {
            select: vec!["id".into(), "displayName".into()],
            filter: Some("securityEnabled eq true".into()),
            top: Some(999),
            ..ListQuery::default()
        };
        query.apply(&mut url);
        let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
        assert_eq!(
            pairs,
            vec![
                ("$select".into(), "id,displayName".into()),
                ("$filter".into(), "securityEnabled eq true".into()),
                ("$top".into(), "999".into()),
            ]
        );
    }

    #[test]
    fn a_type_carries_its_catalog_expand_and_filter() {
        let ring = ObjectType::find("update_ring").unwrap();
        let q = ListQuery::for_type(ring);
        assert_eq!(q.expand.as_deref(), Some("assignments"));
        assert!(q.filter.unwrap().starts_with("isof("));
    }
}
