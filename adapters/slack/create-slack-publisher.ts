import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { claimPublicationPost, markPublicationPosted } from '../../src/comms/publication-posts.ts';
import { publicationTopic } from '../../src/comms/publication.ts';
import type { Logger } from '../../src/logging/create-logger.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { statement } from '../../src/storage/statement.ts';
import { createSerialRunner } from '../../src/outbox/create-serial-runner.ts';

const outboxRow = z.object({ id: z.number(), tenant: z.string(), payload: z.string() });
const publishPayload = z.object({
  publicationId: z.number().int().positive(),
  text: z.string().min(1),
  target: z.object({ platform: z.string(), channel: z.string().min(1) }),
});

/** Slack message metadata marking a post as one publication's, so a retry finds a post whose ts was never recorded. */
const metadataType = 'policy_desk_announcement';
/** How far back a retry looks for its own earlier post. */
const historyLimit = 200;

/**
 * Posts announcements to Slack from the outbox (`announcement.publish`
 * messages whose target is a Slack channel): exactly the approved text, to
 * the channel the publication names, once. It reads the outbox in order
 * from a persisted cursor; each post is claimed in the database before it is
 * sent and its ts recorded after, and a post whose outcome was never
 * recorded (a crash, a timeout) is looked for in the channel's history by
 * its metadata before posting again, so neither a restart nor a retry posts
 * twice. A Slack failure stops the run; the next run retries from there.
 */
export function createSlackPublisher(deps: { db: Db; client: WebClient; logger: Logger; tenants: string[]; now?: () => Date }) {
  const { db, client, logger } = deps;
  const now = deps.now ?? (() => new Date());

  const cursor = () => statement<[], { last_outbox_id: number }>(db, 'SELECT last_outbox_id FROM slack_publisher_state WHERE id = 1').get()?.last_outbox_id ?? 0;
  const advance = (id: number) =>
    statement(db, 'INSERT INTO slack_publisher_state (id, last_outbox_id) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET last_outbox_id = max(last_outbox_id, excluded.last_outbox_id)').run(id);

  async function findEarlierPost(channel: string, publicationId: number): Promise<string | undefined> {
    const history = await client.conversations.history({ channel, limit: historyLimit, include_all_metadata: true });
    const mine = history.messages?.find((message) => {
      const metadata = (message as { metadata?: { event_type?: string; event_payload?: { publication_id?: unknown } } }).metadata;
      return metadata?.event_type === metadataType && Number(metadata.event_payload?.publication_id) === publicationId;
    });
    return mine?.ts;
  }

  async function post(row: z.infer<typeof outboxRow>): Promise<boolean> {
    const payload = publishPayload.parse(JSON.parse(row.payload));
    if (payload.target.platform !== 'slack') return false;
    const key = { tenant: row.tenant, publicationId: payload.publicationId, platform: 'slack', channel: payload.target.channel };
    const claim = claimPublicationPost(db, { ...key, at: now().toISOString() });
    if (claim.state === 'posted') return false;
    if (claim.state === 'posting') {
      const ts = await findEarlierPost(payload.target.channel, payload.publicationId);
      if (ts) {
        markPublicationPosted(db, { ...key, messageRef: ts, at: now().toISOString() });
        return false;
      }
    }
    const result = await client.chat.postMessage({
      channel: payload.target.channel,
      text: payload.text,
      unfurl_links: false,
      metadata: { event_type: metadataType, event_payload: { publication_id: payload.publicationId, outbox_id: row.id } },
    });
    if (!result.ok || !result.ts) throw new Error(`Slack did not post publication ${payload.publicationId} to ${payload.target.channel}: ${result.error ?? 'no ts'}`);
    markPublicationPosted(db, { ...key, messageRef: result.ts, at: now().toISOString() });
    logger.info('announcement posted to Slack', { tenant: row.tenant, publication: payload.publicationId, channel: payload.target.channel, ts: result.ts });
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

  return createSerialRunner(runOnce, (error) => logger.warn('slack publisher failed; will retry', { error: (error as Error).message }));
}

export type SlackPublisher = ReturnType<typeof createSlackPublisher>;
