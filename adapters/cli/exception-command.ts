import { InvalidRequestError, UsageError } from '../../src/errors.ts';
import { answerInfoRequest, withdrawException } from '../../src/exceptions/respond-to-request.ts';
import { decideException, type Decision } from '../../src/exceptions/decide-exception.ts';
import { exceptionStatuses, type ExceptionRequest } from '../../src/exceptions/exception-request.ts';
import { earlierDecisions, exceptionHistory, listExceptions, loadException } from '../../src/exceptions/load-exception.ts';
import { requestException } from '../../src/exceptions/request-exception.ts';
import { runDueTimers } from '../../src/exceptions/run-due-timers.ts';
import { suggestClauses, type Clause } from '../../src/exceptions/suggest-clauses.ts';
import type { CliContext } from './commands.ts';
import { exceptionUsage } from './exception-usage.ts';
import { optionChoice, optionList, optionText, required, type Command } from './parse-command.ts';

function requestId(command: Command): number {
  const raw = command.positionals[1];
  const id = Number(raw);
  if (!raw || !Number.isInteger(id) || id <= 0) throw new UsageError(`exception ${command.positionals[0]} needs a request id`);
  return id;
}

function describe(request: ExceptionRequest): string {
  const stage = request.stages[Math.min(request.stage, request.stages.length - 1)]!;
  const lines = [
    `#${request.id} ${request.status} — ${request.clause.title} (version ${request.clause.version}), "${request.clause.section}"`,
    `  requester: ${request.requester}; stage ${request.stage + 1} of ${request.stages.length}: ${stage.group} (${stage.quorum} approval${stage.quorum > 1 ? 's' : ''})`,
    `  justification: ${request.justification}`,
  ];
  if (request.amount !== undefined) lines.push(`  amount: ${request.amount}${request.currency ? ` ${request.currency}` : ''}`);
  if (request.startsOn || request.endsOn) lines.push(`  dates: ${request.startsOn ?? '?'} to ${request.endsOn ?? '?'}`);
  if (request.decidedBy) lines.push(`  ${request.status} by ${request.decidedBy} at ${request.decidedAt}${request.decisionReason ? `: ${request.decisionReason}` : ''}`);
  if (request.expiresOn) lines.push(`  ends on ${request.expiresOn}`);
  return lines.join('\n');
}

async function chooseClause(command: Command, context: CliContext, tenant: string, requester: string, text: string): Promise<Clause | Clause[]> {
  const suggestions = await suggestClauses(context.deps, { tenant, requester, text, limit: 5 });
  const policy = optionText(command, 'policy');
  if (policy) {
    const section = optionText(command, 'section')?.toLowerCase();
    const chosen = suggestions.find((clause) => clause.policyId === policy && (!section || clause.section.toLowerCase().includes(section)));
    if (!chosen) throw new InvalidRequestError('clause', `no clause of ${policy}${section ? ` matching "${section}"` : ''} among the suggestions for this request; describe what you need in other words`);
    return chosen;
  }
  const index = optionText(command, 'clause');
  if (index !== undefined) {
    const chosen = suggestions[Number(index) - 1];
    if (!chosen) throw new UsageError(`--clause ${index}: there are ${suggestions.length} suggestions`);
    return chosen;
  }
  return suggestions;
}

/** `policy-desk exception ...`: intake (with clause confirmation), decisions, answers, withdrawal, listing and timers. */
export async function exceptionCommand(command: Command, context: CliContext): Promise<number> {
  const { io, db } = context;
  const [action] = command.positionals;
  const print = (value: unknown, text: string) => io.stdout.write(command.json ? `${JSON.stringify(value)}\n` : `${text}\n`);
  switch (action) {
    case 'request': {
      const tenant = required(command.tenant, 'tenant');
      const requester = required(command.as, 'as');
      const text = command.positionals.slice(1).join(' ').trim();
      if (!text) throw new UsageError('exception request needs a description of what you need');
      const clause = await chooseClause(command, context, tenant, requester, text);
      if (Array.isArray(clause)) {
        print(
          { status: 'confirm', suggestions: clause },
          clause.length === 0
            ? 'No policy clause matches this request; describe it in other words.'
            : `Which clause does this depart from? Run again with --clause N:\n${clause.map((c, i) => `  ${i + 1}. ${c.title} (version ${c.version}), "${c.section}"${c.exceptions === 'not-allowed' ? ' [no exceptions allowed]' : ''}\n     ${c.quote.slice(0, 200)}`).join('\n')}`,
        );
        return clause.length === 0 ? 1 : 4;
      }
      const amount = optionText(command, 'amount');
      if (amount !== undefined && !Number.isFinite(Number(amount))) throw new UsageError(`--amount ${amount} is not a number`);
      const request = requestException(context.deps, {
        tenant,
        requester,
        versionId: clause.versionId,
        sectionId: clause.sectionId,
        quote: clause.quote,
        justification: required(optionText(command, 'justification'), 'justification'),
        amount: amount === undefined ? undefined : Number(amount),
        currency: optionText(command, 'currency'),
        startsOn: optionText(command, 'from'),
        endsOn: optionText(command, 'to'),
        evidence: optionList(command, 'evidence'),
      });
      print(request, `opened ${describe(request)}`);
      return 0;
    }
    case 'decide': {
      const id = requestId(command);
      const verb = command.positionals[2];
      const reason = optionText(command, 'reason');
      const decision: Decision =
        verb === 'approve'
          ? { action: 'approve', note: reason, expiresOn: optionText(command, 'expires') }
          : verb === 'deny'
            ? { action: 'deny', reason: reason ?? '' }
            : verb === 'ask-info'
              ? { action: 'ask_info', question: reason ?? '' }
              : (() => {
                  throw new UsageError('exception decide ID needs approve, deny or ask-info');
                })();
      const result = decideException(context.deps, { tenant: required(command.tenant, 'tenant'), requestId: id, actor: required(command.as, 'as'), decision });
      print(result, `${result.outcome.replace(/_/g, ' ')}: ${describe(result.request)}`);
      return 0;
    }
    case 'answer': {
      const answer = command.positionals.slice(2).join(' ');
      const request = answerInfoRequest(context.deps, { tenant: required(command.tenant, 'tenant'), requestId: requestId(command), requester: required(command.as, 'as'), answer });
      print(request, `answered: ${describe(request)}`);
      return 0;
    }
    case 'withdraw': {
      const request = withdrawException(context.deps, { tenant: required(command.tenant, 'tenant'), requestId: requestId(command), requester: required(command.as, 'as'), reason: optionText(command, 'reason') });
      print(request, `withdrawn: ${describe(request)}`);
      return 0;
    }
    case 'show': {
      const tenant = required(command.tenant, 'tenant');
      const request = loadException(db, tenant, requestId(command));
      const history = exceptionHistory(db, tenant, request.id);
      const earlier = earlierDecisions(db, request);
      print(
        { request, history, earlierDecisions: earlier },
        [
          describe(request),
          '  history:',
          ...history.map((h) => `    ${h.at} ${h.actor} ${h.action}${h.note ? `: ${h.note}` : ''}`),
          ...(earlier.length ? ['  earlier decisions on this clause:', ...earlier.map((e) => `    #${e.id} ${e.status} by ${e.decidedBy} at ${e.decidedAt}`)] : []),
        ].join('\n'),
      );
      return 0;
    }
    case 'list': {
      const requests = listExceptions(db, required(command.tenant, 'tenant'), { status: optionChoice(command, 'status', exceptionStatuses), requester: command.as });
      print(requests, requests.length ? requests.map(describe).join('\n') : 'no exception requests');
      return 0;
    }
    case 'timers': {
      const acted = runDueTimers(context.deps);
      print({ acted }, `${acted} timer${acted === 1 ? '' : 's'} fired`);
      return 0;
    }
    default:
      throw new UsageError(`exception needs one of: request, decide, answer, withdraw, show, list, timers\n${exceptionUsage}`);
  }
}
