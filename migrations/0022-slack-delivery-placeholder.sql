-- The placeholder ("Looking that up…") a delivery showed while its answer
-- was being made, as {"channel", "ts"}: a delivery processed again after its
-- process died updates that message with the answer, rather than leave it
-- in the conversation forever and post another.
ALTER TABLE slack_deliveries ADD COLUMN placeholder TEXT;
