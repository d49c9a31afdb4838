import type { Citation } from '../../src/answers/ask-result.ts';
import type { Card } from '../../src/chat/card.ts';
import { adaptiveCardContentType, cardToAdaptiveCard, citationLabel, type KeepForm } from './card-to-adaptive-card.ts';

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** Teams' citation entity: the numbered [n] markers in the message text, each with the document it points to. */
function messageEntity(citations: Citation[], generated: boolean): Record<string, unknown> {
  return {
    type: 'https://schema.org/Message',
    '@type': 'Message',
    '@context': 'https://schema.org',
    '@id': '',
    ...(generated ? { additionalType: ['AIGeneratedContent'] } : {}),
    ...(citations.length > 0
      ? {
          citation: citations.map((citation, index) => ({
            '@type': 'Claim',
            position: index + 1,
            appearance: {
              '@type': 'DigitalDocument',
              name: clip(citationLabel(citation), 80),
              abstract: clip(citation.quote.replace(/\s+/g, ' ').trim(), 160),
              keywords: [clip(citation.policyId, 28), clip(`version ${citation.version}`, 28), clip(`effective ${citation.effective}`, 28)],
            },
          })),
        }
      : {}),
  };
}

/**
 * A card as a Teams message. A card with sources (an answer) carries its
 * text as the message text, followed by [1] [2]… markers that Teams links to
 * its citation entities, and the AI-generated label when a model wrote it;
 * the Adaptive Card under it lists the sources and holds the buttons. Any
 * other card is an Adaptive Card alone, with its summary for notifications.
 */
export function cardToActivity(card: Card, keepForm?: KeepForm): Record<string, unknown> {
  const citations = card.body.flatMap((item) => (item.type === 'sources' ? item.citations.slice(0, 10) : []));
  const attachment = (withoutText: boolean) => ({ contentType: adaptiveCardContentType, content: cardToAdaptiveCard(card, { withoutText, ...(keepForm ? { keepForm } : {}) }) });
  if (citations.length === 0) {
    return {
      type: 'message',
      summary: clip(card.summary, 200),
      attachments: [attachment(false)],
      ...(card.generated ? { entities: [messageEntity([], true)] } : {}),
    };
  }
  const text = card.body.flatMap((item) => (item.type === 'text' ? [item.text] : [])).join('\n\n');
  const markers = citations.map((_, index) => `[${index + 1}]`).join(' ');
  return {
    type: 'message',
    textFormat: 'markdown',
    text: `${text} ${markers}`,
    summary: clip(card.summary, 200),
    attachments: [attachment(true)],
    entities: [messageEntity(citations, card.generated ?? false)],
  };
}
