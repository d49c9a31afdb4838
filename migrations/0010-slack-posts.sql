-- Messages Policy Desk is about to post in Slack (answers, replies to clicks),
-- written before they are posted and marked when Slack took them, so a
-- restart in the middle of the work resumes the posts instead of losing them,
-- and a retried delivery (already marked done with its posts queued) never
-- posts twice. A lease keeps the sweeper and the handler that queued the
-- posts from posting the same message at once.
CREATE TABLE slack_posts (
  id            INTEGER PRIMARY KEY,
  tenant        TEXT NOT NULL,
  delivery_key  TEXT NOT NULL,
  seq           INTEGER NOT NULL,
  method        TEXT NOT NULL CHECK (method IN ('chat.postMessage', 'chat.postEphemeral', 'chat.update', 'chat.delete')),
  args          TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  leased_until  TEXT NOT NULL,
  attempts      INTEGER NOT NULL DEFAULT 0,
  last_error    TEXT,
  posted_at     TEXT,
  -- Set when Slack refused the post for good (a platform error, or too many attempts).
  failed_at     TEXT,
  UNIQUE (delivery_key, seq)
);

CREATE INDEX slack_posts_pending ON slack_posts (leased_until) WHERE posted_at IS NULL AND failed_at IS NULL;
