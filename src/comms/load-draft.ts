import { z } from 'zod';
import { NotFoundError } from '../errors.ts';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import { draftRow, draftVersionRow, type Draft, type DraftReview, type DraftVersion } from './draft.ts';

/** One draft of a tenant; another tenant's draft is "not found", like one that does not exist. */
export function loadDraft(db: Db, tenant: string, id: number): Draft {
  const row = statement(db, 'SELECT * FROM drafts WHERE tenant = ? AND id = ?').get(tenant, id);
  if (!row) throw new NotFoundError(`There is no announcement draft #${id}.`);
  return draftRow.parse(row);
}

/** One numbered version of a draft (the current one without a number). */
export function loadDraftVersion(db: Db, draft: Draft, number = draft.currentVersion): DraftVersion {
  const row = statement(db, 'SELECT * FROM draft_versions WHERE tenant = ? AND draft_id = ? AND number = ?').get(draft.tenant, draft.id, number);
  if (!row) throw new NotFoundError(`Announcement draft #${draft.id} has no version ${number}.`);
  return draftVersionRow.parse(row);
}

/** Every version of a draft, oldest first. */
export function listDraftVersions(db: Db, draft: Draft): DraftVersion[] {
  return statement(db, 'SELECT * FROM draft_versions WHERE tenant = ? AND draft_id = ? ORDER BY number').all(draft.tenant, draft.id).map((row) => draftVersionRow.parse(row));
}

const reviewRow = z.object({ version: z.number(), reviewer: z.string(), group_id: z.string(), decision: z.enum(['approve', 'request_changes']), comment: z.string().nullable(), at: z.string() });

/** The approvals and change requests of a draft, oldest first (of one version when given). */
export function listDraftReviews(db: Db, draft: Draft, version?: number): DraftReview[] {
  return statement(db, 'SELECT version, reviewer, group_id, decision, comment, at FROM draft_reviews WHERE tenant = ? AND draft_id = ? ORDER BY id')
    .all(draft.tenant, draft.id)
    .map((row) => reviewRow.parse(row))
    .filter((row) => version === undefined || row.version === version)
    .map((row) => ({ version: row.version, reviewer: row.reviewer, group: row.group_id, decision: row.decision, comment: row.comment ?? undefined, at: row.at }));
}

/** A tenant's drafts, newest first. */
export function listDrafts(db: Db, tenant: string, options: { status?: string } = {}): Draft[] {
  return statement(db, 'SELECT * FROM drafts WHERE tenant = ? AND (? IS NULL OR status = ?) ORDER BY id DESC')
    .all(tenant, options.status ?? null, options.status ?? null)
    .map((row) => draftRow.parse(row));
}
