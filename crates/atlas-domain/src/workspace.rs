//! Workspaces: the MSP's organisation, owner of tenants, runs and the audit log.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Role, Timestamp, UserId, WorkspaceId};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct Workspace {
    pub id: WorkspaceId,
    /// Stable, unique short name (`demo-<user id>` for an operator's demo workspace).
    pub slug: String,
    pub name: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// A user's membership of a workspace: their role, and whether it covers every tenant or only
/// the tenants they are explicitly entitled to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct Membership {
    pub workspace_id: WorkspaceId,
    pub user_id: UserId,
    pub role: Role,
    pub all_tenants: bool,
}

/// An operator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[cfg_attr(feature = "sqlx", derive(sqlx::FromRow))]
pub struct User {
    pub id: UserId,
    /// Unique sign-in name; for the local operator `local:<os user>`.
    pub login: String,
    pub display_name: String,
}

/// The fixed slug of the built-in demo workspace, so creating it twice finds the first one.
pub const DEMO_WORKSPACE_SLUG: &str = "demo";

/// The demo workspace's display name.
pub const DEMO_WORKSPACE_NAME: &str = "Northwind MSP (demo)";
