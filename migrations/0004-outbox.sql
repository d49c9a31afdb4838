-- The outbox: outcomes for downstream systems (HR, ticketing, compliance),
-- written in the same transaction as the decision they report and delivered
-- afterwards as signed webhooks, at least once.

CREATE TABLE outbox_messages (
  id              INTEGER PRIMARY KEY,
  tenant          TEXT NOT NULL,
  -- What happened, such as 'exception.decided'; webhook targets subscribe to topics.
  topic           TEXT NOT NULL,
  payload         TEXT NOT NULL CHECK (json_valid(payload)),
  -- Chosen by the writer (say 'exception.decided:42'): a second enqueue with the
  -- same key is the same message, and receivers dedupe on it.
  idempotency_key TEXT NOT NULL UNIQUE,
  -- ISO 8601 UTC timestamps throughout, so text order is time order.
  created_at      TEXT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
  -- Delivery rounds so far (reset when a dead message is re-driven).
  attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at TEXT NOT NULL,
  last_error      TEXT,
  delivered_at    TEXT,
  -- A dispatcher claims a message by leasing it; a lease that ran out (its
  -- process died) can be claimed again, so two processes never deliver the
  -- same message at the same time and a crash loses nothing.
  lease_owner     TEXT,
  lease_until     TEXT,
  CHECK ((lease_owner IS NULL) = (lease_until IS NULL))
);

-- What a dispatcher looks for: pending messages that are due.
CREATE INDEX outbox_messages_due ON outbox_messages (status, next_attempt_at);
CREATE INDEX outbox_messages_by_tenant ON outbox_messages (tenant, status);

-- Each target that acknowledged a message (2xx), so a retry never re-sends to it.
CREATE TABLE outbox_deliveries (
  message_id   INTEGER NOT NULL REFERENCES outbox_messages (id) ON DELETE CASCADE,
  target_url   TEXT NOT NULL,
  status_code  INTEGER NOT NULL,
  delivered_at TEXT NOT NULL,
  PRIMARY KEY (message_id, target_url)
) WITHOUT ROWID;

-- Every re-drive of a dead message back to pending, with what it had reached.
CREATE TABLE outbox_redrives (
  id                INTEGER PRIMARY KEY,
  message_id        INTEGER NOT NULL REFERENCES outbox_messages (id) ON DELETE CASCADE,
  redriven_at       TEXT NOT NULL,
  previous_attempts INTEGER NOT NULL,
  previous_error    TEXT
);

CREATE INDEX outbox_redrives_by_message ON outbox_redrives (message_id);
