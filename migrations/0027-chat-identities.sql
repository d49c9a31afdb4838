-- Chat users matched to a directory person by email, for Slack (the email on
-- their Slack profile) and Teams (the email Teams gives for an Entra user):
-- directories that give no slack_id or teams_id still let the bot DM those
-- people and count them in a channel's audience. Replaces slack_people.
CREATE TABLE chat_identities (
  tenant TEXT NOT NULL,
  platform TEXT NOT NULL CHECK (platform IN ('slack', 'teams')),
  user_id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  email TEXT NOT NULL,
  matched_at TEXT NOT NULL,
  PRIMARY KEY (tenant, platform, user_id)
);
CREATE INDEX chat_identities_person ON chat_identities (tenant, platform, person_id, matched_at);
INSERT INTO chat_identities (tenant, platform, user_id, person_id, email, matched_at)
  SELECT tenant, 'slack', slack_user, person_id, email, matched_at FROM slack_people;
DROP TABLE slack_people;
