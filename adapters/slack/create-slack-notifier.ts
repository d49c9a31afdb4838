import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { noticeTopic } from '../../src/chat/enqueue-notice.ts';
import { exceptionEventMessages as say } from '../../src/chat/cards/exception-event-messages.ts';
import { keepForm } from '../../src/chat/form-store.ts';
import type { VersionRef } from '../../src/chat/chat-event.ts';
import { everyMemberMaySee } from '../../src/chat/every-member-may-see.ts';
import { parseNoticePayload } from '../../src/chat/notice-payload.ts';
import { readableNoticeCard } from '../../src/chat/readable-notice-card.ts';
import { findPerson } from '../../src/directory/find-person.ts';
import type { ExceptionRequest } from '../../src/exceptions/exception-request.ts';
import { loadException } from '../../src/exceptions/load-exception.ts';
import type { Logger } from '../../src/logging/create-logger.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { statement } from '../../src/storage/statement.ts';
import { cardToBlockKit } from './card-to-block-kit.ts';
import { openRequesterThread, postApprovalCard, refreshApprovalCards, replyToCard, tellRequester, type ClauseAudience } from './exception-messages.ts';
import { createOutboxNotifier, type Deliver, type OutboxNotice } from '../../src/outbox/create-outbox-notifier.ts';
import { isSlackRefusal } from './slack-errors.ts';
import { postMessageOnce, type PostOnce } from './post-message-once.ts';
import { postOrRedrawCard } from './post-or-redraw-card.ts';
import { chatUserOf } from '../../src/directory/chat-identities.ts';

/** Whether every member of a Slack channel (read live, failing closed) may see all of these policy versions. */
export type ChannelAudience = (tenant: string, channel: string, versions: VersionRef[]) => Promise<boolean>;

const eventPayload = z.object({ id: z.number(), actor: z.string(), note: z.string().nullable().optional() });

/**
 * Tells Slack about exception events and chat notices, from the outbox, whatever channel
 * caused them (Slack, Teams, the command line, a timer): approval cards for
 * each stage, the outcome on every card, the requester's thread, reminders
 * and escalations in the card's thread. It reads the outbox in order from a
 * persisted cursor, so a restart resumes where it stopped; an event it has
 * told is remembered, so none is told twice. An event told again after a
 * failure or a crash looks for each of its messages (marked in their
 * metadata) before posting it: Slack may have taken one whose reply was
 * lost. The client must make one attempt per call, or it would post blind.
 * A failure stops a run at that event, to be retried in order; a refusal
 * from Slack (a channel archived, the app removed from it, a card deleted)
 * skips the one message it was about, as the post sweeper gives up on it:
 * the event's other messages still go out (the requester still hears of a
 * decision whose card could not be redrawn), and no later notice is held
 * back.
 */
export function createSlackNotifier(deps: { db: Db; client: WebClient; logger: Logger; tenants: string[]; clauseAudience: ClauseAudience; channelAudience: ChannelAudience; now?: () => Date }) {
  const { db, client, logger, clauseAudience } = deps;
  const now = deps.now ?? (() => new Date());

  /**
   * A `chat.notice`: the card to a group's channel, a person's DM, or a Slack
   * conversation; notices for other platforms are not Slack's. A restricted
   * card is shown whole only where the channel's live members (or the
   * person) may all see the versions it quotes; elsewhere its withheld card.
   * A group's card kept up to date (`inPlace`) redraws the one posted before.
   */
  async function deliverNotice(row: OutboxNotice, once: PostOnce): Promise<void> {
    const notice = parseNoticePayload(row.payload);
    const { to } = notice;
    const render = async (readersMaySee: (versions: VersionRef[]) => Promise<boolean>) => cardToBlockKit(await readableNoticeCard(notice, readersMaySee), (form) => keepForm(db, row.tenant, form));
    const inChannel = (channel: string) => render((versions) => deps.channelAudience(row.tenant, channel, versions));
    if ('group' in to) {
      const channel = statement<[string, string], { channel: string | null }>(db, 'SELECT slack_channel AS channel FROM directory_groups WHERE tenant = ? AND group_id = ?').get(row.tenant, to.group)?.channel;
      if (!channel) return void logger.warn('group has no Slack channel; a notice was not posted', { tenant: row.tenant, group: to.group });
      const message = { channel, ...(await inChannel(channel)) };
      if (notice.inPlace && notice.card.key) await postOrRedrawCard(db, client, { tenant: row.tenant, cardKey: notice.card.key, message }, once);
      else await postMessageOnce(client, message, once);
    } else if ('person' in to) {
      const person = findPerson(db, row.tenant, 'id', to.person);
      const slackId = chatUserOf(db, 'slack', person);
      if (!person || !slackId) return;
      const dm = await client.conversations.open({ users: slackId });
      const message = await render(async (versions) => everyMemberMaySee(db, row.tenant, [person], versions));
      if (dm.channel?.id) await postMessageOnce(client, { channel: dm.channel.id, ...message }, once);
    } else {
      const [platform, channel, thread] = to.conversation.split(':');
      if (platform !== 'slack' || !channel || channel === 'home') return;
      await postMessageOnce(client, { channel, ...(thread ? { thread_ts: thread } : {}), ...(await inChannel(channel)) }, once);
    }
  }

  /**
   * Records that a notice is being told; true when it was begun before (a
   * failure, a crash): each of its messages may have been posted already.
   */
  function begunBefore(row: OutboxNotice): boolean {
    return statement(db, 'INSERT INTO slack_notice_attempts (outbox_id, tenant, attempted_at) VALUES (?, ?, ?) ON CONFLICT (outbox_id) DO NOTHING').run(row.id, row.tenant, now().toISOString()).changes === 0;
  }

  async function tell(row: OutboxNotice, deliver: Deliver): Promise<void> {
    const lookFirst = begunBefore(row);
    /** Marks the notice's message for `step`, so a retry finds it rather than post it twice. */
    const once = (step: string): PostOnce => ({ marker: `${row.id}:${step}`, lookFirst });
    /** The stage's approval card; one Slack refuses leaves its reviewers untold, which someone must act on. */
    async function approvalCard(request: ExceptionRequest): Promise<void> {
      if (await deliver('approval card', () => postApprovalCard(db, client, logger, request, clauseAudience, once('card')))) return;
      logger.error('slack refused the approval card; the reviewers were not told in Slack', { tenant: request.tenant, request: request.id, stage: request.stage });
    }
    if (row.topic === noticeTopic) {
      await deliver('notice', () => deliverNotice(row, once('notice')));
      return;
    }
    const event = eventPayload.parse(JSON.parse(row.payload));
    const request = loadException(db, row.tenant, event.id);
    const actor = findPerson(db, row.tenant, 'id', event.actor)?.name ?? event.actor;
    switch (row.topic) {
      case 'exception.requested':
        await deliver('requester', () => openRequesterThread(db, client, request, say.requested(request), once('thread')));
        await approvalCard(request);
        return;
      case 'exception.advanced':
        await refreshApprovalCards(db, client, request, clauseAudience, deliver);
        await approvalCard(request);
        await deliver('requester', () => tellRequester(db, client, request, say.advanced(request, actor), once('requester')));
        return;
      case 'exception.decided':
        await refreshApprovalCards(db, client, request, clauseAudience, deliver);
        await deliver('requester', () => tellRequester(db, client, request, say.decided(request, actor), once('requester')));
        return;
      case 'exception.info_requested':
        await refreshApprovalCards(db, client, request, clauseAudience, deliver);
        await deliver('requester', () =>
          tellRequester(
            db,
            client,
            request,
            cardToBlockKit(say.question(request, actor, event.note ?? 'The reviewers asked for more information.', `Answer with the button, or with /policy answer ${request.id} your answer.`)),
            once('requester'),
          ),
        );
        return;
      case 'exception.info_provided':
        await refreshApprovalCards(db, client, request, clauseAudience, deliver);
        await deliver('approval card thread', () => replyToCard(db, client, request, say.answered(event.note ?? ''), once('card-thread')));
        return;
      case 'exception.withdrawn':
      case 'exception.approval_recorded':
        await refreshApprovalCards(db, client, request, clauseAudience, deliver);
        return;
      case 'exception.reminder':
        await deliver('approval card thread', () => replyToCard(db, client, request, say.reminder(request), once('card-thread')));
        return;
      case 'exception.escalated':
        await refreshApprovalCards(db, client, request, clauseAudience, deliver);
        await deliver('approval card thread', () => replyToCard(db, client, request, say.escalated(event.note ?? ''), once('card-thread')));
        return;
      case 'exception.expiring':
        await deliver('requester', () => tellRequester(db, client, request, say.expiring(request), once('requester')));
        return;
      case 'exception.expired':
        await refreshApprovalCards(db, client, request, clauseAudience, deliver);
        await deliver('requester', () => tellRequester(db, client, request, say.expired(request), once('requester')));
        return;
    }
  }

  return createOutboxNotifier({ db, logger, platform: 'slack', tenants: deps.tenants, now, tell, refused: isSlackRefusal });
}

export type SlackNotifier = ReturnType<typeof createSlackNotifier>;
