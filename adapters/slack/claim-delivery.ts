import { z } from 'zod';
import { deliveryClaims } from '../../src/chat/delivery-claims.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { statement } from '../../src/storage/statement.ts';

export { heartbeatMs, type AbandonedDelivery } from '../../src/chat/delivery-claims.ts';

/**
 * Slack deliveries (an event id, an interaction's id) are claimed in
 * `slack_deliveries`, keeping the body until the delivery is done: Slack
 * does not send again what was acknowledged, so a delivery whose process
 * died is processed again from it (see `deliveryClaims`).
 */
const slack = deliveryClaims('slack_deliveries');

export const claimDelivery = slack.claim;
export const renewDelivery = slack.renew;
/** Queuing a delivery's posts marks it done in the same commit; finishing it again changes nothing. */
export const finishDelivery = slack.finish;
export const abandonedDeliveries = slack.abandoned;

const placeholderColumn = z.object({ channel: z.string(), ts: z.string() });

/** Records the placeholder a delivery showed, so processing it again after a crash updates that message. */
export function rememberPlaceholder(db: Db, key: string, placeholder: { channel: string; ts: string }): void {
  statement(db, 'UPDATE slack_deliveries SET placeholder = ? WHERE delivery_key = ?').run(JSON.stringify(placeholder), key);
}

/** The placeholder an earlier attempt at this delivery showed, if any. */
export function shownPlaceholder(db: Db, key: string): { channel: string; ts: string } | undefined {
  const raw = statement<[string], { placeholder: string | null }>(db, 'SELECT placeholder FROM slack_deliveries WHERE delivery_key = ?').get(key)?.placeholder;
  if (!raw) return undefined;
  const parsed = placeholderColumn.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : undefined;
}
