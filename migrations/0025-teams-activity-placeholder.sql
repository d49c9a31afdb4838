-- The placeholder ("Looking that up…") an activity's answer showed while it
-- was being made, as the id of that Teams activity in the same conversation:
-- an activity processed again after its process died updates that message
-- with the answer, rather than leave it in the thread forever and post another
-- (as slack_deliveries.placeholder does for Slack).
ALTER TABLE teams_activities ADD COLUMN placeholder TEXT;
