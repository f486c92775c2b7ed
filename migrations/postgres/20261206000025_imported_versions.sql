-- Versions imported from other tools' backups (SPEC §6.7): purpose `import`, and where each came
-- from (tool, version if known, file path, file hash); an imported backup set records the
-- folder, the tool and every file it could not import.
ALTER TABLE policy_versions DROP CONSTRAINT policy_versions_purpose_check;
ALTER TABLE policy_versions ADD CONSTRAINT policy_versions_purpose_check
    CHECK (purpose IN ('backup', 'baseline_evidence', 'restore_preimage', 'import'));
ALTER TABLE policy_versions ADD COLUMN provenance JSONB;
ALTER TABLE backup_sets ADD COLUMN origin JSONB;
-- A baseline snapshot made from an imported backup records the §6.7 rule that decided it.
ALTER TABLE baseline_snapshots ADD COLUMN proof_rule TEXT;
