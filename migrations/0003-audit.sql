-- The audit trail: every answer, request, decision, denial of permission and
-- configuration change, as one append-only, hash-chained sequence of events
-- for the whole database (tenant is a column, for filtering and export).
--
-- Each event stores the sha256 of the event before it (prev_hash) and its own
-- hash over a canonical encoding of {seq, tenant, at, type, actor, subject,
-- data, prev_hash} (src/audit/hash-audit-event.ts), so editing, deleting,
-- inserting or reordering any event breaks the chain at that event.

CREATE TABLE audit_events (
  -- Gapless: 1, 2, 3... assigned as the previous maximum + 1 inside the
  -- appending write transaction.
  seq       INTEGER PRIMARY KEY,
  tenant    TEXT NOT NULL,
  -- ISO 8601, UTC (toISOString), so text order is time order.
  at        TEXT NOT NULL,
  -- 'answer.recorded', 'exception.requested', 'exception.decided', 'permission.denied', 'config.changed'...
  type      TEXT NOT NULL,
  actor     TEXT NOT NULL,
  subject   TEXT,
  -- Canonical JSON (sorted keys, no whitespace): exactly the text hashed.
  data      TEXT NOT NULL,
  -- 64 zeros for the first event.
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
);

CREATE INDEX audit_events_by_tenant ON audit_events (tenant, at);
CREATE INDEX audit_events_by_time ON audit_events (at);

-- The head of the chain (last seq and its hash), advanced by the trigger
-- below in the same statement as each append. It makes cutting events off the
-- end detectable: verify compares the last event with it. Someone who can
-- write the file can rewrite the tail AND this row consistently; only a head
-- hash kept outside the database (`audit verify --expect-head`) catches that.
CREATE TABLE audit_anchor (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  seq  INTEGER NOT NULL,
  hash TEXT NOT NULL
);

INSERT INTO audit_anchor (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Append-only at the SQL level. (Tampering tests drop these triggers first,
-- as someone with the file could; the hash chain is what catches them.)
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only: events cannot be changed');
END;

CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only: events cannot be deleted');
END;

-- An event may only extend the head. This also closes INSERT OR REPLACE,
-- whose implicit delete does not fire the delete trigger: the only seq an
-- insert may use is one that does not exist yet.
CREATE TRIGGER audit_events_extend_head BEFORE INSERT ON audit_events
WHEN new.seq IS NOT (SELECT seq + 1 FROM audit_anchor WHERE id = 1)
  OR new.prev_hash IS NOT (SELECT hash FROM audit_anchor WHERE id = 1)
BEGIN
  SELECT RAISE(ABORT, 'an audit event must extend the head of the chain (seq = head + 1, prev_hash = head hash)');
END;

CREATE TRIGGER audit_events_advance_anchor AFTER INSERT ON audit_events BEGIN
  UPDATE audit_anchor SET seq = new.seq, hash = new.hash WHERE id = 1;
END;

-- The anchor only moves forward, one event at a time, to an event that exists.
CREATE TRIGGER audit_anchor_forward_only BEFORE UPDATE ON audit_anchor
WHEN new.id IS NOT old.id
  OR new.seq IS NOT old.seq + 1
  OR new.hash IS NOT (SELECT hash FROM audit_events WHERE seq = new.seq)
BEGIN
  SELECT RAISE(ABORT, 'the audit anchor only advances to the newest event');
END;

CREATE TRIGGER audit_anchor_no_delete BEFORE DELETE ON audit_anchor BEGIN
  SELECT RAISE(ABORT, 'the audit anchor cannot be deleted');
END;

-- Its one row exists from the start; INSERT OR REPLACE would swap it without
-- firing the delete trigger.
CREATE TRIGGER audit_anchor_no_insert BEFORE INSERT ON audit_anchor BEGIN
  SELECT RAISE(ABORT, 'the audit anchor cannot be replaced');
END;
