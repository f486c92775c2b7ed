-- What executing a restore did to each object of its plan (created, updated, left alone or
-- failed with the provider's reason), written once when the execution ends.
ALTER TABLE restores ADD COLUMN outcomes JSONB;
