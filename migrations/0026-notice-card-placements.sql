-- Where a group notice whose card is kept up to date (an announcement's
-- review card: one per group and draft version) was posted, by the card's
-- key: a later state of the same card redraws that message (Slack
-- chat.update, Teams updateActivity) rather than post another.
CREATE TABLE slack_notice_cards (
  tenant TEXT NOT NULL,
  card_key TEXT NOT NULL,
  channel TEXT NOT NULL,
  ts TEXT NOT NULL,
  PRIMARY KEY (tenant, card_key, channel)
);

CREATE TABLE teams_notice_cards (
  tenant TEXT NOT NULL,
  card_key TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  activity_id TEXT NOT NULL,
  PRIMARY KEY (tenant, card_key, conversation_id)
);
