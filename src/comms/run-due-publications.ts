import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import { noticeCardBody } from '../chat/cards/publication-notice.ts';
import { enqueueNotice } from '../chat/enqueue-notice.ts';
import { activeAnnouncementSettings } from './active-announcement-settings.ts';
import { audienceMembers, describeAudience } from './audience.ts';
import { checkChannelMembers } from './check-channel-members.ts';
import type { CommsDeps } from './comms-deps.ts';
import { drafterTarget } from './drafter-target.ts';
import { loadPublication } from './list-publications.ts';
import { loadDraft } from './load-draft.ts';
import { commitPublication, unpublishableReason } from './publish-draft.ts';
import type { Publication } from './publication.ts';
import { recordDraftEvent } from './record-draft-event.ts';

function refuseScheduled(db: Db, publication: Publication, reason: string, at: string): boolean {
  return db
    .transaction(() => {
      const claimed = statement(db, `UPDATE publications SET status = 'refused', reason = ? WHERE id = ? AND status = 'scheduled'`).run(reason, publication.id);
      if (claimed.changes !== 1) return false;
      const draft = loadDraft(db, publication.tenant, publication.draftId);
      recordDraftEvent(db, { type: 'publish_refused', draft, actor: 'system', at, key: `publication:${publication.id}`, data: { publication: publication.id, reason } });
      enqueueNotice(db, { tenant: draft.tenant, to: drafterTarget(draft), key: `${draft.tenant}:publication:${publication.id}:refused`, at: new Date(at), card: noticeCardBody(`⛔ The scheduled publication of announcement #${draft.id} was not sent: ${reason}`) });
      return true;
    })
    .immediate();
}

/**
 * Sends one scheduled publication that has come due, after checking again,
 * at send time, that its version is still the approved one and that every
 * target channel's members are all in the audience. Marking it sent and
 * queueing its posts happen in one transaction, claimed by a compare-and-set
 * on its status, so of several processes (or a restart) exactly one sends it.
 */
async function sendDue(deps: CommsDeps, publication: Publication, at: string): Promise<boolean> {
  const { db } = deps;
  const draft = loadDraft(db, publication.tenant, publication.draftId);
  const notApproved = unpublishableReason(db, draft, publication.version);
  if (notApproved) return (refuseScheduled(db, publication, notApproved, at), false);
  const settings = activeAnnouncementSettings(db, publication.tenant);
  const channels = publication.targets.map((target) => settings.channels.find((channel) => channel.id === target.id && channel.channel === target.channel) ?? { ...target, name: target.name });
  const members = audienceMembers(db, publication.tenant, publication.audience).map((person) => person.id);
  const refusals = await checkChannelMembers(deps, publication.tenant, channels, new Set(members));
  if (refusals.length > 0) return (refuseScheduled(db, publication, `${refusals.map((r) => r.reason).join('; ')}; an announcement for ${describeAudience(publication.audience)} goes only to channels whose members are all in it`, at), false);
  return db
    .transaction(() => {
      const claimed = statement(db, `UPDATE publications SET status = 'sent', recipients = ?, sent_at = ? WHERE id = ? AND status = 'scheduled'`).run(JSON.stringify(members), at, publication.id);
      if (claimed.changes !== 1) return false;
      const current = loadDraft(db, publication.tenant, publication.draftId);
      if (unpublishableReason(db, current, publication.version)) {
        // Edited while the members were being read: the edit's transaction cancels it; never send what is no longer approved.
        statement(db, `UPDATE publications SET status = 'cancelled', reason = 'changed while being sent' WHERE id = ?`).run(publication.id);
        return false;
      }
      commitPublication(db, loadPublication(db, publication.tenant, publication.id), current, at);
      return true;
    })
    .immediate();
}

/**
 * Sends every scheduled publication due by now. Schedules live in the
 * database, so after a restart this catches up on whatever came due, once.
 * Returns how many were sent.
 */
export async function runDuePublications(deps: CommsDeps, limit = 50): Promise<number> {
  const at = (deps.now ?? (() => new Date()))().toISOString();
  const due = statement<[string, number], { id: number; tenant: string }>(deps.db, `SELECT id, tenant FROM publications WHERE status = 'scheduled' AND due_at <= ? ORDER BY due_at, id LIMIT ?`).all(at, limit);
  let sent = 0;
  for (const row of due) if (await sendDue(deps, loadPublication(deps.db, row.tenant, row.id), at)) sent++;
  return sent;
}

/** Runs due publications now and then every `intervalMs`, until stopped; runs never overlap. */
export function startPublicationTimer(deps: CommsDeps & { onError?: (error: unknown) => void }, intervalMs = 30_000): { stop(): void } {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    runDuePublications(deps)
      .catch((error: unknown) => deps.onError?.(error))
      .finally(() => (running = false));
  };
  tick();
  const handle = setInterval(tick, intervalMs);
  handle.unref();
  return { stop: () => clearInterval(handle) };
}
