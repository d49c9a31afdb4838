import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import { outboxMessageRow, type OutboxMessage, type OutboxStatus } from './outbox-message.ts';

export type OutboxDelivery = { url: string; statusCode: number; deliveredAt: string };

export type ListedOutboxMessage = OutboxMessage & { deliveries: OutboxDelivery[] };

/** Outbox messages, oldest first, optionally of one tenant and status, each with the targets that acknowledged it. */
export function listOutboxMessages(db: Db, filter: { tenant?: string; status?: OutboxStatus; id?: number } = {}): ListedOutboxMessage[] {
  const rows = statement<unknown[], unknown>(
    db,
    `SELECT * FROM outbox_messages
     WHERE (@tenant IS NULL OR tenant = @tenant) AND (@status IS NULL OR status = @status) AND (@id IS NULL OR id = @id)
     ORDER BY id`,
  ).all({ tenant: filter.tenant ?? null, status: filter.status ?? null, id: filter.id ?? null });
  const deliveries = statement<[number], { target_url: string; status_code: number; delivered_at: string }>(
    db,
    'SELECT target_url, status_code, delivered_at FROM outbox_deliveries WHERE message_id = ? ORDER BY delivered_at, target_url',
  );
  return rows.map((row) => {
    const message = outboxMessageRow.parse(row);
    return {
      ...message,
      deliveries: deliveries.all(message.id).map((d) => ({ url: d.target_url, statusCode: d.status_code, deliveredAt: d.delivered_at })),
    };
  });
}
