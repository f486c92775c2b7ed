//! Statements assembled at run time (filters that come and go), engine-agnostic: a [`Query`]
//! is SQL text and bind values in the order they appear, and [`build!`] turns it into an sqlx
//! `QueryBuilder` for whichever engine the connection is — which numbers the placeholders
//! (`$n` on PostgreSQL, `?` on SQLite) itself, so nothing here counts parameters.

/// One part of a statement.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Part {
    Sql(String),
    Text(String),
    Int(i64),
    /// A JSON document (TEXT on SQLite, JSONB on PostgreSQL); `None` is SQL NULL.
    Json(Option<serde_json::Value>),
}

/// SQL text with its bind values, in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Query {
    parts: Vec<Part>,
}

impl Query {
    pub fn new(sql: impl Into<String>) -> Self {
        let mut query = Self::default();
        query.sql(sql);
        query
    }

    /// Appends SQL text, taken literally (never a value: values are bound).
    pub fn sql(&mut self, sql: impl Into<String>) -> &mut Self {
        self.parts.push(Part::Sql(sql.into()));
        self
    }

    pub fn text(&mut self, value: impl Into<String>) -> &mut Self {
        self.parts.push(Part::Text(value.into()));
        self
    }

    pub fn int(&mut self, value: i64) -> &mut Self {
        self.parts.push(Part::Int(value));
        self
    }

    pub fn json(&mut self, value: &serde_json::Value) -> &mut Self {
        self.parts.push(Part::Json(Some(value.clone())));
        self
    }

    pub fn json_opt(&mut self, value: Option<&serde_json::Value>) -> &mut Self {
        self.parts.push(Part::Json(value.cloned()));
        self
    }

    /// `value, value, …` as bound text values.
    pub fn text_list(&mut self, values: impl IntoIterator<Item = String>) -> &mut Self {
        for (i, value) in values.into_iter().enumerate() {
            if i > 0 {
                self.sql(", ");
            }
            self.text(value);
        }
        self
    }

    /// Appends another query (its text and binds).
    pub fn append(&mut self, other: &Query) -> &mut Self {
        self.parts.extend(other.parts.iter().cloned());
        self
    }

    pub fn parts(&self) -> &[Part] {
        &self.parts
    }

    /// The SQL with `?` for each value: for tests and logs.
    #[cfg(test)]
    pub fn text_with_marks(&self) -> String {
        self.parts
            .iter()
            .map(|p| match p {
                Part::Sql(s) => s.as_str(),
                Part::Text(_) | Part::Int(_) | Part::Json(_) => "?",
            })
            .collect()
    }
}

/// Conditions joined by `AND`, each a small [`Query`].
#[derive(Debug, Clone, Default)]
pub(crate) struct Conditions {
    all: Vec<Query>,
}

impl Conditions {
    /// Adds a condition; build it with the returned query.
    pub fn and(&mut self, sql: impl Into<String>) -> &mut Query {
        self.all.push(Query::new(sql));
        self.all.last_mut().expect("just pushed")
    }

    /// `column IN (…)` over text values; nothing when there are none (no filter).
    pub fn any_of(&mut self, column: &str, values: Vec<String>) {
        if values.is_empty() {
            return;
        }
        self.and(format!("{column} IN ("))
            .text_list(values)
            .sql(")");
    }

    /// The conditions as one query (`TRUE` when there are none).
    pub fn joined(&self) -> Query {
        let mut out = Query::default();
        if self.all.is_empty() {
            out.sql("1 = 1");
        }
        for (i, condition) in self.all.iter().enumerate() {
            if i > 0 {
                out.sql(" AND ");
            }
            out.append(condition);
        }
        out
    }
}

/// An sqlx `QueryBuilder` from a [`Query`], for the engine of the connection it runs on (use it
/// inside `on_db!`, whose body is compiled once per engine).
macro_rules! build {
    ($query:expr) => {{
        let mut qb = sqlx::QueryBuilder::new("");
        for part in $query.parts() {
            match part {
                $crate::query::Part::Sql(sql) => {
                    qb.push(sql);
                }
                $crate::query::Part::Text(text) => {
                    qb.push_bind(text.as_str());
                }
                $crate::query::Part::Int(value) => {
                    qb.push_bind(*value);
                }
                $crate::query::Part::Json(value) => {
                    qb.push_bind(value.as_ref().map(sqlx::types::Json));
                }
            }
        }
        qb
    }};
}
pub(crate) use build;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_join_with_and_and_keep_values_out_of_the_text() {
        let mut c = Conditions::default();
        c.and("a = ").text("x$1'; DROP TABLE t; --");
        c.any_of("b", vec![]);
        c.any_of("c", vec!["1".into(), "2".into()]);
        c.and("d < ").int(5);
        let q = c.joined();
        assert_eq!(q.text_with_marks(), "a = ? AND c IN (?, ?) AND d < ?");
        let values: Vec<&Part> = q
            .parts()
            .iter()
            .filter(|p| !matches!(p, Part::Sql(_)))
            .collect();
        assert_eq!(
            values,
            [
                &Part::Text("x$1'; DROP TABLE t; --".into()),
                &Part::Text("1".into()),
                &Part::Text("2".into()),
                &Part::Int(5)
            ]
        );
        assert_eq!(Conditions::default().joined().text_with_marks(), "1 = 1");
    }
}
