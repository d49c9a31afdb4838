import type { AskResult } from '../../src/answers/ask-result.ts';

/** Slack mrkdwn needs &, < and > escaped in text that is not markup. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Section text is limited to 3,000 characters. */
const clip = (text: string, max = 2900) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * An answer as Block Kit: the answer, then its sources (policy, version,
 * section, effective date) in a context block; a refusal or abstention is
 * said plainly. The plain `text` is the notification and screen-reader text.
 */
export function renderAnswer(
  result: AskResult,
  options: { answerId?: number; exceptionClause?: { policyId: string; version: string; jurisdiction?: string; section: string } } = {},
): { text: string; blocks: Record<string, unknown>[] } {
  const blocks: Record<string, unknown>[] = [{ type: 'section', text: { type: 'mrkdwn', text: clip(escapeMrkdwn(result.answer)) } }];
  if (result.citations.length > 0) {
    blocks.push({
      type: 'context',
      elements: result.citations.slice(0, 10).map((citation) => ({
        type: 'mrkdwn',
        text: escapeMrkdwn(
          `📄 ${citation.title}, version ${citation.version}${citation.jurisdiction ? ` (${citation.jurisdiction})` : ''}, "${citation.section}" · effective ${citation.effective}`,
        ),
      })),
    });
  }
  if (result.status === 'answered' && options.answerId !== undefined) {
    const button = (actionId: string, label: string, value: string) => ({ type: 'button', action_id: actionId, text: { type: 'plain_text', text: label, emoji: true }, value });
    const elements = [button('answer_feedback_up', '👍', String(options.answerId)), button('answer_feedback_down', '👎', String(options.answerId))];
    if (options.exceptionClause) elements.push(button('exception_open', 'Request an exception', JSON.stringify(options.exceptionClause)));
    blocks.push({ type: 'actions', block_id: `answer:${options.answerId}`, elements });
  }
  return { text: clip(result.answer, 3000), blocks };
}
