import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashAuditEvent } from '../../src/audit/hash-audit-event.ts';
import { verifyAuditChain } from '../../src/audit/verify-audit-chain.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { auditRows, chainOf } from './audit-chain-fixture.ts';

/** The database itself refuses to change the trail, before any hash is checked. */
describe('the audit tables are append-only in SQL', () => {
  let db: Db;
  beforeEach(() => {
    db = chainOf(5);
  });
  afterEach(() => {
    // Whatever was attempted, the chain is as it was.
    expect(verifyAuditChain(db)).toMatchObject({ ok: true, count: 5 });
    db.close();
  });

  it.each([
    ["UPDATE audit_events SET actor = 'mallory' WHERE seq = 3", /append-only: events cannot be changed/],
    ['UPDATE audit_events SET seq = seq + 100', /append-only: events cannot be changed/],
    ['DELETE FROM audit_events WHERE seq = 5', /append-only: events cannot be deleted/],
    ['DELETE FROM audit_events', /append-only: events cannot be deleted/],
    ['UPDATE audit_anchor SET seq = 4', /only advances to the newest event/],
    ["UPDATE audit_anchor SET hash = 'x'", /only advances to the newest event/],
    ['DELETE FROM audit_anchor', /anchor cannot be deleted/],
    ["INSERT OR REPLACE INTO audit_anchor (id, seq, hash) VALUES (1, 0, '0')", /anchor cannot be replaced/],
  ])('refuses %s', (sql, message) => {
    expect(() => db.exec(sql)).toThrow(message);
  });

  it('refuses an insert that does not extend the head, including INSERT OR REPLACE over an event', () => {
    const [third] = auditRows(db).slice(2);
    const insert = (verb: string, row: Record<string, unknown>) =>
      db.prepare(`${verb} INTO audit_events (seq, tenant, at, type, actor, subject, data, prev_hash, hash) VALUES (@seq, @tenant, @at, @type, @actor, @subject, @data, @prev_hash, @hash)`).run(row);
    expect(() => insert('INSERT OR REPLACE', { ...third, actor: 'mallory' })).toThrow(/must extend the head/);
    expect(() => insert('INSERT', { ...third, seq: 6 })).toThrow(/must extend the head/);
    expect(() => insert('INSERT', { ...third, seq: 7, prev_hash: auditRows(db)[4]!.hash })).toThrow(/must extend the head/);
    expect(auditRows(db)[2]).toEqual(third);
  });

  it('lets a well-formed event extend the head, and moves the anchor with it', () => {
    const head = auditRows(db)[4]!;
    const row = { seq: 6, tenant: 'acme', at: '2026-06-02T00:00:00.000Z', type: 'config.changed', actor: 'olga', subject: null, data: 'null', prev_hash: head.hash };
    const hash = hashAuditEvent({ ...row, data: null });
    db.prepare('INSERT INTO audit_events (seq, tenant, at, type, actor, subject, data, prev_hash, hash) VALUES (@seq, @tenant, @at, @type, @actor, @subject, @data, @prev_hash, @hash)').run({ ...row, hash });
    expect(db.prepare('SELECT seq, hash FROM audit_anchor').get()).toEqual({ seq: 6, hash });
    expect(verifyAuditChain(db)).toMatchObject({ ok: true, count: 6, head: hash });
    // Back to five for afterEach, the way only an attacker can.
    db.exec('DROP TRIGGER audit_events_no_delete; DROP TRIGGER audit_anchor_forward_only; DELETE FROM audit_events WHERE seq = 6');
    db.prepare('UPDATE audit_anchor SET seq = 5, hash = ?').run(head.hash);
  });
});
