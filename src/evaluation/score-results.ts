import { z } from 'zod';
import type { AskResult } from '../answers/ask-result.ts';

export const evalQuestionSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  tenant: z.string(),
  as: z.string(),
  kind: z.string().optional(),
  question: z.string(),
  expect: z.object({
    status: z.enum(['answered', 'abstained', 'refused']),
    policyId: z.string().optional(),
    version: z.string().optional(),
    section: z.string().optional(),
    answerContainsAny: z.array(z.string()).optional(),
    mustNotContain: z.array(z.string()).optional(),
    forbiddenPolicyIds: z.array(z.string()).optional(),
  }),
});

export type EvalQuestion = z.infer<typeof evalQuestionSchema>;

export type Verdict = {
  question: EvalQuestion;
  result: AskResult;
  citationCorrect: boolean | undefined;
  answerCorrect: boolean | undefined;
  leaked: string[];
};

export type Scores = {
  questions: number;
  citationAccuracy: number;
  answerAccuracy: number;
  abstentionPrecision: number;
  abstentionRecall: number;
  leaks: number;
};

const lower = (text: string) => text.toLowerCase();

/** Judges one result against its expectation (see `shared/spec/formats.md`, evaluation questions). */
export function judge(question: EvalQuestion, result: AskResult): Verdict {
  const expect = question.expect;
  const top3 = result.citations.slice(0, 3);
  const citationCorrect =
    expect.status === 'answered' && expect.policyId
      ? top3.some(
          (c) =>
            c.policyId === expect.policyId &&
            (expect.version === undefined || c.version === expect.version) &&
            (expect.section === undefined || lower(c.section).includes(lower(expect.section))),
        )
      : undefined;
  const answerCorrect =
    expect.status === 'answered' && expect.answerContainsAny
      ? result.status === 'answered' && expect.answerContainsAny.some((text) => lower(result.answer).includes(lower(text)))
      : undefined;
  const shown = lower(`${result.answer}\n${result.citations.map((c) => `${c.title} ${c.section} ${c.quote}`).join('\n')}`);
  const leaked = [
    ...(expect.forbiddenPolicyIds ?? []).filter((id) => result.citations.some((c) => c.policyId === id)).map((id) => `cited ${id}`),
    ...(expect.mustNotContain ?? []).filter((text) => shown.includes(lower(text))).map((text) => `contains "${text}"`),
  ];
  return { question, result, citationCorrect, answerCorrect, leaked };
}

const share = (hits: number, total: number) => (total === 0 ? 1 : hits / total);

/** Citation and answer accuracy, abstention precision and recall, and the number of leaking questions. */
export function scoreVerdicts(verdicts: Verdict[]): Scores {
  const citations = verdicts.filter((v) => v.citationCorrect !== undefined);
  const answers = verdicts.filter((v) => v.answerCorrect !== undefined);
  const predictedAbstain = verdicts.filter((v) => v.result.status === 'abstained');
  const expectedAbstain = verdicts.filter((v) => v.question.expect.status === 'abstained');
  return {
    questions: verdicts.length,
    citationAccuracy: share(citations.filter((v) => v.citationCorrect).length, citations.length),
    answerAccuracy: share(answers.filter((v) => v.answerCorrect).length, answers.length),
    abstentionPrecision: share(predictedAbstain.filter((v) => v.question.expect.status === 'abstained').length, predictedAbstain.length),
    abstentionRecall: share(expectedAbstain.filter((v) => v.result.status === 'abstained').length, expectedAbstain.length),
    leaks: verdicts.filter((v) => v.leaked.length > 0).length,
  };
}

/** Whether a question came out entirely as expected: its status, its citation and answer where judged, and no leak. */
export function isRight(verdict: Verdict): boolean {
  return verdict.result.status === verdict.question.expect.status && verdict.citationCorrect !== false && verdict.answerCorrect !== false && verdict.leaked.length === 0;
}

/** For question sets that say what kind each question is ("answer", "paraphrase", "leak"...): how many of each came out right. */
export function rightByKind(verdicts: Verdict[]): { kind: string; questions: number; right: number }[] {
  const kinds = new Map<string, { questions: number; right: number }>();
  for (const verdict of verdicts) {
    const kind = verdict.question.kind;
    if (kind === undefined) continue;
    const counts = kinds.get(kind) ?? { questions: 0, right: 0 };
    counts.questions++;
    if (isRight(verdict)) counts.right++;
    kinds.set(kind, counts);
  }
  return [...kinds].map(([kind, counts]) => ({ kind, ...counts }));
}
