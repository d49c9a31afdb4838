import { locationMatches } from '../access/can-see-version.ts';
import type { Person } from '../directory/find-person.ts';
import type { Classification } from '../policies/policy-metadata.ts';
import { parseDuration } from './parse-duration.ts';
import { defaultSla, ownerGroup, type RoutingMatch, type RoutingRules, type RoutingStageRule } from './routing-rules-schema.ts';

/** What routing looks at: the policy an exception is requested against, and who asks. */
export type RoutingContext = {
  policyId: string;
  /** The policy's owner group. */
  owner: string;
  classification: Classification;
  /** The jurisdiction the request falls under, when the caller knows it; otherwise the requester's location is used. */
  jurisdiction?: string;
  amount?: number;
  /** The currency of `amount`; a rule with another `currency` does not match. */
  currency?: string;
  requester: Person;
};

export type RouteStage = { group: string; quorum: number; slaMs: number; escalateTo?: string };
/** `reason` is the matching rule's, for telling the requester why their request goes where it goes. */
export type Route = { ruleId: string; stages: RouteStage[]; reason?: string };

/** The rule id a request gets when no rule matches (or there is no routing.yml). */
export const defaultRouteId = 'default';

const same = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();
const anyOf = (values: string[] | undefined, matches: (value: string) => boolean) => values === undefined || values.some(matches);

/** Every key present must hold (ANDed); within a key, any value will do (ORed). */
function matches(match: RoutingMatch, ctx: RoutingContext): boolean {
  const where = ctx.jurisdiction ?? ctx.requester.location;
  return (
    anyOf(match.policy, (id) => same(ctx.policyId, id)) &&
    anyOf(match.owner, (group) => same(ctx.owner, group)) &&
    anyOf(match.classification, (classification) => ctx.classification === classification) &&
    anyOf(match.jurisdiction, (code) => locationMatches(where, code)) &&
    anyOf(match.department, (department) => same(ctx.requester.department, department)) &&
    // A threshold needs an amount: a request without one never matches it.
    (match.amount_over === undefined || (ctx.amount !== undefined && ctx.amount > match.amount_over)) &&
    (match.amount_at_most === undefined || (ctx.amount !== undefined && ctx.amount <= match.amount_at_most)) &&
    (match.currency === undefined || ctx.currency === undefined || same(ctx.currency, match.currency))
  );
}

function resolveStage(stage: RoutingStageRule, owner: string): RouteStage {
  const group = (id: string) => (id === ownerGroup ? owner : id);
  return {
    group: group(stage.group),
    quorum: stage.quorum,
    // Validated when the rules were loaded.
    slaMs: parseDuration(stage.sla)!,
    ...(stage.escalate_to === undefined ? {} : { escalateTo: group(stage.escalate_to) }),
  };
}

/**
 * Who reviews an exception request, stage after stage: the stages of the
 * first rule that matches, or, when none does, one stage for the policy's
 * owner group (quorum 1, SLA 3d, no escalation).
 */
export function routeException(rules: RoutingRules, ctx: RoutingContext): Route {
  const rule = rules.rules.find((candidate) => matches(candidate.match, ctx));
  if (!rule) return { ruleId: defaultRouteId, stages: [resolveStage({ group: ownerGroup, quorum: 1, sla: defaultSla }, ctx.owner)] };
  const stages = rule.stages.map((stage) => resolveStage(stage, ctx.owner));
  return rule.reason === undefined ? { ruleId: rule.id, stages } : { ruleId: rule.id, stages, reason: rule.reason };
}
