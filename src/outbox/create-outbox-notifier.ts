import { z } from 'zod';
import { noticeTopic } from '../chat/enqueue-notice.ts';
import { NotFoundError } from '../errors.ts';
import type { Logger } from '../logging/create-logger.ts';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import { createSerialRunner, type SerialRunner } from './create-serial-runner.ts';

const outboxRow = z.object({ id: z.number(), tenant: z.string(), topic: z.string(), payload: z.string() });

/**
 * A notice that can never be told, whatever the platform does: its payload
 * is not what its topic says (unreadable JSON, a missing field) or the
 * request it is about is gone. Retrying it would hold back every later notice.
 */
function isUnreadable(error: unknown): boolean {
  return error instanceof SyntaxError || error instanceof z.ZodError || error instanceof NotFoundError;
}

/** An exception event or a chat notice from the outbox, for a chat platform to tell. */
export type OutboxNotice = z.infer<typeof outboxRow>;

/**
 * Sends one of a notice's messages (`target` names it in the log: "approval
 * card", "requester"); true when it went out, false when the platform
 * refused it for good, which is logged and skipped so the notice's other
 * messages still go out. Any other failure is thrown: the notice is retried.
 */
export type Deliver = (target: string, send: () => Promise<unknown>) => Promise<boolean>;

/**
 * A chat platform's notifier over the outbox: exception events and chat
 * notices of its tenants, told in order from a persisted cursor
 * (`<platform>_notifier_state`), each recorded once told
 * (`<platform>_notices`), so a restart resumes where it stopped and tells
 * none twice. A failure stops the run at that notice and the next run
 * retries it, in order. A refusal the platform will not change its mind on
 * (`refused`: the app not in a channel, a deleted card) skips only the
 * message it was about: `tell` sends each message through `deliver`, so the
 * requester still hears of a decision whose old card could not be redrawn,
 * and the next stage still gets its card, while one bad target holds back
 * nothing. A notice that cannot be read (a malformed payload, a request
 * gone) is logged as an error and skipped.
 */
export function createOutboxNotifier(deps: {
  db: Db;
  logger: Logger;
  platform: string;
  tenants: string[];
  now: () => Date;
  tell: (notice: OutboxNotice, deliver: Deliver) => Promise<void>;
  refused: (error: unknown) => boolean;
  /** What a failure is in the log (a platform's errors carry their status and code). */
  describe?: (error: unknown) => Record<string, unknown>;
}): SerialRunner {
  const { db, logger, platform } = deps;
  if (!/^[a-z]+$/.test(platform)) throw new Error(`not a platform name: ${platform}`);
  const describe = deps.describe ?? ((error: unknown) => ({ error: (error as Error).message }));

  const cursor = () => statement<[], { last_outbox_id: number }>(db, `SELECT last_outbox_id FROM ${platform}_notifier_state WHERE id = 1`).get()?.last_outbox_id ?? 0;
  const advance = (id: number) =>
    statement(db, `INSERT INTO ${platform}_notifier_state (id, last_outbox_id) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET last_outbox_id = max(last_outbox_id, excluded.last_outbox_id)`).run(id);
  const told = (id: number) => statement(db, `SELECT 1 FROM ${platform}_notices WHERE outbox_id = ?`).get(id) !== undefined;
  const record = (id: number) => statement(db, `INSERT OR IGNORE INTO ${platform}_notices (outbox_id, at) VALUES (?, ?)`).run(id, deps.now().toISOString());

  /** `Deliver` for one notice. */
  const deliverFor = (row: OutboxNotice): Deliver => async (target, send) => {
    try {
      await send();
      return true;
    } catch (error) {
      if (!deps.refused(error)) throw error;
      logger.warn(`${platform} refused one message of a notice; skipped`, { outboxId: row.id, topic: row.topic, target, ...describe(error) });
      return false;
    }
  };

  async function runOnce(): Promise<number> {
    if (deps.tenants.length === 0) return 0;
    const rows = statement(
      db,
      `SELECT id, tenant, topic, payload FROM outbox_messages
        WHERE id > ? AND (topic LIKE 'exception.%' OR topic = ?) AND tenant IN (SELECT value FROM json_each(?))
        ORDER BY id LIMIT 100`,
    )
      .all(cursor(), noticeTopic, JSON.stringify(deps.tenants))
      .map((row) => outboxRow.parse(row));
    let count = 0;
    for (const row of rows) {
      if (!told(row.id)) {
        try {
          await deps.tell(row, deliverFor(row));
        } catch (error) {
          if (!isUnreadable(error)) throw error;
          logger.error(`${platform} notifier could not read a notice; skipped`, { outboxId: row.id, topic: row.topic, error: (error as Error).message });
        }
        record(row.id);
        count++;
      }
      advance(row.id);
    }
    return count;
  }

  return createSerialRunner(runOnce, (error) => logger.warn(`${platform} notifier failed; will retry`, describe(error)));
}
