import type { RoutingRules } from './routing-rules-schema.ts';

/** The routing of a tenant without a `routing.yml`: no rules, so every request goes to the policy's owner group. */
export const defaultRoutingRules: RoutingRules = { version: 'default', rules: [] };
