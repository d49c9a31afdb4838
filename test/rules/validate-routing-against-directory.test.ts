import { describe, expect, it } from 'vitest';
import { routingRulesSchema } from '../../src/rules/routing-rules-schema.ts';
import { validateRoutingAgainstDirectory } from '../../src/rules/validate-routing-against-directory.ts';

const groups = [
  { id: 'finance', members: ['dev'] },
  { id: 'investigations', members: ['sam', 'maya'] },
  { id: 'empty', members: [] },
];
const validate = (rules: unknown[]) => validateRoutingAgainstDirectory(routingRulesSchema.parse({ version: '1', rules }), groups);

describe('checking routing rules against the directory', () => {
  it('accepts known groups, quorums up to the group size, and @owner', () => {
    expect(
      validate([
        { id: 'a', match: { owner: 'finance' }, stages: [{ group: 'investigations', quorum: 2, escalate_to: 'finance' }, { group: '@owner', quorum: 3 }] },
      ]),
    ).toEqual([]);
  });

  it('names unknown stage groups, escalation groups and owner groups', () => {
    expect(
      validate([
        { id: 'a', match: { owner: ['finance', 'treasury'] }, stages: [{ group: 'finanse', escalate_to: 'legal' }] },
        { id: 'b', stages: [{ group: 'finance' }, { group: 'Finance' }] },
      ]),
    ).toEqual([
      { field: 'rules[0].match.owner', message: 'rule "a": no group "treasury" in the directory' },
      { field: 'rules[0].stages[0].group', message: 'rule "a": no group "finanse" in the directory' },
      { field: 'rules[0].stages[0].escalate_to', message: 'rule "a": no group "legal" in the directory' },
      { field: 'rules[1].stages[1].group', message: 'rule "b": no group "Finance" in the directory' },
    ]);
  });

  it('names a quorum larger than its group: N of M needs N ≤ M', () => {
    expect(
      validate([
        { id: 'two-investigators', match: { policy: 'w' }, stages: [{ group: 'investigations', quorum: 3 }] },
        { id: 'two-finance', match: { policy: 'x' }, stages: [{ group: 'finance', quorum: 2 }] },
        { id: 'nobody', match: { policy: 'y' }, stages: [{ group: 'empty' }] },
      ]),
    ).toEqual([
      { field: 'rules[0].stages[0].quorum', message: 'rule "two-investigators": quorum 3 is more than the 2 members of group "investigations"' },
      { field: 'rules[1].stages[0].quorum', message: 'rule "two-finance": quorum 2 is more than the 1 member of group "finance"' },
      { field: 'rules[2].stages[0].quorum', message: 'rule "nobody": quorum 1 is more than the 0 members of group "empty"' },
    ]);
  });

  it('counts a member listed twice once', () => {
    const problems = validateRoutingAgainstDirectory(
      routingRulesSchema.parse({ version: '1', rules: [{ id: 'a', stages: [{ group: 'pair', quorum: 2 }] }] }),
      [{ id: 'pair', members: ['sam', 'sam'] }],
    );
    expect(problems.map((p) => p.field)).toEqual(['rules[0].stages[0].quorum']);
  });
});
