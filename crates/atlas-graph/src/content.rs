//! Reading one catalog type of a tenant: the listing (with the catalog's `$expand` and
//! `$filter`), and for a full read every object's paged detail and assignment collections,
//! fetched through `$batch`. The result says truthfully what was read: a listing that broke off
//! or an object whose details failed is reported, never silently dropped.

use futures_util::stream::{self, BoxStream};
use futures_util::{FutureExt, StreamExt};
use serde_json::Value;
use url::Url;

use crate::batch::{BatchRequest, BatchResponse};
use crate::client::page_of;
use crate::error::{GraphError, ProviderReason};
use crate::{Credentials, GraphClient, ObjectType};

/// How much of each object to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// What the list request returns (with the catalog's expansions): enough for inventory.
    Listing,
    /// Also every detail collection (settings, definition values) and assignments.
    Full,
}

/// One object as read, secrets already replaced.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectContent {
    pub id: String,
    pub display_name: String,
    pub platform: Option<String>,
    /// The object's JSON with its detail collections and assignments inlined under their
    /// navigation names (`settings`, `definitionValues`, `assignments`, …).
    pub content: Value,
}

/// An object that could not be read completely (or could not be understood).
#[derive(Debug, Clone)]
pub struct ItemFailure {
    /// The object's id, or its position in the listing when it had none.
    pub id: String,
    pub display_name: Option<String>,
    pub error: GraphError,
}

/// The outcome of reading one type.
#[derive(Debug, Clone)]
pub struct TypeRead {
    pub object_type: &'static ObjectType,
    pub objects: Vec<ObjectContent>,
    pub failures: Vec<ItemFailure>,
    /// Objects the listing returned (read or failed).
    pub listed: usize,
    pub pages: u32,
    /// Set when the listing itself broke off: the objects are only those read before.
    pub list_error: Option<GraphError>,
}

impl TypeRead {
    /// Everything listed and every object read in full.
    pub fn complete(&self) -> bool {
        self.list_error.is_none() && self.failures.is_empty()
    }
}

/// A navigation collection read per object: where it goes in the content and its URL suffix.
#[derive(Debug, Clone, Copy)]
struct Navigation {
    name: &'static str,
    suffix: &'static str,
}

fn navigations(object_type: &ObjectType) -> Vec<Navigation> {
    let mut navs = Vec::new();
    if let Some(detail) = object_type.detail_collection {
        navs.push(Navigation {
            name: detail.split('?').next().unwrap_or(detail),
            suffix: detail,
        });
    }
    if let Some(assignments) = object_type.assignments_collection {
        navs.push(Navigation {
            name: assignments,
            suffix: assignments,
        });
    }
    navs
}

impl GraphClient {
    /// Reads several types of one tenant, up to the tenant's in-flight limit at once (the
    /// budget keeps the total within Intune's limits); results in the order given.
    pub async fn read_types(
        &self,
        credentials: &Credentials,
        object_types: &[&'static ObjectType],
        depth: Depth,
    ) -> Vec<TypeRead> {
        // In the order asked for (callers index the result); the stream is unordered.
        let mut reads: Vec<TypeRead> = self
            .read_types_stream(credentials, object_types.to_vec(), depth)
            .collect()
            .await;
        let position = |read: &TypeRead| {
            object_types
                .iter()
                .position(|t| t.key == read.object_type.key)
                .unwrap_or(usize::MAX)
        };
        reads.sort_by_key(position);
        reads
    }

    /// Like [`read_types`](Self::read_types), yielding each type as soon as it is read — in the
    /// order reads finish, not catalog order, so one slow type never holds back storing the
    /// others — so a caller can store and report progress as it goes.
    pub fn read_types_stream<'a>(
        &'a self,
        credentials: &'a Credentials,
        object_types: Vec<&'static ObjectType>,
        depth: Depth,
    ) -> BoxStream<'a, TypeRead> {
        stream::iter(object_types)
            .map(move |object_type| self.read_type(credentials, object_type, depth).boxed())
            .buffer_unordered(self.settings.max_in_flight)
            .boxed()
    }

    /// Reads every object of `object_type` in the tenant.
    pub async fn read_type(
        &self,
        credentials: &Credentials,
        object_type: &'static ObjectType,
        depth: Depth,
    ) -> TypeRead {
        let mut read = TypeRead {
            object_type,
            objects: Vec::new(),
            failures: Vec::new(),
            listed: 0,
            pages: 0,
            list_error: None,
        };
        let mut listed = Vec::new();
        match self.collection_url(object_type, None) {
            Ok(url) if object_type.singleton => match self.get_json(credentials, &url).await {
                Ok((item, _)) => {
                    read.pages = 1;
                    listed.push(singleton_item(object_type, item));
                }
                // Not set up in this tenant: nothing to read, and nothing missing.
                Err(error) if error.reason == ProviderReason::NotFound => read.pages = 1,
                Err(error) => read.list_error = Some(error),
            },
            Ok(first) => {
                let mut next = Some(first);
                while let Some(url) = next {
                    match self.get_page(credentials, &url).await {
                        Ok((page, _)) => {
                            read.pages += 1;
                            listed.extend(page.items);
                            next = page.next_link;
                        }
                        Err(error) => {
                            read.list_error = Some(error);
                            next = None;
                        }
                    }
                }
            }
            Err(error) => read.list_error = Some(error),
        }
        read.listed = listed.len();
        let mut objects: Vec<(String, Value)> = Vec::with_capacity(listed.len());
        for (position, item) in listed.into_iter().enumerate() {
            match item.get("id").and_then(Value::as_str) {
                Some(id) if item.is_object() && !id.is_empty() => {
                    objects.push((id.to_owned(), item))
                }
                _ => read.failures.push(ItemFailure {
                    id: format!("#{}", position + 1),
                    display_name: object_type.display_name_of(&item),
                    error: GraphError::new(
                        ProviderReason::MalformedResponse,
                        "Microsoft Graph listed an object without an id.",
                    ),
                }),
            }
        }
        let navs = navigations(object_type);
        if depth == Depth::Full && !navs.is_empty() && !objects.is_empty() {
            let failed = self
                .read_navigations(credentials, object_type, &navs, &mut objects)
                .await;
            objects.retain(|(id, item)| match failed.iter().find(|(f, _)| f == id) {
                Some((_, error)) => {
                    read.failures.push(ItemFailure {
                        id: id.clone(),
                        display_name: object_type.display_name_of(item),
                        error: error.clone(),
                    });
                    false
                }
                None => true,
            });
        }
        read.objects = objects
            .into_iter()
            .map(|(id, mut content)| {
                object_type.strip_secrets(&mut content);
                ObjectContent {
                    display_name: object_type
                        .display_name_of(&content)
                        .unwrap_or_else(|| id.clone()),
                    platform: object_type.platform_of(&content),
                    id,
                    content,
                }
            })
            .collect();
        read
    }

    /// Reads one object in full (for a single-policy capture): the object with the catalog's
    /// expansions, then each detail and assignments collection to its last page.
    pub async fn read_object(
        &self,
        credentials: &Credentials,
        object_type: &'static ObjectType,
        id: &str,
    ) -> Result<ObjectContent, GraphError> {
        let mut query = crate::ListQuery::for_type(object_type);
        query.filter = None;
        let url = self.url(
            object_type.version,
            &format!("{}/{}", object_type.path, encode_id(id)),
            &query,
        )?;
        let (mut content, _) = self.get_json(credentials, &url).await?;
        if let Value::Object(map) = &mut content {
            map.remove("@odata.context");
        }
        for nav in navigations(object_type) {
            let url = self.url(
                object_type.version,
                &format!("{}/{}/{}", object_type.path, encode_id(id), nav.suffix),
                &crate::ListQuery::default(),
            )?;
            let (first, _) = self.get_json(credentials, &url).await?;
            let items = self.rest_of_collection(credentials, first).await?;
            if let Value::Object(map) = &mut content {
                map.insert(nav.name.to_owned(), Value::Array(items));
            }
        }
        object_type.strip_secrets(&mut content);
        Ok(ObjectContent {
            id: id.to_owned(),
            display_name: object_type
                .display_name_of(&content)
                .unwrap_or_else(|| id.to_owned()),
            platform: object_type.platform_of(&content),
            content,
        })
    }

    /// Fills every object's navigation collections (first pages through `$batch`, further
    /// pages one by one); returns the objects that failed and why.
    async fn read_navigations(
        &self,
        credentials: &Credentials,
        object_type: &ObjectType,
        navs: &[Navigation],
        objects: &mut [(String, Value)],
    ) -> Vec<(String, GraphError)> {
        let requests: Vec<BatchRequest> = objects
            .iter()
            .enumerate()
            .flat_map(|(index, (id, _))| {
                navs.iter().enumerate().map(move |(n, nav)| {
                    BatchRequest::get(
                        format!("{index}.{n}"),
                        format!("/{}/{}/{}", object_type.path, encode_id(id), nav.suffix),
                    )
                })
            })
            .collect();
        let responses = self.batch(credentials, object_type.version, requests).await;
        let mut failed: Vec<(String, GraphError)> = Vec::new();
        for BatchResponse { id, result } in responses {
            let Some((index, n)) = id
                .split_once('.')
                .and_then(|(i, n)| Some((i.parse::<usize>().ok()?, n.parse::<usize>().ok()?)))
            else {
                continue;
            };
            let (object_id, object) = &mut objects[index];
            if failed.iter().any(|(f, _)| f == object_id) {
                continue;
            }
            let items = match result {
                Ok(body) => self.rest_of_collection(credentials, body).await,
                Err(error) => Err(error),
            };
            match items {
                Ok(items) => {
                    if let Value::Object(map) = object {
                        map.insert(navs[n].name.to_owned(), Value::Array(items));
                    }
                }
                Err(error) => failed.push((object_id.clone(), error)),
            }
        }
        failed
    }

    /// The items of a first page plus every page its `@odata.nextLink` leads to.
    async fn rest_of_collection(
        &self,
        credentials: &Credentials,
        first: Value,
    ) -> Result<Vec<Value>, GraphError> {
        let page = page_of(first)?;
        let mut items = page.items;
        let mut next: Option<Url> = page.next_link;
        while let Some(url) = next {
            let (page, _) = self.get_page(credentials, &url).await?;
            items.extend(page.items);
            next = page.next_link;
        }
        Ok(items)
    }
}

/// Object ids are GUIDs or `{guid}_{suffix}`; anything else is percent-encoded so it stays
/// one path segment.
pub(crate) fn encode_id(id: &str) -> String {
    url::form_urlencoded::byte_serialize(id.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

/// A singleton as an inventory object: without its context, and with an id (the settings of
/// `deviceManagement/settings` have none: they are named by the type's key) and a name. Imports
/// of other tools' files shape singletons the same way.
pub fn singleton_item(object_type: &ObjectType, mut item: Value) -> Value {
    if let Value::Object(map) = &mut item {
        map.remove("@odata.context");
        if !map.get("id").is_some_and(Value::is_string) {
            map.insert("id".into(), Value::String(object_type.key.to_owned()));
        }
        let named = map
            .get(object_type.display_name_field)
            .and_then(Value::as_str)
            .is_some_and(|name| !name.is_empty());
        if !named {
            map.insert(
                object_type.display_name_field.into(),
                Value::String(object_type.label.to_owned()),
            );
        }
    }
    item
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn navigations_come_from_the_catalog() {
        let sc = ObjectType::find("settings_catalog").unwrap();
        let navs = navigations(sc);
        assert_eq!(navs.len(), 2);
        assert_eq!((navs[0].name, navs[0].suffix), ("settings", "settings"));
        assert_eq!(navs[1].name, "assignments");
        let admx = ObjectType::find("administrative_template").unwrap();
        let navs = navigations(admx);
        assert_eq!(navs[0].name, "definitionValues");
        assert!(navs[0].suffix.starts_with("definitionValues?$expand="));
        assert!(navigations(ObjectType::find("group").unwrap()).is_empty());
    }

    #[test]
    fn ids_stay_one_segment() {
        assert_eq!(encode_id("3f2a-1"), "3f2a-1");
        assert_eq!(encode_id("a/b c"), "a%2Fb%20c");
    }
}
