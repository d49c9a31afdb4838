/**
 * What kind of answer a question asks for, when it asks for a quantity: a
 * frequency ("how often") or any other amount, period or date ("how much",
 * "how long", "when"). A passage that answers states a quantity of that
 * kind: "at least twice a week" answers "how often", "Daily check-ins are
 * subdivided by department" does not (there "daily" names the check-ins).
 */
export type AnswerType = 'frequency' | 'quantity';

const asksForFrequency = /\bhow (often|frequently|regularly)\b|\bhow many times\b/i;
const asksForQuantity =
  /\b(how (much|many|long|far|soon|often|quickly|fast|early|late)|max(imum)?|min(imum)?|limit|cap|deadline|by when|when|what age|longest|shortest|earliest|latest|soonest|most|least|percent(age)?|amount|number of|threshold|budget|rate|allowance|per (night|day|month|year|week))\b/i;

/** "what % of...": a sign, so outside the word boundaries above. */
const asksForShare = /%/;

/** The kind of quantity a question asks for, or undefined when it asks for none. */
export function askedAnswerType(question: string): AnswerType | undefined {
  if (asksForFrequency.test(question)) return 'frequency';
  return asksForQuantity.test(question) || asksForShare.test(question) ? 'quantity' : undefined;
}

/**
 * Adjectives like "daily" or "monthly" mostly name a thing ("monthly
 * budget"), so a frequency is stated by a count per period or a recurrence.
 */
const statesFrequency =
  /\b(once|twice|thrice|\d+\s*(times|x)|every|each (day|week|month|quarter|year)|per (day|week|month|quarter|year)|(a|an) (day|week|month|quarter|year)|biweekly|fortnightly|quarterly|annually|yearly|semiannually)\b/i;
const statesQuantity =
  /\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|hundred|thousand|half|twice|double|annual(ly)?|monthly|weekly|daily|immediately|within)\b/i;

/** Whether a text states a quantity of the kind asked for. */
export function statesAnswerType(type: AnswerType, text: string): boolean {
  return (type === 'frequency' ? statesFrequency : statesQuantity).test(text);
}
