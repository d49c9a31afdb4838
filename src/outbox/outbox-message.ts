import { z } from 'zod';

export const outboxStatuses = ['pending', 'delivered', 'dead'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

/** A row of `outbox_messages` as read back from SQLite (a trust boundary: the file may be older or edited). */
export const outboxMessageRow = z
  .object({
    id: z.number().int(),
    tenant: z.string(),
    topic: z.string(),
    payload: z.string().transform((json) => JSON.parse(json) as unknown),
    idempotency_key: z.string(),
    created_at: z.string(),
    status: z.enum(outboxStatuses),
    attempts: z.number().int(),
    next_attempt_at: z.string(),
    last_error: z.string().nullable(),
    delivered_at: z.string().nullable(),
    lease_owner: z.string().nullable(),
    lease_until: z.string().nullable(),
  })
  .transform((row) => ({
    id: row.id,
    tenant: row.tenant,
    topic: row.topic,
    payload: row.payload,
    idempotencyKey: row.idempotency_key,
    createdAt: row.created_at,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error ?? undefined,
    deliveredAt: row.delivered_at ?? undefined,
    leaseOwner: row.lease_owner ?? undefined,
    leaseUntil: row.lease_until ?? undefined,
  }));

/** One outbox message as the rest of the code sees it. */
export type OutboxMessage = z.infer<typeof outboxMessageRow>;
