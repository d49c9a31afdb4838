import { ErrorCode, WebClient, type Logger as SlackLogger } from '@slack/web-api';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { Logger } from '../../src/logging/create-logger.ts';
import type { Db } from '../../src/storage/open-database.ts';
import type { CommitBatcher } from '../../src/storage/create-commit-batcher.ts';
import { statement } from '../../src/storage/statement.ts';
import { isSlackRefusal } from './slack-errors.ts';
import { finishDelivery } from './claim-delivery.ts';
import { findMessageByMetadata } from './find-message-by-metadata.ts';

/** One Web API call that shows something to people. */
export type SlackPost = { method: 'chat.postMessage' | 'chat.postEphemeral' | 'chat.update' | 'chat.delete'; args: Record<string, unknown> };

/** How long the handler that queued posts has to post them before the sweeper takes over. */
const leaseMs = 30_000;
/** After this many failed attempts a post is given up (and logged); Slack will not take it. */
const maxAttempts = 8;
/** Longest one call may take before it counts as failed: well inside the lease, so the sweeper never takes a post that is still in flight. */
const postTimeoutMs = 10_000;
/** A Retry-After up to this long is waited out in place, the post's lease extended to cover it; a longer one is left to the sweeper. */
const inlineRetryAfterMs = 60_000;

/**
 * The client posts go through. WebClient's defaults would retry a failed
 * call for half an hour, wait out a 429 inside the call and never time out,
 * so a post could still be in flight when its lease ran out and the sweeper
 * made it again. This one makes one attempt of at most `postTimeoutMs` and
 * hands a 429 back with its Retry-After: the outbox retries and waits.
 */
export function createPostingClient(
  token: string,
  options: { logger?: SlackLogger; slackApiUrl?: string; timeoutMs?: number; /** False: a 429 is waited out once inside the call, which then fails. */ rejectRateLimitedCalls?: boolean } = {},
): WebClient {
  const { timeoutMs = postTimeoutMs, rejectRateLimitedCalls = true, ...rest } = options;
  return new WebClient(token, { ...rest, timeout: timeoutMs, retryConfig: { retries: 0 }, rejectRateLimitedCalls });
}

/** How long Slack asked to wait before calling again (a 429's Retry-After), or undefined for any other failure. */
function retryAfterMs(error: unknown): number | undefined {
  const failure = error as { code?: string; retryAfter?: number } | undefined;
  return failure?.code === ErrorCode.RateLimitedError ? Math.max(0, failure.retryAfter ?? 1) * 1000 : undefined;
}

/** Message metadata marking a message as a queued post's, so a retry finds a post whose reply was lost. */
const postMetadataType = 'policy_desk_post';

const pendingRow = z.object({
  id: z.number(),
  method: z.enum(['chat.postMessage', 'chat.postEphemeral', 'chat.update', 'chat.delete']),
  args: z.string(),
  attempts: z.number(),
  leased_until: z.string(),
  outcome_unknown: z.number(),
});

/** Leases a queued post to whoever is about to make it, until `until`. */
function leasePost(db: Db, id: number, until: Date): void {
  statement(db, 'UPDATE slack_posts SET leased_until = ? WHERE id = ?').run(until.toISOString(), id);
}

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
 * update of a placeholder) and leaves the rest for the sweeper. A new
 * message carries its post's id as message metadata, and one tried before
 * is looked for in its thread or channel before it is posted again: a reply
 * lost after Slack took the message (a timeout, a 5xx) never posts it twice.
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
  const leaseFor = (id: number, ms: number) => leasePost(db, id, new Date(now().getTime() + ms));
  try {
    for (const id of ids) {
      const row = statement<[number], unknown>(db, 'SELECT id, method, args, attempts, leased_until, outcome_unknown FROM slack_posts WHERE id = ? AND posted_at IS NULL AND failed_at IS NULL').get(id);
      if (!row) continue;
      const post = pendingRow.parse(row);
      try {
        // A post is made only with at least one call's time left on its lease: a run that took long renews it.
        // (Renewing every post would be a commit, an fsync, of its own on every answer.)
        if (Date.parse(post.leased_until) < now().getTime() + postTimeoutMs) leaseFor(id, leaseMs);
        const args = JSON.parse(post.args) as Record<string, unknown>;
        // A new message carries its post's id; an earlier attempt that failed without Slack saying no may have been made.
        const isNewMessage = post.method === 'chat.postMessage';
        const where = { channel: String(args.channel), ...(typeof args.thread_ts === 'string' ? { thread_ts: args.thread_ts } : {}) };
        if (isNewMessage && post.outcome_unknown && (await findMessageByMetadata(client, where, postMetadataType, (payload) => Number(payload.post_id) === id))) {
          logger.info('slack post found already made by an earlier attempt; not posted again', { id });
          posted.push(id);
          continue;
        }
        for (;;) {
          try {
            await client.apiCall(post.method, isNewMessage ? { ...args, metadata: { event_type: postMetadataType, event_payload: { post_id: id } } } : args);
            break;
          } catch (error) {
            const wait = retryAfterMs(error);
            if (wait === undefined) throw error;
            // Slack asked to wait: that is not a failure of the post, and the rest of the run waits behind it.
            if (wait > inlineRetryAfterMs) {
              leaseFor(id, wait);
              statement(db, 'UPDATE slack_posts SET last_error = ? WHERE id = ?').run(`rate limited: Retry-After ${wait / 1000} s`, id);
              logger.warn('slack post rate limited; left to the sweeper', { id, method: post.method, retryAfterMs: wait });
              return;
            }
            leaseFor(id, wait + leaseMs);
            logger.warn('slack post rate limited; waiting', { id, method: post.method, retryAfterMs: wait });
            await sleep(wait);
          }
        }
        posted.push(id);
      } catch (error) {
        const attempts = post.attempts + 1;
        // Slack refusing the target (a channel gone) will not change its mind; a refused token is retried while an admin fixes it.
        const giveUp = attempts >= maxAttempts || isSlackRefusal(error);
        // Only Slack's own answer (ok: false) says the message was not made; a timeout or a 5xx leaves it unknown.
        const outcomeUnknown = (error as { code?: string }).code !== ErrorCode.PlatformError;
        statement(db, 'UPDATE slack_posts SET attempts = ?, last_error = ?, outcome_unknown = ?, leased_until = ?, failed_at = ? WHERE id = ?').run(
          attempts,
          (error as Error).message,
          outcomeUnknown ? 1 : 0,
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
        const until = new Date(at.getTime() + leaseMs);
        for (const { id } of due) {
          leasePost(deps.db, id, until);
          // No attempt recorded, nor a wait Slack asked for: the process that had it may have died after Slack took it.
          statement(deps.db, 'UPDATE slack_posts SET outcome_unknown = 1 WHERE id = ? AND attempts = 0 AND last_error IS NULL').run(id);
        }
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
