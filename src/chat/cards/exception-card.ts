import { findPerson } from '../../directory/find-person.ts';
import { currentStage, type ExceptionRequest } from '../../exceptions/exception-request.ts';
import { earlierDecisions } from '../../exceptions/load-exception.ts';
import type { Db } from '../../storage/open-database.ts';
import { statement } from '../../storage/statement.ts';
import { loadCatalog } from '../../policies/load-catalog.ts';
import type { Card, CardElement } from '../card.ts';
import type { VersionRef } from '../chat-event.ts';
import { reasonForm } from './reason-form.ts';
import { utcMinute } from '../../utc-minute.ts';

const statusLine: Record<string, string> = {
  approved: '✅ Approved',
  denied: '⛔ Denied',
  withdrawn: '↩️ Withdrawn',
  expired: '⌛ Expired',
  needs_info: '❓ Waiting for the requester to answer',
  pending: '⏳ Waiting for a decision',
};

const clip = (value: string, max: number) => (value.length <= max ? value : `${value.slice(0, max - 1)}…`);

function groupName(db: Db, tenant: string, id: string): string {
  return statement<[string, string], { name: string }>(db, 'SELECT name FROM directory_groups WHERE tenant = ? AND group_id = ?').get(tenant, id)?.name ?? id;
}

/** The policy version an exception's clause comes from, as audience checks name it. */
export function clauseVersionRef(db: Db, request: ExceptionRequest): VersionRef {
  const jurisdiction = loadCatalog(db, request.tenant).byId.get(request.clause.versionId)?.jurisdiction;
  return { policyId: request.clause.policyId, version: request.clause.version, ...(jurisdiction ? { jurisdiction } : {}) };
}

/**
 * The approval card a reviewer group sees for one stage of a request: who
 * asks, for what clause, why, how much and when, earlier decisions on the
 * same clause, the stage and its SLA, and Approve / Deny / Ask for info while
 * the request waits at this stage. Once decided, the buttons give way to the
 * outcome, the decider and the time, for everyone. `clauseShown: false`
 * (a channel where not every member may read the clause's policy) leaves
 * the clause's words out and says where reviewers can read them.
 */
export function exceptionCard(db: Db, request: ExceptionRequest, stageIndex = request.stage, options: { clauseShown?: boolean } = {}): Card {
  const stage = request.stages[stageIndex] ?? currentStage(request);
  const requester = findPerson(db, request.tenant, 'id', request.requester);
  const open = (request.status === 'pending' || request.status === 'needs_info') && request.stage === stageIndex;
  const slaDue = new Date(Date.parse(request.stageStartedAt) + stage.slaMs).toISOString();
  const earlier = earlierDecisions(db, request);
  const body: CardElement[] = [
    { type: 'text', text: `**Clause:** ${request.clause.title} (version ${request.clause.version}), "${request.clause.section}"` },
    options.clauseShown === false
      ? { type: 'note', text: `The clause's words are not shown here: I could not confirm that everyone in this channel may read the ${request.clause.title}. Reviewers can read them there, in "${request.clause.section}".` }
      : { type: 'quote', text: clip(request.clause.quote, 1200) },
    { type: 'text', text: `**Justification:** ${clip(request.justification, 1500)}` },
    {
      type: 'facts',
      facts: [
        { label: 'Requester', value: requester?.name ?? request.requester },
        { label: 'Department / location', value: `${requester?.department ?? '—'} / ${requester?.location ?? '—'}` },
        { label: 'Amount', value: request.amount !== undefined ? `${request.amount}${request.currency ? ` ${request.currency}` : ''}` : '—' },
        { label: 'Dates', value: request.startsOn || request.endsOn ? `${request.startsOn ?? '?'} → ${request.endsOn ?? '?'}` : '—' },
        { label: 'Stage', value: `${stageIndex + 1} of ${request.stages.length}: ${groupName(db, request.tenant, stage.group)} (${stage.quorum} approval${stage.quorum > 1 ? 's' : ''})` },
        { label: 'SLA', value: `decide by ${utcMinute(slaDue)}` },
      ],
    },
  ];
  if (request.evidence.length > 0) body.push({ type: 'note', text: `Evidence: ${request.evidence.join(' · ')}` });
  body.push({
    type: 'note',
    text: earlier.length === 0 ? 'No earlier decisions on this clause.' : `Earlier decisions on this clause: ${earlier.map((e) => `#${e.id} ${e.status}${e.decidedAt ? ` ${e.decidedAt.slice(0, 10)}` : ''}`).join(', ')}`,
  });
  const value = { requestId: String(request.id) };
  if (!open) {
    const moved = request.stage !== stageIndex && (request.status === 'pending' || request.status === 'needs_info');
    const decider = request.decidedBy ? (findPerson(db, request.tenant, 'id', request.decidedBy)?.name ?? request.decidedBy) : undefined;
    const outcome = moved
      ? '➡️ Approved at this stage; now with the next reviewers'
      : `${statusLine[request.status] ?? request.status}${decider ? ` by ${decider}` : ''}${request.decidedAt ? ` at ${utcMinute(request.decidedAt)}` : ''}${request.decisionReason ? `: ${request.decisionReason}` : ''}`;
    body.push({ type: 'text', text: `**${outcome}**` });
  } else if (request.status === 'needs_info') {
    body.push({ type: 'text', text: `**${statusLine.needs_info}**` });
  }
  return {
    key: `exception:${request.id}:${stageIndex}`,
    title: `Exception request #${request.id}: ${request.clause.title}`,
    body,
    actions: open
      ? [
          { id: 'exception.approve', label: 'Approve', style: 'primary', value },
          { id: 'exception.deny', label: 'Deny', style: 'danger', value, form: reasonForm('deny', request.id) },
          { id: 'exception.ask-info', label: 'Ask for info', value, form: reasonForm('ask-info', request.id) },
        ]
      : [],
    summary: `Exception request #${request.id} from ${requester?.name ?? request.requester}: ${request.clause.title}, "${request.clause.section}"`,
  };
}
