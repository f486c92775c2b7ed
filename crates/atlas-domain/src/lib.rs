//! The TenantAtlas domain: identifiers, states and their transitions, the capability registry and
//! the presentation vocabulary. Pure data and rules — no I/O, no database, no UI toolkit.

pub mod audit;
mod codes;
pub mod error;
pub mod ids;
pub mod lifecycle;
pub mod normalize;
pub mod operation;
pub mod rbac;
pub mod reasons;
pub mod run;
pub mod summary;
pub mod tenant;
pub mod time;
pub mod vocabulary;
pub mod workspace;

pub use audit::{AuditActor, AuditEntry, UserNotification};
pub use error::DomainError;
pub use ids::{RunId, TenantId, UserId, WorkspaceId};
pub use lifecycle::{Freshness, LifecyclePolicy};
pub use operation::OperationType;
pub use rbac::{Capability, Role};
pub use run::{FailureEntry, OperationRun, RunOutcome, RunStatus};
pub use tenant::{CredentialKind, DirectoryTenantId, ProviderConnection, Tenant, TenantStatus};
pub use time::Timestamp;
pub use workspace::{Membership, User, Workspace};
