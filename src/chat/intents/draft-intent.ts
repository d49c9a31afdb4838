import type { AudienceVocabulary } from '../../comms/parse-draft-request.ts';
import { createDraft } from '../../comms/create-draft.ts';
import { draftRequestPattern, parseDraftRequest } from '../../comms/parse-draft-request.ts';
import type { Db } from '../../storage/open-database.ts';
import { statement } from '../../storage/statement.ts';
import { draftCard } from '../cards/draft-card.ts';
import type { MessageIntent } from '../chat-handlers.ts';
import { replyTo } from '../reply-to.ts';
import { commsDeps } from '../actions/draft-handlers.ts';
import { sourceVersions } from '../../comms/source-versions.ts';

/** The departments, locations (with their country codes: UK-LON gives UK) and roles of a tenant's directory. */
export function audienceVocabulary(db: Db, tenant: string): AudienceVocabulary {
  const rows = statement<[string], { department: string | null; location: string | null; roles: string }>(db, 'SELECT department, location, roles FROM directory_users WHERE tenant = ?').all(tenant);
  const distinct = (values: (string | null | undefined)[]) => [...new Set(values.filter((value): value is string => !!value))];
  return {
    departments: distinct(rows.map((row) => row.department)),
    locations: distinct(rows.flatMap((row) => (row.location ? [row.location, row.location.split('-')[0]] : []))),
    roles: distinct(rows.flatMap((row) => JSON.parse(row.roles) as string[])),
  };
}

/**
 * "draft an announcement about … for … , friendly tone" (also "write an
 * announcement", "draft a post"): for a person allowed to draft, a draft
 * from the policies every member of the audience may see, as a card with
 * its claim check and Submit / Regenerate / Edit, in the thread where it
 * was asked (privately when not every member there may see its sources).
 */
export const draftIntent: MessageIntent = {
  name: 'draft-announcement',
  matches: (text) => draftRequestPattern.test(text),
  async handle(deps, event) {
    const request = parseDraftRequest(event.text, audienceVocabulary(deps.db, event.tenant));
    const { draft, version, note } = await createDraft(commsDeps(deps), { tenant: event.tenant, actor: event.personId, request, conversation: event.conversation.id });
    return [{ kind: 'card', card: draftCard(deps.db, draft, version, note), to: await replyTo(event, sourceVersions(version)) }];
  },
};
