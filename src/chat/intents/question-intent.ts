import { answerQuestion } from '../../answers/answer-question.ts';
import { loadCatalog } from '../../policies/load-catalog.ts';
import { answerCard } from '../cards/answer-card.ts';
import type { MessageIntent } from '../chat-handlers.ts';
import { replyTo } from '../reply-to.ts';

const emptyQuestion = 'Ask me a question about a company policy, for example: "how many vacation days do I get?"';

/**
 * Everything no other intent claims is a policy question: answered from what
 * the asker may see, with citations, in the conversation when every member
 * may see the cited versions, otherwise to the asker alone.
 */
export const questionIntent: MessageIntent = {
  name: 'question',
  matches: () => true,
  async handle(deps, event) {
    if (!event.text.trim()) return [{ kind: 'card', card: { body: [{ type: 'text', text: emptyQuestion }], actions: [], summary: emptyQuestion }, to: 'asker' }];
    const result = await answerQuestion(deps, { tenant: event.tenant, asker: { by: 'id', value: event.personId }, question: event.text, channel: event.conversation.id });
    const first = result.citations[0];
    const policy = first ? loadCatalog(deps.db, event.tenant).versions.find((v) => v.policyId === first.policyId && v.version === first.version) : undefined;
    const exceptionClause = first && policy?.exceptions === 'allowed' ? first : undefined;
    const to = result.status === 'answered' ? await replyTo(event, result.citations) : 'conversation';
    return [{ kind: 'card', card: answerCard(result, { ...(exceptionClause ? { exceptionClause } : {}), generated: deps.answerer.name !== 'offline' }), to }];
  },
};
