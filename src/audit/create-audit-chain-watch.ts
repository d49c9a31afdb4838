import type { Db } from '../storage/open-database.ts';
import { verifyAuditChain, type AuditVerification } from './verify-audit-chain.ts';

/** The chain's status, with when it was last checked from its first event. */
export type WatchedVerification = AuditVerification & { fullCheckAt: string };

/** How often the whole chain is read again; between, only what was appended since the last check. */
const fullCheckEveryMs = 10 * 60 * 1000;

/**
 * The audit chain's status for a page that shows it on every load. A full
 * check reads every event (about 20 µs each: seconds for a busy year); this
 * runs one at most every ten minutes and otherwise checks only the events
 * appended since the last intact head, which must still carry its hash. A
 * change to an older event is caught by the next full check (or at once by
 * `policy-desk audit verify`). A broken chain is checked in full next time.
 */
export function createAuditChainWatch(db: Db, options: { now?: () => Date; fullEveryMs?: number } = {}) {
  const now = options.now ?? (() => new Date());
  const fullEveryMs = options.fullEveryMs ?? fullCheckEveryMs;
  let last: { seq: number; hash: string; fullCheckAt: Date } | undefined;

  return {
    check(): WatchedVerification {
      const at = now();
      const full = !last || at.getTime() - last.fullCheckAt.getTime() >= fullEveryMs;
      const result = verifyAuditChain(db, full || !last ? {} : { after: { seq: last.seq, hash: last.hash } });
      const fullCheckAt = full ? at : last!.fullCheckAt;
      last = result.ok ? { seq: result.count, hash: result.head, fullCheckAt } : undefined;
      return { ...result, fullCheckAt: fullCheckAt.toISOString() };
    },
  };
}

export type AuditChainWatch = ReturnType<typeof createAuditChainWatch>;
