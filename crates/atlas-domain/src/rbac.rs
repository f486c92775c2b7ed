//! Roles and the capability registry. Code never compares role names: it asks whether a role
//! grants a capability, and this module is the only place that answers.

use crate::codes::code_enum;

code_enum! {
    /// A member's role in a workspace.
    pub enum Role as "role" {
        Owner => "owner",
        Manager => "manager",
        Operator => "operator",
        Readonly => "readonly",
    }
}

code_enum! {
    /// Something an actor may do. Checked in the service layer for every command.
    pub enum Capability as "capability" {
        /// Rename the workspace, manage memberships and entitlements.
        WorkspaceManage => "workspace.manage",
        WorkspaceBaselinesView => "workspace.baselines.view",
        WorkspaceBaselinesManage => "workspace.baselines.manage",
        TenantView => "tenant.view",
        /// Add, edit, pause and archive tenants and their provider connections.
        TenantManage => "tenant.manage",
        TenantSync => "tenant.sync",
        TenantFindingsManage => "tenant.findings.manage",
        TenantRestoreExecute => "tenant.restore.execute",
        ReviewPackView => "review_pack.view",
        ReviewPackManage => "review_pack.manage",
        OperationsView => "operations.view",
        AuditView => "audit.view",
    }
}

use Capability as C;

const READONLY: &[Capability] = &[
    C::WorkspaceBaselinesView,
    C::TenantView,
    C::ReviewPackView,
    C::OperationsView,
];

const OPERATOR: &[Capability] = &[
    C::WorkspaceBaselinesView,
    C::TenantView,
    C::TenantSync,
    C::TenantFindingsManage,
    C::ReviewPackView,
    C::ReviewPackManage,
    C::OperationsView,
];

const MANAGER: &[Capability] = &[
    C::WorkspaceBaselinesView,
    C::WorkspaceBaselinesManage,
    C::TenantView,
    C::TenantManage,
    C::TenantSync,
    C::TenantFindingsManage,
    C::TenantRestoreExecute,
    C::ReviewPackView,
    C::ReviewPackManage,
    C::OperationsView,
    C::AuditView,
];

impl Role {
    /// The capabilities this role grants.
    pub fn capabilities(self) -> &'static [Capability] {
        match self {
            Role::Owner => Capability::ALL,
            Role::Manager => MANAGER,
            Role::Operator => OPERATOR,
            Role::Readonly => READONLY,
        }
    }

    pub fn grants(self, capability: Capability) -> bool {
        self.capabilities().contains(&capability)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owner_can_do_everything() {
        assert!(Capability::ALL.iter().all(|c| Role::Owner.grants(*c)));
    }

    #[test]
    fn each_role_grants_a_superset_of_the_role_below() {
        let ladder = [Role::Readonly, Role::Operator, Role::Manager, Role::Owner];
        for pair in ladder.windows(2) {
            for cap in pair[0].capabilities() {
                assert!(
                    pair[1].grants(*cap),
                    "{} lacks {} that {} has",
                    pair[1],
                    cap,
                    pair[0]
                );
            }
        }
    }

    #[test]
    fn readonly_cannot_change_anything() {
        for cap in [
            C::TenantSync,
            C::TenantManage,
            C::TenantRestoreExecute,
            C::WorkspaceManage,
        ] {
            assert!(!Role::Readonly.grants(cap), "{cap}");
        }
    }

    #[test]
    fn only_owners_manage_the_workspace() {
        let holders: Vec<_> = Role::ALL
            .iter()
            .filter(|r| r.grants(C::WorkspaceManage))
            .copied()
            .collect();
        assert_eq!(holders, vec![Role::Owner]);
    }
}
