-- Announcements: drafts written from approved sources, their numbered
-- versions with a claim check each, reviews, and publications to chat
-- channels. Every row carries its tenant.

-- A tenant's announcement settings: the channels announcements may go to
-- (channels.yml) and who reviews what (comms.yml), as validated JSON.
CREATE TABLE announcement_settings (
  tenant    TEXT PRIMARY KEY,
  settings  TEXT NOT NULL CHECK (json_valid(settings)),
  hash      TEXT NOT NULL,
  loaded_at TEXT NOT NULL
);

CREATE TABLE drafts (
  id               INTEGER PRIMARY KEY,
  tenant           TEXT NOT NULL,
  created_by       TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  topic            TEXT NOT NULL,
  -- Directory attributes that define who the announcement is for (JSON: departments, locations, roles).
  audience         TEXT NOT NULL CHECK (json_valid(audience)),
  -- Notes the requester attached: sources besides the policies (JSON array of strings).
  notes            TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(notes)),
  -- Where it was asked ("slack:C1:1700.1", "cli"): replies and notices go back there.
  conversation     TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('draft', 'in_review', 'changes_requested', 'approved', 'published')),
  current_version  INTEGER NOT NULL,
  -- Reviewer groups this draft needs (JSON array), chosen by its content at submission.
  reviewers        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(reviewers)),
  -- Set when every reviewer group approved current_version.
  approved_version INTEGER,
  approved_at      TEXT,
  -- Bumped by every change: a compare-and-set guard.
  revision         INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX drafts_by_tenant ON drafts (tenant, status);

-- Every edit or regeneration is a new numbered version, never changed afterwards.
CREATE TABLE draft_versions (
  tenant     TEXT NOT NULL,
  draft_id   INTEGER NOT NULL REFERENCES drafts (id),
  number     INTEGER NOT NULL,
  text       TEXT NOT NULL,
  tone       TEXT NOT NULL,
  -- template | model | edit
  kind       TEXT NOT NULL,
  generator  TEXT NOT NULL,
  author     TEXT NOT NULL,
  created_at TEXT NOT NULL,
  -- The sources it was written from (JSON), the claim check of its text (JSON), the line diff from the version before.
  sources    TEXT NOT NULL CHECK (json_valid(sources)),
  claims     TEXT NOT NULL CHECK (json_valid(claims)),
  diff       TEXT NOT NULL,
  -- Locations of the audience that need a local-market reviewer (JSON array).
  flags      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(flags)),
  PRIMARY KEY (draft_id, number)
);

-- Approvals and change requests, per version: an edit starts the reviews over.
CREATE TABLE draft_reviews (
  id         INTEGER PRIMARY KEY,
  tenant     TEXT NOT NULL,
  draft_id   INTEGER NOT NULL REFERENCES drafts (id),
  version    INTEGER NOT NULL,
  reviewer   TEXT NOT NULL,
  group_id   TEXT NOT NULL,
  decision   TEXT NOT NULL CHECK (decision IN ('approve', 'request_changes')),
  comment    TEXT,
  at         TEXT NOT NULL
);

CREATE INDEX draft_reviews_by_draft ON draft_reviews (draft_id, version);
-- One approval per group per version: a double click counts once.
CREATE UNIQUE INDEX draft_reviews_one_approval ON draft_reviews (draft_id, version, group_id) WHERE decision = 'approve';

-- A publication: exactly one approved version, to named channels, for an audience.
CREATE TABLE publications (
  id            INTEGER PRIMARY KEY,
  tenant        TEXT NOT NULL,
  draft_id      INTEGER NOT NULL REFERENCES drafts (id),
  version       INTEGER NOT NULL,
  requested_by  TEXT NOT NULL,
  requested_at  TEXT NOT NULL,
  -- When it is to go out; for an immediate publication, requested_at.
  due_at        TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('scheduled', 'sent', 'refused', 'cancelled')),
  -- Targets (JSON: [{platform, channel, name}]) and the audience (JSON spec) it is for.
  targets       TEXT NOT NULL CHECK (json_valid(targets)),
  audience      TEXT NOT NULL CHECK (json_valid(audience)),
  -- The directory ids the audience held when it was sent (JSON array).
  recipients    TEXT,
  text          TEXT NOT NULL,
  sent_at       TEXT,
  reason        TEXT
);

CREATE INDEX publications_by_tenant ON publications (tenant, requested_at);
CREATE INDEX publications_due ON publications (status, due_at);

-- What each channel adapter posted for a publication (Slack: the message ts).
CREATE TABLE publication_posts (
  tenant         TEXT NOT NULL,
  publication_id INTEGER NOT NULL REFERENCES publications (id),
  platform       TEXT NOT NULL,
  channel        TEXT NOT NULL,
  -- posting: a post was attempted and its result not yet recorded; posted: done.
  status         TEXT NOT NULL CHECK (status IN ('posting', 'posted')),
  message_ref    TEXT,
  attempted_at   TEXT NOT NULL,
  posted_at      TEXT,
  PRIMARY KEY (publication_id, platform, channel)
);

-- How far the Slack publisher has read the outbox (announcement.publish messages).
CREATE TABLE slack_publisher_state (
  id             INTEGER PRIMARY KEY CHECK (id = 1),
  last_outbox_id INTEGER NOT NULL
);
