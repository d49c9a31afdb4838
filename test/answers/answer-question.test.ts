import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerConfidence, answerQuestion, isNearMiss, supportingEvidence, type AskRequest } from '../../src/answers/answer-question.ts';
import type { Evidence } from '../../src/retrieval/rank-evidence.ts';
import type { AskResult } from '../../src/answers/ask-result.ts';
import { createOfflineAnswerer } from '../../src/answers/offline-answerer.ts';
import { UsageError } from '../../src/errors.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { accessRulesSchema } from '../../src/rules/access-rules-schema.ts';
import { saveRuleVersion } from '../../src/rules/save-rule-version.ts';
import { loadExamples } from '../support/examples.ts';
import { makeTenant } from '../support/make-tenant.ts';

const now = () => new Date('2026-06-15T09:00:00Z');
let db: Db;
beforeAll(async () => {
  db = await loadExamples();
});
afterAll(() => db.close());

function ask(as: string, question: string, options: Partial<AskRequest> = {}): Promise<AskResult> {
  return answerQuestion({ db, answerer: createOfflineAnswerer(), now }, { tenant: 'acme', asker: { by: 'id', value: as }, question, channel: 'test', ...options });
}

/** Everything the asker is shown, for checking that nothing leaks. */
const shown = (result: AskResult) => JSON.stringify(result);

describe('answering from the example handbook', () => {
  it('answers a hotel question from the current travel policy, citing version and section', async () => {
    const result = await ask('tom', 'What is the hotel limit per night in New York?');
    expect(result.status).toBe('answered');
    expect(result.citations[0]).toMatchObject({ policyId: 'travel', version: '4.2', title: 'Travel policy', section: '3.1 Hotel limits', effective: '2025-07-01' });
    expect(result.citations[0]!.quote).toContain('$325');
    expect(result.answer).toContain('$325');
  });

  it('quotes the policy word for word', async () => {
    const result = await ask('tom', 'How long must my password be?');
    expect(result.citations[0]).toMatchObject({ policyId: 'information-security', version: '3.1', section: 'Passwords', quote: 'Passwords must be at least 14 characters long.' });
    expect(result.answer).toContain('"Passwords must be at least 14 characters long."');
  });

  it('answers a parental leave question', async () => {
    const result = await ask('tom', 'How long is parental leave for birth parents?');
    expect(result.citations[0]).toMatchObject({ policyId: 'parental-leave', version: '2.0', section: 'How much leave' });
    expect(result.citations[0]!.quote).toContain('16 weeks');
  });

  it('never cites the retired travel policy or its numbers', async () => {
    for (const question of ['What is the hotel limit per night?', 'Can I fly business class?', 'How much can I spend on meals per day?']) {
      const result = await ask('ana', question);
      expect(result.citations.filter((c) => c.policyId === 'travel').map((c) => c.version)).not.toContain('3.0');
      expect(shown(result)).not.toContain('$180');
    }
  });

  describe('jurisdiction variants', () => {
    it('gives someone in the US the general PTO policy', async () => {
      const result = await ask('tom', 'How many days of PTO do I get?');
      expect(result.citations[0]).toMatchObject({ policyId: 'pto', version: '5.0', section: 'Allowance' });
      expect(result.citations[0]).not.toHaveProperty('jurisdiction');
      expect(result.citations[0]!.quote).toContain('20 days');
      expect(shown(result)).not.toContain('25 days');
    });

    it('finds a phrase the lexicon knows when the policy writes its words apart ("annual leave" … "allowance")', async () => {
      const result = await ask('amelia', 'what is my annual leave allowance?');
      expect(result.status).toBe('answered');
      expect(result.citations[0]).toMatchObject({ policyId: 'pto', jurisdiction: 'UK', section: 'Allowance', quote: expect.stringContaining('25 days') });
    });

    it('gives someone in the UK the UK variant instead, and says so', async () => {
      const result = await ask('amelia', 'How many days of PTO do I get?');
      expect(result.citations.length).toBeGreaterThan(0);
      for (const citation of result.citations) {
        expect(citation).toMatchObject({ policyId: 'pto', version: '5.0', jurisdiction: 'UK', title: 'Paid time off policy (UK)' });
      }
      // Among the top three, as the evaluation counts a citation correct.
      expect(result.citations.slice(0, 3)).toContainEqual(expect.objectContaining({ section: 'Allowance', quote: expect.stringContaining('25 days') }));
      expect(result.answer).toContain('UK version');
      expect(shown(result)).not.toContain('20 days');
    });
  });

  it('notes when the cited policy is past its review date, and that legal guidance is not an approval', async () => {
    const result = await ask('tom', 'Can I accept a gift from a supplier?');
    expect(result.citations[0]).toMatchObject({ policyId: 'code-of-conduct', section: 'Gifts and hospitality' });
    expect(result.answer).toContain('due for review on 2025-06-01');
    expect(result.answer).toContain('not an approval');
    expect(result.answer).toContain('Legal');
  });

  it('finds the asker by Slack id, Teams id or e-mail as well as by directory id', async () => {
    const question = 'How many days of PTO do I get?';
    for (const asker of [
      { by: 'slackId', value: 'U0ACMEAMY' },
      { by: 'teamsId', value: '8d2f4a60-1e3b-4d7c-9f5a-6b7c8d9e0f12' },
      { by: 'email', value: 'Amelia.Wright@acme.example' },
    ] as const) {
      const result = await ask('', question, { asker });
      expect(result.citations[0]?.jurisdiction).toBe('UK');
    }
  });
});

describe('abstaining', () => {
  it('abstains on a question no policy covers, offering the team that owns the nearest policy', async () => {
    const result = await ask('tom', 'Does Acme pay for my gym membership?');
    expect(result).toMatchObject({ status: 'abstained', citations: [] });
    expect(result.answer).toMatch(/won't guess/);
    const groups = (db.prepare("SELECT group_id FROM directory_groups WHERE tenant = 'acme'").all() as { group_id: string }[]).map((g) => g.group_id);
    expect(groups).toContain(result.routedTo);
  });

  it('answers a question told with the asker’s circumstances: words no policy needs to say do not count against the section that answers', async () => {
    const taxi = await ask('ana', 'landed in berlin at 2am after a delayed connection through frankfurt, grabbed a taxi to the hotel, can i expense the ride?');
    expect(taxi.status).toBe('answered');
    expect(taxi.citations[0]).toMatchObject({ policyId: 'travel', section: '5. Ground transport' });
    const laptop = await ask('ana', 'my laptop got nicked from the car outside the gym yesterday evening with work files on it, what do i do now?');
    expect(laptop.citations[0]).toMatchObject({ policyId: 'information-security', section: 'Devices' });
  });

  it('abstains rather than answer from a draft, even for its owners and admins', async () => {
    for (const as of ['tom', 'lena', 'olga']) {
      const result = await ask(as, 'Is there a home office stipend?');
      expect(result.status).toBe('abstained');
      expect(shown(result)).not.toMatch(/remote-work|\$750|Remote work policy/);
    }
  });
});

describe('confidential and restricted policies', () => {
  const passphrase = 'What is the bridge passphrase for a SEV1 incident?';
  const interview = 'How quickly must investigators interview the complainant?';

  it('answers the audience of a confidential policy (departments security or it) and admins', async () => {
    for (const as of ['grace', 'ivan', 'olga']) {
      const result = await ask(as, passphrase);
      expect(result.citations[0]).toMatchObject({ policyId: 'incident-response', section: 'Declaring an incident' });
      expect(result.answer).toContain('KESTREL-NINE');
    }
  });

  it('never shows a confidential policy to anyone outside its audience', async () => {
    for (const as of ['tom', 'ana', 'dev', 'lena', 'sam']) {
      const result = await ask(as, passphrase);
      expect(result.status).toBe('abstained');
      expect(shown(result)).not.toMatch(/KESTREL|incident-response|runbook|PagerDuty/i);
    }
  });

  it('answers members of the group a restricted policy names, and admins', async () => {
    for (const as of ['sam', 'maya', 'olga']) {
      const result = await ask(as, interview);
      expect(result.citations[0]).toMatchObject({ policyId: 'workplace-investigations', section: 'Interviews' });
      expect(result.citations[0]!.quote).toContain('within 5 working days');
    }
  });

  it('never names, quotes or hints at a restricted policy to anyone else', async () => {
    for (const as of ['tom', 'grace', 'dev', 'lena', 'priya']) {
      for (const question of [interview, 'Where are investigation case files stored?', 'How long are case files kept in LANTERN?']) {
        const result = await ask(as, question);
        expect(result.citations.map((c) => c.policyId)).not.toContain('workplace-investigations');
        expect(shown(result)).not.toMatch(/LANTERN|workplace-investigations|Workplace investigations|complainant|5 working days/);
        expect(result.routedTo).not.toBe('investigations');
      }
    }
  });
});

describe('refusing', () => {
  it('refuses someone who is not in the directory', async () => {
    const result = await ask('mallory', 'What is the hotel limit?');
    expect(result).toMatchObject({ status: 'refused', reason: 'unknown_user', citations: [] });
    expect(result.answer).toContain("couldn't find you");
  });

  it('refuses a workspace it does not serve', async () => {
    const result = await ask('tom', 'What is the hotel limit?', { tenant: 'initech' });
    expect(result).toMatchObject({ status: 'refused', reason: 'unknown_tenant', citations: [] });
    expect(result.answer).toContain('initech');
  });

  it('refuses a person from another tenant', async () => {
    expect((await ask('homer', 'What is the hotel limit?')).status).toBe('refused');
  });

  it('throws a usage error for an empty question', async () => {
    await expect(ask('tom', '   ')).rejects.toBeInstanceOf(UsageError);
  });
});

describe('the audit record', () => {
  type Row = { tenant: string; asked_at: string; asker: string; channel: string; question: string; status: string; citations: string; routed_to: string | null; answerer: string };
  const lastAnswer = () => db.prepare('SELECT * FROM answers ORDER BY id DESC LIMIT 1').get() as Row;
  const count = () => (db.prepare('SELECT count(*) AS n FROM answers').get() as { n: number }).n;

  it('records every answer: who asked what, where, when, the status and the versions cited', async () => {
    const before = count();
    await ask('tom', 'How long must my password be?', { channel: 'slack:C0ACMEGEN' });
    expect(count()).toBe(before + 1);
    const row = lastAnswer();
    expect(row).toMatchObject({
      tenant: 'acme',
      asked_at: '2026-06-15T09:00:00.000Z',
      asker: 'tom',
      channel: 'slack:C0ACMEGEN',
      question: 'How long must my password be?',
      status: 'answered',
      routed_to: null,
      answerer: 'offline',
    });
    expect(JSON.parse(row.citations)[0]).toEqual({ policyId: 'information-security', version: '3.1', section: 'Passwords' });
  });

  it('records abstentions with the group they were routed to', async () => {
    const result = await ask('tom', 'Does Acme pay for my gym membership?');
    expect(lastAnswer()).toMatchObject({ status: 'abstained', citations: '[]', routed_to: result.routedTo ?? null });
  });

  it('records refusals too, under the identity that was given', async () => {
    const before = count();
    await ask('mallory', 'What is the hotel limit?');
    await ask('tom', 'What is the hotel limit?', { tenant: 'initech' });
    expect(count()).toBe(before + 2);
    expect(lastAnswer()).toMatchObject({ tenant: 'initech', asker: 'tom', status: 'refused' });
  });

  it('records a person found by Slack id under their directory id', async () => {
    await ask('', 'How many days of PTO do I get?', { asker: { by: 'slackId', value: 'U0ACMEAMY' } });
    expect(lastAnswer().asker).toBe('amelia');
  });
});

describe('the ask rule of the tenant', () => {
  it('refuses someone the access rules keep from asking, naming the rule, and audits it', async () => {
    const policy = '---\nid: pto\ntitle: PTO\nversion: "1"\neffective: 2025-01-01\nowner: hr\n---\n\n## Allowance\n\nYou get 20 days of paid time off a year.\n';
    const { db } = await makeTenant('acme', { 'pto.md': policy }, {
      users: [
        { id: 'ana', name: 'Ana', roles: ['employee'] },
        { id: 'cy', name: 'Cy', roles: ['contractor'] },
      ],
      groups: [],
    });
    const rules = accessRulesSchema.parse({
      version: '1',
      deny: [{ id: 'no-contractors', action: 'ask', roles: ['contractor'], reason: 'Contractors get policy answers from their agency.' }],
    });
    saveRuleVersion(db, 'acme', 'access', rules, { at: '2026-01-01T00:00:00Z', by: 'test' });
    const ask = (as: string) =>
      answerQuestion({ db, answerer: createOfflineAnswerer() }, { tenant: 'acme', asker: { by: 'id', value: as }, question: 'how many days of paid time off do I get?' });

    expect(await ask('cy')).toMatchObject({ status: 'refused', reason: 'rule:no-contractors', answer: 'Contractors get policy answers from their agency.' });
    expect((await ask('ana')).status).toBe('answered');
    expect(db.prepare("SELECT actor, json_extract(data, '$.rule') AS rule FROM audit_events WHERE type = 'permission.denied'").all()).toEqual([
      { actor: 'cy', rule: 'no-contractors' },
    ]);
    db.close();
  });
});

describe('near misses', () => {
  const front = (id: string, title: string) => `---\nid: ${id}\ntitle: ${title}\nversion: "1"\neffective: 2025-01-01\nowner: finance\n---\n\n`;
  const policies = {
    'spending.md': `${front('spending', 'Spending money')}## How it works\n\nYour monthly limit of $500 covers software subscriptions, coworking spaces and training.\n\n## Receipts\n\nUpload a receipt within 14 days of every charge. Receipts need correct dating and an itemised total.\n`,
    'security.md': `${front('security', 'Security')}## Laptops\n\nKeep your laptop encrypted and patched.\n`,
  };
  const directory = { users: [{ id: 'ana', name: 'Ana', roles: ['employee'] }], groups: [{ id: 'finance', name: 'Finance', members: [] }] };

  it('abstains when the best section never states the main thing asked, though another policy uses the word', async () => {
    const { db } = await makeTenant('acme', policies, directory);
    const ask = (question: string) => answerQuestion({ db, answerer: createOfflineAnswerer(), now }, { tenant: 'acme', asker: { by: 'id', value: 'ana' }, question });

    const miss = await ask("what's the policy on dating a coworker?");
    expect(miss).toMatchObject({ status: 'abstained', reason: 'no_policy_answers', citations: [], routedTo: 'finance' });
    expect(shown(miss)).not.toContain('$500');

    const hit = await ask('what is the monthly limit for coworking spaces?');
    expect(hit.status).toBe('answered');
    expect(hit.citations[0]).toMatchObject({ policyId: 'spending', section: 'How it works' });
    db.close();
  });
});

describe('answerConfidence', () => {
  const evidence = [{ coverage: 0.5, score: 1, version: { policyId: 'travel' } }, { coverage: 0.3, score: 0.6, version: { policyId: 'pto' } }] as unknown as Evidence[];

  it('is the best evidence’s coverage plus a share of its lead over the best of any other policy', () => {
    expect(answerConfidence({ evidence, concepts: 4 })).toBeCloseTo(0.5 + 0.75 * 0.4);
    expect(answerConfidence({ evidence: [], concepts: 4 })).toBe(0);
  });

  it('asks less coverage of a question with more concepts, and more of a short one, up to a point', () => {
    const at = (concepts: number) => answerConfidence({ evidence, concepts });
    expect(at(8) - at(4)).toBeCloseTo(0.2);
    expect(at(2) - at(4)).toBeCloseTo(-0.1);
    expect(at(30)).toBeCloseTo(at(10));
  });
});

describe('isNearMiss', () => {
  const evidence = (coverage: number) => ({ coverage, absent: 0.3, framed: 0 }) as unknown as Evidence;

  it('asks a section that never states a main concept for more of a short question and less of a long one', () => {
    expect(isNearMiss(evidence(0.5), 4)).toBe(true);
    expect(isNearMiss(evidence(0.5), 8)).toBe(false);
    expect(isNearMiss(evidence(0.65), 4)).toBe(false);
    expect(isNearMiss(evidence(0.65), 2)).toBe(true);
  });

  it('never takes a section headed by the question’s topic, or one stating every main concept, for a near miss', () => {
    expect(isNearMiss({ coverage: 0.3, absent: 0.3, framed: 0.5 } as unknown as Evidence, 4)).toBe(false);
    expect(isNearMiss({ coverage: 0.3, absent: 0, framed: 0 } as unknown as Evidence, 4)).toBe(false);
  });
});

describe('supportingEvidence', () => {
  // Only the score and coverage decide; the rest of an Evidence does not matter here.
  const evidence = (name: string, score: number, coverage: number) => ({ name, score, coverage }) as unknown as Evidence & { name: string };

  it('quotes beside the best only what covers the question on its own or nearly ties with the best', () => {
    const chosen = supportingEvidence(
      [evidence('best', 1.5, 0.7), evidence('covers', 1.0, 0.8), evidence('near tie', 1.4, 0.45), evidence('near tie, covering little', 1.45, 0.3), evidence('far behind', 1.2, 0.6)],
      0.66,
    ) as (Evidence & { name: string })[];
    expect(chosen.map((item) => item.name)).toEqual(['best', 'covers', 'near tie']);
  });

  it('is empty without evidence', () => {
    expect(supportingEvidence([], 0.66)).toEqual([]);
  });
});
