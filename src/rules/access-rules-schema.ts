import { z } from 'zod';
import { nameList, oneOrMany, ruleIdField, textField, versionField } from './rule-fields.ts';

/** What a person may do with Policy Desk; each access rule names one or more. */
export const actions = ['ask', 'request', 'decide', 'draft', 'publish', 'administer', 'read-audit'] as const;
export type Action = (typeof actions)[number];

const action = z.enum(actions, { error: (issue) => `${JSON.stringify(issue.input)} is not an action; use one of ${actions.join(', ')}` });

const whoKeys = ['roles', 'groups', 'departments', 'locations'] as const;

/**
 * One allow or deny rule. Who matches is written on the rule itself, as in a
 * policy audience: the keys present are ANDed, the values within a key ORed;
 * `everyone: true` matches anyone in the directory.
 */
export const accessRuleSchema = z
  .strictObject({
    id: ruleIdField,
    action: oneOrMany(action),
    // `.optional()` last so rules written in code (the defaults) need not spell it out.
    everyone: z.boolean().optional().transform((value) => (value ? true : undefined)).optional(),
    roles: nameList.optional(),
    groups: nameList.optional(),
    departments: nameList.optional(),
    locations: nameList.optional(),
    reason: textField,
  })
  .superRefine((rule, ctx) => {
    const keys = whoKeys.filter((key) => rule[key] !== undefined);
    if (rule.everyone && keys.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['everyone'], message: `everyone: true cannot be combined with ${keys.join(', ')}` });
    } else if (!rule.everyone && keys.length === 0) {
      ctx.addIssue({ code: 'custom', path: [], message: 'say who the rule is for: everyone: true, or roles, groups, departments or locations' });
    }
  });

export const accessRulesSchema = z
  .strictObject({
    version: versionField,
    allow: z.array(accessRuleSchema).default([]),
    deny: z.array(accessRuleSchema).default([]),
  })
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    for (const list of ['allow', 'deny'] as const) {
      rules[list].forEach((rule, index) => {
        if (seen.has(rule.id)) ctx.addIssue({ code: 'custom', path: [list, index, 'id'], message: `rule id "${rule.id}" is used twice` });
        seen.add(rule.id);
      });
    }
  });

export type AccessRule = z.infer<typeof accessRuleSchema>;
/** A tenant's access rules (`access.yml`), validated, with defaults filled in. */
export type AccessRules = z.infer<typeof accessRulesSchema>;
