import { z } from 'zod';
import type { Card } from '../../src/chat/card.ts';
import { clauseVersionRef, exceptionCard } from '../../src/chat/cards/exception-card.ts';
import { everyMemberMaySee } from '../../src/chat/every-member-may-see.ts';
import { noticeTopic } from '../../src/chat/enqueue-notice.ts';
import { exceptionEventMessages as say } from '../../src/chat/cards/exception-event-messages.ts';
import { keepForm } from '../../src/chat/form-store.ts';
import type { VersionRef } from '../../src/chat/chat-event.ts';
import { parseNoticePayload } from '../../src/chat/notice-payload.ts';
import { readableNoticeCard } from '../../src/chat/readable-notice-card.ts';
import { chatUserOf } from '../../src/directory/chat-identities.ts';
import { findPerson } from '../../src/directory/find-person.ts';
import { currentStage, type ExceptionRequest } from '../../src/exceptions/exception-request.ts';
import { loadException } from '../../src/exceptions/load-exception.ts';
import type { Logger } from '../../src/logging/create-logger.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { statement } from '../../src/storage/statement.ts';
import { cardToActivity } from './card-to-activity.ts';
import { channelReference, conversationReference, type ConversationReference } from './conversation-references.ts';
import type { TeamsMessenger } from './create-teams-messenger.ts';
import { postOrRedrawCard } from './post-or-redraw-card.ts';
import { createRosterMaySee } from './roster-may-see.ts';
import { createTeamsChannelMembers } from './teams-channel-members.ts';
import { describeTeamsFailure } from './teams-errors.ts';
import { createOutboxNotifier, type Deliver, type OutboxNotice } from '../../src/outbox/create-outbox-notifier.ts';

const eventPayload = z.object({ id: z.number(), actor: z.string(), note: z.string().nullable().optional() });
const cardRow = z.object({ stage: z.number(), conversation_id: z.string(), activity_id: z.string() });

const text = (words: string) => ({ type: 'message', text: words });

/**
 * Tells Teams about exception events and chat notices from the outbox,
 * whatever channel caused them (Teams, Slack, the command line, a timer):
 * the approval card of each stage posted proactively to the reviewer group's
 * Teams channel, the card updated in place (same activity) for everyone
 * after each decision, the requester told in their personal chat, reminders
 * and answers in the card's thread, `chat.notice` cards to a group, a person
 * or a conversation. It reads the outbox in order from a persisted cursor,
 * so a restart resumes where it stopped; an event told is remembered, so
 * none is told twice. A failure stops a run at that event; the next run
 * retries it, in order. A message Teams refuses for good (a deleted card,
 * the app removed from a team or for a person) is skipped alone: the
 * event's other messages still go out.
 */
export function createTeamsNotifier(deps: { db: Db; messenger: TeamsMessenger; logger: Logger; tenants: string[]; now?: () => Date }) {
  const { db, messenger, logger } = deps;
  const now = deps.now ?? (() => new Date());

  /** A card as a Teams message, its buttons' forms kept for the tenant. */
  const render = (tenant: string, card: Card) => cardToActivity(card, (form) => keepForm(db, tenant, form, now()));

  const cards = (request: ExceptionRequest) =>
    statement<[number], unknown>(db, 'SELECT stage, conversation_id, activity_id FROM teams_exception_cards WHERE request_id = ? ORDER BY stage')
      .all(request.id)
      .map((row) => cardRow.parse(row));

  function groupChannel(tenant: string, group: string): string | undefined {
    return statement<[string, string], { channel: string | null }>(db, 'SELECT teams_channel AS channel FROM directory_groups WHERE tenant = ? AND group_id = ?').get(tenant, group)?.channel ?? undefined;
  }

  /**
   * The reference of the channel a card was posted in, found as it was when
   * posting: a card posted to a channel the bot had not heard from (a later
   * stage's group) is redrawn and replied to there too.
   */
  function cardReference(tenant: string, channel: string): ConversationReference | undefined {
    return channelReference(db, tenant, channel);
  }

  const channelMembers = createTeamsChannelMembers(db, messenger);
  const rosterMaySee = createRosterMaySee(db, channelMembers, logger);

  /**
   * Whether every member of a reviewers' channel may read the policy the
   * request's clause comes from (the roster read live); when not, or when
   * Teams will not give the roster, the card leaves the clause's words out.
   */
  const clauseShownIn = (request: ExceptionRequest, channel: string): Promise<boolean> => rosterMaySee(request.tenant, channel, [clauseVersionRef(db, request)]);

  /**
   * Posts the approval card of the request's current stage to its group's
   * channel, once per stage. A card Teams refuses (the app removed from the
   * team, a deleted channel) leaves the stage's reviewers untold in Teams:
   * that is logged as an error, for someone to act on, and the requester is
   * still told.
   */
  async function postApprovalCard(request: ExceptionRequest, deliver: Deliver): Promise<void> {
    if (cards(request).some((card) => card.stage === request.stage)) return;
    const group = currentStage(request).group;
    const channel = groupChannel(request.tenant, group);
    if (!channel) {
      logger.warn('reviewer group has no Teams channel; the approval card was not posted', { tenant: request.tenant, group, request: request.id });
      return;
    }
    const message = render(request.tenant, exceptionCard(db, request, request.stage, { clauseShown: await clauseShownIn(request, channel) }));
    const delivered = await deliver('approval card', async () => {
      const posted = await messenger.toChannel(request.tenant, channel, message);
      if (!posted) {
        logger.warn('Policy Desk has not been installed in Teams for this tenant; the approval card was not posted', { tenant: request.tenant, request: request.id });
        return;
      }
      if (posted.activityId) {
        statement(db, 'INSERT OR IGNORE INTO teams_exception_cards (tenant, request_id, stage, conversation_id, activity_id) VALUES (?, ?, ?, ?, ?)').run(
          request.tenant, request.id, request.stage, posted.reference.conversation.id, posted.activityId,
        );
      }
    });
    if (!delivered) logger.error('teams refused the approval card; the reviewers were not told in Teams', { tenant: request.tenant, request: request.id, stage: request.stage, group, channel });
  }

  /**
   * Redraws every approval card of the request in place, so everyone sees
   * its current state; a card Teams refuses to update (deleted, the app
   * removed from its team) is skipped, not the others.
   */
  async function refreshApprovalCards(request: ExceptionRequest, deliver: Deliver): Promise<void> {
    for (const card of cards(request)) {
      const reference = cardReference(request.tenant, card.conversation_id);
      if (reference) {
        const clauseShown = await clauseShownIn(request, card.conversation_id);
        await deliver(`approval card of stage ${card.stage + 1}`, () => messenger.update(reference, card.activity_id, render(request.tenant, exceptionCard(db, request, card.stage, { clauseShown }))));
      }
    }
  }

  /** Replies in the thread of the current stage's card (reminders, answers, escalations). */
  async function replyToCard(request: ExceptionRequest, words: string): Promise<void> {
    const all = cards(request);
    const card = all.find((c) => c.stage === request.stage) ?? all.at(-1);
    const reference = card && cardReference(request.tenant, card.conversation_id);
    if (card && reference) await messenger.replyInThread(reference, card.activity_id, text(words));
  }

  /** A message to a directory person's personal chat; skipped (and logged) for people without a Teams id. */
  async function toPerson(tenant: string, personId: string, message: Record<string, unknown>): Promise<void> {
    const aadObjectId = chatUserOf(db, 'teams', findPerson(db, tenant, 'id', personId));
    if (!aadObjectId) {
      logger.info('person has no Teams id; not told in Teams', { tenant, person: personId });
      return;
    }
    await messenger.toPerson(tenant, { aadObjectId }, message);
  }

  /**
   * One exception event: each of its messages goes out through `deliver`,
   * so one Teams refuses does not keep the others from their people. The
   * one message that may not be sent twice on a retry (the requester's, a
   * reply in a card's thread) comes last; the approval card before it is
   * recorded once posted.
   */
  async function tellException(row: OutboxNotice, deliver: Deliver): Promise<void> {
    const event = eventPayload.parse(JSON.parse(row.payload));
    const request = loadException(db, row.tenant, event.id);
    const actor = findPerson(db, row.tenant, 'id', event.actor)?.name ?? event.actor;
    const requester = (message: Record<string, unknown>) => deliver('requester', () => toPerson(request.tenant, request.requester, message));
    const cardThread = (words: string) => deliver('approval card thread', () => replyToCard(request, words));
    switch (row.topic) {
      case 'exception.requested':
        await postApprovalCard(request, deliver);
        await requester(text(say.requested(request)));
        return;
      case 'exception.advanced':
        await refreshApprovalCards(request, deliver);
        await postApprovalCard(request, deliver);
        await requester(text(say.advanced(request, actor)));
        return;
      case 'exception.decided':
        await refreshApprovalCards(request, deliver);
        await requester(text(say.decided(request, actor)));
        return;
      case 'exception.info_requested':
        await refreshApprovalCards(request, deliver);
        await requester(render(request.tenant, say.question(request, actor, event.note ?? 'The reviewers asked for more information.')));
        return;
      case 'exception.info_provided':
        await refreshApprovalCards(request, deliver);
        await cardThread(say.answered(event.note ?? ''));
        return;
      case 'exception.withdrawn':
      case 'exception.approval_recorded':
        await refreshApprovalCards(request, deliver);
        return;
      case 'exception.reminder':
        await cardThread(say.reminder(request));
        return;
      case 'exception.escalated':
        await refreshApprovalCards(request, deliver);
        await cardThread(say.escalated(event.note ?? ''));
        return;
      case 'exception.expiring':
        await requester(text(say.expiring(request)));
        return;
      case 'exception.expired':
        await refreshApprovalCards(request, deliver);
        await requester(text(say.expired(request)));
        return;
    }
  }

  /**
   * A `chat.notice`: its card to a group's Teams channel, a person's personal
   * chat, or a Teams conversation (others' conversations are not ours). A
   * restricted card is shown whole only where the channel's live roster (or
   * the person) may all see the versions it quotes; elsewhere its withheld card.
   * A group's card kept up to date (`inPlace`) updates the one posted before.
   */
  async function tellNotice(row: OutboxNotice, deliver: Deliver): Promise<void> {
    const notice = parseNoticePayload(row.payload);
    const message = async (readersMaySee: (versions: VersionRef[]) => Promise<boolean>) => render(row.tenant, await readableNoticeCard(notice, readersMaySee));
    const inChannel = (channel: string) => message((versions) => rosterMaySee(row.tenant, channel, versions));
    if ('group' in notice.to) {
      const channel = groupChannel(row.tenant, notice.to.group);
      if (channel && notice.inPlace && notice.card.key) {
        const cardKey = notice.card.key;
        await deliver('group channel', async () => postOrRedrawCard(db, messenger, { tenant: row.tenant, cardKey, channel, message: await inChannel(channel) }));
      } else if (channel) await deliver('group channel', async () => messenger.toChannel(row.tenant, channel, await inChannel(channel)));
      else logger.info('group has no Teams channel; notice not posted in Teams', { tenant: row.tenant, group: notice.to.group });
    } else if ('person' in notice.to) {
      const personId = notice.to.person;
      const person = findPerson(db, row.tenant, 'id', personId);
      await deliver('person', async () => toPerson(row.tenant, personId, await message(async (versions) => person !== undefined && everyMemberMaySee(db, row.tenant, [person], versions))));
    } else if (notice.to.conversation.startsWith('teams:')) {
      const conversation = notice.to.conversation.slice('teams:'.length);
      const reference = conversationReference(db, row.tenant, conversation);
      if (reference) await deliver('conversation', async () => messenger.post(reference, await inChannel(conversation)));
      else logger.warn('teams conversation unknown; notice not posted', { tenant: row.tenant, conversation: notice.to.conversation });
    }
  }

  return createOutboxNotifier({
    db,
    logger,
    platform: 'teams',
    tenants: deps.tenants,
    now,
    tell: (row, deliver) => (row.topic === noticeTopic ? tellNotice(row, deliver) : tellException(row, deliver)),
    // Teams may be down or throttling (retried); a refusal (the app not installed for someone, a deleted channel) will not change.
    refused: (error) => !describeTeamsFailure(error).retryable,
    describe: describeTeamsFailure,
  });
}

export type TeamsNotifier = ReturnType<typeof createTeamsNotifier>;
