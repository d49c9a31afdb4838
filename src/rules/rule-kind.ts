/** The rule files a tenant may bring, as stored in `tenant_rule_versions.kind`. */
export const ruleKinds = ['access', 'routing'] as const;
export type RuleKind = (typeof ruleKinds)[number];
