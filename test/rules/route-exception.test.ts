import { describe, expect, it } from 'vitest';
import { defaultRoutingRules } from '../../src/rules/default-routing-rules.ts';
import { routeException, type RoutingContext } from '../../src/rules/route-exception.ts';
import { routingRulesSchema, type RoutingRules } from '../../src/rules/routing-rules-schema.ts';
import { person } from '../support/people.ts';

const hour = 3_600_000;
const day = 24 * hour;

const rules = (...list: unknown[]): RoutingRules => routingRulesSchema.parse({ version: '1', rules: list });
const rule = (id: string, match: object) => ({ id, match, stages: [{ group: id }] });

const ctx = (overrides: Partial<RoutingContext> = {}): RoutingContext => ({
  policyId: 'travel',
  owner: 'finance',
  classification: 'internal',
  requester: person({ department: 'sales', location: 'US' }),
  ...overrides,
});

const routedBy = (routing: RoutingRules, context: RoutingContext) => routeException(routing, context).ruleId;

describe('routing an exception request', () => {
  describe('without a rule that matches', () => {
    it('goes to the policy owner group: one stage, quorum 1, SLA 3 days, no escalation', () => {
      expect(routeException(defaultRoutingRules, ctx({ owner: 'hr' }))).toEqual({
        ruleId: 'default',
        stages: [{ group: 'hr', quorum: 1, slaMs: 3 * day }],
      });
      expect(routeException(rules(rule('legal', { policy: 'code-of-conduct' })), ctx())).toEqual({
        ruleId: 'default',
        stages: [{ group: 'finance', quorum: 1, slaMs: 3 * day }],
      });
    });
  });

  it('takes the stages of the first rule that matches, in order, with their SLA in milliseconds', () => {
    const routing = rules(
      {
        id: 'big-trips',
        match: { policy: 'travel', amount_over: 5000 },
        stages: [
          { group: 'finance', quorum: 1, sla: '2d', escalate_to: 'legal' },
          { group: 'legal', sla: '8h' },
        ],
        reason: 'Big trips need Finance and then Legal.',
      },
      rule('any-travel', { policy: 'travel' }),
    );
    expect(routeException(routing, ctx({ amount: 6000 }))).toEqual({
      ruleId: 'big-trips',
      stages: [
        { group: 'finance', quorum: 1, slaMs: 2 * day, escalateTo: 'legal' },
        { group: 'legal', quorum: 1, slaMs: 8 * hour },
      ],
      reason: 'Big trips need Finance and then Legal.',
    });
    expect(routedBy(routing, ctx({ amount: 100 }))).toBe('any-travel');
  });

  it('puts the policy owner group where a rule says @owner', () => {
    const routing = rules({ id: 'uk', match: { jurisdiction: 'UK' }, stages: [{ group: '@owner', escalate_to: '@owner' }, { group: 'hr', quorum: 1, sla: '30m' }] });
    expect(routeException(routing, ctx({ owner: 'legal', requester: person({ location: 'UK' }) })).stages).toEqual([
      { group: 'legal', quorum: 1, slaMs: 3 * day, escalateTo: 'legal' },
      { group: 'hr', quorum: 1, slaMs: 30 * 60_000 },
    ]);
  });

  describe('matchers', () => {
    it('policy: the policy id, any of a list, regardless of case', () => {
      const routing = rules(rule('r', { policy: ['expenses', 'Travel'] }));
      expect(routedBy(routing, ctx({ policyId: 'travel' }))).toBe('r');
      expect(routedBy(routing, ctx({ policyId: 'expenses' }))).toBe('r');
      expect(routedBy(routing, ctx({ policyId: 'pto' }))).toBe('default');
    });

    it('owner: the policy owner group', () => {
      const routing = rules(rule('r', { owner: 'security' }));
      expect(routedBy(routing, ctx({ owner: 'security' }))).toBe('r');
      expect(routedBy(routing, ctx({ owner: 'finance' }))).toBe('default');
    });

    it('classification: the policy classification', () => {
      const routing = rules(rule('r', { classification: ['confidential', 'restricted'] }));
      expect(routedBy(routing, ctx({ classification: 'restricted' }))).toBe('r');
      expect(routedBy(routing, ctx({ classification: 'internal' }))).toBe('default');
    });

    it('department: the requester department', () => {
      const routing = rules(rule('r', { department: 'sales' }));
      expect(routedBy(routing, ctx({ requester: person({ department: 'Sales' }) }))).toBe('r');
      expect(routedBy(routing, ctx({ requester: person({ department: 'engineering' }) }))).toBe('default');
      expect(routedBy(routing, ctx({ requester: person({ department: undefined }) }))).toBe('default');
    });

    it('jurisdiction: the request jurisdiction when given, else the requester location; UK covers UK-*', () => {
      const routing = rules(rule('r', { jurisdiction: 'UK' }));
      expect(routedBy(routing, ctx({ requester: person({ location: 'UK' }) }))).toBe('r');
      expect(routedBy(routing, ctx({ requester: person({ location: 'UK-LON' }) }))).toBe('r');
      expect(routedBy(routing, ctx({ requester: person({ location: 'UKRAINE' }) }))).toBe('default');
      expect(routedBy(routing, ctx({ requester: person({ location: 'US' }) }))).toBe('default');
      expect(routedBy(routing, ctx({ requester: person({ location: undefined }) }))).toBe('default');
      expect(routedBy(routing, ctx({ jurisdiction: 'UK', requester: person({ location: 'US' }) }))).toBe('r');
      expect(routedBy(routing, ctx({ jurisdiction: 'US', requester: person({ location: 'UK' }) }))).toBe('default');
    });

    it('amount_over is exclusive: 5000 is not over 5000', () => {
      const routing = rules(rule('r', { amount_over: 5000 }));
      expect(routedBy(routing, ctx({ amount: 5000.01 }))).toBe('r');
      expect(routedBy(routing, ctx({ amount: 5000 }))).toBe('default');
      expect(routedBy(routing, ctx({ amount: 10 }))).toBe('default');
    });

    it('amount_at_most is inclusive: 5000 is at most 5000', () => {
      const routing = rules(rule('r', { amount_at_most: 5000 }));
      expect(routedBy(routing, ctx({ amount: 5000 }))).toBe('r');
      expect(routedBy(routing, ctx({ amount: 0 }))).toBe('r');
      expect(routedBy(routing, ctx({ amount: 5000.01 }))).toBe('default');
    });

    it('consecutive thresholds split amounts without gap or overlap', () => {
      const routing = rules(rule('small', { amount_at_most: 1000 }), rule('medium', { amount_over: 1000, amount_at_most: 5000 }), rule('large', { amount_over: 5000 }));
      expect([0, 1000, 1000.5, 5000, 5001].map((amount) => routedBy(routing, ctx({ amount })))).toEqual(['small', 'small', 'medium', 'medium', 'large']);
    });

    it('a threshold never matches a request without an amount', () => {
      const routing = rules(rule('over', { amount_over: 0 }), rule('at-most', { amount_at_most: 1e9 }));
      expect(routedBy(routing, ctx())).toBe('default');
    });

    it('currency: a rule in another currency than the request does not match; a request without a currency is taken to be in the rule one', () => {
      const routing = rules(rule('usd', { amount_over: 5000, currency: 'USD' }));
      expect(routedBy(routing, ctx({ amount: 6000, currency: 'usd' }))).toBe('usd');
      expect(routedBy(routing, ctx({ amount: 6000 }))).toBe('usd');
      expect(routedBy(routing, ctx({ amount: 6000, currency: 'GBP' }))).toBe('default');
    });

    it('ANDs the keys of a match', () => {
      const routing = rules(rule('r', { policy: 'travel', department: 'sales', amount_over: 100 }));
      expect(routedBy(routing, ctx({ amount: 200 }))).toBe('r');
      expect(routedBy(routing, ctx({ amount: 50 }))).toBe('default');
      expect(routedBy(routing, ctx({ amount: 200, policyId: 'expenses' }))).toBe('default');
      expect(routedBy(routing, ctx({ amount: 200, requester: person({ department: 'it' }) }))).toBe('default');
    });

    it('a rule without a match takes every request that reaches it', () => {
      const routing = rules(rule('uk', { jurisdiction: 'UK' }), rule('rest', {}));
      expect(routedBy(routing, ctx({ requester: person({ location: 'UK' }) }))).toBe('uk');
      expect(routedBy(routing, ctx({ requester: person({ location: 'DE' }) }))).toBe('rest');
    });
  });
});
