import { describe, expect, it } from 'vitest';
import { analyzeQuestion } from '../../src/retrieval/analyze-question.ts';
import { allTerms, stem } from '../../src/retrieval/analyze-text.ts';
import { askedAnswerType, statesAnswerType } from '../../src/retrieval/answer-type.ts';
import type { AnalyzedSection } from '../../src/retrieval/load-sections.ts';
import { rankEvidence } from '../../src/retrieval/rank-evidence.ts';
import type { CatalogVersion } from '../../src/policies/load-catalog.ts';
import type { TermStatistics } from '../../src/retrieval/term-statistics.ts';

describe('askedAnswerType', () => {
  it('tells a question about frequency from one about another quantity', () => {
    expect(askedAnswerType('how often do I need to post a check-in?')).toBe('frequency');
    expect(askedAnswerType('how many times a year can I work from abroad')).toBe('frequency');
    expect(askedAnswerType("what's the max I can spend on a hotel?")).toBe('money');
    expect(askedAnswerType('how far before my last day should I start?')).toBe('quantity');
    expect(askedAnswerType('what % of my health insurance does the company pay?')).toBe('share');
    expect(askedAnswerType('can I bring my dog to the office?')).toBeUndefined();
  });
});

describe('askedAnswerType: shares and money', () => {
  it('asks for a share when the question names a percentage or a proportion', () => {
    expect(askedAnswerType('what percentage of the premium is covered?')).toBe('share');
    expect(askedAnswerType('what share of dependents cover does the company pay')).toBe('share');
  });

  it('asks for money when a question about spending asks how much, not how long or when', () => {
    expect(askedAnswerType('whats the budget for a monitor and keyboard')).toBe('money');
    expect(askedAnswerType('how much can I expense for lunch?')).toBe('money');
    expect(askedAnswerType('how long does it take to get reimbursed?')).toBe('quantity');
    expect(askedAnswerType('how much paid leave do I get?')).toBe('quantity');
    expect(askedAnswerType('how much is the equipment subsidy for contractors?')).toBe('money');
    expect(askedAnswerType('how much is the referral bonus?')).toBe('money');
  });
});

describe('askedAnswerType: when', () => {
  it('takes "when" for a question about time only when it asks when something happens, not when it sets a condition', () => {
    expect(askedAnswerType('when do I get paid?')).toBe('quantity');
    expect(askedAnswerType('when is the expense deadline for Q3')).toBe('quantity');
    expect(askedAnswerType('by when must I book it?')).toBe('quantity');
    expect(askedAnswerType('when someone leaves do they have to send their laptop back?')).toBeUndefined();
    expect(askedAnswerType('what happens to my PTO when I quit?')).toBeUndefined();
  });
});

describe('statesAnswerType', () => {
  it('takes a percentage or a half as a share, and only an amount of money as money', () => {
    expect(statesAnswerType('share', 'The company contributes 85% of the cost and 50 percent for dependents.')).toBe(true);
    expect(statesAnswerType('share', 'A waiver allowance of $25 per month.')).toBe(false);
    expect(statesAnswerType('money', 'You can spend up to £250 on equipment.')).toBe(true);
    expect(statesAnswerType('money', 'A budget of 1,000 dollars a year.')).toBe(true);
    expect(statesAnswerType('money', 'Give at least 4 weeks notice.')).toBe(false);
  });

  it('takes a sum with its currency code before or after it as money', () => {
    expect(statesAnswerType('money', 'a single payment of USD 2,150.00')).toBe(true);
    expect(statesAnswerType('money', 'courses up to 1650 BRL a year')).toBe(true);
    expect(statesAnswerType('money', 'R$200 per month')).toBe(true);
    expect(statesAnswerType('money', 'converted at the EUR rate of the day')).toBe(false);
  });

  it('does not take a year on its own for the quantity asked', () => {
    expect(statesAnswerType('quantity', 'Post-March 2020 most of us work from home.')).toBe(false);
    expect(statesAnswerType('quantity', 'Book it by 1 March 2026.')).toBe(true);
  });

  it('takes a count per period or a recurrence as a frequency, not an adjective naming a thing', () => {
    expect(statesAnswerType('frequency', "You're obliged to answer this question at least twice a week.")).toBe(true);
    expect(statesAnswerType('frequency', 'Reviews happen every six months.')).toBe(true);
    expect(statesAnswerType('frequency', 'Daily and weekly check-ins are subdivided by department.')).toBe(false);
    expect(statesAnswerType('frequency', 'The monthly budget is $50.')).toBe(false);
  });

  it('takes any number, period or date as a quantity', () => {
    expect(statesAnswerType('quantity', 'You can expense up to $1,000.')).toBe(true);
    expect(statesAnswerType('quantity', 'Submit it within two weeks.')).toBe(true);
    expect(statesAnswerType('quantity', 'Ask your manager first.')).toBe(false);
    expect(statesAnswerType('quantity', 'Reply within a week.')).toBe(true);
    expect(statesAnswerType('quantity', 'We’ll arrange a final meeting within a reasonable time period.')).toBe(false);
  });
});

/** Term statistics of a tiny tenant whose policies use these words, each in `df` sections. */
function statsOf(words: Record<string, number>): TermStatistics {
  const df = new Map<string, number>();
  const surface = new Map<string, string>();
  for (const [word, count] of Object.entries(words)) {
    df.set(stem(word), count);
    surface.set(stem(word), word);
  }
  return { generation: 1, sections: 50, df, surface, byLength: new Map() };
}

function sectionOf(texts: string[]): AnalyzedSection {
  const sentences = texts.map((text, block) => ({ text, block, stems: new Set(allTerms(text)), order: allTerms(text) }));
  return { id: 1, textId: 1, versionId: 1, heading: 'Check-ins', path: ['How we work', 'Check-ins'], headingStems: new Set(allTerms('Check-ins')), contextStems: new Set(allTerms('How we work Check-ins')), sentences, length: 60 };
}

describe('rankEvidence and the asked answer type', () => {
  it('picks the passage that says how often, not the one that merely names daily check-ins', () => {
    const section = sectionOf([
      "First, there's the daily question of what did you work on today, which supplies the nitty gritty details.",
      'They are a great conversation starter if you see someone busy with something you care about.',
      'Please do use them as such!',
      "You're obliged to answer this question at least twice a week.",
      "Daily and weekly check-ins are subdivided by department so you're only subscribed to your team's answers.",
    ]);
    const question = "how often do I need to answer the 'what did you work on today' check-in?";
    const stats = statsOf({ answer: 3, question: 4, check: 2, today: 2, work: 20, daily: 3, department: 6 });
    const version = { versionId: 1, policyId: 'how-we-work' } as CatalogVersion;
    const [best] = rankEvidence(question, analyzeQuestion(question, stats), [{ textId: 1, bm25: 1, sectionId: 1 }], new Map([[1, section]]), new Map([[1, version]]));
    const quoted = section.sentences.slice(best!.start, best!.end + 1).map((sentence) => sentence.text);
    expect(quoted).toContain("You're obliged to answer this question at least twice a week.");
  });
});
