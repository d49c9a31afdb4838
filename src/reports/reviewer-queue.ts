import type { Person } from '../directory/find-person.ts';
import { currentStage, type ExceptionRequest } from '../exceptions/exception-request.ts';
import { listExceptions } from '../exceptions/load-exception.ts';
import type { Db } from '../storage/open-database.ts';

export type QueueItem = {
  request: ExceptionRequest;
  /** When the current stage's SLA runs out. */
  dueAt: Date;
  overdue: boolean;
};

/**
 * The open requests waiting on one of the person's groups at their current
 * stage (or, after the SLA, as its escalation group), soonest due first. The
 * person's own requests are left out: nobody decides their own. Whether the
 * person may decide a given one is still checked when they do.
 */
export function reviewerQueue(db: Db, tenant: string, person: Person, now: Date): QueueItem[] {
  const open = [...listExceptions(db, tenant, { status: 'pending', limit: 500 }), ...listExceptions(db, tenant, { status: 'needs_info', limit: 500 })];
  return open
    .filter((request) => request.requester !== person.id)
    .filter((request) => [currentStage(request).group, ...(request.escalatedTo ? [request.escalatedTo] : [])].some((group) => person.groups.includes(group)))
    .map((request) => {
      const dueAt = new Date(Date.parse(request.stageStartedAt) + currentStage(request).slaMs);
      return { request, dueAt, overdue: dueAt.getTime() < now.getTime() };
    })
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}
