-- Browser ids (pd_sid) whose console session was ended by Sign out: a
-- session cookie issued to one of them is void even where a copy of the
-- cookies outlives the browser's (a shared machine, a stolen cookie).
-- Rows older than a session's life are of no use and are deleted.
CREATE TABLE console_sign_outs (
  tenant TEXT NOT NULL,
  sid TEXT NOT NULL,
  signed_out_at TEXT NOT NULL,
  PRIMARY KEY (sid)
);
CREATE INDEX console_sign_outs_at ON console_sign_outs (signed_out_at);
