import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { genesisHash, type AuditEventRow } from '../../src/audit/audit-event.ts';
import { hashAuditEvent } from '../../src/audit/hash-audit-event.ts';
import { verifyAuditChain, type AuditVerification } from '../../src/audit/verify-audit-chain.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { auditRows, chainOf, copyDatabase, dropAuditTriggers, flipHex, rewriteEvents, type TamperedRow } from './audit-chain-fixture.ts';

/**
 * Every single tampering an attacker with the file can do to a chain of 30
 * events, each on a fresh copy: the guard triggers are dropped first, as
 * anyone with write access to the file can. Verify must fail every time and
 * name the right first bad event.
 */
const n = 30;
let intact: Db;
let original: AuditEventRow[];
let originalHead: string;
beforeAll(() => {
  intact = chainOf(n);
  original = auditRows(intact);
  originalHead = original[n - 1]!.hash;
});
afterAll(() => intact.close());

const positions = Array.from({ length: n }, (_, i) => i + 1);

/** Verifies a copy of the intact chain after `tamper` rewrote its events (and, if it likes, the anchor). */
function verifyAfter(tamper: (rows: TamperedRow[], db: Database.Database) => TamperedRow[], options: { expectHead?: string } = {}): AuditVerification {
  const db = copyDatabase(intact);
  try {
    rewriteEvents(db, tamper(structuredClone(original), db));
    return verifyAuditChain(db, options);
  } finally {
    db.close();
  }
}

function expectBad(result: AuditVerification, seq: number | null, problem: RegExp): void {
  expect(result).toMatchObject({ ok: false, seq });
  if (!result.ok) expect(result.problem).toMatch(problem);
}

/** Renumbers rows to their positions and, from position `from` on, recomputes prev_hash and hash as a careful forger would. */
function rechain(rows: TamperedRow[], from: number): TamperedRow[] {
  let prev = from === 1 ? genesisHash : (rows[from - 2]!.hash as string);
  rows.forEach((row, index) => {
    row.seq = index + 1;
    if (index + 1 < from) return;
    row.prev_hash = prev;
    row.hash = hashAuditEvent({ ...(row as AuditEventRow), data: JSON.parse(row.data as string) as unknown });
    prev = row.hash as string;
  });
  return rows;
}

/** A forged event for position `seq`, with a correct hash when given the previous one. */
function forged(seq: number, prevHash: string | undefined): TamperedRow {
  const row = { seq, tenant: 'acme', at: '2026-06-01T09:05:30.000Z', type: 'exception.decided', actor: 'mallory', subject: 'exception:1', data: '{"decision":"approved"}', prev_hash: prevHash ?? flipHex(genesisHash), hash: '' };
  row.hash = prevHash === undefined ? 'f'.repeat(64) : hashAuditEvent({ ...row, data: { decision: 'approved' } });
  return row;
}

/** Inserts `row` at position k, moving the events from k on one place up, without re-hashing them. */
function insertAt(rows: TamperedRow[], k: number, row: TamperedRow): TamperedRow[] {
  const shifted = rows.map((r) => ({ ...r, seq: (r.seq as number) >= k ? (r.seq as number) + 1 : r.seq }));
  return [...shifted.slice(0, k - 1), row, ...shifted.slice(k - 1)];
}

function setAnchor(db: Database.Database, seq: number, hash: string): void {
  dropAuditTriggers(db);
  db.prepare('UPDATE audit_anchor SET seq = ?, hash = ? WHERE id = 1').run(seq, hash);
}

describe('the intact chain', () => {
  it('verifies, with its head', () => {
    expect(verifyAuditChain(intact)).toEqual({ ok: true, count: n, head: originalHead });
    expect(verifyAfter((rows) => rows)).toEqual({ ok: true, count: n, head: originalHead });
  });
});

describe('editing one column of one event is caught at that event', () => {
  type Edit = [column: keyof AuditEventRow, change: (row: TamperedRow) => unknown, problem: RegExp];
  const altered = /event \d+ was altered: its hash does not match/;
  const edits: Edit[] = [
    ['seq', (row) => (row.seq as number) + 1000, /missing: deleted, or renumbered/],
    ['tenant', (row) => `${row.tenant as string}x`, altered],
    ['tenant', (row) => Buffer.from(row.tenant as string), /malformed: tenant/],
    ['at', (row) => new Date(Date.parse(row.at as string) + 1).toISOString(), altered],
    ['at', (row) => (row.at as string).replace('.000Z', 'Z'), altered],
    ['type', (row) => 'permission.denied.x', altered],
    ['actor', (row) => `${row.actor as string} `, altered],
    ['actor', (row) => Buffer.from(row.actor as string), /malformed: actor/],
    ['subject', (row) => (row.subject === null ? 'answer:999' : null), altered],
    ['subject', (row) => (row.subject === null ? '' : `${row.subject as string}0`), altered],
    ['data', () => '{"tampered":true}', altered],
    ['data', (row) => (row.data as string).replace(/^\{/, '{ ').replace(/^null$/, ' null'), /data is not in the canonical form/],
    ['data', (row) => (row.data as string).slice(0, -1), /data is not valid JSON/],
    ['data', (row) => Buffer.from(row.data as string), /malformed: data/],
    ['prev_hash', (row) => flipHex(row.prev_hash as string), /does not follow event/],
    ['prev_hash', (row) => (row.prev_hash as string).toUpperCase().replace(/^[0-9]/, 'A'), /malformed: prev_hash/],
    ['hash', (row) => flipHex(row.hash as string), altered],
    ['hash', () => 'not a hash', /malformed: hash/],
  ];

  it.each(edits)('%s (%#) of every event', (column, change, problem) => {
    for (const k of positions) {
      const result = verifyAfter((rows) => {
        const row = rows[k - 1]!;
        const value = change(row);
        expect(value).not.toEqual(row[column]);
        row[column] = value;
        return rows;
      });
      expectBad(result, k, problem);
    }
  });

  it('an edited event re-hashed to the end of the chain is caught by the anchor, at the anchored event', () => {
    for (const k of positions) {
      const result = verifyAfter((rows) => {
        rows[k - 1]!.actor = 'mallory';
        return rechain(rows, k);
      });
      expectBad(result, n, /does not match the hash the anchor recorded/);
    }
  });

  it('rewriting the anchor as well passes verify (the documented limit), but not --expect-head with a head kept elsewhere', () => {
    for (const k of positions) {
      const tamper = (rows: TamperedRow[], db: Database.Database) => {
        rows[k - 1]!.actor = 'mallory';
        const rechained = rechain(rows, k);
        setAnchor(db, n, rechained[n - 1]!.hash as string);
        return rechained;
      };
      expect(verifyAfter(tamper)).toMatchObject({ ok: true, count: n });
      expectBad(verifyAfter(tamper, { expectHead: originalHead }), null, /no event has the expected head hash/);
      // A head recorded before the edited event is still there: the rewrite happened after it.
      if (k > 1) expect(verifyAfter(tamper, { expectHead: original[k - 2]!.hash })).toMatchObject({ ok: true, expectedHeadSeq: k - 1 });
    }
  });
});

describe('deleting one event is caught at the missing event', () => {
  it.each(positions)('event %i', (k) => {
    const result = verifyAfter((rows) => rows.filter((row) => row.seq !== k));
    expectBad(result, k, k === n ? /event 30 is missing: the anchor records 30 events, the trail ends at 29 \(truncated\)/ : new RegExp(`event ${k} is missing`));
  });

  it('deleting a run of events names the first', () => {
    expectBad(verifyAfter((rows) => rows.filter((row) => (row.seq as number) < 10 || (row.seq as number) > 14)), 10, /events 10 to 14 are missing/);
  });
});

describe('inserting one event is caught', () => {
  const gaps = Array.from({ length: n + 1 }, (_, i) => i + 1);

  it.each(gaps)('at position %i: a forgery with a made-up hash, at the forgery', (k) => {
    expectBad(verifyAfter((rows) => insertAt(rows, k, forged(k, undefined))), k, /does not follow event|was altered/);
  });

  it.each(gaps)('at position %i: a forgery hashed onto the event before it, at the next event (or by the anchor at the end)', (k) => {
    const result = verifyAfter((rows) => insertAt(rows, k, forged(k, k === 1 ? genesisHash : (rows[k - 2]!.hash as string))));
    if (k <= n) expectBad(result, k + 1, /was altered|does not follow event/);
    else expectBad(result, n + 1, /event 31 is not covered by the anchor, which ends at event 30/);
  });

  it.each(gaps)('at position %i: with every later event re-hashed, by the anchor', (k) => {
    const result = verifyAfter((rows) => rechain(insertAt(rows, k, forged(k, undefined)), k));
    if (k <= n) expectBad(result, n, /does not match the hash the anchor recorded/);
    else expectBad(result, n + 1, /not covered by the anchor/);
  });

  it('with a seq past the end, leaving a gap, at the first missing seq', () => {
    expectBad(verifyAfter((rows) => [...rows, forged(n + 5, originalHead)]), n + 1, /events 31 to 34 are missing/);
  });

  it('with seq 0 before the first event', () => {
    expectBad(verifyAfter((rows) => [forged(0, genesisHash), ...rows]), 0, /out of sequence/);
  });
});

describe('swapping two adjacent events is caught at the first of them', () => {
  it.each(positions.slice(0, -1))('events %i and the next', (k) => {
    const result = verifyAfter((rows) => {
      const [a, b] = [rows[k - 1]!, rows[k]!];
      rows[k - 1] = { ...b, seq: k };
      rows[k] = { ...a, seq: k + 1 };
      return rows;
    });
    expectBad(result, k, /does not follow event/);
  });

  it('swapping two events and re-hashing everything after is caught by the anchor', () => {
    const result = verifyAfter((rows) => {
      const [a, b] = [rows[4]!, rows[5]!];
      rows[4] = b;
      rows[5] = a;
      return rechain(rows, 5);
    });
    expectBad(result, n, /anchor/);
  });
});

describe('cutting events off the end is caught by the anchor, at the first missing event', () => {
  it.each(positions)('keeping %i fewer', (dropped) => {
    const kept = n - dropped;
    const result = verifyAfter((rows) => rows.slice(0, kept));
    expectBad(result, kept + 1, /\(truncated\)/);
  });

  it('with the anchor moved back to match, passes verify but not --expect-head', () => {
    const tamper = (rows: TamperedRow[], db: Database.Database) => {
      setAnchor(db, 20, rows[19]!.hash as string);
      return rows.slice(0, 20);
    };
    expect(verifyAfter(tamper)).toMatchObject({ ok: true, count: 20 });
    expectBad(verifyAfter(tamper, { expectHead: originalHead }), null, /no event has the expected head hash/);
  });
});

describe('tampering with the anchor alone', () => {
  it.each([
    ['its hash changed', (db: Database.Database) => setAnchor(db, n, flipHex(originalHead)), n, /does not match the hash the anchor recorded/],
    ['moved back one event', (db: Database.Database) => setAnchor(db, n - 1, original[n - 2]!.hash), n, /event 30 is not covered by the anchor/],
    ['moved forward', (db: Database.Database) => setAnchor(db, n + 1, originalHead), n + 1, /event 31 is missing/],
    ['deleted', (db: Database.Database) => { dropAuditTriggers(db); db.exec('DELETE FROM audit_anchor'); }, n, /anchor .* is missing or malformed/],
  ] as const)('%s', (_name, tamper, seq, problem) => {
    expectBad(verifyAfter((rows, db) => { tamper(db); return rows; }), seq, problem);
  });
});

describe('an empty trail', () => {
  it('verifies with the genesis hash as its head', () => {
    const db = chainOf(0);
    expect(verifyAuditChain(db)).toEqual({ ok: true, count: 0, head: genesisHash });
    expect(verifyAuditChain(db, { expectHead: genesisHash })).toEqual({ ok: true, count: 0, head: genesisHash, expectedHeadSeq: 0 });
    db.close();
  });
});
