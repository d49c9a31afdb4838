import type { MessageIntent } from '../chat-handlers.ts';

const help = [
  'I answer questions about company policy from the policies you may see, and cite the policy, version and section.',
  '• Ask anything: "how many vacation days do I get?", "what is the hotel limit in London?"',
  '• Request an exception: "exception: I need to fly business class to Tokyo", or use **Request an exception** under an answer.',
  '• Reviewers decide on requests from the approval cards in their group\'s channel.',
].join('\n');

/** "help" (or "?") alone: what the bot can do. */
export const helpIntent: MessageIntent = {
  name: 'help',
  matches: (text) => /^\s*(help|\?|what can you do\??)\s*$/i.test(text),
  async handle() {
    return [{ kind: 'card', card: { body: [{ type: 'text', text: help }], actions: [], summary: 'What Policy Desk can do' }, to: 'asker' }];
  },
};
