import { z } from 'zod';
import type { AudienceSpec } from './audience.ts';
import type { ClaimCheck } from './check-claims.ts';
import type { Tone } from './parse-draft-request.ts';

/** Something a draft was written from: an excerpt of a policy version every member of the audience may see, or a note the requester attached. */
export type DraftSource =
  | { id: string; kind: 'policy'; policyId: string; version: string; versionId: number; title: string; section: string; effective: string; owner: string; jurisdiction?: string; text: string }
  | { id: string; kind: 'note'; text: string };

export const draftStatuses = ['draft', 'in_review', 'changes_requested', 'approved', 'published'] as const;
export type DraftStatus = (typeof draftStatuses)[number];

export type Draft = {
  id: number;
  tenant: string;
  createdBy: string;
  createdAt: string;
  topic: string;
  audience: AudienceSpec;
  notes: string[];
  conversation: string;
  status: DraftStatus;
  currentVersion: number;
  reviewers: string[];
  approvedVersion: number | undefined;
  approvedAt: string | undefined;
  revision: number;
};

export type DraftVersion = {
  number: number;
  text: string;
  tone: Tone;
  /** template: built from the template and the excerpts; model: written by a language model; edit: written by a person. */
  kind: 'template' | 'model' | 'edit';
  generator: string;
  author: string;
  createdAt: string;
  sources: DraftSource[];
  claims: ClaimCheck[];
  /** Unified line diff from the version before (empty for version 1). */
  diff: string;
  /** Locations of the audience that need a local-market reviewer. */
  localMarket: string[];
};

export type DraftReview = { version: number; reviewer: string; group: string; decision: 'approve' | 'request_changes'; comment: string | undefined; at: string };

const json = <T extends z.ZodType>(schema: T) => z.string().transform((text) => schema.parse(JSON.parse(text)) as z.output<T>);
const audienceSchema = z.object({ departments: z.array(z.string()).optional(), locations: z.array(z.string()).optional(), roles: z.array(z.string()).optional() });

export const draftRow = z
  .object({
    id: z.number(),
    tenant: z.string(),
    created_by: z.string(),
    created_at: z.string(),
    topic: z.string(),
    audience: json(audienceSchema),
    notes: json(z.array(z.string())),
    conversation: z.string(),
    status: z.enum(['draft', 'in_review', 'changes_requested', 'approved', 'published']),
    current_version: z.number(),
    reviewers: json(z.array(z.string())),
    approved_version: z.number().nullable(),
    approved_at: z.string().nullable(),
    revision: z.number(),
  })
  .transform(
    (row): Draft => ({
      id: row.id,
      tenant: row.tenant,
      createdBy: row.created_by,
      createdAt: row.created_at,
      topic: row.topic,
      audience: row.audience as AudienceSpec,
      notes: row.notes,
      conversation: row.conversation,
      status: row.status,
      currentVersion: row.current_version,
      reviewers: row.reviewers,
      approvedVersion: row.approved_version ?? undefined,
      approvedAt: row.approved_at ?? undefined,
      revision: row.revision,
    }),
  );

export const draftVersionRow = z
  .object({
    number: z.number(),
    text: z.string(),
    tone: z.enum(['formal', 'friendly', 'concise', 'executive']),
    kind: z.enum(['template', 'model', 'edit']),
    generator: z.string(),
    author: z.string(),
    created_at: z.string(),
    sources: json(z.array(z.looseObject({ id: z.string(), kind: z.enum(['policy', 'note']), text: z.string() }))),
    claims: json(z.array(z.looseObject({ sentence: z.string(), status: z.enum(['supported', 'unsupported', 'contradicted']) }))),
    diff: z.string(),
    flags: json(z.array(z.string())),
  })
  .transform(
    (row): DraftVersion => ({
      number: row.number,
      text: row.text,
      tone: row.tone,
      kind: row.kind,
      generator: row.generator,
      author: row.author,
      createdAt: row.created_at,
      sources: row.sources as DraftSource[],
      claims: row.claims as unknown as ClaimCheck[],
      diff: row.diff,
      localMarket: row.flags,
    }),
  );
