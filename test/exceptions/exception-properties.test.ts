import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/verify-audit-chain.ts';
import { reportsTo } from '../../src/exceptions/authorize-decision.ts';
import { currentStage } from '../../src/exceptions/exception-request.ts';
import { decideException, type Decision } from '../../src/exceptions/decide-exception.ts';
import { findPerson } from '../../src/directory/find-person.ts';
import { loadException } from '../../src/exceptions/load-exception.ts';
import { requestException } from '../../src/exceptions/request-exception.ts';
import { answerInfoRequest, withdrawException } from '../../src/exceptions/respond-to-request.ts';
import { runDueTimers } from '../../src/exceptions/run-due-timers.ts';
import { PolicyDeskError } from '../../src/errors.ts';
import { directory, exceptionWorld, sectionOf, useTwoStageRouting } from './exception-world.ts';

const people = directory.users.map((user) => user.id);

const operation = fc.oneof(
  fc.record({ kind: fc.constant('request' as const), requester: fc.constantFrom(...people), amount: fc.constantFrom(200, 4100) }),
  fc.record({
    kind: fc.constant('decide' as const),
    request: fc.nat(5),
    actor: fc.constantFrom(...people, 'stranger'),
    action: fc.constantFrom('approve', 'deny', 'ask_info'),
  }),
  fc.record({ kind: fc.constant('answer' as const), request: fc.nat(5), actor: fc.constantFrom(...people) }),
  fc.record({ kind: fc.constant('withdraw' as const), request: fc.nat(5), actor: fc.constantFrom(...people) }),
  fc.record({ kind: fc.constant('time' as const), hours: fc.integer({ min: 1, max: 80 }) }),
);

describe('exception workflow invariants over random interleavings', () => {
  it('never decides a request twice, nor lets anyone decide who may not', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 5, maxLength: 60 }), async (operations) => {
        const db = await exceptionWorld();
        useTwoStageRouting(db);
        const clause = sectionOf(db, 'travel', 'Airfare');
        let now = new Date('2026-03-02T09:00:00Z').getTime();
        const deps = { db, now: () => new Date(now) };
        const ids: number[] = [];
        const finalDecisions = new Map<number, number>();
        try {
          for (const op of operations) {
            try {
              if (op.kind === 'time') {
                now += op.hours * 3_600_000;
                runDueTimers(deps);
              } else if (op.kind === 'request') {
                ids.push(requestException(deps, { tenant: 'acme', requester: op.requester, ...clause, justification: 'A generated request for testing.', amount: op.amount }).id);
              } else {
                const id = ids[op.request % Math.max(ids.length, 1)];
                if (id === undefined) continue;
                if (op.kind === 'answer') answerInfoRequest(deps, { tenant: 'acme', requestId: id, requester: op.actor, answer: 'More detail.' });
                else if (op.kind === 'withdraw') withdrawException(deps, { tenant: 'acme', requestId: id, requester: op.actor });
                else {
                  const before = loadException(db, 'acme', id);
                  const decision: Decision =
                    op.action === 'approve' ? { action: 'approve' } : op.action === 'deny' ? { action: 'deny', reason: 'No.' } : { action: 'ask_info', question: 'Why?' };
                  const result = decideException(deps, { tenant: 'acme', requestId: id, actor: op.actor, decision });
                  // Whoever succeeded was allowed to, by the stored request and the directory.
                  const actor = findPerson(db, 'acme', 'id', op.actor)!;
                  const groups = [currentStage(before).group, ...(before.escalatedTo ? [before.escalatedTo] : [])];
                  expect(actor.id).not.toBe(before.requester);
                  expect(reportsTo(db, 'acme', actor, before.requester)).toBe(false);
                  expect(groups.some((group) => actor.groups.includes(group))).toBe(true);
                  if (result.outcome === 'approved' || result.outcome === 'denied') finalDecisions.set(id, (finalDecisions.get(id) ?? 0) + 1);
                }
              }
            } catch (error) {
              if (!(error instanceof PolicyDeskError)) throw error;
            }
          }
          for (const count of finalDecisions.values()) expect(count).toBe(1);
          const decidedEvents = db
            .prepare("SELECT subject, count(*) AS n FROM audit_events WHERE type = 'exception.decided' GROUP BY subject HAVING n > 1")
            .all();
          expect(decidedEvents).toEqual([]);
          expect(verifyAuditChain(db).ok).toBe(true);
        } finally {
          db.close();
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
