-- When a tenant's client secret or certificate stops working, and how that is known (the
-- certificate itself, the app registration read from Graph, or entered by the operator): the
-- tenant page and the overview warn 30 days ahead. Dates only, never credential material.
ALTER TABLE tenants ADD COLUMN credential_expires_at BIGINT;
ALTER TABLE tenants ADD COLUMN credential_expiry_source TEXT
    CHECK (credential_expiry_source IN ('certificate', 'app_registration', 'entered'));
