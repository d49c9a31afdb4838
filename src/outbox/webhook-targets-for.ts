import type { WebhookTarget, WebhookTargets } from './webhook-targets-schema.ts';

/** Whether a subscription (`exception.decided`, `exception.*`, `*`) covers a topic. */
export function topicMatches(pattern: string, topic: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return topic.startsWith(pattern.slice(0, -1));
  return pattern === topic;
}

/** The tenant's endpoints subscribed to the topic. */
export function webhookTargetsFor(targets: WebhookTargets, tenant: string, topic: string): WebhookTarget[] {
  // Own keys only: a tenant named `constructor` must not find Object's.
  const tenantTargets = Object.hasOwn(targets, tenant) ? targets[tenant] ?? [] : [];
  return tenantTargets.filter((target) => target.topics.some((pattern) => topicMatches(pattern, topic)));
}
