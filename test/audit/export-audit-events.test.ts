import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportAuditEvents } from '../../src/audit/export-audit-events.ts';
import { hashAuditEvent } from '../../src/audit/hash-audit-event.ts';
import { StorageError, UsageError } from '../../src/errors.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { chainOf, dropAuditTriggers, sampleEvents } from './audit-chain-fixture.ts';

// Sample event i happens at 2026-06-01T09:<i>Z; tenant globex for every third.
let db: Db;
beforeAll(() => {
  db = chainOf(30);
});
afterAll(() => db.close());

const seqs = (filter: Parameters<typeof exportAuditEvents>[1]) => [...exportAuditEvents(db, filter)].map((event) => event.seq);

describe('exporting audit events', () => {
  it('gives every event in chain order, data parsed, each line re-hashable on its own', () => {
    const events = [...exportAuditEvents(db)];
    expect(events.map((event) => event.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const sample = sampleEvents(30);
    expect(events[0]).toMatchObject({ tenant: sample[0]!.tenant, type: sample[0]!.type, actor: 'system', subject: 'answer:1', data: sample[0]!.data });
    expect(events[2]!.subject).toBeNull();
    expect(events[6]!.data).toBeNull();
    for (const { hash, ...rest } of events) expect(hashAuditEvent(rest)).toBe(hash);
  });

  it('filters by tenant', () => {
    expect(seqs({ tenant: 'globex' })).toEqual([1, 4, 7, 10, 13, 16, 19, 22, 25, 28]);
    expect(seqs({ tenant: 'initech' })).toEqual([]);
  });

  it('filters by time: since inclusive, until exclusive, so consecutive periods do not overlap', () => {
    expect(seqs({ since: '2026-06-01T09:10:00Z', until: '2026-06-01T09:13:00Z' })).toEqual([11, 12, 13]);
    expect(seqs({ since: '2026-06-01T09:13:00Z', until: '2026-06-01T09:15:00Z' })).toEqual([14, 15]);
    expect(seqs({ since: '2026-06-01T09:28:00Z' })).toEqual([29, 30]);
    expect(seqs({ until: '2026-06-01T09:02:00Z' })).toEqual([1, 2]);
  });

  it('accepts any ISO 8601 form: other offsets, dates alone (midnight UTC)', () => {
    expect(seqs({ since: '2026-06-01T11:10:00+02:00', until: '2026-06-01T11:12:00+02:00' })).toEqual([11, 12]);
    expect(seqs({ since: '2026-06-01', until: '2026-06-02' })).toHaveLength(30);
    expect(seqs({ since: '2026-06-02' })).toEqual([]);
  });

  it('combines tenant and time', () => {
    expect(seqs({ tenant: 'globex', since: '2026-06-01T09:10:00Z', until: '2026-06-01T09:20:00Z' })).toEqual([13, 16, 19]);
  });

  it('refuses a time that is not one', () => {
    expect(() => seqs({ since: 'last tuesday' })).toThrow(UsageError);
    expect(() => seqs({ until: '2026-13-45' })).toThrow(/--until is not an ISO 8601 time/);
  });

  it('names an event whose data does not read back', () => {
    const copy = chainOf(3);
    dropAuditTriggers(copy);
    copy.exec("UPDATE audit_events SET data = '{' WHERE seq = 2");
    expect(() => [...exportAuditEvents(copy)]).toThrow(StorageError);
    expect(() => [...exportAuditEvents(copy)]).toThrow(/audit event 2 has data that is not JSON/);
    copy.close();
  });
});
