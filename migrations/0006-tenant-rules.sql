-- Per-tenant rule files (access.yml, routing.yml), versioned: every distinct
-- content a tenant loads is kept, and the active rules of a kind are the row
-- loaded last. Rows are never updated or deleted, so the history answers
-- "which rules were in force when this was decided".

CREATE TABLE tenant_rule_versions (
  -- AUTOINCREMENT: ids are never reused, so the latest id doubles as a
  -- generation counter that caches (in this process or another) compare.
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant       TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('access', 'routing')),
  -- The `version` string the file carries.
  version      TEXT NOT NULL,
  -- The validated rules as canonical JSON (keys sorted), defaults filled in.
  content      TEXT NOT NULL,
  -- sha256 of `content`: one version string never names two contents.
  content_hash TEXT NOT NULL,
  loaded_at    TEXT NOT NULL,
  -- Who or what loaded it: a user id, or the start-up loader.
  loaded_by    TEXT NOT NULL
);

CREATE INDEX tenant_rule_versions_latest ON tenant_rule_versions (tenant, kind, id);
CREATE INDEX tenant_rule_versions_by_version ON tenant_rule_versions (tenant, kind, version);
