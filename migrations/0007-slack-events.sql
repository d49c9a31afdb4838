-- Slack deliveries already received, kept for at least 25 hours (Slack
-- retries within minutes; 25 hours covers any retry and a restart): a retry
-- of one being processed or done is acknowledged without a second answer; a
-- retry of one whose processing died is processed again, so nothing is lost.
CREATE TABLE slack_deliveries (
  delivery_key TEXT PRIMARY KEY,
  tenant       TEXT NOT NULL,
  kind         TEXT NOT NULL,
  state        TEXT NOT NULL CHECK (state IN ('processing', 'done')),
  received_at  TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);

CREATE INDEX slack_deliveries_by_age ON slack_deliveries (received_at);
