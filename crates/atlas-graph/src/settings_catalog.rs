//! Microsoft's settings catalog, read by id: the definitions of settings (portal name,
//! description, option labels, category) and the categories' names. Read only for the ids a
//! tenant's cache lacks, twenty to a `$batch`, so a sync pays for each definition once rather
//! than with every policy that uses it.

use serde_json::Value;

use crate::batch::{BatchRequest, BatchResponse};
use crate::content::encode_id;
use crate::{ApiVersion, Credentials, GraphClient};

impl GraphClient {
    /// The definitions of the settings `ids` (`deviceManagement/configurationSettings/{id}`);
    /// an id Graph does not describe, or whose read fails, is left out.
    pub async fn setting_definitions(
        &self,
        credentials: &Credentials,
        ids: &[String],
    ) -> Vec<Value> {
        self.catalog_entries(credentials, "deviceManagement/configurationSettings", ids)
            .await
    }

    /// The settings categories `ids` (`deviceManagement/configurationCategories/{id}`).
    pub async fn setting_categories(
        &self,
        credentials: &Credentials,
        ids: &[String],
    ) -> Vec<Value> {
        self.catalog_entries(credentials, "deviceManagement/configurationCategories", ids)
            .await
    }

    async fn catalog_entries(
        &self,
        credentials: &Credentials,
        path: &str,
        ids: &[String],
    ) -> Vec<Value> {
        let requests = ids
            .iter()
            .enumerate()
            .map(|(n, id)| BatchRequest::get(n.to_string(), format!("/{path}/{}", encode_id(id))))
            .collect();
        self.batch(credentials, ApiVersion::Beta, requests)
            .await
            .into_iter()
            .filter_map(|BatchResponse { id, result }| match result {
                Ok(body) => Some(body),
                Err(error) => {
                    tracing::debug!(part = %id, %error, "a settings catalog entry could not be read");
                    None
                }
            })
            .collect()
    }
}
