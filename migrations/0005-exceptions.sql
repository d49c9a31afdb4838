-- Exception requests: a person asks to depart from one clause of a policy;
-- reviewer groups decide, stage by stage.

CREATE TABLE exception_requests (
  id               INTEGER PRIMARY KEY,
  tenant           TEXT NOT NULL,
  requester        TEXT NOT NULL,
  -- The clause departed from: a policy version and one of its sections.
  policy_id        TEXT NOT NULL,
  version_id       INTEGER NOT NULL REFERENCES policy_versions (id),
  policy_version   TEXT NOT NULL,
  policy_title     TEXT NOT NULL,
  section_id       INTEGER NOT NULL REFERENCES sections (id),
  section_heading  TEXT NOT NULL,
  clause           TEXT NOT NULL,
  justification    TEXT NOT NULL,
  amount           REAL,
  currency         TEXT,
  starts_on        TEXT,
  ends_on          TEXT,
  evidence         TEXT NOT NULL DEFAULT '[]',
  status           TEXT NOT NULL CHECK (status IN ('pending', 'needs_info', 'approved', 'denied', 'withdrawn', 'expired')),
  -- Routing: the stages (JSON: group, quorum, slaMs, escalateTo) and where the request is.
  routing_rule     TEXT NOT NULL,
  stages           TEXT NOT NULL,
  stage            INTEGER NOT NULL DEFAULT 0,
  stage_started_at TEXT NOT NULL,
  -- Set when the SLA of the current stage ran out: that group may decide too.
  escalated_to     TEXT,
  created_at       TEXT NOT NULL,
  decided_at       TEXT,
  decided_by       TEXT,
  decision_reason  TEXT,
  -- Approved exceptions end.
  expires_on       TEXT,
  -- Bumped by every change: a compare-and-set guard for callers that hold a copy.
  revision         INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX exception_requests_by_status ON exception_requests (tenant, status);
CREATE INDEX exception_requests_by_clause ON exception_requests (tenant, policy_id, section_heading);
CREATE INDEX exception_requests_by_requester ON exception_requests (tenant, requester);

-- Everything that happened to a request, in order.
CREATE TABLE exception_actions (
  id         INTEGER PRIMARY KEY,
  tenant     TEXT NOT NULL,
  request_id INTEGER NOT NULL REFERENCES exception_requests (id),
  stage      INTEGER NOT NULL,
  actor      TEXT NOT NULL,
  action     TEXT NOT NULL CHECK (action IN ('request', 'approve', 'deny', 'ask_info', 'answer_info', 'withdraw', 'expire', 'escalate', 'remind', 'advance')),
  note       TEXT,
  at         TEXT NOT NULL
);

CREATE INDEX exception_actions_by_request ON exception_actions (request_id, id);
-- One approval per reviewer per stage: a double click counts once.
CREATE UNIQUE INDEX exception_actions_one_vote ON exception_actions (request_id, stage, actor) WHERE action = 'approve';

-- SLA reminders, escalations and expiry: persisted, so a restart re-arms them
-- and `fired_at` (set in the transaction that acts) means none fires twice.
CREATE TABLE exception_timers (
  id         INTEGER PRIMARY KEY,
  tenant     TEXT NOT NULL,
  request_id INTEGER NOT NULL REFERENCES exception_requests (id),
  kind       TEXT NOT NULL CHECK (kind IN ('sla_reminder', 'sla_escalation', 'expiry_reminder', 'expiry')),
  stage      INTEGER NOT NULL,
  -- The stage_started_at the timer was armed for: a stage restarted (after an
  -- answer to a question) or left makes older timers obsolete.
  armed_for  TEXT NOT NULL,
  due_at     TEXT NOT NULL,
  fired_at   TEXT,
  UNIQUE (request_id, kind, stage, armed_for)
);

CREATE INDEX exception_timers_due ON exception_timers (fired_at, due_at);

-- The last directory loaded per tenant, so an unchanged directory is not
-- rewritten (nor audited) at every start-up.
CREATE TABLE directory_state (
  tenant TEXT PRIMARY KEY,
  hash   TEXT NOT NULL
);
