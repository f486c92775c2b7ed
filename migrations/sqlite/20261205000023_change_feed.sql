-- The change feed between processes is PostgreSQL's LISTEN/NOTIFY (see the PostgreSQL
-- migration of the same number). On SQLite, a second process on the same file is noticed
-- through `PRAGMA data_version`, which needs nothing in the schema; this migration keeps the
-- two sets numbered alike.
SELECT 1;
