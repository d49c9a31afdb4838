-- Exception events and notices Slack's notifier began to tell. One found here
-- when it is told again (after a failure or a crash) may have been posted in
-- part, Slack having taken a message whose reply was lost: each of its
-- messages is then looked for by its metadata before it is posted.
CREATE TABLE slack_notice_attempts (
  outbox_id    INTEGER PRIMARY KEY,
  tenant       TEXT NOT NULL,
  attempted_at TEXT NOT NULL
);
