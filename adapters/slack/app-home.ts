import { exceptionCard } from '../../src/chat/cards/exception-card.ts';
import { keepForm } from '../../src/chat/form-store.ts';
import { findPerson, type Person } from '../../src/directory/find-person.ts';
import { currentStage } from '../../src/exceptions/exception-request.ts';
import { listExceptions } from '../../src/exceptions/load-exception.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { statement } from '../../src/storage/statement.ts';
import { cardToBlockKit, escapeMrkdwn } from './card-to-block-kit.ts';
import { chatUserOf } from '../../src/directory/chat-identities.ts';

/** How a person is shown in Slack: a mention when their Slack id is known. */
function personLabel(db: Db, person: Person | undefined, fallback: string): string {
  const slackUser = chatUserOf(db, 'slack', person);
  return slackUser ? `<@${slackUser}>` : escapeMrkdwn(person?.name ?? fallback);
}

type Block = Record<string, unknown>;
const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text } });
const header = (text: string): Block => ({ type: 'header', text: { type: 'plain_text', text } });

/**
 * The App Home tab: for reviewers, the requests waiting on their group with
 * their SLA (overdue ones first), with the same buttons as the cards; for
 * everyone, their own exception requests and their recent questions.
 */
export function renderAppHome(db: Db, tenant: string, person: Person, now: Date): Block {
  const blocks: Block[] = [];
  const open = [...listExceptions(db, tenant, { status: 'pending', limit: 200 }), ...listExceptions(db, tenant, { status: 'needs_info', limit: 200 })];
  const waiting = open
    .filter((request) => request.requester !== person.id)
    .filter((request) => [currentStage(request).group, ...(request.escalatedTo ? [request.escalatedTo] : [])].some((group) => person.groups.includes(group)))
    .map((request) => ({ request, due: Date.parse(request.stageStartedAt) + currentStage(request).slaMs }))
    .sort((a, b) => a.due - b.due);
  if (waiting.length > 0 || person.groups.length > 0) {
    blocks.push(header('Waiting for your review'));
    if (waiting.length === 0) blocks.push(section('Nothing is waiting for your group. 🎉'));
    for (const { request, due } of waiting.slice(0, 20)) {
      const hours = Math.round((due - now.getTime()) / 3_600_000);
      const sla = hours < 0 ? `⚠️ overdue by ${-hours} h` : `due in ${hours} h`;
      blocks.push({
        ...section(
          `*#${request.id}* ${escapeMrkdwn(request.clause.title)}, "${escapeMrkdwn(request.clause.section)}" · from ${personLabel(db, findPerson(db, tenant, 'id', request.requester), request.requester)} · ${sla}${request.status === 'needs_info' ? ' · waiting for the requester' : ''}\n${escapeMrkdwn(request.justification.slice(0, 200))}`,
        ),
      });
      if (request.status === 'pending') {
        // The same buttons as the approval card, so a click here is the same decision.
        const card = exceptionCard(db, request);
        blocks.push(...cardToBlockKit({ key: `home:${request.id}`, body: [], actions: card.actions, summary: card.summary }, (form) => keepForm(db, tenant, form)).blocks);
      }
    }
    blocks.push({ type: 'divider' });
  }
  const mine = listExceptions(db, tenant, { requester: person.id, limit: 10 });
  blocks.push(header('Your exception requests'));
  blocks.push(
    section(
      mine.length === 0
        ? 'None yet. Ask me about a policy, then use *Request an exception* on my answer.'
        : mine.map((request) => `• *#${request.id}* ${escapeMrkdwn(request.clause.title)}, "${escapeMrkdwn(request.clause.section)}": *${request.status.replace('_', ' ')}*${request.expiresOn && request.status === 'approved' ? ` until ${request.expiresOn}` : ''}`).join('\n'),
    ),
  );
  const answers = statement<[string, string], { question: string; status: string; asked_at: string }>(
    db,
    'SELECT question, status, asked_at FROM answers WHERE tenant = ? AND asker = ? ORDER BY id DESC LIMIT 5',
  ).all(tenant, person.id);
  blocks.push(header('Your recent questions'));
  blocks.push(
    section(answers.length === 0 ? 'Ask me anything about company policy in a DM, or with `/policy`.' : answers.map((a) => `• ${escapeMrkdwn(a.question.slice(0, 150))} _(${a.status}, ${a.asked_at.slice(0, 10)})_`).join('\n')),
  );
  return { type: 'home', blocks };
}
