import type { Evidence } from '../retrieval/rank-evidence.ts';
import type { Answerer } from './answerer.ts';
import { citationFor } from './answerer.ts';
import { quoteContinuation, quoteEvidence } from './quote-evidence.ts';

/** Other sections are quoted too when their best sentence scores this close to the best one. */
const alsoQuoteShare = 0.85;

function describe(evidence: Evidence): string {
  return `${evidence.version.title} (version ${evidence.version.version}, "${evidence.section.heading}")`;
}

/**
 * The deterministic answerer that needs no model: it quotes the sentences
 * that answer the question, word for word, and cites where they come from.
 * The sentence after the quote, in the same paragraph, is shown as well,
 * because it often completes the quote's point. It never writes a claim of
 * its own.
 */
export function createOfflineAnswerer(): Answerer {
  return {
    name: 'offline',
    async answer({ evidence }) {
      const [best, ...rest] = evidence;
      if (!best) return { status: 'abstained' };
      const chosen = [best, ...rest.filter((other) => other.score >= best.score * alsoQuoteShare).slice(0, 2)];
      const quotes = chosen.map((item) => ({ item, quote: quoteEvidence(item) }));
      const lines = quotes.map(({ item, quote }, index) => {
        const next = quoteContinuation(item);
        return `${index === 0 ? 'According to' : 'Also, per'} ${describe(item)}: "${quote}"${next ? ` It goes on: "${next}"` : ''}`;
      });
      return {
        status: 'answered',
        answer: lines.join('\n'),
        citations: quotes.map(({ item, quote }) => citationFor(item, quote)),
      };
    },
  };
}
