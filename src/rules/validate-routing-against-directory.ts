import type { DirectoryGroup } from '../directory/directory-schema.ts';
import { ownerGroup, type RoutingRules } from './routing-rules-schema.ts';

export type RoutingProblem = { field: string; message: string };

/**
 * What in routing rules does not fit a tenant's directory: groups that do not
 * exist (stages, escalations, `match.owner`) and quorums larger than their
 * group (a stage nobody could ever approve). `@owner` stages are checked when
 * a request is routed, since their group depends on the policy. Group ids
 * are compared exactly, as the workflow will look them up.
 */
export function validateRoutingAgainstDirectory(rules: RoutingRules, groups: Pick<DirectoryGroup, 'id' | 'members'>[]): RoutingProblem[] {
  const sizes = new Map(groups.map((group) => [group.id, new Set(group.members).size]));
  const problems: RoutingProblem[] = [];
  const known = (id: string) => id === ownerGroup || sizes.has(id);
  rules.rules.forEach((rule, r) => {
    const where = `rule "${rule.id}"`;
    (rule.match.owner ?? []).forEach((owner) => {
      if (!known(owner)) problems.push({ field: `rules[${r}].match.owner`, message: `${where}: no group "${owner}" in the directory` });
    });
    rule.stages.forEach((stage, s) => {
      const field = `rules[${r}].stages[${s}]`;
      const size = sizes.get(stage.group);
      if (!known(stage.group)) problems.push({ field: `${field}.group`, message: `${where}: no group "${stage.group}" in the directory` });
      else if (size !== undefined && stage.quorum > size) {
        problems.push({
          field: `${field}.quorum`,
          message: `${where}: quorum ${stage.quorum} is more than the ${size} member${size === 1 ? '' : 's'} of group "${stage.group}"`,
        });
      }
      if (stage.escalate_to !== undefined && !known(stage.escalate_to)) {
        problems.push({ field: `${field}.escalate_to`, message: `${where}: no group "${stage.escalate_to}" in the directory` });
      }
    });
  });
  return problems;
}
