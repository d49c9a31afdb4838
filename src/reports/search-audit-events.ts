import { z } from 'zod';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';

export type AuditSearch = {
  /** An event type ("exception.decided"), or a family ending in ".*" ("exception.*"). */
  type?: string;
  actor?: string;
  /** Found in the subject or the event's data (case-insensitive). */
  text?: string;
  /** Dates (YYYY-MM-DD, UTC), both inclusive. */
  from?: string;
  to?: string;
  limit?: number;
};

const row = z.object({ seq: z.number(), at: z.string(), type: z.string(), actor: z.string(), subject: z.string().nullable(), data: z.string(), hash: z.string() });
export type AuditHit = z.infer<typeof row>;

/** `%` and `_` in what someone typed are matched literally. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** One tenant's audit events matching a search, newest first. */
export function searchAuditEvents(db: Db, tenant: string, search: AuditSearch): AuditHit[] {
  const type = search.type?.endsWith('.*') ? { prefix: `${likeLiteral(search.type.slice(0, -1))}%`, exact: null } : { prefix: null, exact: search.type ?? null };
  return statement(
    db,
    `SELECT seq, at, type, actor, subject, data, hash FROM audit_events
      WHERE tenant = @tenant
        AND (@exact IS NULL OR type = @exact)
        AND (@prefix IS NULL OR type LIKE @prefix ESCAPE '\\')
        AND (@actor IS NULL OR actor = @actor)
        AND (@text IS NULL OR coalesce(subject, '') LIKE @text ESCAPE '\\' OR data LIKE @text ESCAPE '\\')
        AND (@from IS NULL OR at >= @from)
        AND (@until IS NULL OR at < @until)
      ORDER BY seq DESC LIMIT @limit`,
  )
    .all({
      tenant,
      exact: type.exact,
      prefix: type.prefix,
      actor: search.actor ?? null,
      text: search.text ? `%${likeLiteral(search.text)}%` : null,
      from: search.from ?? null,
      until: search.to ? nextDay(search.to) : null,
      limit: search.limit ?? 200,
    })
    .map((raw) => row.parse(raw));
}

/** The event types a tenant's trail holds, for the search form. */
export function auditEventTypes(db: Db, tenant: string): string[] {
  return statement<[string], { type: string }>(db, 'SELECT DISTINCT type FROM audit_events WHERE tenant = ? ORDER BY type')
    .all(tenant)
    .map((r) => r.type);
}
