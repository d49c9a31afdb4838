import type { Db } from '../../src/storage/open-database.ts';

/** The directory people the scenarios use (examples/acme): each driver knows their platform ids. */
export type Who = 'ana' | 'tom' | 'dev' | 'sam' | 'stranger';

/** Where a question is asked: a personal chat with the bot, or a channel whose members are these people. */
export type Where = { personal: true } | { channel: true; members: Who[] };

/**
 * What a person saw after asking, normalized across platforms:
 * - `answeredIn`: the answer went to the conversation, to the asker alone, or nowhere (a refusal);
 * - `cited`: the sources named with the answer ("Travel policy, version 4.2");
 * - `refusal`: the words of a refusal, if the bot refused;
 * - `conversationSawPolicyText`: whether anything posted where others read it carried the answer's sources.
 */
export type AskOutcome = { answeredIn: 'conversation' | 'asker' | 'nowhere'; cited: string[]; refusal: string | undefined; conversationSawPolicyText: boolean };

/** What a click on Approve gave the clicker: a decision, or a refusal in words. */
export type ClickOutcome = { decided: boolean; told: string };

/** One chat platform driven through its real HTTP endpoint. */
export type ChatDriver = {
  name: string;
  start(db: Db): Promise<void>;
  stop(): Promise<void>;
  ask(who: Who, question: string, where: Where): Promise<AskOutcome>;
  approve(who: Who, requestId: number): Promise<ClickOutcome>;
};

/** "Travel policy, version 4.2" from citation labels however a platform words the rest. */
export function citedIn(labels: string[]): string[] {
  return [...new Set(labels.flatMap((label) => [...label.matchAll(/([A-Z][^,📄]*?), version ([\w.-]+)/g)].map((match) => `${match[1]!.trim()}, version ${match[2]}`)))];
}
