-- Where Policy Desk put each exception request in Slack: the approval card
-- in a reviewer channel (one per stage) and the requester's thread, so a
-- decision updates the card in place and is told in the right thread.
CREATE TABLE slack_exception_messages (
  tenant     TEXT NOT NULL,
  request_id INTEGER NOT NULL REFERENCES exception_requests (id),
  kind       TEXT NOT NULL CHECK (kind IN ('card', 'thread')),
  stage      INTEGER NOT NULL,
  channel    TEXT NOT NULL,
  ts         TEXT NOT NULL,
  PRIMARY KEY (request_id, kind, stage)
);

-- 👍 / 👎 on answers, one per person per answer (the last click counts).
CREATE TABLE answer_feedback (
  tenant    TEXT NOT NULL,
  answer_id INTEGER NOT NULL REFERENCES answers (id),
  person    TEXT NOT NULL,
  helpful   INTEGER NOT NULL CHECK (helpful IN (0, 1)),
  at        TEXT NOT NULL,
  PRIMARY KEY (answer_id, person)
);
