import { InvalidRequestError } from '../errors.ts';
import { statement } from '../storage/statement.ts';
import { authorizeComms } from './authorize-comms.ts';
import type { CommsDeps } from './comms-deps.ts';
import { composeDraft } from './compose-draft.ts';
import type { Draft, DraftVersion } from './draft.ts';
import { loadDraft, loadDraftVersion } from './load-draft.ts';
import type { DraftRequest } from './parse-draft-request.ts';
import { recordDraftEvent } from './record-draft-event.ts';

/**
 * Drafts an announcement for a person allowed to `draft` (access.yml): from
 * the policies every member of the audience may see and the attached notes,
 * claim-checked, stored as version 1 and audited. `conversation` is where it
 * was asked (its thread), so replies and notices go back there.
 */
export async function createDraft(deps: CommsDeps, input: { tenant: string; actor: string; request: DraftRequest; conversation: string }): Promise<{ draft: Draft; version: DraftVersion; note?: string }> {
  const { db } = deps;
  const now = (deps.now ?? (() => new Date()))();
  const at = now.toISOString();
  const drafter = authorizeComms(db, { tenant: input.tenant, actor: input.actor, action: 'draft', subject: 'draft:new', at });
  const { request } = input;
  if (!request.topic.trim()) throw new InvalidRequestError('topic', 'Say what the announcement is about, e.g. "draft an announcement about the new UK time-off rules for UK employees".');
  const composed = await composeDraft(deps, { tenant: input.tenant, drafter, audience: request.audience, notes: request.notes, today: at.slice(0, 10), topic: request.topic.trim(), tone: request.tone });
  const id = db
    .transaction(() => {
      const inserted = statement<unknown[], { id: number }>(
        db,
        `INSERT INTO drafts (tenant, created_by, created_at, topic, audience, notes, conversation, status, current_version)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'draft', 1) RETURNING id`,
      ).get(input.tenant, drafter.id, at, request.topic.trim(), JSON.stringify(request.audience), JSON.stringify(request.notes), input.conversation)!;
      statement(
        db,
        `INSERT INTO draft_versions (tenant, draft_id, number, text, tone, kind, generator, author, created_at, sources, claims, diff, flags)
         VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, '', ?)`,
      ).run(input.tenant, inserted.id, composed.written.text, request.tone, composed.written.kind, composed.written.generator, drafter.id, at,
        JSON.stringify(composed.sources), JSON.stringify(composed.claims), JSON.stringify(composed.localMarket));
      const draft = loadDraft(db, input.tenant, inserted.id);
      recordDraftEvent(db, {
        type: 'drafted', draft, actor: drafter.id, at,
        data: { kind: composed.written.kind, generator: composed.written.generator, sources: composed.sources.map((s) => (s.kind === 'policy' ? `${s.policyId}@${s.version}` : s.id)), flagged: composed.claims.filter((c) => c.status !== 'supported').length, localMarket: composed.localMarket },
      });
      return inserted.id;
    })
    .immediate();
  const draft = loadDraft(db, input.tenant, id);
  return { draft, version: loadDraftVersion(db, draft), ...(composed.written.note ? { note: composed.written.note } : {}) };
}
