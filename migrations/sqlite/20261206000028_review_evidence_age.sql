-- How old a tenant's newest evidence snapshot may be for a review to be composed from it: a
-- workspace setting beside the pack settings (a workspace without a row uses 7 days).
ALTER TABLE workspace_pack_settings
    ADD COLUMN evidence_max_age_days INTEGER NOT NULL DEFAULT 7
    CHECK (evidence_max_age_days BETWEEN 1 AND 3650);
