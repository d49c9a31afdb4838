import { z } from 'zod';
import { classifications } from '../policies/policy-metadata.ts';
import { parseDuration } from './parse-duration.ts';
import { looseString, nameList, oneOrMany, ruleIdField, textField, versionField } from './rule-fields.ts';

/** Stands for the owner group of the policy an exception is requested against. */
export const ownerGroup = '@owner';
/** The SLA of a stage that does not give one. */
export const defaultSla = '3d';

const groupRef = looseString.pipe(z.string().min(1, 'must name a group'));
const amount = z.number({ error: 'must be a number (no currency sign or thousands separators)' }).nonnegative('must not be negative');

const duration = looseString.refine((text) => parseDuration(text) !== undefined, {
  error: (issue) => `${JSON.stringify(issue.input)} is not a duration; write a number and a unit: 2d, 8h, 30m (or 1d12h)`,
});

const stageSchema = z.strictObject({
  group: groupRef,
  quorum: z.number({ error: 'must be a whole number of approvals' }).int('must be a whole number of approvals').min(1, 'must be at least 1').default(1),
  sla: duration.default(defaultSla),
  escalate_to: groupRef.optional(),
});

const classification = z.enum(classifications, {
  error: (issue) => `${JSON.stringify(issue.input)} is not a classification; use one of ${classifications.join(', ')}`,
});

const matchSchema = z
  .strictObject({
    policy: nameList.optional(),
    owner: nameList.optional(),
    classification: oneOrMany(classification).optional(),
    jurisdiction: nameList.optional(),
    department: nameList.optional(),
    amount_over: amount.optional(),
    amount_at_most: amount.optional(),
    currency: looseString.pipe(z.string().min(1, 'must not be empty')).optional(),
  })
  .superRefine((match, ctx) => {
    const { amount_over: over, amount_at_most: atMost } = match;
    if (over !== undefined && atMost !== undefined && atMost <= over) {
      ctx.addIssue({ code: 'custom', path: ['amount_at_most'], message: `must be more than amount_over (${over}), or the rule never matches` });
    }
    if (match.currency !== undefined && over === undefined && atMost === undefined) {
      ctx.addIssue({ code: 'custom', path: ['currency'], message: 'only goes with amount_over or amount_at_most' });
    }
  });

const routingRuleSchema = z.strictObject({
  id: ruleIdField,
  match: matchSchema.default({}),
  stages: z.array(stageSchema).min(1, 'must list at least one stage'),
  reason: textField.optional(),
});

const matchesEverything = (match: z.infer<typeof matchSchema>) => Object.values(match).every((value) => value === undefined);

export const routingRulesSchema = z
  .strictObject({
    version: versionField,
    rules: z.array(routingRuleSchema).default([]),
  })
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.rules.forEach((rule, index) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: 'custom', path: ['rules', index, 'id'], message: `rule id "${rule.id}" is used twice` });
      seen.add(rule.id);
    });
    const catchAll = rules.rules.findIndex((rule) => matchesEverything(rule.match));
    if (catchAll !== -1 && catchAll < rules.rules.length - 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['rules', catchAll + 1],
        message: `is never used: rule "${rules.rules[catchAll]!.id}" before it matches every request (first match wins)`,
      });
    }
  });

export type RoutingMatch = z.infer<typeof matchSchema>;
export type RoutingStageRule = z.infer<typeof stageSchema>;
export type RoutingRule = z.infer<typeof routingRuleSchema>;
/** A tenant's exception routing rules (`routing.yml`), validated, with defaults filled in. */
export type RoutingRules = z.infer<typeof routingRulesSchema>;
