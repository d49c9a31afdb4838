import { deliveryClaims } from '../../src/chat/delivery-claims.ts';

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
