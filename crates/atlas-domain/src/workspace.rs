//! Workspaces: the MSP's organisation, owner of tenants, runs and the audit log.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Role, Timestamp, UserId, WorkspaceId};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
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
pub struct Membership {
    pub workspace_id: WorkspaceId,
    pub user_id: UserId,
    pub role: Role,
    pub all_tenants: bool,
}

/// An operator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
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

/// A fictional customer of the demo workspace.
#[derive(Debug, Clone, Copy)]
pub struct DemoTenant {
    pub display_name: &'static str,
    pub directory_tenant_id: &'static str,
    pub primary_domain: &'static str,
}

/// The three customers of the demo workspace. Their cloud side is the simulated Microsoft cloud.
pub const DEMO_TENANTS: [DemoTenant; 3] = [
    DemoTenant {
        display_name: "Contoso Dental Group",
        directory_tenant_id: "3f0c6a52-8d1e-4b7a-9c2f-5e4d1a0b7c31",
        primary_domain: "contosodental.onmicrosoft.com",
    },
    DemoTenant {
        display_name: "Fabrikam Logistics",
        directory_tenant_id: "a61e2f90-47c3-4d8b-b5e6-0f9a3c7d2e14",
        primary_domain: "fabrikamlogistics.onmicrosoft.com",
    },
    DemoTenant {
        display_name: "Tailspin Legal LLP",
        directory_tenant_id: "c9b47d13-2e6f-4a80-8f1d-b3c5e7a90d62",
        primary_domain: "tailspinlegal.onmicrosoft.com",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DirectoryTenantId;

    #[test]
    fn demo_tenants_have_valid_distinct_directory_ids() {
        let ids: std::collections::HashSet<_> = DEMO_TENANTS
            .iter()
            .map(|t| t.directory_tenant_id.parse::<DirectoryTenantId>().unwrap())
            .collect();
        assert_eq!(ids.len(), DEMO_TENANTS.len());
    }
}
