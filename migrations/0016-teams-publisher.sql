-- How far the Teams publisher has read the outbox (announcement.publish
-- messages), so a restart resumes where it stopped.
CREATE TABLE teams_publisher_state (
  id             INTEGER PRIMARY KEY CHECK (id = 1),
  last_outbox_id INTEGER NOT NULL
);
