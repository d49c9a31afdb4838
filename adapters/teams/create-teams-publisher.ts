import { claimPublicationPost, markPublicationPosted, releasePublicationPost } from '../../src/comms/publication-posts.ts';
import { readPublications, type PublicationMessage } from '../../src/comms/read-publications.ts';
import type { Logger } from '../../src/logging/create-logger.ts';
import type { Db } from '../../src/storage/open-database.ts';
import type { TeamsMessenger } from './create-teams-messenger.ts';
import { ConnectorTimeout, describeTeamsFailure } from './teams-errors.ts';
import { createSerialRunner } from '../../src/outbox/create-serial-runner.ts';

/**
 * Whether a failed post may have reached the channel after all: the request
 * to the connector went out and no answer came back (a reset, a timeout).
 * An answer with an error status, or a failure before the request was sent
 * (no token, no reference), means nothing was posted.
 */
export function outcomeUnknown(error: unknown): boolean {
  if (error instanceof ConnectorTimeout) return error.request.url.includes('/activities');
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

  async function post(payload: PublicationMessage): Promise<boolean> {
    const row = { id: payload.outboxId, tenant: payload.tenant };
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

  const runOnce = readPublications({ db, tenants: deps.tenants, stateTable: 'teams_publisher_state', post });

  return createSerialRunner(runOnce, (error) => logger.warn('teams publisher failed; will retry', { ...describeTeamsFailure(error) }));
}

export type TeamsPublisher = ReturnType<typeof createTeamsPublisher>;
