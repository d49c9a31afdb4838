import { suggestClauses } from '../../exceptions/suggest-clauses.ts';
import type { Card, CardAction } from '../card.ts';
import type { MessageIntent } from '../chat-handlers.ts';
import { exceptionIntakeForm } from '../cards/exception-intake-form.ts';

const exceptionRequest = /^\s*(?:exception\b\s*:?|(?:i (?:need|want|would like)|can i (?:get|have|request)|request|requesting) (?:an? )?(?:exception|waiver)\b)\s*(?:to|for|:)?\s*/i;

/**
 * "exception: I need to fly business class to Tokyo": the clauses the
 * request most likely departs from, each with a button that opens the intake
 * form on it, for the requester to confirm. Only the requester sees it.
 */
export const exceptionIntent: MessageIntent = {
  name: 'exception',
  matches: (text) => exceptionRequest.test(text),
  async handle(deps, event) {
    const what = event.text.replace(exceptionRequest, '').trim();
    if (!what) {
      const text = 'Tell me what you need an exception for, for example: "exception: fly business class to Tokyo for a 14-hour flight".';
      return [{ kind: 'card', card: { body: [{ type: 'text', text }], actions: [], summary: text }, to: 'asker' }];
    }
    const clauses = (await suggestClauses(deps, { tenant: event.tenant, requester: event.personId, text: what, limit: 3 })).filter((clause) => clause.exceptions === 'allowed');
    if (clauses.length === 0) {
      const text = "I couldn't find a policy clause that allows exceptions for that. Ask me about the policy first, or ask the team that owns it.";
      return [{ kind: 'card', card: { body: [{ type: 'text', text }], actions: [], summary: text }, to: 'asker' }];
    }
    const actions: CardAction[] = clauses.map((clause) => {
      const ref = { policyId: clause.policyId, version: clause.version, section: clause.section, ...(clause.jurisdiction ? { jurisdiction: clause.jurisdiction } : {}) };
      return { id: 'exception.open', label: `${clause.title}: ${clause.section}`.slice(0, 75), value: ref, form: exceptionIntakeForm({ ...ref, title: clause.title, quote: clause.quote }) };
    });
    const card: Card = {
      body: [
        { type: 'text', text: `Which policy clause is your request about? Pick one to open the request form.` },
        ...clauses.flatMap((clause) => [{ type: 'text' as const, text: `**${clause.title}** (version ${clause.version}), "${clause.section}"` }, { type: 'quote' as const, text: clause.quote }]),
      ],
      actions,
      summary: 'Pick the policy clause your exception request is about',
    };
    return [{ kind: 'card', card, to: 'asker' }];
  },
};
