import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Logger } from '../../src/logging/create-logger.ts';
import type { Db } from '../../src/storage/open-database.ts';
import type { CommitBatcher } from '../../src/storage/create-commit-batcher.ts';
import { statement } from '../../src/storage/statement.ts';
import { isSlackRefusal } from './slack-errors.ts';
import { finishDelivery } from './claim-delivery.ts';

/** One Web API call that shows something to people. */
export type SlackPost = { method: 'chat.postMessage' | 'chat.postEphemeral' | 'chat.update' | 'chat.delete'; args: Record<string, unknown> };

/** How long the handler that queued posts has to post them before the sweeper takes over. */
const leaseMs = 30_000;
/** After this many failed attempts a post is given up (and logged); Slack will not take it. */
const maxAttempts = 8;

const pendingRow = z.object({ id: z.number(), method: z.enum(['chat.postMessage', 'chat.postEphemeral', 'chat.update', 'chat.delete']), args: z.string(), attempts: z.number() });

/**
 * Queues the posts a delivery produced and marks the delivery done, in one
 * transaction: from then on a Slack retry of the delivery is ignored, and
 * the posts are made by this process now or, after a crash, by the sweeper.
 * Returns their ids, leased to the caller.
 */
export function queueSlackPosts(db: Db, input: { tenant: string; deliveryKey: string; posts: SlackPost[]; now: Date }): number[] {
  const at = input.now.toISOString();
  const leasedUntil = new Date(input.now.getTime() + leaseMs).toISOString();
  return db
    .transaction(() => {
      const ids = input.posts.map(
        (post, seq) =>
          statement<unknown[], { id: number }>(
            db,
            `INSERT INTO slack_posts (tenant, delivery_key, seq, method, args, created_at, leased_until) VALUES (?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (delivery_key, seq) DO UPDATE SET seq = seq RETURNING id`,
          ).get(input.tenant, input.deliveryKey, seq, post.method, JSON.stringify(post.args), at, leasedUntil)!.id,
      );
      finishDelivery(db, input.deliveryKey, input.now);
      return ids;
    })
    .immediate();
}

/**
 * Posts queued messages in order, marking each as soon as Slack took it; the
 * first failure stops the run (later posts may depend on it, such as an
 * update of a placeholder) and leaves the rest for the sweeper.
 */
export async function postQueued(db: Db, client: WebClient, ids: number[], now: () => Date, logger: Logger, commits?: CommitBatcher): Promise<void> {
  const posted: number[] = [];
  // Successes are marked together, in one commit (shared with other deliveries' when batched), when the run ends;
  // a crash before that re-posts at most these.
  const markPosted = async () => {
    if (posted.length === 0) return;
    const at = now().toISOString();
    const mark = () => {
      for (const id of posted) statement(db, 'UPDATE slack_posts SET posted_at = ?, attempts = attempts + 1 WHERE id = ?').run(at, id);
    };
    if (commits) await commits.run(mark);
    else db.transaction(mark)();
  };
  try {
    for (const id of ids) {
      const row = statement<[number], unknown>(db, 'SELECT id, method, args, attempts FROM slack_posts WHERE id = ? AND posted_at IS NULL AND failed_at IS NULL').get(id);
      if (!row) continue;
      const post = pendingRow.parse(row);
      try {
        await client.apiCall(post.method, JSON.parse(post.args) as Record<string, unknown>);
        posted.push(id);
      } catch (error) {
        const attempts = post.attempts + 1;
        // Slack refusing the target (a channel gone) will not change its mind; a refused token is retried while an admin fixes it.
        const giveUp = attempts >= maxAttempts || isSlackRefusal(error);
        statement(db, 'UPDATE slack_posts SET attempts = ?, last_error = ?, leased_until = ?, failed_at = ? WHERE id = ?').run(
          attempts,
          (error as Error).message,
          new Date(now().getTime() + 2 ** attempts * 1000).toISOString(),
          giveUp ? now().toISOString() : null,
          id,
        );
        (giveUp ? logger.error : logger.warn)(giveUp ? 'slack post given up' : 'slack post failed; will retry', { id, method: post.method, error: (error as Error).message });
        return;
      }
    }
  } finally {
    await markPosted();
  }
}

/**
 * Every few seconds, posts what a crashed or failed handler left queued, in
 * order, taking a lease first so two processes never post the same message.
 */
export function createSlackPostSweeper(deps: { db: Db; client: WebClient; logger: Logger; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  async function sweep(): Promise<void> {
    const at = now();
    const ids = deps.db
      .transaction(() => {
        const due = statement<[string], { id: number }>(deps.db, 'SELECT id FROM slack_posts WHERE posted_at IS NULL AND failed_at IS NULL AND leased_until <= ? ORDER BY id LIMIT 100').all(at.toISOString());
        const until = new Date(at.getTime() + leaseMs).toISOString();
        for (const { id } of due) statement(deps.db, 'UPDATE slack_posts SET leased_until = ? WHERE id = ?').run(until, id);
        return due.map((row) => row.id);
      })
      .immediate();
    if (ids.length > 0) await postQueued(deps.db, deps.client, ids, now, deps.logger);
  }

  return {
    /** One sweep, after any sweep under way. */
    runOnce(): Promise<void> {
      running = (running ?? Promise.resolve()).then(sweep, sweep);
      return running;
    },
    start(intervalMs = 5000): void {
      const tick = () => void this.runOnce().catch((error: unknown) => deps.logger.warn('slack post sweep failed', { error: (error as Error).message }));
      tick();
      timer = setInterval(tick, intervalMs);
      timer.unref();
    },
    stop(): void {
      if (timer) clearInterval(timer);
    },
  };
}

export type SlackPostSweeper = ReturnType<typeof createSlackPostSweeper>;
