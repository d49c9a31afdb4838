-- Forms attached to buttons on cards (an edit form with the draft's text, a
-- reason form), kept by a key the button carries, so a click opens the form
-- as it was when the card was drawn, also after a restart. The same form is
-- kept once (its key is a hash of it).
CREATE TABLE chat_forms (
  form_key   TEXT PRIMARY KEY,
  tenant     TEXT NOT NULL,
  form       TEXT NOT NULL,
  created_at TEXT NOT NULL
);
