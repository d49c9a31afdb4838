-- A queued Slack post whose last attempt failed without Slack saying no (a
-- timeout, a dropped connection, a 5xx) may have been made all the same: the
-- next attempt looks for it by its message metadata before posting again.
ALTER TABLE slack_posts ADD COLUMN outcome_unknown INTEGER NOT NULL DEFAULT 0;
