-- The policy version that holds each object of a full-content baseline capture as it was read:
-- a remediating restore writes the baseline's content from it, and backup retention keeps it.
ALTER TABLE baseline_snapshot_items ADD COLUMN version_id TEXT;
CREATE INDEX baseline_snapshot_items_version ON baseline_snapshot_items (version_id)
    WHERE version_id IS NOT NULL;
