-- The review pack's 30-day chart reads the findings resolved within the window; open findings
-- come from the pack's own list. Only resolved rows are indexed, so compares that open or
-- update findings pay nothing for it.
CREATE INDEX findings_resolved ON findings (tenant_id, resolved_at) WHERE resolved_at IS NOT NULL;
