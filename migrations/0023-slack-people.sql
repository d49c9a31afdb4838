-- Slack users matched to a directory person by the email on their Slack
-- profile (users.info), for directories that give no slack_id: the bot can
-- then DM them (the requester's thread, notices), count them in a
-- channel's audience, and skip users.info for a day. A row stands only
-- while the person's directory email is still the one it was matched by.
CREATE TABLE slack_people (
  tenant TEXT NOT NULL,
  slack_user TEXT NOT NULL,
  person_id TEXT NOT NULL,
  email TEXT NOT NULL,
  matched_at TEXT NOT NULL,
  PRIMARY KEY (tenant, slack_user)
);
CREATE INDEX slack_people_person ON slack_people (tenant, person_id, matched_at);
