//! How a handler reaches a customer tenant's Microsoft Graph. The engine does not know where
//! credentials live (the OS keyring, or the simulated cloud for demo tenants): the front end
//! supplies a [`TenantGraph`] that turns a tenant into a client and credentials, or a reason
//! the tenant cannot be reached.

use std::fmt;
use std::sync::Arc;

use atlas_domain::{ReasonCode, Tenant};
use atlas_graph::{Credentials, GraphClient};

/// A ready connection to one tenant. Clients are shared per cloud, so every run against the
/// same tenant draws from the same request budget.
#[derive(Debug, Clone)]
pub struct GraphSession {
    pub client: Arc<GraphClient>,
    pub credentials: Credentials,
}

/// Why a tenant cannot be reached before any request is made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ConnectError {
    pub reason_code: ReasonCode,
    /// Operator-worded, never containing a secret.
    pub message: String,
}

impl ConnectError {
    pub fn new(reason_code: ReasonCode, message: impl Into<String>) -> Self {
        Self {
            reason_code,
            message: message.into(),
        }
    }
}

#[async_trait::async_trait]
pub trait TenantGraph: Send + Sync + fmt::Debug {
    async fn session(&self, tenant: &Tenant) -> Result<GraphSession, ConnectError>;
}
