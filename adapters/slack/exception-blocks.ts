import type { Person } from '../../src/directory/find-person.ts';
import { currentStage, type ExceptionRequest } from '../../src/exceptions/exception-request.ts';
import { escapeMrkdwn } from './render-answer.ts';

type Block = Record<string, unknown>;
const text = (value: string) => ({ type: 'mrkdwn', text: value });
const plain = (value: string) => ({ type: 'plain_text', text: value.slice(0, 150), emoji: true });
const clip = (value: string, max = 2900) => (value.length <= max ? value : `${value.slice(0, max - 1)}…`);

/** How a person is shown in Slack: a mention when their Slack id is known. */
export const personLabel = (person: Person | undefined, fallback: string) => (person?.slackId ? `<@${person.slackId}>` : escapeMrkdwn(person?.name ?? fallback));

/** The clause a button on an answer refers to. */
export type ClauseRef = { policyId: string; version: string; jurisdiction?: string; section: string };

/** The intake form, prefilled with the clause the requester departs from. */
export function intakeModal(clause: { title: string; version: string; section: string; quote: string }, metadata: string): Block {
  const input = (blockId: string, label: string, element: Block, optional = false, hint?: string) => ({
    type: 'input',
    block_id: blockId,
    optional,
    label: plain(label),
    element: { action_id: 'value', ...element },
    ...(hint ? { hint: plain(hint) } : {}),
  });
  return {
    type: 'modal',
    callback_id: 'exception_intake',
    private_metadata: metadata,
    title: plain('Request an exception'),
    submit: plain('Send to reviewers'),
    close: plain('Cancel'),
    blocks: [
      { type: 'section', text: text(`*${escapeMrkdwn(clause.title)}* (version ${escapeMrkdwn(clause.version)}), "${escapeMrkdwn(clause.section)}"`) },
      { type: 'context', elements: [text(`> ${escapeMrkdwn(clip(clause.quote, 1500))}`)] },
      input('justification', 'Why do you need an exception?', { type: 'plain_text_input', multiline: true, min_length: 10 }),
      input('amount', 'Amount', { type: 'number_input', is_decimal_allowed: true, min_value: '0' }, true),
      input('currency', 'Currency', { type: 'plain_text_input', max_length: 3, placeholder: plain('USD') }, true),
      input('starts_on', 'From', { type: 'datepicker' }, true),
      input('ends_on', 'Until', { type: 'datepicker' }, true),
      input('evidence', 'Links to evidence', { type: 'plain_text_input', multiline: true }, true, 'One link per line (quotes, tickets, approvals).'),
    ],
  };
}

/** A modal asking a reviewer for the reason of a denial, or the question for the requester. */
export function reasonModal(kind: 'deny' | 'ask_info', metadata: string): Block {
  return {
    type: 'modal',
    callback_id: kind === 'deny' ? 'exception_deny' : 'exception_ask_info',
    private_metadata: metadata,
    title: plain(kind === 'deny' ? 'Deny the exception' : 'Ask for information'),
    submit: plain(kind === 'deny' ? 'Deny' : 'Send question'),
    close: plain('Cancel'),
    blocks: [
      {
        type: 'input',
        block_id: 'reason',
        label: plain(kind === 'deny' ? 'Reason (the requester sees it)' : 'What do you need to know?'),
        element: { type: 'plain_text_input', action_id: 'value', multiline: true, min_length: 3 },
      },
    ],
  };
}

const statusLine: Record<string, string> = {
  approved: '✅ Approved',
  denied: '⛔ Denied',
  withdrawn: '↩️ Withdrawn',
  expired: '⌛ Expired',
  needs_info: '❓ Waiting for the requester to answer',
  pending: '⏳ Waiting for a decision',
};

/**
 * The approval card a reviewer group sees: who asks, for what clause, why,
 * how much and when, earlier decisions on the same clause, the SLA, and the
 * buttons while the request is open at this stage. Once decided, the
 * buttons give way to the outcome, the decider and the time, for everyone.
 */
export function approvalCard(
  request: ExceptionRequest,
  context: { requester: Person | undefined; decider?: Person; earlier: ExceptionRequest[]; stage: number; groupName: string },
): { text: string; blocks: Block[] } {
  const stage = request.stages[context.stage] ?? currentStage(request);
  const open = (request.status === 'pending' || request.status === 'needs_info') && request.stage === context.stage;
  const slaDue = new Date(Date.parse(request.stageStartedAt) + stage.slaMs).toISOString().slice(0, 16).replace('T', ' ');
  const who = context.requester;
  const fields = [
    text(`*Requester*\n${personLabel(who, request.requester)}`),
    text(`*Department / location*\n${escapeMrkdwn(`${who?.department ?? '—'} / ${who?.location ?? '—'}`)}`),
    text(`*Amount*\n${request.amount !== undefined ? escapeMrkdwn(`${request.amount}${request.currency ? ` ${request.currency}` : ''}`) : '—'}`),
    text(`*Dates*\n${request.startsOn || request.endsOn ? `${request.startsOn ?? '?'} → ${request.endsOn ?? '?'}` : '—'}`),
    text(`*Stage*\n${context.stage + 1} of ${request.stages.length}: ${escapeMrkdwn(context.groupName)} (${stage.quorum} approval${stage.quorum > 1 ? 's' : ''})`),
    text(`*SLA*\ndecide by ${slaDue} UTC`),
  ];
  const blocks: Block[] = [
    { type: 'header', text: plain(`Exception request #${request.id}: ${request.clause.title}`) },
    { type: 'section', text: text(`*Clause:* ${escapeMrkdwn(request.clause.title)} (version ${escapeMrkdwn(request.clause.version)}), "${escapeMrkdwn(request.clause.section)}"\n> ${escapeMrkdwn(clip(request.clause.quote, 1200)).replace(/\n/g, '\n> ')}`) },
    { type: 'section', text: text(`*Justification:* ${escapeMrkdwn(clip(request.justification, 1500))}`) },
    { type: 'section', fields },
  ];
  if (request.evidence.length > 0) blocks.push({ type: 'context', elements: [text(`Evidence: ${request.evidence.map((link) => `<${link}>`).join(' · ')}`)] });
  blocks.push({
    type: 'context',
    elements: [
      text(
        context.earlier.length === 0
          ? 'No earlier decisions on this clause.'
          : `Earlier decisions on this clause: ${context.earlier.map((e) => `#${e.id} ${e.status}${e.decidedAt ? ` ${e.decidedAt.slice(0, 10)}` : ''}`).join(', ')}`,
      ),
    ],
  });
  if (open) {
    const value = String(request.id);
    blocks.push({
      type: 'actions',
      block_id: `exception:${request.id}:${context.stage}`,
      elements: [
        { type: 'button', action_id: 'exception_approve', style: 'primary', text: plain('Approve'), value },
        { type: 'button', action_id: 'exception_deny', style: 'danger', text: plain('Deny'), value },
        { type: 'button', action_id: 'exception_ask_info', text: plain('Ask for info'), value },
      ],
    });
  } else {
    const moved = request.stage !== context.stage && (request.status === 'pending' || request.status === 'needs_info');
    const outcome = moved ? '➡️ Approved at this stage; now with the next reviewers' : statusLine[request.status] ?? request.status;
    const by = request.decidedBy ? ` by ${personLabel(context.decider, request.decidedBy)}` : '';
    const at = request.decidedAt ? ` at ${request.decidedAt.slice(0, 16).replace('T', ' ')} UTC` : '';
    blocks.push({ type: 'context', elements: [text(`${outcome}${moved ? '' : `${by}${at}`}${request.decisionReason ? `: ${escapeMrkdwn(request.decisionReason)}` : ''}`)] });
  }
  return { text: `Exception request #${request.id} from ${who?.name ?? request.requester}: ${request.clause.title}, "${request.clause.section}"`, blocks };
}
