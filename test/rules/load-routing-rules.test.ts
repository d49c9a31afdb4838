import { describe, expect, it } from 'vitest';
import { loadRoutingRules } from '../../src/rules/load-routing-rules.ts';
import { routingRulesSchema } from '../../src/rules/routing-rules-schema.ts';
import { RulesFileError } from '../../src/rules/rules-file-error.ts';
import { writeRulesFile } from './write-rules-file.ts';

const load = (text: string) => loadRoutingRules(writeRulesFile('routing.yml', text));

function refusal(text: string): RulesFileError {
  try {
    load(text);
  } catch (error) {
    expect(error).toBeInstanceOf(RulesFileError);
    return error as RulesFileError;
  }
  throw new Error('expected the file to be refused');
}

describe('reading routing.yml', () => {
  it('reads ordered rules, their matchers and stages, filling in quorum 1 and SLA 3d', () => {
    const rules = load(`
version: "2026.1"
rules:
  - id: big-trips
    match:
      policy: travel
      owner: [finance]
      classification: internal
      amount_over: 5000
      amount_at_most: 50000
      currency: USD
      jurisdiction: [US, UK]
      department: sales
    stages:
      - group: finance
        quorum: 2
        sla: 2d
        escalate_to: legal
      - group: legal
    reason: Big trips need Finance and Legal.
  - id: everything-else
    stages:
      - group: "@owner"
        sla: 1d12h
`);
    expect(rules).toEqual({
      version: '2026.1',
      rules: [
        {
          id: 'big-trips',
          match: {
            policy: ['travel'],
            owner: ['finance'],
            classification: ['internal'],
            amount_over: 5000,
            amount_at_most: 50000,
            currency: 'USD',
            jurisdiction: ['US', 'UK'],
            department: ['sales'],
          },
          stages: [
            { group: 'finance', quorum: 2, sla: '2d', escalate_to: 'legal' },
            { group: 'legal', quorum: 1, sla: '3d' },
          ],
          reason: 'Big trips need Finance and Legal.',
        },
        { id: 'everything-else', match: {}, stages: [{ group: '@owner', quorum: 1, sla: '1d12h' }] },
      ],
    });
    expect(routingRulesSchema.parse(JSON.parse(JSON.stringify(rules)))).toEqual(rules);
  });

  it('takes a file without rules: everything goes to the owner group', () => {
    expect(load('version: "1"\n')).toEqual({ version: '1', rules: [] });
  });

  describe('refuses, naming the file and the field', () => {
    const withRule = (rule: string) => `version: "1"\nrules:\n  - ${rule.trim().split('\n').join('\n    ')}\n`;
    const stage = 'stages:\n  - group: finance';

    it.each([
      ['a missing version', 'rules: []\n', 'version', /is required/],
      ['an unknown top-level key', 'version: "1"\nroutes: []\n', 'routes', /not a known key/],
      ['a rule without an id', withRule(stage), 'rules[0].id', /is required/],
      ['a rule without stages', withRule('id: a\nmatch: { policy: travel }'), 'rules[0].stages', /is required/],
      ['a rule with no stage', withRule('id: a\nstages: []'), 'rules[0].stages', /at least one stage/],
      ['a misspelt rule key', withRule(`id: a\n${stage}\nstage: x`), 'rules[0].stage', /not a known key/],
      ['a misspelt matcher', withRule(`id: a\nmatch: { amount_above: 5 }\n${stage}`), 'rules[0].match.amount_above', /not a known key/],
      ['a stage without a group', withRule('id: a\nstages:\n  - quorum: 1'), 'rules[0].stages[0].group', /is required/],
      ['a misspelt stage key', withRule('id: a\nstages:\n  - group: finance\n    escalate: legal'), 'rules[0].stages[0].escalate', /not a known key/],
      ['a quorum of 0', withRule('id: a\nstages:\n  - group: finance\n    quorum: 0'), 'rules[0].stages[0].quorum', /at least 1/],
      ['a fractional quorum', withRule('id: a\nstages:\n  - group: finance\n    quorum: 1.5'), 'rules[0].stages[0].quorum', /whole number/],
      ['a quorum written "2 of 3"', withRule('id: a\nstages:\n  - group: finance\n    quorum: 2 of 3'), 'rules[0].stages[0].quorum', /whole number/],
      ['an SLA without a unit', withRule('id: a\nstages:\n  - group: finance\n    sla: 2'), 'rules[0].stages[0].sla', /"2" is not a duration; write a number and a unit: 2d, 8h, 30m/],
      ['an SLA in weeks', withRule('id: a\nstages:\n  - group: finance\n    sla: 2w'), 'rules[0].stages[0].sla', /"2w" is not a duration/],
      ['an SLA of zero', withRule('id: a\nstages:\n  - group: finance\n    sla: 0h'), 'rules[0].stages[0].sla', /"0h" is not a duration/],
      ['an empty escalation', withRule('id: a\nstages:\n  - group: finance\n    escalate_to: ""'), 'rules[0].stages[0].escalate_to', /must name a group/],
      ['an unknown classification', withRule(`id: a\nmatch: { classification: secret }\n${stage}`), 'rules[0].match.classification[0]', /"secret" is not a classification; use one of public, internal, confidential, restricted/],
      ['an amount with a currency sign', withRule(`id: a\nmatch: { amount_over: "$5,000" }\n${stage}`), 'rules[0].match.amount_over', /must be a number/],
      ['a negative amount', withRule(`id: a\nmatch: { amount_at_most: -1 }\n${stage}`), 'rules[0].match.amount_at_most', /must not be negative/],
      ['an empty range', withRule(`id: a\nmatch: { amount_over: 5000, amount_at_most: 5000 }\n${stage}`), 'rules[0].match.amount_at_most', /must be more than amount_over \(5000\)/],
      ['a currency without an amount', withRule(`id: a\nmatch: { currency: USD, policy: travel }\n${stage}`), 'rules[0].match.currency', /only goes with amount_over or amount_at_most/],
      ['an empty policy list', withRule(`id: a\nmatch: { policy: [] }\n${stage}`), 'rules[0].match.policy', /at least one/],
      ['a duplicate rule id', `version: "1"\nrules:\n  - { id: a, match: { policy: x }, stages: [{ group: g }] }\n  - { id: a, stages: [{ group: g }] }\n`, 'rules[1].id', /"a" is used twice/],
      [
        'a rule after one that matches everything',
        `version: "1"\nrules:\n  - { id: all, stages: [{ group: g }] }\n  - { id: travel, match: { policy: travel }, stages: [{ group: g }] }\n`,
        'rules[1]',
        /is never used: rule "all" before it matches every request/,
      ],
    ])('%s', (_name, text, field, message) => {
      const error = refusal(text);
      expect(error.field).toBe(field);
      expect(error.message).toMatch(/routing\.yml \(/);
      expect(error.message).toMatch(message);
    });

    it('YAML that does not parse', () => {
      expect(refusal('rules: [\n').message).toMatch(/routing\.yml: not valid YAML/);
    });
  });
});
