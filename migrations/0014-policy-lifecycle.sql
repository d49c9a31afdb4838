-- Policy lifecycle: freshness reports sent to owner groups, and
-- acknowledgments of published versions.

-- One row per freshness report sent to an owner group: at most one a day,
-- and none when nothing changed since the last one unless a week passed.
-- Written in the same transaction as the outbox notice, so a restart
-- neither repeats nor skips a report.
CREATE TABLE freshness_reports (
  tenant    TEXT NOT NULL,
  group_id  TEXT NOT NULL,
  -- The UTC day the report was for (YYYY-MM-DD).
  day       TEXT NOT NULL,
  -- sha256 of what it reported (policy, version, review date), to tell whether anything changed.
  digest    TEXT NOT NULL,
  overdue   INTEGER NOT NULL,
  due_soon  INTEGER NOT NULL,
  sent_at   TEXT NOT NULL,
  PRIMARY KEY (tenant, group_id, day)
);

-- A request that the audience of a policy version acknowledge it.
CREATE TABLE ack_requests (
  id           INTEGER PRIMARY KEY,
  tenant       TEXT NOT NULL,
  version_id   INTEGER NOT NULL REFERENCES policy_versions (id),
  requested_by TEXT NOT NULL,
  requested_at TEXT NOT NULL,
  -- The narrowing asked for (JSON: departments, locations, roles), or NULL for everyone who may see the version.
  narrowed_to  TEXT
);

CREATE INDEX ack_requests_by_version ON ack_requests (tenant, version_id);

-- Who was asked to acknowledge a version: once per person and version,
-- whatever the number of requests (a later request only adds people).
CREATE TABLE ack_recipients (
  tenant     TEXT NOT NULL,
  version_id INTEGER NOT NULL REFERENCES policy_versions (id),
  person_id  TEXT NOT NULL,
  request_id INTEGER NOT NULL REFERENCES ack_requests (id),
  PRIMARY KEY (tenant, version_id, person_id)
) WITHOUT ROWID;

-- Acknowledgments: at most one per person and version (a double click is one).
CREATE TABLE acknowledgments (
  tenant          TEXT NOT NULL,
  version_id      INTEGER NOT NULL REFERENCES policy_versions (id),
  person_id       TEXT NOT NULL,
  acknowledged_at TEXT NOT NULL,
  -- Where: the channel of the button or command ("slack", "teams", "console", "cli").
  channel         TEXT NOT NULL,
  PRIMARY KEY (tenant, version_id, person_id)
) WITHOUT ROWID;
