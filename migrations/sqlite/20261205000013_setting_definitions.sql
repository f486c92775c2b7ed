-- Microsoft's settings catalog definitions as each tenant's Graph published them (names,
-- descriptions, option labels, category), and the categories' names: settings catalog rows
-- read as the portal shows them. A cache, replaced by a newer read, never part of a version.
CREATE TABLE setting_definitions (
    tenant_id      TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    definition_id  TEXT NOT NULL,
    version        TEXT,
    display_name   TEXT NOT NULL,
    description    TEXT,
    category_id    TEXT,
    -- JSON array of {item_id, label}.
    options        TEXT NOT NULL,
    fetched_at     INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, definition_id)
);

CREATE TABLE setting_categories (
    tenant_id      TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    category_id    TEXT NOT NULL,
    display_name   TEXT NOT NULL,
    fetched_at     INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, category_id)
);
