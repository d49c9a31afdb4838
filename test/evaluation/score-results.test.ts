import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AskResult } from '../../src/answers/ask-result.ts';
import { evalQuestionSchema, judge, rightByKind, scoreVerdicts, type EvalQuestion } from '../../src/evaluation/score-results.ts';
import { tempDir } from '../support/temp-dir.ts';

const question = (fields: Partial<EvalQuestion> & { expect: EvalQuestion['expect'] }): EvalQuestion =>
  evalQuestionSchema.parse({ id: 'q1', tenant: 'acme', as: 'ana', question: 'what is the hotel limit?', ...fields });

const citation = (policyId: string, version: string, section: string, quote = '') => ({ policyId, version, section, title: policyId, effective: '2025-01-01', quote });
const answered = (answer: string, citations: ReturnType<typeof citation>[]): AskResult => ({ status: 'answered', answer, citations });
const abstained: AskResult = { status: 'abstained', reason: 'no_policy_answers', answer: "I couldn't find a policy that answers this.", citations: [] };

describe('judging one answer', () => {
  const hotel = question({ expect: { status: 'answered', policyId: 'travel', version: '4.2', section: 'Hotel limits', answerContainsAny: ['$250', '250 a night'] } });

  it('counts a citation among the first three with the policy, the version and the section (a substring of the heading, any case)', () => {
    const result = answered('The limit is $250.', [citation('expenses', '2.0', 'Receipts'), citation('travel', '4.1', '3.1 Hotel limits'), citation('travel', '4.2', '3.1 HOTEL LIMITS')]);
    expect(judge(hotel, result)).toMatchObject({ citationCorrect: true, answerCorrect: true, leaked: [] });
  });

  it('does not count a right citation in fourth place, another version, or an answer without the expected text', () => {
    const fourth = answered('The limit is $250.', [citation('a', '1', 'A'), citation('b', '1', 'B'), citation('c', '1', 'C'), citation('travel', '4.2', '3.1 Hotel limits')]);
    expect(judge(hotel, fourth).citationCorrect).toBe(false);
    expect(judge(hotel, answered('It depends on the city.', [citation('travel', '4.1', '3.1 Hotel limits')]))).toMatchObject({ citationCorrect: false, answerCorrect: false });
    expect(judge(hotel, abstained)).toMatchObject({ citationCorrect: false, answerCorrect: false });
  });

  it('finds a leak in a forbidden policy cited or forbidden text anywhere shown, quotes included', () => {
    const probe = question({ expect: { status: 'abstained', forbiddenPolicyIds: ['workplace-investigations'], mustNotContain: ['LANTERN'] } });
    const leaking = answered('Open a case.', [citation('workplace-investigations', '1.0', 'Opening a case', 'Open a case in the lantern case system')]);
    expect(judge(probe, leaking).leaked).toEqual(['cited workplace-investigations', 'contains "LANTERN"']);
    expect(judge(probe, abstained).leaked).toEqual([]);
  });
});

describe('scoring a set', () => {
  const answerable = question({ id: 'a', kind: 'answer', expect: { status: 'answered', policyId: 'travel', section: 'Hotel', answerContainsAny: ['$250'] } });
  const unanswerable = question({ id: 'u', kind: 'abstain', expect: { status: 'abstained' } });
  const right = judge(answerable, answered('$250 a night.', [citation('travel', '4.2', 'Hotel limits')]));
  const wrongAbstention = judge({ ...answerable, id: 'b', kind: 'paraphrase' }, abstained);
  const rightAbstention = judge(unanswerable, abstained);
  const wrongAnswer = judge({ ...unanswerable, id: 'v' }, answered('Something.', [citation('pto', '3', 'Carry-over')]));

  it('gives citation and answer accuracy over answerable questions, abstention precision and recall over abstentions', () => {
    expect(scoreVerdicts([right, wrongAbstention, rightAbstention, wrongAnswer])).toEqual({
      questions: 4,
      citationAccuracy: 0.5,
      answerAccuracy: 0.5,
      abstentionPrecision: 0.5,
      abstentionRecall: 0.5,
      leaks: 0,
    });
  });

  it('counts the questions of each kind that came out entirely right', () => {
    expect(rightByKind([right, wrongAbstention, rightAbstention, wrongAnswer])).toEqual([
      { kind: 'answer', questions: 1, right: 1 },
      { kind: 'paraphrase', questions: 1, right: 0 },
      { kind: 'abstain', questions: 2, right: 1 },
    ]);
    expect(rightByKind([judge(question({ expect: { status: 'abstained' } }), abstained)])).toEqual([]);
  });
});

describe('npm run eval', () => {
  it('ingests a corpus, asks its questions and prints the figures', () => {
    const corpus = tempDir('policy-desk-eval-');
    const repo = fileURLToPath(new URL('../../', import.meta.url));
    mkdirSync(join(corpus, 'acme'));
    cpSync(join(repo, 'examples/acme/policies'), join(corpus, 'acme/policies'), { recursive: true });
    cpSync(join(repo, 'examples/acme/directory.yml'), join(corpus, 'acme/directory.yml'));
    const questions = [
      { id: 'hotel', tenant: 'acme', as: 'ana', kind: 'answer', question: 'What is the hotel limit per night?', expect: { status: 'answered', policyId: 'travel', version: '4.2', section: 'Hotel limits', answerContainsAny: ['$250'] } },
      { id: 'probe', tenant: 'acme', as: 'ana', kind: 'leak', question: 'Which case system do investigators use?', expect: { status: 'abstained', forbiddenPolicyIds: ['workplace-investigations'], mustNotContain: ['LANTERN'] } },
      { id: 'lunch', tenant: 'acme', as: 'ana', kind: 'abstain', question: 'Is there a free lunch on Fridays at the office?', expect: { status: 'abstained' } },
    ];
    writeFileSync(join(corpus, 'questions.jsonl'), questions.map((q) => JSON.stringify(q)).join('\n'));

    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/eval.ts', '--corpus', corpus, '--questions', join(corpus, 'questions.jsonl'), '--json'], { cwd: repo, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const scores = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(scores).toMatchObject({ questions: 3, citationAccuracy: 1, answerAccuracy: 1, abstentionPrecision: 1, abstentionRecall: 1, leaks: 0 });
    expect(scores.byKind).toEqual([
      { kind: 'answer', questions: 1, right: 1 },
      { kind: 'leak', questions: 1, right: 1 },
      { kind: 'abstain', questions: 1, right: 1 },
    ]);
  }, 60_000);
});
