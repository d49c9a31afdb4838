import { z } from 'zod';
import { claimPublicationPost, markPublicationPosted, releasePublicationPost } from '../../src/comms/publication-posts.ts';
import { publicationTopic } from '../../src/comms/publication.ts';
import type { Logger } from '../../src/logging/create-logger.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { statement } from '../../src/storage/statement.ts';
import type { TeamsMessenger } from './create-teams-messenger.ts';
import { describeTeamsFailure } from './teams-errors.ts';
import { createSerialRunner } from '../../src/outbox/create-serial-runner.ts';

const outboxRow = z.object({ id: z.number(), tenant: z.string(), payload: z.string() });
const publishPayload = z.object({
  publicationId: z.number().int().positive(),
  text: z.string().min(1),
  target: z.object({ platform: z.string(), channel: z.string().min(1) }),
});

/**
 * Whether a failed post may have reached the channel after all: the request
 * to the connector went out and no answer came back (a reset, a timeout).
 * An answer with an error status, or a failure before the request was sent
 * (no token, no reference), means nothing was posted.
 */
export function outcomeUnknown(error: unknown): boolean {
  const failure = error as { name?: unknown; statusCode?: unknown; request?: { url?: unknown } } | undefined;
  return describeTeamsFailure(error).status === undefined && failure?.name === 'RestError' && typeof failure.request?.url === 'string' && failure.request.url.includes('/activities');
}

/**
 * Posts announcements to Teams channels from the outbox (`announcement.publish`
 * messages whose target is a Teams channel): exactly the approved text, as a
 * new post in the channel the publication names, through the same proactive
 * path as the notifier, once. It reads the outbox in order from a persisted
 * cursor; each post is claimed in the database before it is sent and its
 * activity id recorded after. The Bot Connector cannot list a channel's
 * messages, so a post Teams refused (an error status) is released and tried
 * again on the next run, while a post whose outcome was lost (a crash
 * mid-send, a connection reset) is never sent again: it stays "posting" in
 * the publication history and is logged for someone to check the channel.
 * A failure Teams may get over (throttling, an outage) stops the run; the
 * next run retries from there, in order.
 */
export function createTeamsPublisher(deps: { db: Db; messenger: Pick<TeamsMessenger, 'toChannel'>; logger: Logger; tenants: string[]; now?: () => Date }) {
  const { db, messenger, logger } = deps;
  const now = deps.now ?? (() => new Date());

  const cursor = () => statement<[], { last_outbox_id: number }>(db, 'SELECT last_outbox_id FROM teams_publisher_state WHERE id = 1').get()?.last_outbox_id ?? 0;
  const advance = (id: number) =>
    statement(db, 'INSERT INTO teams_publisher_state (id, last_outbox_id) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET last_outbox_id = max(last_outbox_id, excluded.last_outbox_id)').run(id);

  async function post(row: z.infer<typeof outboxRow>): Promise<boolean> {
    const payload = publishPayload.parse(JSON.parse(row.payload));
    if (payload.target.platform !== 'teams') return false;
    const key = { tenant: row.tenant, publicationId: payload.publicationId, platform: 'teams', channel: payload.target.channel };
    const where = { tenant: row.tenant, publication: payload.publicationId, channel: payload.target.channel };
    const claim = claimPublicationPost(db, { ...key, at: now().toISOString() });
    if (claim.state === 'posted') return false;
    if (claim.state === 'posting') {
      logger.error('an announcement post to Teams may or may not have been made (its outcome was lost); it is not posted again: check the channel', where);
      return false;
    }
    let posted: Awaited<ReturnType<TeamsMessenger['toChannel']>>;
    try {
      posted = await messenger.toChannel(row.tenant, payload.target.channel, { type: 'message', text: payload.text });
    } catch (error) {
      if (outcomeUnknown(error)) throw error;
      releasePublicationPost(db, key);
      const failure = describeTeamsFailure(error);
      // Teams may be down or throttling: stop here and retry this post, in order. A refusal
      // (the bot removed from the team, a deleted channel) will not change: log it and go on.
      if (failure.retryable) throw error;
      logger.error('teams refused an announcement post; not posted', { ...where, ...failure });
      return false;
    }
    if (!posted) {
      releasePublicationPost(db, key);
      logger.error('Policy Desk has not been installed in Teams for this tenant; the announcement was not posted', where);
      return false;
    }
    // Teams answers a post with its activity id; without one the post was still made.
    markPublicationPosted(db, { ...key, messageRef: posted.activityId ?? '', at: now().toISOString() });
    logger.info('announcement posted to Teams', { ...where, activityId: posted.activityId });
    return true;
  }

  async function runOnce(): Promise<number> {
    if (deps.tenants.length === 0) return 0;
    const rows = statement(
      db,
      `SELECT id, tenant, payload FROM outbox_messages
        WHERE id > ? AND topic = ? AND tenant IN (SELECT value FROM json_each(?))
        ORDER BY id LIMIT 100`,
    )
      .all(cursor(), publicationTopic, JSON.stringify(deps.tenants))
      .map((row) => outboxRow.parse(row));
    let posted = 0;
    for (const row of rows) {
      // A failure stops the run here; the next run retries this post, in order.
      if (await post(row)) posted++;
      advance(row.id);
    }
    return posted;
  }

  return createSerialRunner(runOnce, (error) => logger.warn('teams publisher failed; will retry', { ...describeTeamsFailure(error) }));
}

export type TeamsPublisher = ReturnType<typeof createTeamsPublisher>;
