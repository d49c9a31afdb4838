import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import { currentStage, type ExceptionRequest } from './exception-request.ts';

/** Share of a stage's SLA after which its reviewers are reminded. */
const reminderShare = 0.75;
/** Days before an approved exception ends that the requester is told. */
const expiryNoticeDays = 7;
const day = 24 * 60 * 60 * 1000;

function arm(db: Db, request: ExceptionRequest, kind: string, dueAt: Date): void {
  statement(
    db,
    `INSERT OR IGNORE INTO exception_timers (tenant, request_id, kind, stage, armed_for, due_at) VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(request.tenant, request.id, kind, request.stage, request.stageStartedAt, dueAt.toISOString());
}

/** Arms the SLA reminder and escalation of the request's current stage. Call inside the transaction that started the stage. */
export function armStageTimers(db: Db, request: ExceptionRequest): void {
  const started = new Date(request.stageStartedAt).getTime();
  const { slaMs } = currentStage(request);
  arm(db, request, 'sla_reminder', new Date(started + slaMs * reminderShare));
  arm(db, request, 'sla_escalation', new Date(started + slaMs));
}

/** Arms the notice before an approved exception ends, and its end (the day after `expiresOn`). */
export function armExpiryTimers(db: Db, request: ExceptionRequest, now: Date): void {
  if (!request.expiresOn) return;
  const end = new Date(`${request.expiresOn}T00:00:00Z`).getTime() + day;
  const notice = Math.max(now.getTime(), end - expiryNoticeDays * day);
  if (notice < end) arm(db, request, 'expiry_reminder', new Date(notice));
  arm(db, request, 'expiry', new Date(end));
}
