//! How much a finding matters. Drift rules use `low` … `critical` (SPEC §6.5); `info` marks a
//! fact worth knowing that is not a risk by itself (for example custom roles in the RBAC
//! report). Declaration order is the order of importance.

use crate::codes::code_enum;

code_enum! {
    /// The importance of a finding, least first.
    pub enum Severity as "severity" {
        Info => "info",
        Low => "low",
        Medium => "medium",
        High => "high",
        Critical => "critical",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severities_order_by_importance() {
        assert!(Severity::Info < Severity::Low);
        assert!(Severity::High < Severity::Critical);
        assert_eq!("medium".parse::<Severity>().unwrap(), Severity::Medium);
    }
}
