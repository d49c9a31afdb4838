import { z } from 'zod';

/** The `prev_hash` of the first event: there is nothing before it. */
export const genesisHash = '0'.repeat(64);

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'not a sha256 hex digest');

/**
 * One row of `audit_events` as SQLite returns it. Parsed with zod because a
 * row read back is a trust boundary: anyone with the file can have written it.
 */
export const auditEventRow = z.object({
  seq: z.number().int().positive(),
  tenant: z.string(),
  at: z.string(),
  type: z.string(),
  actor: z.string(),
  subject: z.string().nullable(),
  data: z.string(),
  prev_hash: sha256Hex,
  hash: sha256Hex,
});

export type AuditEventRow = z.infer<typeof auditEventRow>;

/** The single row of `audit_anchor`: the head of the chain as of the last append. */
export const auditAnchorRow = z.object({ seq: z.number().int().nonnegative(), hash: sha256Hex });

/**
 * An audit event as exported (one JSON line each): the fields the hash covers,
 * under the names the canonical encoding uses, with `data` parsed, plus the
 * hash itself. So `hash = sha256(canonicalJson(line without hash))`.
 */
export type AuditEvent = {
  seq: number;
  tenant: string;
  at: string;
  type: string;
  actor: string;
  subject: string | null;
  data: unknown;
  prev_hash: string;
  hash: string;
};

/** What a caller hands to `appendAuditEvent`. */
export type NewAuditEvent = {
  tenant: string;
  /** What happened: 'answer.recorded', 'exception.requested', 'exception.decided', 'permission.denied', 'config.changed'... */
  type: string;
  /** Who did it: a directory user id, or 'system'. */
  actor: string;
  /** What it happened to, as a prefixed id ('answer:42', 'exception:7'). */
  subject?: string;
  /** Any JSON value; stored as canonical JSON. */
  data?: unknown;
  /** When, as an ISO 8601 time; stored in UTC (`toISOString`). */
  at: string;
};
