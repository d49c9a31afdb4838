-- How far the Slack notifier has read the outbox (exception events), and
-- which events it has already told in Slack, so a restart resumes where it
-- stopped and an event is not told twice.
CREATE TABLE slack_notifier_state (
  id             INTEGER PRIMARY KEY CHECK (id = 1),
  last_outbox_id INTEGER NOT NULL
);

CREATE TABLE slack_notices (
  outbox_id INTEGER PRIMARY KEY,
  at        TEXT NOT NULL
);
