import { findPerson } from '../../directory/find-person.ts';
import { InvalidRequestError } from '../../errors.ts';
import { recordAcknowledgment } from '../../lifecycle/record-acknowledgment.ts';
import type { Db } from '../../storage/open-database.ts';
import { statement } from '../../storage/statement.ts';
import { ackRequestCard } from '../cards/ack-request-card.ts';
import { noticeCard } from '../cards/notice-card.ts';
import type { ActionHandler } from '../chat-handlers.ts';
import { replyWithComparison } from '../intents/compare-intent.ts';
import { utcMinute } from '../../utc-minute.ts';

/** Who asked this person to acknowledge the version (for redrawing the card), by name. */
function requesterName(db: Db, tenant: string, versionId: number, personId: string): string {
  const row = statement<[string, number, string], { requested_by: string }>(
    db,
    `SELECT r.requested_by FROM ack_recipients x JOIN ack_requests r ON r.id = x.request_id
      WHERE x.tenant = ? AND x.version_id = ? AND x.person_id = ?`,
  ).get(tenant, versionId, personId);
  return row ? (findPerson(db, tenant, 'id', row.requested_by)?.name ?? row.requested_by) : 'The policy owners';
}

/**
 * "Acknowledge" on an acknowledgment request: recorded once for the person
 * who clicked (the version id from the button is re-checked against what
 * they may see), the card redrawn with the time; a second click says it was
 * already recorded.
 */
export const ackAction: ActionHandler = {
  action: 'ack.record',
  async handle(deps, event) {
    const versionId = Number(event.value.versionId);
    if (!Number.isInteger(versionId) || versionId <= 0) throw new InvalidRequestError('versionId', 'That button does not name a policy version.');
    const outcome = recordAcknowledgment(deps.db, { tenant: event.tenant, person: event.personId, versionId, channel: event.conversation.id.split(':')[0] ?? 'chat', now: deps.now() });
    const card = ackRequestCard(outcome.version, requesterName(deps.db, event.tenant, versionId, event.personId), { acknowledgedAt: outcome.acknowledgedAt });
    const replies = [{ kind: 'card' as const, card, to: 'conversation' as const, replace: true }];
    return outcome.outcome === 'already' ? [...replies, noticeCard(`You already acknowledged this version at ${utcMinute(outcome.acknowledgedAt)}.`)] : replies;
  },
};

/** "What changed?" on an acknowledgment request: the comparison with the version before, as the clicker may see it. */
export const compareAction: ActionHandler = {
  action: 'policy.compare',
  async handle(deps, event) {
    const { policyId, from, to, jurisdiction } = event.value;
    if (!policyId) throw new InvalidRequestError('policyId', 'That button does not name a policy.');
    return replyWithComparison(deps, event, { policyId, ...(from ? { from } : {}), ...(to ? { to } : {}), ...(jurisdiction ? { jurisdiction } : {}) });
  },
};

export const lifecycleActions: ActionHandler[] = [ackAction, compareAction];
