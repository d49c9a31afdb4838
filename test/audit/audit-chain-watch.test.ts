import { describe, expect, it } from 'vitest';
import { appendAuditEvent } from '../../src/audit/append-audit-event.ts';
import { createAuditChainWatch } from '../../src/audit/create-audit-chain-watch.ts';
import { verifyAuditChain } from '../../src/audit/verify-audit-chain.ts';
import { chainOf, dropAuditTriggers, sampleEvents } from './audit-chain-fixture.ts';

const minute = 60_000;

describe('the audit chain watch (the console shows its status on every load)', () => {
  it('checks only what was appended since the last intact head, and the whole chain again every ten minutes', () => {
    const db = chainOf(30);
    let clock = new Date('2026-06-01T09:00:00Z');
    const watch = createAuditChainWatch(db, { now: () => clock });
    expect(watch.check()).toMatchObject({ ok: true, count: 30, fullCheckAt: '2026-06-01T09:00:00.000Z' });

    for (const event of sampleEvents(5)) appendAuditEvent(db, event);
    clock = new Date(clock.getTime() + minute);
    const incremental = watch.check();
    expect(incremental).toMatchObject({ ok: true, count: 35, fullCheckAt: '2026-06-01T09:00:00.000Z' });
    expect(incremental).toMatchObject({ head: (verifyAuditChain(db) as { head: string }).head });

    // Someone with the file alters an old event: the incremental check does not read it; the next full one does.
    dropAuditTriggers(db);
    db.prepare("UPDATE audit_events SET actor = 'mallory' WHERE seq = 3").run();
    clock = new Date(clock.getTime() + minute);
    expect(watch.check()).toMatchObject({ ok: true, count: 35 });
    clock = new Date(clock.getTime() + 10 * minute);
    expect(watch.check()).toMatchObject({ ok: false, seq: 3, problem: expect.stringMatching(/event 3 was altered/), fullCheckAt: '2026-06-01T09:12:00.000Z' });
    db.close();
  });

  it('catches at once a change to the last verified event or to anything appended after it', () => {
    const db = chainOf(30);
    let clock = new Date('2026-06-01T09:00:00Z');
    const watch = createAuditChainWatch(db, { now: () => clock });
    expect(watch.check()).toMatchObject({ ok: true, count: 30 });
    for (const event of sampleEvents(3)) appendAuditEvent(db, event);
    dropAuditTriggers(db);
    db.prepare("UPDATE audit_events SET data = '{\"n\":99}' WHERE seq = 32").run();
    clock = new Date(clock.getTime() + minute);
    expect(watch.check()).toMatchObject({ ok: false, seq: 32 });

    const other = chainOf(30);
    const otherWatch = createAuditChainWatch(other, { now: () => clock });
    expect(otherWatch.check()).toMatchObject({ ok: true, count: 30 });
    dropAuditTriggers(other);
    other.prepare("UPDATE audit_events SET hash = '0' || substr(hash, 2) WHERE seq = 30").run();
    expect(otherWatch.check()).toMatchObject({ ok: false, seq: 30, problem: 'event 30 was altered since it was last verified' });
    // Broken once, it is checked in full next time, and stays broken.
    expect(otherWatch.check()).toMatchObject({ ok: false, seq: 30 });
    db.close();
    other.close();
  });
});
