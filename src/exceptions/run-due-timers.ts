import { z } from 'zod';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import { currentStage, isOpen } from './exception-request.ts';
import { loadException } from './load-exception.ts';
import { recordExceptionEvent } from './record-exception-event.ts';
import { updateRequest } from './update-request.ts';

const timerRow = z.object({
  id: z.number(),
  tenant: z.string(),
  request_id: z.number(),
  kind: z.enum(['sla_reminder', 'sla_escalation', 'expiry_reminder', 'expiry']),
  stage: z.number(),
  armed_for: z.string(),
  due_at: z.string(),
});

type Timer = z.infer<typeof timerRow>;

/**
 * Fires one timer, if it is still due and unfired, in one transaction with
 * what it does: marking it fired and acting commit together, so a crash
 * either leaves it to fire after restart or has fired it exactly once.
 * A timer made obsolete (the request moved on) is marked fired and does nothing.
 */
function fire(db: Db, timer: Timer, at: string): boolean {
  return db
    .transaction(() => {
      const claimed = statement(db, 'UPDATE exception_timers SET fired_at = ? WHERE id = ? AND fired_at IS NULL').run(at, timer.id);
      if (claimed.changes !== 1) return false;
      const request = loadException(db, timer.tenant, timer.request_id);
      const sameStage = isOpen(request) && request.stage === timer.stage && request.stageStartedAt === timer.armed_for && request.status === 'pending';
      switch (timer.kind) {
        case 'sla_reminder':
          if (!sameStage) return false;
          recordExceptionEvent(db, { type: 'reminder', request, actor: 'system', at, action: 'remind', note: `waiting on ${currentStage(request).group} since ${request.stageStartedAt}` });
          return true;
        case 'sla_escalation': {
          if (!sameStage) return false;
          const escalateTo = currentStage(request).escalateTo;
          const escalated = escalateTo ? updateRequest(db, request, { escalatedTo: escalateTo }) : request;
          recordExceptionEvent(db, {
            type: 'escalated',
            request: escalated,
            actor: 'system',
            at,
            action: 'escalate',
            note: escalateTo ? `SLA passed: ${escalateTo} may now decide too` : `SLA passed: still waiting on ${currentStage(request).group}`,
          });
          return true;
        }
        case 'expiry_reminder':
          if (request.status !== 'approved') return false;
          recordExceptionEvent(db, { type: 'expiring', request, actor: 'system', at, note: `ends on ${request.expiresOn}` });
          return true;
        case 'expiry': {
          if (request.status !== 'approved' || !request.expiresOn || request.expiresOn >= at.slice(0, 10)) return false;
          const expired = updateRequest(db, request, { status: 'expired' });
          recordExceptionEvent(db, { type: 'expired', request: expired, actor: 'system', at, action: 'expire', note: `ended on ${request.expiresOn}` });
          return true;
        }
      }
    })
    .immediate();
}

/**
 * Fires every timer due by now: SLA reminders and escalations, notices
 * before approved exceptions end, and their end. Timers live in the
 * database, so calling this after a restart catches up on whatever came due
 * meanwhile, once. Returns how many acted.
 */
export function runDueTimers(deps: { db: Db; now?: () => Date }, limit = 500): number {
  const { db } = deps;
  const at = (deps.now ?? (() => new Date()))().toISOString();
  const due = statement(db, 'SELECT id, tenant, request_id, kind, stage, armed_for, due_at FROM exception_timers WHERE fired_at IS NULL AND due_at <= ? ORDER BY due_at, id LIMIT ?')
    .all(at, limit)
    .map((row) => timerRow.parse(row));
  let acted = 0;
  for (const timer of due) if (fire(db, timer, at)) acted++;
  return acted;
}

/** Runs due timers now and then every `intervalMs`, until stopped. */
export function startExceptionTimers(deps: { db: Db; now?: () => Date; onError?: (error: unknown) => void }, intervalMs = 30_000): { stop(): void } {
  const tick = () => {
    try {
      runDueTimers(deps);
    } catch (error) {
      deps.onError?.(error);
    }
  };
  tick();
  const handle = setInterval(tick, intervalMs);
  handle.unref();
  return { stop: () => clearInterval(handle) };
}
