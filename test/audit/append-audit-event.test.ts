import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { appendAuditEvent } from '../../src/audit/append-audit-event.ts';
import { AuditChainError } from '../../src/audit/audit-chain-error.ts';
import { genesisHash } from '../../src/audit/audit-event.ts';
import { verifyAuditChain } from '../../src/audit/verify-audit-chain.ts';
import { UsageError } from '../../src/errors.ts';
import { openDatabase } from '../../src/storage/open-database.ts';
import { auditRows, chainOf, dropAuditTriggers, sampleEvents } from './audit-chain-fixture.ts';

const event = { tenant: 'acme', type: 'config.changed', actor: 'olga', subject: 'rules:acme', data: { rule: 'travel', to: 'allowed' }, at: '2026-06-01T09:00:00.000Z' };

describe('appending audit events', () => {
  it('numbers events 1, 2, 3..., chains each to the one before, and verifies', () => {
    const db = chainOf(30);
    const rows = auditRows(db);
    expect(rows.map((row) => row.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(rows[0]!.prev_hash).toBe(genesisHash);
    rows.slice(1).forEach((row, i) => expect(row.prev_hash).toBe(rows[i]!.hash));
    expect(verifyAuditChain(db)).toEqual({ ok: true, count: 30, head: rows[29]!.hash });
    db.close();
  });

  it('returns the seq and hash it stored; the hash is sha256 over the documented canonical encoding', () => {
    const db = openDatabase(':memory:');
    const first = appendAuditEvent(db, event);
    const second = appendAuditEvent(db, { ...event, data: undefined, subject: undefined });
    expect(first.seq).toBe(1);
    expect(second.seq).toBe(2);
    const canonical = `{"actor":"olga","at":"2026-06-01T09:00:00.000Z","data":{"rule":"travel","to":"allowed"},"prev_hash":"${genesisHash}","seq":1,"subject":"rules:acme","tenant":"acme","type":"config.changed"}`;
    expect(first.hash).toBe(createHash('sha256').update(canonical).digest('hex'));
    const [row1, row2] = auditRows(db);
    expect(row1).toMatchObject({ seq: 1, data: '{"rule":"travel","to":"allowed"}', prev_hash: genesisHash, hash: first.hash });
    expect(row2).toMatchObject({ seq: 2, subject: null, data: 'null', prev_hash: first.hash, hash: second.hash });
    db.close();
  });

  it('stores times in UTC as toISOString writes them, and refuses what is not a time', () => {
    const db = openDatabase(':memory:');
    appendAuditEvent(db, { ...event, at: '2026-06-01T11:00:00+02:00' });
    expect(auditRows(db)[0]!.at).toBe('2026-06-01T09:00:00.000Z');
    expect(() => appendAuditEvent(db, { ...event, at: 'yesterday' })).toThrow(UsageError);
    expect(auditRows(db)).toHaveLength(1);
    db.close();
  });

  it("commits and rolls back with the caller's transaction", () => {
    const db = openDatabase(':memory:');
    db.exec('CREATE TABLE things (name TEXT)');
    const change = db.transaction((name: string, fail: boolean) => {
      db.prepare('INSERT INTO things VALUES (?)').run(name);
      appendAuditEvent(db, { ...event, subject: name });
      if (fail) throw new Error('the change failed after its event was appended');
    });
    change.immediate('kept', false);
    expect(() => change.immediate('lost', true)).toThrow(/failed/);
    expect(db.prepare('SELECT name FROM things').pluck().all()).toEqual(['kept']);
    expect(auditRows(db).map((row) => row.subject)).toEqual(['kept']);
    // The rolled-back event left no hole: the next one takes seq 2.
    expect(appendAuditEvent(db, event).seq).toBe(2);
    expect(verifyAuditChain(db)).toMatchObject({ ok: true, count: 2 });
    db.close();
  });

  it('refuses to continue a chain whose tail was cut, appending nothing', () => {
    const db = chainOf(5);
    dropAuditTriggers(db);
    db.exec('DELETE FROM audit_events WHERE seq = 5');
    expect(() => appendAuditEvent(db, event)).toThrow(AuditChainError);
    expect(() => appendAuditEvent(db, event)).toThrow(/last event \(seq 4\) does not match its anchor \(seq 5\)/);
    expect(auditRows(db)).toHaveLength(4);
    db.close();
  });

  it('keeps events of every tenant in one chain', () => {
    const db = chainOf(6);
    expect(new Set(auditRows(db).map((row) => row.tenant))).toEqual(new Set(sampleEvents(6).map((e) => e.tenant)));
    expect(verifyAuditChain(db)).toMatchObject({ ok: true, count: 6 });
    db.close();
  });
});
