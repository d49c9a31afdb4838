import { canSeeVersion } from '../access/can-see-version.ts';
import { draftReviewCard } from '../chat/cards/draft-card.ts';
import { enqueueNotice } from '../chat/enqueue-notice.ts';
import { loadCatalog } from '../policies/load-catalog.ts';
import type { Db } from '../storage/open-database.ts';
import type { Draft, DraftVersion } from './draft.ts';
import { listDraftReviews } from './load-draft.ts';
import { sourceVersions } from './source-versions.ts';

/**
 * Queues the review card of a draft version, as it stands now, for every
 * reviewer group's channel, in the caller's transaction. A version quoting
 * a policy not everyone may see (internal, confidential, restricted) is
 * sent restricted: the full card only to a channel whose live members may
 * all see those versions, elsewhere a card that names the sources and
 * withholds the text. Each group has one card per version, redrawn in
 * place as its state changes. `step` names the change, so a repeat queues
 * nothing.
 */
export function enqueueReviewCards(db: Db, input: { draft: Draft; version: DraftVersion; step: string; at: string }): void {
  const { draft, version } = input;
  const reviews = listDraftReviews(db, draft, version.number);
  const card = draftReviewCard(db, draft, version, reviews);
  const catalog = loadCatalog(db, draft.tenant);
  const guarded = version.sources.some((source) => source.kind === 'policy' && !isPublic(catalog.byId.get(source.versionId)));
  const restricted = guarded ? { versions: sourceVersions(version), withheld: draftReviewCard(db, draft, version, reviews, { textShown: false }) } : undefined;
  for (const group of draft.reviewers) {
    enqueueNotice(db, {
      tenant: draft.tenant,
      to: { group },
      card,
      ...(restricted ? { restricted } : {}),
      inPlace: true,
      key: `${draft.tenant}:draft:${draft.id}:v${version.number}:${input.step}:${draft.revision}:${group}`,
      at: new Date(input.at),
    });
  }
}

/** Whether anyone at all, a guest included, may see a policy version; one the catalog no longer has is not public. */
const isPublic = (version: Parameters<typeof canSeeVersion>[1] | undefined) => version !== undefined && canSeeVersion(undefined, version);
