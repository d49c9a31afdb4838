import { z } from 'zod';
import type { AudienceSpec } from './audience.ts';
import { jsonColumn, stringListColumn } from '../storage/json-column.ts';

export type PublicationPost = { platform: string; channel: string; status: 'posting' | 'posted'; messageRef: string | undefined; postedAt: string | undefined };

/** One publication: which version, by whom, when, where, for whom, and what each channel adapter posted. */
export type Publication = {
  id: number;
  tenant: string;
  draftId: number;
  version: number;
  requestedBy: string;
  requestedAt: string;
  dueAt: string;
  status: 'scheduled' | 'sent' | 'refused' | 'cancelled';
  targets: { id: string; platform: 'slack' | 'teams'; channel: string; name: string }[];
  audience: AudienceSpec;
  recipients: string[] | undefined;
  text: string;
  sentAt: string | undefined;
  reason: string | undefined;
  posts: PublicationPost[];
};

export const publicationTopic = 'announcement.publish';

const target = z.object({ id: z.string(), platform: z.enum(['slack', 'teams']), channel: z.string(), name: z.string() });

export const publicationRow = z.object({
  id: z.number(),
  tenant: z.string(),
  draft_id: z.number(),
  version: z.number(),
  requested_by: z.string(),
  requested_at: z.string(),
  due_at: z.string(),
  status: z.enum(['scheduled', 'sent', 'refused', 'cancelled']),
  targets: jsonColumn(z.array(target)),
  audience: jsonColumn(z.object({ departments: z.array(z.string()).optional(), locations: z.array(z.string()).optional(), roles: z.array(z.string()).optional() })),
  recipients: stringListColumn.nullable().transform((recipients) => recipients ?? undefined),
  text: z.string(),
  sent_at: z.string().nullable(),
  reason: z.string().nullable(),
});
