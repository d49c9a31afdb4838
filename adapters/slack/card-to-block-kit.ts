import type { Card, CardElement, Form } from '../../src/chat/card.ts';
import type { Citation } from '../../src/answers/ask-result.ts';

type Block = Record<string, unknown>;

/** Slack mrkdwn needs &, < and > escaped in text that is not markup. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The core's one markup, `**bold**`, is `*bold*` in Slack. */
const mrkdwn = (text: string) => escapeMrkdwn(text).replace(/\*\*([^*]+)\*\*/g, '*$1*');
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
const plain = (text: string, max = 150) => ({ type: 'plain_text', text: clip(text, max), emoji: true });
const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text: clip(text, 2900) } });

/** A source as people read it: policy, version, jurisdiction variant, section and effective date. */
export function sourceLine(citation: Citation): string {
  return `📄 ${citation.title}, version ${citation.version}${citation.jurisdiction ? ` (${citation.jurisdiction})` : ''}, "${citation.section}" · effective ${citation.effective}`;
}

function elementBlocks(element: CardElement): Block[] {
  switch (element.type) {
    case 'text':
      return [section(mrkdwn(element.text))];
    case 'quote':
      return [section(`> ${mrkdwn(clip(element.text, 2800)).replace(/\n/g, '\n> ')}`)];
    case 'facts':
      // A section holds at most 10 fields.
      return [{ type: 'section', fields: element.facts.slice(0, 10).map((fact) => ({ type: 'mrkdwn', text: clip(`*${escapeMrkdwn(fact.label)}*\n${escapeMrkdwn(fact.value)}`, 2000) })) }];
    case 'sources':
      return element.citations.length === 0 ? [] : [{ type: 'context', elements: element.citations.slice(0, 10).map((citation) => ({ type: 'mrkdwn', text: escapeMrkdwn(sourceLine(citation)) })) }];
    case 'note':
      return [{ type: 'context', elements: [{ type: 'mrkdwn', text: clip(mrkdwn(element.text), 2900) }] }];
  }
}

/** Keeps a button's form and returns the key the button carries instead (see src/chat/form-store.ts). */
export type KeepForm = (form: Form) => string;

/**
 * A core card as a Block Kit message. Buttons carry the core action id
 * (suffixed `#n`, since ids must be unique within a block) and the action's
 * value as JSON, with the key of its form (`_form`) when it has one; Slack
 * shows `text` in notifications and to screen readers.
 */
export function cardToBlockKit(card: Card, keepForm?: KeepForm): { text: string; blocks: Block[] } {
  const blocks: Block[] = [];
  if (card.title) blocks.push({ type: 'header', text: plain(card.title) });
  for (const element of card.body) blocks.push(...elementBlocks(element));
  if (card.generated) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: '✨ AI-generated from the cited policies; check the sources.' }] });
  if (card.actions.length > 0) {
    blocks.push({
      type: 'actions',
      block_id: clip(card.key ?? 'actions', 255),
      elements: card.actions.slice(0, 25).map((action, index) => ({
        type: 'button',
        action_id: `${action.id}#${index}`,
        text: plain(action.label, 75),
        value: JSON.stringify(action.form && keepForm ? { ...action.value, _form: keepForm(action.form) } : action.value),
        ...(action.style ? { style: action.style } : {}),
      })),
    });
  }
  // Slack refuses more than 50 blocks in a message.
  // The fallback text is what notifications show: escaped like the blocks, so "<!channel>" typed by someone is not a mention.
  return { text: clip(escapeMrkdwn(card.summary), 3000), blocks: blocks.slice(0, 50) };
}

/** The core action id of a Slack button (`exception.approve#0` → `exception.approve`). */
export function coreActionId(actionId: string): string {
  return actionId.split('#')[0]!;
}
