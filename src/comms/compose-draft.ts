import type { Person } from '../directory/find-person.ts';
import { InvalidRequestError } from '../errors.ts';
import { loadCatalog, type CatalogVersion } from '../policies/load-catalog.ts';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import { activeAnnouncementSettings } from './active-announcement-settings.ts';
import { audienceMembers, describeAudience, type AudienceSpec } from './audience.ts';
import { audienceVersions } from './audience-versions.ts';
import { checkClaims, type ClaimCheck } from './check-claims.ts';
import { claimPassages } from './claim-passages.ts';
import type { CommsDeps } from './comms-deps.ts';
import type { DraftSource } from './draft.ts';
import type { WrittenDraft } from './drafter.ts';
import { pickSources } from './pick-sources.ts';
import { localMarketLocations } from './route-review.ts';
import type { Tone } from './parse-draft-request.ts';
import { createTemplateDrafter } from './template-drafter.ts';

type Subject = { tenant: string; drafter: Person; audience: AudienceSpec; notes: string[]; today: string };

/** The audience's members and the policy versions they may all see; an audience nobody is in is refused. */
export function audienceSources(db: Db, subject: Subject): { members: Person[]; versions: CatalogVersion[] } {
  const members = audienceMembers(db, subject.tenant, subject.audience);
  if (members.length === 0) throw new InvalidRequestError('audience', `Nobody in the directory is in this audience (${describeAudience(subject.audience)}).`);
  return { members, versions: audienceVersions(members, subject.drafter, loadCatalog(db, subject.tenant).versions, subject.today) };
}

/** The claim check of a text against what the audience may see, the notes, and the history of those policies; with the local-market flags. */
export function checkDraftText(db: Db, subject: Subject & { text: string }): { claims: ClaimCheck[]; localMarket: string[] } {
  const { members, versions } = audienceSources(db, subject);
  const passages = claimPassages(db, { tenant: subject.tenant, sources: versions, notes: subject.notes, drafter: subject.drafter, today: subject.today });
  return { claims: checkClaims(subject.text, passages), localMarket: localMarketLocations(activeAnnouncementSettings(db, subject.tenant), members) };
}

function groupNames(db: Db, tenant: string, ids: string[]): string {
  const names = [...new Set(ids)].map((id) => statement<[string, string], { name: string }>(db, 'SELECT name FROM directory_groups WHERE tenant = ? AND group_id = ?').get(tenant, id)?.name ?? id);
  return names.length === 0 ? 'your internal communications team' : names.map((name) => `the ${name}`).join(' or ');
}

/**
 * Writes a draft for a topic: sources picked among the versions every member
 * of the audience may see (and the notes), written by the drafter (the
 * template without a model), claim-checked, with the local-market flags.
 */
export async function composeDraft(deps: CommsDeps, subject: Subject & { topic: string; tone: Tone }): Promise<{ written: WrittenDraft; sources: DraftSource[]; claims: ClaimCheck[]; localMarket: string[] }> {
  const { db } = deps;
  const { versions } = audienceSources(db, subject);
  const sources = await pickSources(deps, { tenant: subject.tenant, versions, topic: subject.topic, notes: subject.notes });
  if (!sources.some((source) => source.kind === 'policy') && subject.notes.length === 0) {
    throw new InvalidRequestError(
      'topic',
      `No policy that everyone in this audience (${describeAudience(subject.audience)}) may see covers "${subject.topic}", so there is nothing approved to draft from. Try other words, a wider topic, or attach notes.`,
    );
  }
  const owners = sources.flatMap((source) => (source.kind === 'policy' ? [source.owner] : []));
  const drafter = deps.drafter ?? createTemplateDrafter();
  const written = await drafter.write({ topic: subject.topic, audience: describeAudience(subject.audience), tone: subject.tone, sources, contact: groupNames(db, subject.tenant, owners) });
  return { written, sources, ...checkDraftText(db, { ...subject, text: written.text }) };
}
