-- Teams activities already received, kept for at least 25 hours: a retry of
-- one being processed or done is acknowledged without a second answer (an
-- invoke gets the answer it got the first time); a retry of one whose
-- processing died is processed again, so nothing is lost.
CREATE TABLE teams_activities (
  activity_key TEXT PRIMARY KEY,
  tenant       TEXT NOT NULL,
  kind         TEXT NOT NULL,
  state        TEXT NOT NULL CHECK (state IN ('processing', 'done')),
  response     TEXT,
  received_at  TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);

CREATE INDEX teams_activities_by_age ON teams_activities (received_at);

-- Conversation references, stored from every activity and installation
-- event, so Policy Desk can post later (proactively) to a reviewer group's
-- channel or to a person's personal chat. `channel` is the Teams channel id
-- (directory_groups.teams_channel) for a team channel; `person` is the Entra
-- object id for a personal chat.
CREATE TABLE teams_conversations (
  tenant          TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('personal', 'channel', 'groupChat')),
  channel         TEXT,
  person          TEXT,
  reference       TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  PRIMARY KEY (tenant, conversation_id)
);

CREATE INDEX teams_conversations_by_channel ON teams_conversations (tenant, channel);
CREATE INDEX teams_conversations_by_person ON teams_conversations (tenant, person);

-- Where Policy Desk posted each exception request's cards in Teams (one per
-- stage in the reviewer channel), so a decision updates the same activity
-- for everyone.
CREATE TABLE teams_exception_cards (
  tenant          TEXT NOT NULL,
  request_id      INTEGER NOT NULL REFERENCES exception_requests (id),
  stage           INTEGER NOT NULL,
  conversation_id TEXT NOT NULL,
  activity_id     TEXT NOT NULL,
  PRIMARY KEY (request_id, stage)
);

-- How far the Teams notifier has read the outbox, and which messages it has
-- already told, so a restart resumes where it stopped and tells none twice.
CREATE TABLE teams_notifier_state (
  id             INTEGER PRIMARY KEY CHECK (id = 1),
  last_outbox_id INTEGER NOT NULL
);

CREATE TABLE teams_notices (
  outbox_id INTEGER PRIMARY KEY,
  at        TEXT NOT NULL
);
