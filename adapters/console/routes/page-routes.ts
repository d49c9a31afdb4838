import { visibleVersions } from '../../../src/access/visible-versions.ts';
import { listExceptions } from '../../../src/exceptions/load-exception.ts';
import { loadCatalog } from '../../../src/policies/load-catalog.ts';
import { exceptionRegister, isExceptionStatus } from '../../../src/reports/exception-register.ts';
import { exceptionsByPolicy } from '../../../src/reports/exceptions-by-policy.ts';
import { listDirectoryPeople, listTenants } from '../../../src/reports/list-directory-people.ts';
import { noticesForPerson } from '../../../src/reports/notices-for-person.ts';
import { policyFreshness } from '../../../src/reports/policy-freshness.ts';
import { questionsPerDay } from '../../../src/reports/questions-per-day.ts';
import { reviewerQueue } from '../../../src/reports/reviewer-queue.ts';
import { reviewerWorkload } from '../../../src/reports/reviewer-workload.ts';
import { auditEventTypes, searchAuditEvents, type AuditSearch } from '../../../src/reports/search-audit-events.ts';
import { slaMisses } from '../../../src/reports/sla-misses.ts';
import type { Permission } from '../../../src/rules/check-permission.ts';
import { consoleAccess, type ConsoleAccess } from '../console-access.ts';
import type { ConsoleContext, Viewer } from '../console-context.ts';
import { consoleConversationId, readHistory, readHistoryEntries, type HistoryEntry } from '../conversation-history.ts';
import { messagePage } from '../layout.ts';
import { localSignInRefusal } from '../local-sign-in.ts';
import { auditPage } from '../pages/audit-page.ts';
import { freshnessPage } from '../pages/freshness-page.ts';
import { playgroundPage } from '../pages/playground-page.ts';
import { queuePage } from '../pages/queue-page.ts';
import { registerPage } from '../pages/register-page.ts';
import { trendsPage } from '../pages/trends-page.ts';
import { sendHtml } from '../respond.ts';

const today = (ctx: ConsoleContext) => ctx.deps.now().toISOString().slice(0, 10);

/** A refusal that names the access rule and its reason. */
function refuse(ctx: ConsoleContext, access: ConsoleAccess, what: string, permission: Extract<Permission, { allowed: false }>): void {
  sendHtml(ctx, 403, messagePage(ctx, 'Not allowed', `You cannot open ${what}: ${permission.reason} (rule ${permission.rule})`, { access }));
}

function names(ctx: ConsoleContext, tenant: string): Map<string, string> {
  return new Map(listDirectoryPeople(ctx.deps.db, tenant).map((person) => [person.id, person.name]));
}

/** The replies a button just produced (`?shown=` ids), from the person's own conversation only. */
function shownReplies(ctx: ConsoleContext, viewer: Viewer): HistoryEntry[] {
  const ids = (ctx.url.searchParams.get('shown') ?? '').split(',').map(Number).filter((id) => Number.isInteger(id) && id > 0).slice(0, 10);
  return readHistoryEntries(ctx.deps.db, viewer.tenant, consoleConversationId(viewer.tenant, viewer.person.id), ids);
}

export function getPlayground(ctx: ConsoleContext, viewer: Viewer): void {
  const { db } = ctx.deps;
  const local = viewer.via === 'local' && !localSignInRefusal(ctx.deps, ctx.request);
  sendHtml(
    ctx,
    200,
    playgroundPage(ctx, {
      access: consoleAccess(db, viewer),
      history: readHistory(db, viewer.tenant, consoleConversationId(viewer.tenant, viewer.person.id), { limit: 60 }),
      requests: listExceptions(db, viewer.tenant, { requester: viewer.person.id, limit: 10 }),
      notices: noticesForPerson(db, viewer.tenant, viewer.person, consoleConversationId(viewer.tenant, viewer.person.id)),
      names: names(ctx, viewer.tenant),
      directory: local ? listTenants(db).map((tenant) => ({ tenant, people: listDirectoryPeople(db, tenant) })) : undefined,
    }),
  );
}

export function getQueue(ctx: ConsoleContext, viewer: Viewer): void {
  const access = consoleAccess(ctx.deps.db, viewer);
  if (!access.queue.allowed) return refuse(ctx, access, 'the reviewer queue', access.queue);
  const now = ctx.deps.now();
  sendHtml(ctx, 200, queuePage(ctx, { access, items: reviewerQueue(ctx.deps.db, viewer.tenant, viewer.person, now), shown: shownReplies(ctx, viewer), now }));
}

export function getRegister(ctx: ConsoleContext, viewer: Viewer): void {
  const access = consoleAccess(ctx.deps.db, viewer);
  const statusParam = ctx.url.searchParams.get('status') ?? '';
  const status = isExceptionStatus(statusParam) ? statusParam : undefined;
  const expiring = ctx.url.searchParams.get('expiring') !== null;
  const day = today(ctx);
  const expiringBy = expiring ? new Date(Date.parse(`${day}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10) : undefined;
  const scope = access.register === 'all' ? {} : access.register === 'groups' ? { groups: viewer.person.groups, viewer: viewer.person.id } : { requester: viewer.person.id };
  const requests = exceptionRegister(ctx.deps.db, viewer.tenant, { ...scope, ...(status ? { status } : {}), ...(expiringBy ? { expiringBy } : {}) });
  sendHtml(ctx, 200, registerPage(ctx, { access, requests, status, expiring, today: day, names: names(ctx, viewer.tenant) }));
}

const dateParam = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? value : undefined);
const textParam = (value: string | null) => (value?.trim() ? value.trim().slice(0, 200) : undefined);

export function getAudit(ctx: ConsoleContext, viewer: Viewer): void {
  const access = consoleAccess(ctx.deps.db, viewer);
  if (!access.audit.allowed) return refuse(ctx, access, 'the audit search', access.audit);
  const params = ctx.url.searchParams;
  const search: AuditSearch = {};
  const type = textParam(params.get('type'));
  const actor = textParam(params.get('actor'));
  const text = textParam(params.get('q'));
  const from = dateParam(params.get('from'));
  const to = dateParam(params.get('to'));
  if (type) search.type = type;
  if (actor) search.actor = actor;
  if (text) search.text = text;
  if (from) search.from = from;
  if (to) search.to = to;
  const badDate = (params.get('from') && !from) || (params.get('to') && !to);
  sendHtml(
    ctx,
    200,
    auditPage(ctx, {
      access,
      chain: ctx.auditChain.check(),
      search,
      types: auditEventTypes(ctx.deps.db, viewer.tenant),
      hits: searchAuditEvents(ctx.deps.db, viewer.tenant, search),
      ...(badDate ? { error: 'A date must be written YYYY-MM-DD; the date given was left out of the search.' } : {}),
    }),
  );
}

export function getFreshness(ctx: ConsoleContext, viewer: Viewer): void {
  const { db } = ctx.deps;
  const access = consoleAccess(db, viewer);
  const day = today(ctx);
  const catalog = loadCatalog(db, viewer.tenant);
  const versions = access.freshness === 'all' ? catalog.versions : visibleVersions(db, catalog, viewer.person, day).versions;
  sendHtml(ctx, 200, freshnessPage(ctx, { access, rows: policyFreshness(versions, day), today: day }));
}

export function getTrends(ctx: ConsoleContext, viewer: Viewer): void {
  const { db } = ctx.deps;
  const access = consoleAccess(db, viewer);
  if (!access.trends.allowed) return refuse(ctx, access, 'the trends', access.trends);
  const requested = Number(ctx.url.searchParams.get('days'));
  const days = [7, 30, 90].includes(requested) ? requested : 30;
  const now = ctx.deps.now();
  const day = today(ctx);
  const since = new Date(Date.parse(`${day}T00:00:00Z`) - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  const trends = {
    days,
    since,
    questions: questionsPerDay(db, viewer.tenant, since, day),
    exceptions: exceptionsByPolicy(db, viewer.tenant, since),
    workload: reviewerWorkload(db, viewer.tenant, since),
    sla: slaMisses(db, viewer.tenant, since, now),
  };
  sendHtml(ctx, 200, trendsPage(ctx, { access, trends, names: names(ctx, viewer.tenant) }));
}
