-- Slack does not retry a delivery that was acknowledged, so one whose
-- processing died with its process (a crash, a deploy) after the ack would be
-- lost. Its body is kept while it is being processed, and a delivery left
-- "processing" past its lease is processed again from it; `attempts` bounds
-- how often, so a delivery that kills the process every time is given up.
ALTER TABLE slack_deliveries ADD COLUMN body TEXT;
ALTER TABLE slack_deliveries ADD COLUMN attempts INTEGER NOT NULL DEFAULT 1;
