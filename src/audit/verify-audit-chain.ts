import { z } from 'zod';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import { auditAnchorRow, auditEventRow, genesisHash } from './audit-event.ts';
import { canonicalJson } from './canonical-json.ts';
import { hashAuditEvent } from './hash-audit-event.ts';

export type AuditVerification =
  /** `head` is the hash of the last event (64 zeros for an empty trail); `expectedHeadSeq` the event whose hash `expectHead` named. */
  | { ok: true; count: number; head: string; expectedHeadSeq?: number }
  /**
   * `seq` is the first event found bad: the first missing one for a deletion
   * or truncation. It is null only when no event can be named: the anchor row
   * itself is gone or altered on an empty trail, or `expectHead` is in no event.
   */
  | { ok: false; seq: number | null; problem: string };

type Problem = Extract<AuditVerification, { ok: false }>;

const rawRow = z.looseObject({ seq: z.number() });

/** What is wrong with one stored event that follows `prev` at position `expected`, or undefined if nothing. */
function checkEvent(raw: z.infer<typeof rawRow>, expected: number, prev: string): Problem | undefined {
  const seq = raw.seq;
  if (seq !== expected) {
    if (seq < expected) return { ok: false, seq, problem: `event ${seq} is out of sequence: sequence numbers start at 1` };
    const missing = seq - 1 === expected ? `event ${expected} is missing` : `events ${expected} to ${seq - 1} are missing`;
    return { ok: false, seq: expected, problem: `${missing}: deleted, or renumbered (the next event present is ${seq})` };
  }
  const parsed = auditEventRow.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, seq, problem: `event ${seq} is malformed: ${issue?.path.join('.') || 'row'}: ${issue?.message}` };
  }
  const row = parsed.data;
  let data: unknown;
  try {
    data = JSON.parse(row.data);
  } catch {
    return { ok: false, seq, problem: `event ${seq} was altered: its data is not valid JSON` };
  }
  if (canonicalJson(data) !== row.data) return { ok: false, seq, problem: `event ${seq} was altered: its data is not in the canonical form it was written in` };
  if (row.prev_hash !== prev) {
    return { ok: false, seq, problem: `event ${seq} does not follow event ${seq - 1}: its prev_hash is not that event's hash (an event was inserted, removed or moved here)` };
  }
  if (hashAuditEvent({ ...row, data }) !== row.hash) return { ok: false, seq, problem: `event ${seq} was altered: its hash does not match its contents` };
  return undefined;
}

/** Compares the end of an intact chain of `count` events with the anchor row. */
function checkAnchor(anchorRaw: unknown, count: number, hashAtAnchor: string | undefined): Problem | undefined {
  const parsed = auditAnchorRow.safeParse(anchorRaw);
  if (!parsed.success) return { ok: false, seq: count > 0 ? count : null, problem: 'the audit anchor (the recorded head of the chain) is missing or malformed' };
  const anchor = parsed.data;
  if (anchor.seq > count) {
    const missing = anchor.seq === count + 1 ? `event ${count + 1} is missing` : `events ${count + 1} to ${anchor.seq} are missing`;
    return { ok: false, seq: count + 1, problem: `${missing}: the anchor records ${anchor.seq} events, the trail ends at ${count} (truncated)` };
  }
  if (hashAtAnchor !== anchor.hash) {
    return anchor.seq === 0
      ? { ok: false, seq: null, problem: 'the audit anchor was altered: it records an empty trail with a hash other than the genesis hash' }
      : { ok: false, seq: anchor.seq, problem: `event ${anchor.seq} does not match the hash the anchor recorded for it: the chain was rewritten up to it` };
  }
  if (anchor.seq < count) {
    return { ok: false, seq: anchor.seq + 1, problem: `event ${anchor.seq + 1} is not covered by the anchor, which ends at event ${anchor.seq}: appended behind the application's back` };
  }
  return undefined;
}

/**
 * Checks the whole audit trail, in one read snapshot: every event follows the
 * previous one (gapless seq, prev_hash = the previous hash), every hash matches
 * its event's canonical encoding, every data column is the canonical JSON it
 * was written as, and the last event is the one the anchor recorded. Stops at
 * the first bad event and names it.
 *
 * `expectHead` is a head hash recorded outside the database earlier (printed by
 * `policy-desk audit verify`): it must still be the hash of some event of the
 * chain. That is the only check that catches someone who rewrote the tail and
 * the anchor consistently.
 *
 * `after` (an event an earlier full check found intact, and its hash) checks
 * only what follows it, for a page that shows the chain's status often: that
 * event must still carry its hash, and everything after must chain from it,
 * but events before it are not read again (see createAuditChainWatch).
 */
export function verifyAuditChain(db: Db, options: { expectHead?: string; after?: { seq: number; hash: string } } = {}): AuditVerification {
  return db.transaction((): AuditVerification => {
    const anchorRaw = statement(db, 'SELECT seq, hash FROM audit_anchor WHERE id = 1').get() as { seq?: unknown } | undefined;
    const anchorSeq = typeof anchorRaw?.seq === 'number' ? anchorRaw.seq : undefined;
    const expectHead = options.expectHead?.toLowerCase();
    const after = options.after ?? { seq: 0, hash: genesisHash };
    if (after.seq > 0) {
      const stored = statement<[number], { hash: string }>(db, 'SELECT hash FROM audit_events WHERE seq = ?').get(after.seq)?.hash;
      if (stored !== after.hash) return { ok: false, seq: after.seq, problem: `event ${after.seq} ${stored === undefined ? 'is missing' : 'was altered'} since it was last verified` };
    }
    let expected = after.seq + 1;
    let prev = after.hash;
    let hashAtAnchor =
      anchorSeq === undefined || anchorSeq > after.seq ? undefined
      : anchorSeq === 0 ? genesisHash
      : statement<[number], { hash: string }>(db, 'SELECT hash FROM audit_events WHERE seq = ?').get(anchorSeq)?.hash;
    let expectedHeadSeq = expectHead === genesisHash ? 0 : expectHead !== undefined && expectHead === after.hash ? after.seq : undefined;
    const rows = statement<[number], unknown>(db, 'SELECT seq, tenant, at, type, actor, subject, data, prev_hash, hash FROM audit_events WHERE seq > ? ORDER BY seq')
      // A full check reads every row, a stray seq 0 or below included.
      .iterate(options.after ? after.seq : Number.MIN_SAFE_INTEGER);
    for (const raw of rows) {
      const problem = checkEvent(rawRow.parse(raw), expected, prev);
      // Returning from the loop closes the statement's iterator.
      if (problem) return problem;
      const { hash } = raw as { hash: string };
      if (expected === anchorSeq) hashAtAnchor = hash;
      if (expectHead !== undefined && hash === expectHead) expectedHeadSeq = expected;
      prev = hash;
      expected++;
    }
    const count = expected - 1;
    const anchorProblem = checkAnchor(anchorRaw, count, hashAtAnchor);
    if (anchorProblem) return anchorProblem;
    if (expectHead !== undefined && expectedHeadSeq === undefined) {
      return { ok: false, seq: null, problem: `no event has the expected head hash ${expectHead}: the trail was rewritten or cut at or before the event it was recorded for` };
    }
    return { ok: true, count, head: prev, ...(expectedHeadSeq !== undefined ? { expectedHeadSeq } : {}) };
  })();
}
