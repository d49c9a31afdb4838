-- Policies, their versions and the sections retrieval works on.
-- Every row carries its tenant; every query names one.

CREATE TABLE policy_versions (
  id             INTEGER PRIMARY KEY,
  tenant         TEXT NOT NULL,
  policy_id      TEXT NOT NULL,
  version        TEXT NOT NULL,
  -- '' for the version without a jurisdiction; a location code for a variant.
  jurisdiction   TEXT NOT NULL DEFAULT '',
  title          TEXT NOT NULL,
  effective      TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('current', 'retired', 'draft')),
  owner          TEXT NOT NULL,
  classification TEXT NOT NULL CHECK (classification IN ('public', 'internal', 'confidential', 'restricted')),
  audience       TEXT,
  review_by      TEXT,
  exceptions     TEXT NOT NULL CHECK (exceptions IN ('allowed', 'not-allowed')),
  source         TEXT,
  file_path      TEXT NOT NULL,
  -- sha256 of title and text (may not change within a version) and of the metadata (may).
  text_hash      TEXT NOT NULL,
  metadata_hash  TEXT NOT NULL,
  -- sha256 of the text as written (Markdown body or Word document).
  source_hash    TEXT NOT NULL,
  ingested_at    TEXT NOT NULL,
  UNIQUE (tenant, policy_id, version, jurisdiction)
);

CREATE INDEX policy_versions_by_tenant ON policy_versions (tenant, policy_id);

-- Each distinct section text of a tenant, stored once: versions of a policy
-- share most sections, and policies share boilerplate.
CREATE TABLE section_texts (
  id      INTEGER PRIMARY KEY,
  tenant  TEXT NOT NULL,
  -- sha256 of context and body.
  hash    TEXT NOT NULL,
  -- Title and heading path as one line: what the FTS context column indexes.
  context TEXT NOT NULL,
  body    TEXT NOT NULL,
  UNIQUE (tenant, hash)
);

CREATE TABLE sections (
  id           INTEGER PRIMARY KEY,
  tenant       TEXT NOT NULL,
  version_id   INTEGER NOT NULL REFERENCES policy_versions (id) ON DELETE CASCADE,
  ordinal      INTEGER NOT NULL,
  -- The section's own heading, and the headings above it (JSON array, outermost first).
  heading      TEXT NOT NULL,
  heading_path TEXT NOT NULL,
  text_id      INTEGER NOT NULL REFERENCES section_texts (id),
  UNIQUE (version_id, ordinal)
);

CREATE INDEX sections_by_version ON sections (version_id);
-- Covers the visibility check of a search: which versions hold a text.
CREATE INDEX sections_by_text ON sections (text_id, version_id);

-- Contentless: the text lives in section_texts; the index keeps only the
-- tenant beside each row, so a search checks it without reading any text.
CREATE VIRTUAL TABLE sections_fts USING fts5 (
  context,
  body,
  tenant UNINDEXED,
  content = '',
  contentless_delete = 1,
  contentless_unindexed = 1,
  tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER section_texts_fts_insert AFTER INSERT ON section_texts BEGIN
  INSERT INTO sections_fts (rowid, context, body, tenant) VALUES (new.id, new.context, new.body, new.tenant);
END;

CREATE TRIGGER section_texts_fts_delete AFTER DELETE ON section_texts BEGIN
  DELETE FROM sections_fts WHERE rowid = old.id;
END;

-- Per-tenant document frequencies of stemmed terms over distinct section
-- texts, kept at ingest, so that ranking and abstention use one tenant's
-- statistics and nobody else's.
CREATE TABLE term_stats (
  tenant TEXT NOT NULL,
  term   TEXT NOT NULL,
  df     INTEGER NOT NULL,
  -- A word as written that has this stem: what a full-text query is given.
  word   TEXT NOT NULL,
  PRIMARY KEY (tenant, term)
) WITHOUT ROWID;

-- Bumped whenever a tenant's policies change, so caches of the catalogue
-- (in this process or another) know to reload.
CREATE TABLE catalog_state (
  tenant     TEXT PRIMARY KEY,
  generation INTEGER NOT NULL
);

-- Who people are, per tenant (loaded from a directory file or a provider).
CREATE TABLE directory_users (
  tenant     TEXT NOT NULL,
  user_id    TEXT NOT NULL,
  name       TEXT NOT NULL,
  email      TEXT,
  slack_id   TEXT,
  teams_id   TEXT,
  department TEXT,
  location   TEXT,
  roles      TEXT NOT NULL,
  manager    TEXT,
  PRIMARY KEY (tenant, user_id)
);

CREATE INDEX directory_users_by_slack ON directory_users (tenant, slack_id);
CREATE INDEX directory_users_by_teams ON directory_users (tenant, teams_id);
CREATE INDEX directory_users_by_email ON directory_users (tenant, email);

CREATE TABLE directory_groups (
  tenant        TEXT NOT NULL,
  group_id      TEXT NOT NULL,
  name          TEXT NOT NULL,
  members       TEXT NOT NULL,
  slack_channel TEXT,
  teams_channel TEXT,
  PRIMARY KEY (tenant, group_id)
);

-- Every answer given, for audit: who asked what, and what was cited.
CREATE TABLE answers (
  id          INTEGER PRIMARY KEY,
  tenant      TEXT NOT NULL,
  asked_at    TEXT NOT NULL,
  asker       TEXT NOT NULL,
  channel     TEXT NOT NULL,
  question    TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('answered', 'abstained', 'refused')),
  citations   TEXT NOT NULL,
  routed_to   TEXT,
  answerer    TEXT NOT NULL
);

CREATE INDEX answers_by_tenant ON answers (tenant, asked_at);
