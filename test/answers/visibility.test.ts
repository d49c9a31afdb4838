import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicableVersions } from '../../src/access/applicable-versions.ts';
import { canSeeVersion } from '../../src/access/can-see-version.ts';
import { answerQuestion } from '../../src/answers/answer-question.ts';
import { createOfflineAnswerer } from '../../src/answers/offline-answerer.ts';
import { findPerson } from '../../src/directory/find-person.ts';
import { loadCatalog } from '../../src/policies/load-catalog.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { loadExamples } from '../support/examples.ts';

const today = '2026-06-15';
const now = () => new Date(`${today}T09:00:00Z`);

/** Questions touching every example policy, including the hidden, retired and draft ones. */
const questions = [
  'What is the hotel limit per night?',
  'Can I fly business class?',
  'How much is the daily meal allowance?',
  'How long do I have to submit an expense claim?',
  'How many days of PTO do I get?',
  'How many PTO days can I carry over?',
  'How long is parental leave?',
  'How long must my password be?',
  'Can I accept a gift from a supplier?',
  'What is the bridge passphrase for a SEV1 incident?',
  'How long do we keep forensic disk images?',
  'Who do we notify about a personal data breach?',
  'How quickly must investigators interview the complainant?',
  'Where are case files stored in LANTERN?',
  'Is there a home office stipend?',
  'How many days a week can I work from home?',
];

/** Words only a given policy version says: shown to someone who may not see that version, they are a leak. */
const tellTales: { policyId: string; version: string; words: RegExp }[] = [
  { policyId: 'incident-response', version: '1.2', words: /KESTREL|acme-forensics-vault|PagerDuty|data protection officer/i },
  { policyId: 'workplace-investigations', version: '1.0', words: /LANTERN|complainant|two investigators|Workplace investigations procedure/i },
  { policyId: 'remote-work', version: '0.9', words: /\$750|stipend of|up to 3 days per week/i },
  { policyId: 'travel', version: '3.0', words: /\$180|\$60 per day|8 hours or more/i },
];

describe('what each person is shown', () => {
  let db: Db;
  beforeAll(async () => {
    db = await loadExamples();
  });
  afterAll(() => db.close());

  it('only ever cites versions that are guidance for the asker, and never shows words of one they may not see', async () => {
    const catalog = loadCatalog(db, 'acme');
    const people = (db.prepare("SELECT user_id FROM directory_users WHERE tenant = 'acme'").all() as { user_id: string }[]).map((row) => row.user_id);
    expect(people.length).toBeGreaterThanOrEqual(10);
    let answered = 0;
    for (const id of people) {
      const person = findPerson(db, 'acme', 'id', id)!;
      const guidance = new Set(applicableVersions(person, catalog.versions, today).map((v) => `${v.policyId}@${v.version}@${v.jurisdiction ?? ''}`));
      const hidden = tellTales.filter(({ policyId, version }) => {
        const entry = catalog.versions.find((v) => v.policyId === policyId && v.version === version)!;
        return !guidance.has(`${policyId}@${version}@`) && !(entry.status === 'current' && canSeeVersion(person, entry));
      });
      for (const question of questions) {
        const result = await answerQuestion({ db, answerer: createOfflineAnswerer(), now }, { tenant: 'acme', asker: { by: 'id', value: id }, question });
        if (result.status === 'answered') answered++;
        for (const c of result.citations) {
          expect(guidance, `${id} asked "${question}"`).toContain(`${c.policyId}@${c.version}@${c.jurisdiction ?? ''}`);
        }
        const shown = JSON.stringify(result);
        for (const { policyId, words } of hidden) {
          expect(shown, `${id} asked "${question}" and was shown words of ${policyId}`).not.toMatch(words);
        }
      }
    }
    // The sweep means something only if most questions do get answers.
    expect(answered).toBeGreaterThan(people.length * questions.length * 0.4);
  });
});
