import type { WebClient } from '@slack/web-api';
import { exceptionCard } from '../../src/chat/cards/exception-card.ts';
import { keepForm } from '../../src/chat/form-store.ts';
import { findPerson } from '../../src/directory/find-person.ts';
import type { ExceptionRequest } from '../../src/exceptions/exception-request.ts';
import type { Logger } from '../../src/logging/create-logger.ts';
import type { Deliver } from '../../src/outbox/create-outbox-notifier.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { statement } from '../../src/storage/statement.ts';
import { cardToBlockKit, escapeMrkdwn } from './card-to-block-kit.ts';
import { postMessageOnce, type PostOnce } from './post-message-once.ts';
import { chatUserOf } from '../../src/directory/chat-identities.ts';

type Placement = { kind: 'card' | 'thread'; stage: number; channel: string; ts: string };

function placements(db: Db, request: ExceptionRequest): Placement[] {
  return statement<[number], Placement>(db, 'SELECT kind, stage, channel, ts FROM slack_exception_messages WHERE request_id = ? ORDER BY stage').all(request.id);
}

function remember(db: Db, request: ExceptionRequest, placement: Placement): void {
  statement(db, 'INSERT OR IGNORE INTO slack_exception_messages (tenant, request_id, kind, stage, channel, ts) VALUES (?, ?, ?, ?, ?, ?)').run(
    request.tenant, request.id, placement.kind, placement.stage, placement.channel, placement.ts,
  );
}

function group(db: Db, tenant: string, id: string): { name: string; channel: string | null } | undefined {
  return statement<[string, string], { name: string; channel: string | null }>(db, 'SELECT name, slack_channel AS channel FROM directory_groups WHERE tenant = ? AND group_id = ?').get(tenant, id);
}

/** Whether every member of a Slack channel may read the policy an exception's clause comes from. */
export type ClauseAudience = (request: ExceptionRequest, channel: string) => Promise<boolean>;

async function cardFor(db: Db, request: ExceptionRequest, stage: number, channel: string, clauseAudience: ClauseAudience) {
  const clauseShown = await clauseAudience(request, channel);
  return cardToBlockKit(exceptionCard(db, request, stage, { clauseShown }), (form) => keepForm(db, request.tenant, form));
}

/**
 * Posts the approval card of the request's current stage to the stage
 * group's Slack channel, once: a card already posted for that stage is not
 * posted again. The clause's words are left out where not every member of
 * the channel may read its policy.
 */
export async function postApprovalCard(db: Db, client: WebClient, logger: Logger, request: ExceptionRequest, clauseAudience: ClauseAudience, once?: PostOnce): Promise<void> {
  if (placements(db, request).some((p) => p.kind === 'card' && p.stage === request.stage)) return;
  const stageGroup = request.stages[request.stage]?.group ?? '';
  const channel = group(db, request.tenant, stageGroup)?.channel;
  if (!channel) {
    logger.warn('reviewer group has no Slack channel; the approval card was not posted', { tenant: request.tenant, group: stageGroup, request: request.id });
    return;
  }
  const posted = await postMessageOnce(client, { channel, ...(await cardFor(db, request, request.stage, channel, clauseAudience)) }, once);
  if (posted.ts) remember(db, request, { kind: 'card', stage: request.stage, channel: posted.channel ?? channel, ts: posted.ts });
}

/** Opens the requester's exception thread in their DM with Policy Desk. */
export async function openRequesterThread(db: Db, client: WebClient, request: ExceptionRequest, text: string, once?: PostOnce): Promise<void> {
  if (placements(db, request).some((p) => p.kind === 'thread')) return;
  const slackUser = chatUserOf(db, 'slack', findPerson(db, request.tenant, 'id', request.requester));
  if (!slackUser) return;
  const dm = await client.conversations.open({ users: slackUser });
  const channel = dm.channel?.id;
  if (!channel) return;
  const posted = await postMessageOnce(client, { channel, text: escapeMrkdwn(text) }, once);
  if (posted.ts) remember(db, request, { kind: 'thread', stage: 0, channel, ts: posted.ts });
}

/** Tells the requester, in their exception thread, what happened. */
export async function tellRequester(db: Db, client: WebClient, request: ExceptionRequest, message: string | { text: string; blocks: Record<string, unknown>[] }, once?: PostOnce): Promise<void> {
  const thread = placements(db, request).find((p) => p.kind === 'thread');
  if (thread) await postMessageOnce(client, { channel: thread.channel, thread_ts: thread.ts, ...(typeof message === 'string' ? { text: escapeMrkdwn(message) } : message) }, once);
}

/**
 * Redraws every approval card of the request, so everyone sees its current
 * state; each goes through `deliver`, so a card Slack refuses to update (deleted,
 * its channel archived) is skipped, not the others.
 */
export async function refreshApprovalCards(db: Db, client: WebClient, request: ExceptionRequest, clauseAudience: ClauseAudience, deliver: Deliver): Promise<void> {
  for (const card of placements(db, request).filter((p) => p.kind === 'card')) {
    const message = await cardFor(db, request, card.stage, card.channel, clauseAudience);
    await deliver(`approval card of stage ${card.stage + 1}`, () => client.chat.update({ channel: card.channel, ts: card.ts, ...message }));
  }
}

/** Replies in the thread of the current stage's approval card (reminders, answers, escalations). */
export async function replyToCard(db: Db, client: WebClient, request: ExceptionRequest, text: string, once?: PostOnce): Promise<void> {
  const cards = placements(db, request).filter((p) => p.kind === 'card');
  const card = cards.find((p) => p.stage === request.stage) ?? cards.at(-1);
  if (card) await postMessageOnce(client, { channel: card.channel, thread_ts: card.ts, text: escapeMrkdwn(text) }, once);
}
