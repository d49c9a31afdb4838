/**
 * What kind of answer a question asks for, when it asks for a quantity: a
 * frequency ("how often"), a share ("what %"), a sum of money ("what's the
 * budget for a monitor") or any other amount, period or date ("how much",
 * "how long", "when is"; not the "when" of a condition: "what happens to my
 * PTO when I quit"). A passage that answers states a quantity of that
 * kind: "at least twice a week" answers "how often", "Daily check-ins are
 * subdivided by department" does not (there "daily" names the check-ins),
 * "Post-March 2020 most of us work from home" answers no budget question,
 * and "within a reasonable time" answers no "how long".
 */
export type AnswerType = 'frequency' | 'share' | 'money' | 'quantity';

const asksForFrequency = /\bhow (often|frequently|regularly)\b|\bhow many times\b/i;
const asksForQuantity =
  /\b(how (much|many|long|far|soon|often|quickly|fast|early|late)|max(imum)?|min(imum)?|limit|cap|deadline|by when|what age|longest|shortest|earliest|latest|soonest|most|least|percent(age)?|amount|number of|threshold|budget|rate|allowance|per (night|day|month|year|week))\b/i;
/** "what % of...": a sign, so outside word boundaries. */
const asksForShare = /%|\bper ?cent(age)?\b|\bwhat (share|proportion|fraction|portion)\b/i;
/** Money is asked for when the question is about spending and asks how much, not how long or when. */
const aboutMoney =
  /\b(budget|allowance|stipend|subsid(y|ies)|grant|bonus(es)?|salary|wages?|spend|spending|cost|costs|price|fee|fees|expense|expenses|reimburse|reimbursed|reimbursement|per diem|pay for|worth)\b/i;
/** "When" asks for a time as a question ("when do I get paid?"), not as a condition ("...when I quit?"). */
const asksWhen = /\bwhen (do|does|did|is|are|was|were|will|would|should|can|could|must|am|shall)\b/i;
const asksForTime = /\bhow (long|soon|often|quickly|fast|early|late|far)\b|\bby when\b|\bdeadline\b/i;

/** The kind of quantity a question asks for, or undefined when it asks for none. */
export function askedAnswerType(question: string): AnswerType | undefined {
  if (asksForFrequency.test(question)) return 'frequency';
  if (asksForShare.test(question)) return 'share';
  const when = asksWhen.test(question);
  if (!when && !asksForQuantity.test(question)) return undefined;
  return aboutMoney.test(question) && !when && !asksForTime.test(question) ? 'money' : 'quantity';
}

/**
 * Adjectives like "daily" or "monthly" mostly name a thing ("monthly
 * budget"), so a frequency is stated by a count per period or a recurrence.
 */
const statesFrequency =
  /\b(once|twice|thrice|\d+\s*(times|x)|every|each (day|week|month|quarter|year)|per (day|week|month|quarter|year)|(a|an) (day|week|month|quarter|year)|biweekly|fortnightly|quarterly|annually|yearly|semiannually)\b/i;
const statesShare = /\d\s*%|\bper ?cent\b|\bhalf\b/i;
/** "$200", "R$200", "200 EUR", "USD 2,150", "five pounds": a sum of money, its currency written before or after it. */
const currencyCodes = 'usd|eur|gbp|cad|aud|nzd|chf|brl|inr|sgd|jpy|sek|nok|dkk|pln|mxn|zar';
const statesMoney = new RegExp(`[£$€¥]\\s?\\d|\\d\\s?(k|${currencyCodes}|dollars?|pounds?|euros?)\\b|\\b(${currencyCodes})\\s?\\d|\\b(dollars|pounds|euros)\\b`, 'i');
const statesQuantity =
  /\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|hundred|thousand|half|twice|double|annual(ly)?|monthly|weekly|daily|immediately|within (a|an) (hour|day|week|fortnight|month|quarter|year))\b/i;
/** A year on its own ("since 2020") dates the text; it is not the amount asked for. */
const bareYear = /(?<![£$€¥\d.,])\b(19|20)\d{2}\b(?!\s*%)/g;

/** Whether a text states a quantity of the kind asked for. */
export function statesAnswerType(type: AnswerType, text: string): boolean {
  switch (type) {
    case 'frequency':
      return statesFrequency.test(text);
    case 'share':
      return statesShare.test(text);
    case 'money':
      return statesMoney.test(text);
    case 'quantity':
      return statesQuantity.test(text.replace(bareYear, ''));
  }
}
