import type { App, BlockAction, ButtonAction, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { visibleVersions } from '../../src/access/visible-versions.ts';
import { appendAuditEvent } from '../../src/audit/append-audit-event.ts';
import type { Person } from '../../src/directory/find-person.ts';
import { InvalidRequestError, NotAllowedError, PolicyDeskError } from '../../src/errors.ts';
import { authorizeDecision } from '../../src/exceptions/authorize-decision.ts';
import { decideException, type Decision } from '../../src/exceptions/decide-exception.ts';
import { loadException } from '../../src/exceptions/load-exception.ts';
import { requestException } from '../../src/exceptions/request-exception.ts';
import type { Logger } from '../../src/logging/create-logger.ts';
import { loadCatalog } from '../../src/policies/load-catalog.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { statement } from '../../src/storage/statement.ts';
import { intakeModal, reasonModal, type ClauseRef } from './exception-blocks.ts';
import type { SlackNotifier } from './create-slack-notifier.ts';
import { resolveSlackPerson } from './resolve-slack-person.ts';

type Deps = { db: Db; logger: Logger; now: () => Date; tenantOf: (body: Record<string, unknown>) => string | undefined; notifier: SlackNotifier };

const intakeFields = ['justification', 'amount', 'currency', 'starts_on', 'ends_on', 'evidence'] as const;

/** The submitted value of an input block, whatever its element type. */
function submitted(view: ViewSubmitAction['view'], block: string): string | undefined {
  const element = view.state.values[block]?.value as { value?: string | null; selected_date?: string | null } | undefined;
  const value = element?.value ?? element?.selected_date ?? undefined;
  return value === null || value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** The section of a visible policy version an answer's button points at. */
function findClause(db: Db, tenant: string, person: Person, ref: ClauseRef, today: string) {
  const visible = visibleVersions(db, loadCatalog(db, tenant), person, today);
  const version = visible.versions.find((v) => v.policyId === ref.policyId && v.version === ref.version && (v.jurisdiction ?? undefined) === ref.jurisdiction);
  if (!version) return undefined;
  const section = statement<[number, string], { id: number; body: string }>(
    db,
    'SELECT s.id, t.body FROM sections s JOIN section_texts t ON t.id = s.text_id WHERE s.version_id = ? AND s.heading = ? ORDER BY s.ordinal LIMIT 1',
  ).get(version.versionId, ref.section);
  return section && { version, section };
}

async function whisper(client: WebClient, channel: string | undefined, user: string, text: string): Promise<void> {
  if (channel) await client.chat.postEphemeral({ channel, user, text });
  else await client.chat.postMessage({ channel: user, text });
}

/**
 * Exception requests in Slack: the "Request an exception" button on an
 * answer opens the intake form prefilled with the cited clause; submitting
 * it opens the request; the notifier (reading the outbox) then starts the
 * requester's thread in their DM and posts the approval card to the reviewer
 * group's channel. Approve, Deny (with a
 * reason) and Ask for info are checked on the server against the stored
 * request and the directory, never against the payload; a refused click gets
 * an ephemeral explanation and is audited. Every decision redraws the cards,
 * through the notifier too.
 */
export function registerExceptionHandlers(app: App, deps: Deps): void {
  const { db, logger } = deps;

  /** The person behind a click, or a reason to refuse. */
  async function clicker(client: WebClient, body: Record<string, unknown>, user: string): Promise<{ tenant: string; person: Person } | { refusal: string }> {
    const tenant = deps.tenantOf(body);
    if (!tenant) return { refusal: "This Slack workspace isn't connected to Policy Desk." };
    const person = await resolveSlackPerson(db, client, tenant, user);
    return person ? { tenant, person } : { refusal: "I couldn't find you in your company's directory." };
  }

  /** Slack hears of a change through the outbox, like every other channel; this tells it now rather than at the next poll. */
  const tellSlack = () => deps.notifier.runOnce().catch((error: unknown) => logger.warn('slack notifier failed; will retry', { error: (error as Error).message }));

  app.action<BlockAction<ButtonAction>>('exception_open', async ({ ack, body, action, client }) => {
    await ack();
    const who = await clicker(client, body as unknown as Record<string, unknown>, body.user.id);
    if ('refusal' in who) return whisper(client, body.channel?.id, body.user.id, who.refusal);
    const ref = JSON.parse(action.value ?? '{}') as ClauseRef;
    const clause = findClause(db, who.tenant, who.person, ref, deps.now().toISOString().slice(0, 10));
    if (!clause) return whisper(client, body.channel?.id, body.user.id, 'That policy clause is no longer one you can request an exception to.');
    if (clause.version.exceptions === 'not-allowed') {
      return whisper(client, body.channel?.id, body.user.id, `The ${clause.version.title} does not allow exceptions.`);
    }
    const metadata = JSON.stringify({ tenant: who.tenant, versionId: clause.version.versionId, sectionId: clause.section.id });
    await client.views.open({
      trigger_id: body.trigger_id,
      view: intakeModal({ title: clause.version.title, version: clause.version.version, section: ref.section, quote: clause.section.body }, metadata) as never,
    });
  });

  app.view<ViewSubmitAction>('exception_intake', async ({ ack, body, view, client }) => {
    const who = await clicker(client, body as unknown as Record<string, unknown>, body.user.id);
    if ('refusal' in who) return ack({ response_action: 'errors', errors: { justification: who.refusal } });
    const meta = JSON.parse(view.private_metadata) as { tenant: string; versionId: number; sectionId: number };
    const amount = submitted(view, 'amount');
    try {
      requestException({ db, now: deps.now }, {
        tenant: who.tenant,
        requester: who.person.id,
        versionId: meta.versionId,
        sectionId: meta.sectionId,
        justification: submitted(view, 'justification') ?? '',
        amount: amount === undefined ? undefined : Number(amount),
        currency: submitted(view, 'currency')?.toUpperCase(),
        startsOn: submitted(view, 'starts_on'),
        endsOn: submitted(view, 'ends_on'),
        evidence: (submitted(view, 'evidence') ?? '').split(/\s+/).filter(Boolean),
      });
    } catch (error) {
      if (!(error instanceof PolicyDeskError)) throw error;
      const field = error instanceof InvalidRequestError ? { startsOn: 'starts_on', endsOn: 'ends_on' }[error.field ?? ''] ?? error.field : undefined;
      const block = intakeFields.includes(field as (typeof intakeFields)[number]) ? field! : 'justification';
      return ack({ response_action: 'errors', errors: { [block]: error.message } });
    }
    await ack();
    await tellSlack();
  });

  app.action<BlockAction<ButtonAction>>('exception_approve', async ({ ack, body, action, client }) => {
    await ack();
    const who = await clicker(client, body as unknown as Record<string, unknown>, body.user.id);
    if ('refusal' in who) return whisper(client, body.channel?.id, body.user.id, who.refusal);
    try {
      const result = decideException({ db, now: deps.now }, { tenant: who.tenant, requestId: Number(action.value), actor: who.person.id, decision: { action: 'approve' } });
      if (result.outcome === 'already_counted') return whisper(client, body.channel?.id, body.user.id, 'Your approval was already counted.');
      if (result.outcome === 'approval_recorded') await whisper(client, body.channel?.id, body.user.id, 'Your approval is counted; more approvals are needed at this stage.');
      await tellSlack();
    } catch (error) {
      if (!(error instanceof PolicyDeskError)) throw error;
      await whisper(client, body.channel?.id, body.user.id, error.message);
    }
  });

  for (const kind of ['deny', 'ask_info'] as const) {
    app.action<BlockAction<ButtonAction>>(`exception_${kind}`, async ({ ack, body, action, client }) => {
      await ack();
      const who = await clicker(client, body as unknown as Record<string, unknown>, body.user.id);
      if ('refusal' in who) return whisper(client, body.channel?.id, body.user.id, who.refusal);
      try {
        const request = loadException(db, who.tenant, Number(action.value));
        // Check before asking for a reason, so nobody writes one for nothing; refusals are audited.
        const authorization = authorizeDecision(db, request, who.person);
        if (!authorization.allowed) {
          appendAuditEvent(db, {
            tenant: who.tenant,
            type: 'permission.denied',
            actor: who.person.id,
            subject: `exception:${request.id}`,
            data: { action: `exception.${kind}`, rule: authorization.rule, reason: authorization.reason, channel: 'slack' },
            at: deps.now().toISOString(),
          });
          throw new NotAllowedError(authorization.rule, authorization.reason);
        }
        const metadata = JSON.stringify({ tenant: who.tenant, requestId: request.id, channel: body.channel?.id });
        await client.views.open({ trigger_id: body.trigger_id, view: reasonModal(kind, metadata) as never });
      } catch (error) {
        if (!(error instanceof PolicyDeskError)) throw error;
        await whisper(client, body.channel?.id, body.user.id, error.message);
      }
    });

    app.view<ViewSubmitAction>(`exception_${kind}`, async ({ ack, body, view, client }) => {
      const meta = JSON.parse(view.private_metadata) as { tenant: string; requestId: number; channel?: string };
      const who = await clicker(client, body as unknown as Record<string, unknown>, body.user.id);
      if ('refusal' in who) return ack({ response_action: 'errors', errors: { reason: who.refusal } });
      const reason = submitted(view, 'reason') ?? '';
      const decision: Decision = kind === 'deny' ? { action: 'deny', reason } : { action: 'ask_info', question: reason };
      try {
        decideException({ db, now: deps.now }, { tenant: meta.tenant, requestId: meta.requestId, actor: who.person.id, decision });
      } catch (error) {
        if (!(error instanceof PolicyDeskError)) throw error;
        return ack({ response_action: 'errors', errors: { reason: error.message } });
      }
      await ack();
      await tellSlack();
    });
  }

  app.action<BlockAction<ButtonAction>>(/^answer_feedback_(up|down)$/, async ({ ack, body, action, client }) => {
    await ack();
    const who = await clicker(client, body as unknown as Record<string, unknown>, body.user.id);
    if ('refusal' in who) return;
    statement(
      db,
      `INSERT INTO answer_feedback (tenant, answer_id, person, helpful, at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (answer_id, person) DO UPDATE SET helpful = excluded.helpful, at = excluded.at`,
    ).run(who.tenant, Number(action.value), who.person.id, action.action_id.endsWith('up') ? 1 : 0, deps.now().toISOString());
    await whisper(client, body.channel?.id, body.user.id, 'Thanks for the feedback.');
  });
}
