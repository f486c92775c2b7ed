//! Run-time control of a simulator from Rust: faults, token expiry, drift, admin consent and
//! counters. The
//! `/_sim` HTTP API (`http::admin`) calls the same `Cloud` methods, so in-process tests need no
//! HTTP for setup.

use std::sync::atomic::Ordering;

use serde_json::{Map, Value};
use uuid::Uuid;

use crate::drift::{drift, DriftReport, DriftRequest};
use crate::error::SimError;
use crate::faults::Faults;
use crate::generate::rng::stream;
use crate::model::Cloud;
use crate::server::RunningSimulator;
use crate::stats::{SimStats, TenantStats};
use crate::token::GRAPH_ROLES;

impl Cloud {
    pub fn faults(&self) -> Faults {
        self.control.faults()
    }

    /// Replaces the fault settings (refused when a rate is out of range).
    pub fn set_faults(&self, faults: Faults) -> Result<(), SimError> {
        faults.validate().map_err(SimError::InvalidConfig)?;
        self.control.set_faults(faults);
        Ok(())
    }

    /// Every access token issued until now is refused as expired from now on; new tokens work.
    pub fn expire_tokens(&self) {
        self.control.expire_tokens();
    }

    /// Grants or withdraws the admin consent to the app's Graph permissions in one tenant. Only
    /// tokens issued afterwards change: one issued without roles stays without them until it
    /// expires, as in Entra.
    pub fn set_consent(&self, tenant_id: Uuid, granted: bool) -> Result<(), SimError> {
        let tenant = self
            .by_id(tenant_id)
            .ok_or(SimError::UnknownTenant(tenant_id))?;
        let roles = match granted {
            true => GRAPH_ROLES.iter().map(|r| (*r).to_owned()).collect(),
            false => Vec::new(),
        };
        tenant.set_granted_roles(roles);
        Ok(())
    }

    /// Grants exactly `roles` (Graph application permissions) in one tenant, as an admin who
    /// consented to some of the app's permissions only. Tokens issued afterwards carry them.
    pub fn set_granted_permissions(&self, tenant_id: Uuid, roles: &[&str]) -> Result<(), SimError> {
        let tenant = self
            .by_id(tenant_id)
            .ok_or(SimError::UnknownTenant(tenant_id))?;
        tenant.set_granted_roles(roles.iter().map(|r| (*r).to_owned()).collect());
        Ok(())
    }

    /// Every object of a tenant whose body `matches`, with its collection path: for tests that
    /// look at what a client wrote, as an admin would in the portal.
    pub fn find_objects(
        &self,
        tenant_id: Uuid,
        matches: impl Fn(&Map<String, Value>) -> bool,
    ) -> Vec<(String, Map<String, Value>)> {
        let Some(tenant) = self.by_id(tenant_id) else {
            return vec![];
        };
        let data = tenant.data.read().unwrap_or_else(|p| p.into_inner());
        data.collections
            .iter()
            .flat_map(|(path, objects)| objects.iter().map(move |o| (path, o)))
            .filter(|(_, o)| matches(&o.body))
            .map(|(path, o)| (path.clone(), o.body.clone()))
            .collect()
    }

    /// Deletes one object as a tenant admin would by hand; false when it is not there.
    pub fn delete_object(&self, tenant_id: Uuid, path: &str, id: &str) -> bool {
        let Some(tenant) = self.by_id(tenant_id) else {
            return false;
        };
        let mut data = tenant.data.write().unwrap_or_else(|p| p.into_inner());
        data.remove(path, id).is_some()
    }

    pub fn stats(&self) -> SimStats {
        SimStats::new(
            self.tenants()
                .iter()
                .map(|t| TenantStats {
                    tenant_id: t.info.tenant_id,
                    display_name: t.info.display_name.clone(),
                    counts: t.stats.snapshot(),
                })
                .collect(),
        )
    }

    pub fn reset_stats(&self) {
        for tenant in self.tenants() {
            tenant.stats.reset();
        }
    }

    /// Drifts a tenant's policies (see `DriftRequest`); `None` for an unknown tenant. Objects
    /// are picked from a stream of the simulator seed, the tenant and the request's seed (or the
    /// tenant's drift count), so a test can repeat a drift exactly.
    pub fn drift(&self, tenant_id: Uuid, request: &DriftRequest) -> Option<DriftReport> {
        let tenant = self.by_id(tenant_id)?;
        let count = tenant.drifts.fetch_add(1, Ordering::Relaxed);
        let seed = request.seed.unwrap_or(count).to_string();
        let mut rng = stream(
            self.control.seed(),
            &["drift", &tenant_id.to_string(), &seed],
        );
        let now = self.control.now();
        let mut data = tenant.data.write().unwrap_or_else(|p| p.into_inner());
        Some(drift(&mut data, request, &mut rng, now))
    }
}

/// The same controls on a running simulator.
impl RunningSimulator {
    pub fn faults(&self) -> Faults {
        self.cloud().faults()
    }

    pub fn set_faults(&self, faults: Faults) -> Result<(), SimError> {
        self.cloud().set_faults(faults)
    }

    pub fn clear_faults(&self) {
        self.cloud().control.set_faults(Faults::default());
    }

    pub fn expire_tokens(&self) {
        self.cloud().expire_tokens();
    }

    pub fn set_consent(&self, tenant_id: Uuid, granted: bool) -> Result<(), SimError> {
        self.cloud().set_consent(tenant_id, granted)
    }

    pub fn set_granted_permissions(&self, tenant_id: Uuid, roles: &[&str]) -> Result<(), SimError> {
        self.cloud().set_granted_permissions(tenant_id, roles)
    }

    pub fn stats(&self) -> SimStats {
        self.cloud().stats()
    }

    pub fn reset_stats(&self) {
        self.cloud().reset_stats();
    }

    pub fn drift(&self, tenant_id: Uuid, request: &DriftRequest) -> Option<DriftReport> {
        self.cloud().drift(tenant_id, request)
    }
}
