import type { CatalogVersion } from '../../policies/load-catalog.ts';
import type { Card } from '../card.ts';
import { utcMinute } from '../../utc-minute.ts';

export type AckCardState = { acknowledgedAt?: string };

/**
 * The card a person gets when asked to acknowledge a policy version: what it
 * is and who asks, "Acknowledge" and "What changed?"; once acknowledged, the
 * button gives way to when.
 */
export function ackRequestCard(version: CatalogVersion, requestedBy: string, state: AckCardState = {}): Card {
  const name = `${version.title}${version.jurisdiction ? ` (${version.jurisdiction})` : ''}, version ${version.version}`;
  const value = { versionId: String(version.versionId), policyId: version.policyId, version: version.version, ...(version.jurisdiction ? { jurisdiction: version.jurisdiction } : {}) };
  const body: Card['body'] = [
    { type: 'text', text: `**${requestedBy}** asks you to read and acknowledge the **${name}**, effective ${version.effective}.` },
  ];
  if (state.acknowledgedAt) body.push({ type: 'text', text: `**✅ Acknowledged** at ${utcMinute(state.acknowledgedAt)}` });
  else body.push({ type: 'note', text: 'Ask me anything about it here. Acknowledging records that you have read this version.' });
  return {
    key: `ack:${version.versionId}`,
    title: `Please acknowledge: ${version.title}`,
    body,
    actions: [
      ...(state.acknowledgedAt ? [] : [{ id: 'ack.record', label: 'Acknowledge', style: 'primary' as const, value }]),
      { id: 'policy.compare', label: 'What changed?', value: { policyId: version.policyId, to: version.version, ...(version.jurisdiction ? { jurisdiction: version.jurisdiction } : {}) } },
    ],
    summary: `Please acknowledge the ${name}`,
  };
}
