-- Teams is answered 200 before a question's answer is written (the answer
-- follows in a continued turn), so the Bot Connector does not send again an
-- activity whose processing died with its process after the response: it
-- would be lost. As for Slack (0017), the activity's body is kept while it is
-- being processed, and one left "processing" past its lease is processed
-- again from it, at most `attempts` times. The key column takes Slack's name,
-- so one claim module serves both tables.
ALTER TABLE teams_activities RENAME COLUMN activity_key TO delivery_key;
ALTER TABLE teams_activities ADD COLUMN body TEXT;
ALTER TABLE teams_activities ADD COLUMN attempts INTEGER NOT NULL DEFAULT 1;
