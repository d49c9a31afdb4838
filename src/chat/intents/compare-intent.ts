import { canSeeVersion } from '../../access/can-see-version.ts';
import { NotFoundError } from '../../errors.ts';
import { comparableVersions } from '../../lifecycle/comparable-versions.ts';
import { comparePolicyVersions, directoryPerson } from '../../lifecycle/compare-policy-versions.ts';
import { findPolicies, findPoliciesByText, versionsNamed } from '../../lifecycle/find-policy.ts';
import { loadVersionSections } from '../../lifecycle/load-version-sections.ts';
import { loadCatalog } from '../../policies/load-catalog.ts';
import { comparisonCard } from '../cards/comparison-card.ts';
import { noticeCard } from '../cards/notice-card.ts';
import type { ChatDeps, MessageIntent } from '../chat-handlers.ts';
import type { ActionEvent, MessageEvent } from '../chat-event.ts';
import type { ChatReply } from '../chat-reply.ts';
import { replyTo } from '../reply-to.ts';

/** "what changed in…", "what's new in…", "compare versions of…", "diff …", "any changes to…", "show the changes in…". */
const asksForChanges = new RegExp(
  [
    String.raw`^\s*(?:(?:so|and|hey|hi|ok|please),?\s+)?(?:`,
    [
      String.raw`what(?:'s|’s| is| has| have)?\s+(?:changed|been changed)\b`,
      String.raw`what(?:'s|’s| is)\s+new\s+(?:in|with|about|for|since)\b`,
      String.raw`what\s+(?:are\s+the\s+)?(?:changes|differences)\b`,
      String.raw`(?:has|did)\s+(?:anything|something)\s+chang`,
      String.raw`(?:are\s+there\s+)?any\s+changes\b`,
      String.raw`diff\b`,
      String.raw`compare\b.*\bversions?\b`,
      String.raw`(?:show|list|tell)\s+(?:me\s+)?(?:the\s+)?(?:changes|differences|what changed)\b`,
      String.raw`changes\s+(?:in|to|between)\b`,
      String.raw`how\s+(?:has|did)\b.*\bchange`,
    ].join('|'),
    ')',
  ].join(''),
  'i',
);

/** Compares two versions a person asked about and answers with the card, where every reader may see both. */
export async function replyWithComparison(deps: ChatDeps, event: MessageEvent | ActionEvent, request: { policyId: string; from?: string; to?: string; jurisdiction?: string }): Promise<ChatReply[]> {
  const comparison = comparePolicyVersions(deps.db, { tenant: event.tenant, viewer: event.personId, ...request });
  const to = await replyTo(event, [
    { policyId: comparison.policyId, version: comparison.from.version },
    { policyId: comparison.policyId, version: comparison.to.version },
  ]);
  return [{ kind: 'card', card: comparisonCard(comparison), to }];
}

/**
 * "What changed in the travel policy?": the policy is found by the words of
 * its title or id among the policies the asker may see (failing that, by
 * the words of its text, among those with more than one version), then its two latest
 * versions they may see (or the two named: "between 3.0 and 4.2") are
 * compared. Nothing the asker may not see is named in any reply.
 */
export const compareIntent: MessageIntent = {
  name: 'compare',
  matches: (text) => asksForChanges.test(text),
  async handle(deps, event) {
    const person = directoryPerson(deps.db, event.tenant, event.personId);
    const versions = loadCatalog(deps.db, event.tenant).versions.filter((version) => canSeeVersion(person, version));
    const withHistory = [...new Set(versions.map((version) => version.policyId))]
      .map((policyId) => ({ policyId, versions: comparableVersions(person, versions, policyId) }))
      .filter((policy) => policy.versions.length > 1);
    const offer = withHistory.length > 0 ? ` I can compare versions of: ${withHistory.map((policy) => policy.versions.at(-1)!.title).join(', ')}.` : '';
    const byName = findPolicies(versions, event.text);
    // No policy named ("what changed in the hotel limit?"): the policy with history whose text holds the words.
    const [best, second] = byName.length > 0 ? byName : findPoliciesByText(withHistory.map((policy) => ({ policyId: policy.policyId, title: policy.versions.at(-1)!.title, text: loadVersionSections(deps.db, event.tenant, policy.versions.at(-1)!.versionId).map((section) => `${section.heading}\n${section.body}`).join('\n') })), event.text);
    if (!best) return [noticeCard(`Which policy do you mean?${offer}`)];
    if (second && second.score === best.score) return [noticeCard(`Do you mean the ${best.title} or the ${second.title}? Name one, for example "what changed in the ${best.title}?"`)];
    const named = versionsNamed(event.text);
    try {
      return await replyWithComparison(deps, event, { policyId: best.policyId, ...(named ?? {}) });
    } catch (error) {
      if (error instanceof NotFoundError && named) throw new NotFoundError(`${error.message}${offer}`);
      throw error;
    }
  },
};
