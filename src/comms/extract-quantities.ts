import { stem, words } from '../retrieval/analyze-text.ts';

/** A value a sentence states, with what it counts: `25 day`, `180 usd`, `06-30 date`. */
export type Quantity = { value: string; unit: string; text: string };

const numberWords: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, eighteen: 18, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, ninety: 90, hundred: 100,
};
const months = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const monthPattern = months.join('|') + '|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec';
const durationUnits: Record<string, string> = { minute: 'minute', hour: 'hour', day: 'day', week: 'week', month: 'month', year: 'year' };
const currencies: Record<string, string> = { $: 'usd', usd: 'usd', '£': 'gbp', gbp: 'gbp', '€': 'eur', eur: 'eur', chf: 'chf' };
/** Words between a number and its unit that do not change what is counted ("10 working days", "5 unused PTO days"). */
const qualifiers = new Set(['working', 'calendar', 'business', 'consecutive', 'paid', 'unpaid', 'full', 'unused', 'extra', 'additional', 'more', 'uk', 'us', 'bank', 'company', 'pto', 'sick', 'of']);

const pad = (n: number) => String(n).padStart(2, '0');
const monthNumber = (name: string) => months.findIndex((m) => m.startsWith(name.toLowerCase().slice(0, 3))) + 1;

function numeric(raw: string): string {
  const n = Number(raw.replace(/,/g, ''));
  return Number.isFinite(n) ? String(n) : raw;
}

/** The unit a bare number counts: the first following word that is not a qualifier, stemmed ("8 UK bank holidays" → holiday). */
function unitAfter(rest: string): string {
  const following = words(rest).slice(0, 4);
  for (const word of following) {
    if (qualifiers.has(word)) continue;
    const singular = word.replace(/s$/, '');
    return durationUnits[singular] ?? stem(singular);
  }
  return 'number';
}

/**
 * The numbers, amounts, percentages, durations, dates and times a sentence
 * states, normalised so that "$180", "180 USD" and "USD 180" compare equal,
 * as do "30 June" and "June 30", and "two weeks" and "2 weeks".
 */
export function extractQuantities(sentence: string): Quantity[] {
  const found: Quantity[] = [];
  let text = sentence.replace(/\[(?:S|N)\d+\]/g, ' ');
  const take = (pattern: RegExp, make: (match: RegExpExecArray) => Quantity | undefined) => {
    text = text.replace(pattern, (...args) => {
      const match = args.slice(0, -2) as unknown as RegExpExecArray;
      const quantity = make(match);
      if (quantity) found.push(quantity);
      return ' ';
    });
  };
  take(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (m) => ({ value: `${m[2]}-${m[3]}`, unit: 'date', text: m[0] }));
  take(new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${monthPattern})\\b\\.?(?:,?\\s+\\d{4})?`, 'gi'), (m) => ({ value: `${pad(monthNumber(m[2]!))}-${pad(Number(m[1]))}`, unit: 'date', text: m[0] }));
  take(new RegExp(`\\b(${monthPattern})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+\\d{4})?`, 'gi'), (m) => ({ value: `${pad(monthNumber(m[1]!))}-${pad(Number(m[2]))}`, unit: 'date', text: m[0] }));
  take(/\b(\d{1,2})(?::(\d{2}))?\s*(am|pm)\b/gi, (m) => {
    const hour = (Number(m[1]) % 12) + (m[3]!.toLowerCase() === 'pm' ? 12 : 0);
    return { value: `${pad(hour)}:${m[2] ?? '00'}`, unit: 'time', text: m[0] };
  });
  take(/([$£€])\s?(\d[\d,]*(?:\.\d+)?)/g, (m) => ({ value: numeric(m[2]!), unit: currencies[m[1]!]!, text: m[0] }));
  take(/\b(usd|gbp|eur|chf)\s?(\d[\d,]*(?:\.\d+)?)\b/gi, (m) => ({ value: numeric(m[2]!), unit: currencies[m[1]!.toLowerCase()]!, text: m[0] }));
  take(/\b(\d[\d,]*(?:\.\d+)?)\s?(usd|gbp|eur|chf|dollars|pounds|euros)\b/gi, (m) => {
    const word = m[2]!.toLowerCase();
    const unit = currencies[word] ?? (word === 'dollars' ? 'usd' : word === 'pounds' ? 'gbp' : 'eur');
    return { value: numeric(m[1]!), unit, text: m[0] };
  });
  take(/\b(\d[\d,]*(?:\.\d+)?)\s?(%|percent\b)/gi, (m) => ({ value: numeric(m[1]!), unit: 'percent', text: m[0] }));
  const wordNumber = Object.keys(numberWords).join('|');
  text.replace(new RegExp(`\\b(\\d[\\d,]*(?:\\.\\d+)?|${wordNumber})\\b(?=(?:-|\\s)?([^.;:!?]*))`, 'gi'), (whole, raw: string, rest: string) => {
    const lower = raw.toLowerCase();
    const value = lower in numberWords ? String(numberWords[lower]) : numeric(raw);
    // "one of", "one" as a pronoun: only number words followed by what they count are quantities.
    const unit = unitAfter(rest);
    if (lower in numberWords && unit === 'number') return whole;
    found.push({ value, unit, text: `${raw} ${rest.split(/\s+/).filter(Boolean).slice(0, 2).join(' ')}`.trim() });
    return whole;
  });
  return found;
}
