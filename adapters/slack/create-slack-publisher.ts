import type { WebClient } from '@slack/web-api';
import { claimPublicationPost, markPublicationPosted } from '../../src/comms/publication-posts.ts';
import { readPublications, type PublicationMessage } from '../../src/comms/read-publications.ts';
import type { Logger } from '../../src/logging/create-logger.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { createSerialRunner } from '../../src/outbox/create-serial-runner.ts';
import { findMessageByMetadata } from './find-message-by-metadata.ts';

/** Slack message metadata marking a post as one publication's, so a retry finds a post whose ts was never recorded. */
const metadataType = 'policy_desk_announcement';

/**
 * Posts announcements to Slack from the outbox (`announcement.publish`
 * messages whose target is a Slack channel): exactly the approved text, to
 * the channel the publication names, once. It reads the outbox in order
 * from a persisted cursor; each post is claimed in the database before it is
 * sent and its ts recorded after, and a post whose outcome was never
 * recorded (a crash, a timeout) is looked for in the channel's history by
 * its metadata before posting again, so neither a restart nor a retry posts
 * twice. A Slack failure stops the run; the next run retries from there.
 * The client must make one attempt per call (`createPostingClient`): a
 * client that retried by itself would post again without looking first.
 */
export function createSlackPublisher(deps: { db: Db; client: WebClient; logger: Logger; tenants: string[]; now?: () => Date }) {
  const { db, client, logger } = deps;
  const now = deps.now ?? (() => new Date());

  async function post(payload: PublicationMessage): Promise<boolean> {
    const row = { id: payload.outboxId, tenant: payload.tenant };
    if (payload.target.platform !== 'slack') return false;
    const key = { tenant: row.tenant, publicationId: payload.publicationId, platform: 'slack', channel: payload.target.channel };
    const claim = claimPublicationPost(db, { ...key, at: now().toISOString() });
    if (claim.state === 'posted') return false;
    if (claim.state === 'posting') {
      const ts = await findMessageByMetadata(client, { channel: payload.target.channel }, metadataType, (found) => Number(found.publication_id) === payload.publicationId);
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

  const runOnce = readPublications({ db, tenants: deps.tenants, stateTable: 'slack_publisher_state', post });

  return createSerialRunner(runOnce, (error) => logger.warn('slack publisher failed; will retry', { error: (error as Error).message }));
}

export type SlackPublisher = ReturnType<typeof createSlackPublisher>;
