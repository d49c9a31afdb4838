import { visibleVersions } from '../access/visible-versions.ts';
import { findPerson } from '../directory/find-person.ts';
import { InvalidRequestError, NotAllowedError, NotFoundError } from '../errors.ts';
import { loadCatalog } from '../policies/load-catalog.ts';
import { activeAccessRules } from '../rules/active-access-rules.ts';
import { activeRoutingRules } from '../rules/active-routing-rules.ts';
import { checkPermission } from '../rules/check-permission.ts';
import { routeException } from '../rules/route-exception.ts';
import type { Db } from '../storage/open-database.ts';
import { statement } from '../storage/statement.ts';
import { armStageTimers } from './arm-timers.ts';
import type { ExceptionRequest } from './exception-request.ts';
import { loadException } from './load-exception.ts';
import { recordExceptionEvent } from './record-exception-event.ts';
import { refuse } from '../rules/refuse.ts';

export type ExceptionIntake = {
  tenant: string;
  requester: string;
  /** The confirmed clause: a section of a policy version that is guidance for the requester. */
  versionId: number;
  sectionId: number;
  /** The words of the clause as shown to the requester; kept only if they are the section's own. */
  quote?: string;
  justification: string;
  amount?: number;
  currency?: string;
  startsOn?: string;
  endsOn?: string;
  evidence?: string[];
};

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
/** YYYY-MM-DD and a day that exists (no 30 February). */
const isRealDate = (value: string) => {
  const date = new Date(`${value}T00:00:00Z`);
  return isoDate.test(value) && !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};
const normalize = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();
/** A section quoted on an approval card: whole when short, else its opening. */
const clip = (text: string) => (text.length <= 800 ? text : `${text.slice(0, 797).replace(/\s+\S*$/, '')}...`);

function validateIntake(intake: ExceptionIntake): void {
  if (intake.justification.trim().length < 10) {
    throw new InvalidRequestError('justification', 'Say why you need the exception (at least a sentence).');
  }
  if (intake.amount !== undefined && (!Number.isFinite(intake.amount) || intake.amount < 0)) {
    throw new InvalidRequestError('amount', 'The amount must be a number of zero or more.');
  }
  for (const field of ['startsOn', 'endsOn'] as const) {
    const value = intake[field];
    if (value !== undefined && !isRealDate(value)) {
      throw new InvalidRequestError(field, `"${value}" is not a date (YYYY-MM-DD).`);
    }
  }
  if (intake.startsOn && intake.endsOn && intake.endsOn < intake.startsOn) {
    throw new InvalidRequestError('endsOn', 'The end date is before the start date.');
  }
  for (const link of intake.evidence ?? []) {
    let url: URL | undefined;
    try {
      url = new URL(link);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      throw new InvalidRequestError('evidence', `"${link}" is not a web link.`);
    }
  }
}

type Attempt = { ok: ExceptionRequest } | { refused: NotAllowedError };

/**
 * Opens an exception request on a confirmed clause. The clause must be in a
 * version that is guidance for the requester, and its policy must allow
 * exceptions; the routing rules of the tenant pick the reviewer stages. The
 * request, its first timers, its audit event and its outbox message commit
 * together. Refusals are audited and name the rule that refused.
 */
export function requestException(deps: { db: Db; now?: () => Date }, intake: ExceptionIntake): ExceptionRequest {
  const { db } = deps;
  const now = (deps.now ?? (() => new Date()))();
  const at = now.toISOString();
  validateIntake(intake);

  const attempt = db
    .transaction((): Attempt => {
      const refused = (rule: string, reason: string, subject: string): Attempt => ({
        refused: refuse(db, { tenant: intake.tenant, actor: intake.requester, subject, action: 'exception.request', rule, reason, at }),
      });
      const person = findPerson(db, intake.tenant, 'id', intake.requester);
      if (!person) return refused('directory', 'You are not in the directory of this workspace.', `person:${intake.requester}`);
      const permission = checkPermission(activeAccessRules(db, intake.tenant), person, 'request');
      if (!permission.allowed) return refused(permission.rule, permission.reason, `person:${person.id}`);

      const catalog = loadCatalog(db, intake.tenant);
      const version = visibleVersions(db, catalog, person, at.slice(0, 10)).byId.get(intake.versionId);
      const section = version
        ? statement<[number, number], { id: number; heading: string; body: string }>(
            db,
            `SELECT s.id, s.heading, t.body FROM sections s JOIN section_texts t ON t.id = s.text_id WHERE s.id = ? AND s.version_id = ?`,
          ).get(intake.sectionId, intake.versionId)
        : undefined;
      // Not visible and not existing look the same: nothing restricted is confirmed to exist.
      if (!version || !section) throw new NotFoundError('That policy clause is not one you can request an exception to.');
      if (version.exceptions === 'not-allowed') {
        return refused(`policy:${version.policyId}`, `The ${version.title} does not allow exceptions, so this request cannot be opened.`, `policy:${version.policyId}`);
      }
      const clause = intake.quote && normalize(section.body).includes(normalize(intake.quote)) ? intake.quote.trim() : clip(section.body);
      const route = routeException(activeRoutingRules(db, intake.tenant), {
        policyId: version.policyId,
        owner: version.owner,
        classification: version.classification,
        jurisdiction: version.jurisdiction,
        amount: intake.amount,
        requester: person,
      });
      const { lastInsertRowid } = statement(
        db,
        `INSERT INTO exception_requests (tenant, requester, policy_id, version_id, policy_version, policy_title, section_id, section_heading,
           clause, justification, amount, currency, starts_on, ends_on, evidence, status, routing_rule, stages, stage, stage_started_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, 0, ?, ?)`,
      ).run(
        intake.tenant, person.id, version.policyId, version.versionId, version.version, version.title, section.id, section.heading,
        clause, intake.justification.trim(), intake.amount ?? null, intake.currency ?? null, intake.startsOn ?? null,
        intake.endsOn ?? null, JSON.stringify(intake.evidence ?? []), route.ruleId, JSON.stringify(route.stages), at, at,
      );
      const request = loadException(db, intake.tenant, Number(lastInsertRowid));
      recordExceptionEvent(db, { type: 'requested', request, actor: person.id, at, action: 'request', note: intake.justification.trim() });
      armStageTimers(db, request);
      return { ok: request };
    })
    .immediate();
  if ('refused' in attempt) throw attempt.refused;
  return attempt.ok;
}
