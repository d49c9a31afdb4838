/** What kind of figure a policy states: an amount of money, a percentage, a duration or count of something, a date, a time of day, or a bare number. */
export type FigureKind = 'money' | 'percent' | 'duration' | 'date' | 'time' | 'number';

/** A figure found in a text, with where it is. */
export type Figure = { text: string; kind: FigureKind; start: number; end: number };

const month = '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
const amount = String.raw`\d[\d,]*(?:\.\d+)?`;
const currencyCode = '(?:USD|EUR|GBP|CAD|AUD|CHF|JPY|INR)';
const wordNumber = '(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|sixty|ninety|a hundred)';
const unit =
  '(?:days?|weeks?|months?|years?|hours?|hrs?|minutes?|mins?|seconds?|nights?|miles?|kilomet(?:er|re)s?|km|characters?|times|calendar days?|working days?|business days?|work days?|weekdays?)';

/** Tried in this order at each position: a date before the number inside it, money before a bare number. */
const patterns: [FigureKind, string][] = [
  ['date', String.raw`\d{4}-\d{2}-\d{2}`],
  ['date', String.raw`\d{1,2}/\d{1,2}/\d{2,4}`],
  ['date', String.raw`${month}\.? \d{1,2}(?:st|nd|rd|th)?(?:,? \d{4})?(?!\d)`],
  ['date', String.raw`\d{1,2}(?:st|nd|rd|th)? (?:of )?${month}(?:,? \d{4})?\b`],
  ['date', String.raw`${month} \d{4}\b`],
  ['date', String.raw`\bFY ?\d{2,4}\b`],
  ['time', String.raw`\b\d{1,2}:\d{2}(?:\s?[ap]\.?m\b\.?)?`],
  ['time', String.raw`\b\d{1,2}\s?[ap]\.?m\b\.?`],
  ['money', String.raw`(?:[A-Z]{1,2})?[$£€¥]\s?${amount}(?:\s?(?:k|m|million|billion|bn)\b)?(?:\s?${currencyCode}\b)?`],
  ['money', String.raw`\b${currencyCode}\s?${amount}(?:\s?(?:k|m|million|billion)\b)?`],
  ['money', String.raw`\b${amount}\s?(?:${currencyCode}|dollars|euros|pounds)\b`],
  ['percent', String.raw`\b${amount}\s?(?:%|percent\b|per cent\b)`],
  ['duration', String.raw`\b(?:${amount}|${wordNumber})(?:\s|-)(?:full[- ]time |consecutive |paid |unpaid |additional |extra )?${unit}\b`],
  ['date', String.raw`\b(?:19|20)\d{2}\b(?![\d,.]*\s?(?:%|${currencyCode}|${unit}))`],
  ['number', String.raw`\b${amount}\b`],
];

const figurePattern = new RegExp(patterns.map(([, source]) => `(${source})`).join('|'), 'gi');

/**
 * The figures a policy sentence states ("$250", "75%", "14 days", "6 hours",
 * "1 April 2026", "FY23", "09:30", "2,500 USD"), left to right, never overlapping. A
 * changed figure is what a reader most needs pointed out in a revision.
 */
export function findFigures(text: string): Figure[] {
  const figures: Figure[] = [];
  for (const match of text.matchAll(figurePattern)) {
    const group = match.slice(1).findIndex((value) => value !== undefined);
    const kind = patterns[group]?.[0] ?? 'number';
    const value = match[0].trim();
    if (!value) continue;
    const start = match.index ?? 0;
    figures.push({ text: value, kind, start, end: start + match[0].length });
  }
  return figures;
}
