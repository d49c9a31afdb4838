import type { VersionRef } from '../chat/chat-event.ts';
import type { DraftVersion } from './draft.ts';

/** The policy versions a draft version quotes (jurisdiction variants included): a card showing its text goes only to readers who may see them all. */
export function sourceVersions(version: DraftVersion): VersionRef[] {
  return version.sources.flatMap((source) => (source.kind === 'policy' ? [{ policyId: source.policyId, version: source.version, ...(source.jurisdiction ? { jurisdiction: source.jurisdiction } : {}) }] : []));
}
