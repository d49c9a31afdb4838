-- The console's chat playground: what was said in each personal conversation
-- (`console:<tenant>:<person>`), so the page shows the exchange and survives
-- a restart. A card with a key is updated in place when a later state of it
-- arrives (an exception decided).

CREATE TABLE console_messages (
  id           INTEGER PRIMARY KEY,
  tenant       TEXT NOT NULL,
  conversation TEXT NOT NULL,
  at           TEXT NOT NULL,
  author       TEXT NOT NULL CHECK (author IN ('person', 'bot')),
  card_key     TEXT,
  -- JSON: {"kind":"text","text"} | {"kind":"card","card","to"} | {"kind":"form","form"}
  body         TEXT NOT NULL
);

CREATE INDEX console_messages_by_conversation ON console_messages (tenant, conversation, id);
CREATE INDEX console_messages_by_card ON console_messages (tenant, conversation, card_key) WHERE card_key IS NOT NULL;
