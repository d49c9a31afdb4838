import { WebClient } from '@slack/web-api';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { createChannelAudience } from '../../../adapters/slack/channel-audience.ts';
import type { SlackBotIdentity } from '../../../adapters/slack/slack-bot-identity.ts';
import { loadExamples } from '../../support/examples.ts';

afterEach(() => nock.cleanAll());

const travel = [{ policyId: 'travel', version: '4.2' }];

describe('a Slack channel’s audience', () => {
  it('does not keep a member list read while Slack would not say who the bot is: once it does, the bot is left out', async () => {
    const db = await loadExamples();
    let bot: SlackBotIdentity | undefined;
    const audience = createChannelAudience(db, new WebClient('xoxb-test-token', { retryConfig: { retries: 0 } }), { botIdentity: async () => bot });
    const members = nock('https://slack.com')
      .post('/api/conversations.members')
      .times(2)
      .reply(200, { ok: true, members: ['U0ACMEANA', 'U0ACMETOM', 'U0BOT'], response_metadata: { next_cursor: '' } });
    // auth.test failing: the bot is one more stranger, so the answer stays private ...
    expect(await audience.everyMemberMaySee('acme', 'C0GENERAL', travel)).toBe(false);
    // ... and once Slack says who the bot is, the list is read again rather than taken from a cache.
    bot = { botUserId: 'U0BOT' };
    expect(await audience.everyMemberMaySee('acme', 'C0GENERAL', travel)).toBe(true);
    expect(members.isDone()).toBe(true);
    db.close();
  });

  it('reads the member list now when asked for a live answer (a card posted for everyone), not the one kept for a minute', async () => {
    const db = await loadExamples();
    const audience = createChannelAudience(db, new WebClient('xoxb-test-token', { retryConfig: { retries: 0 } }), { botIdentity: async () => ({ botUserId: 'U0BOT' }) });
    nock('https://slack.com').post('/api/conversations.members').reply(200, { ok: true, members: ['U0ACMEANA', 'U0BOT'], response_metadata: { next_cursor: '' } });
    expect(await audience.everyMemberMaySee('acme', 'C0GENERAL', travel)).toBe(true);
    // A guest joined, and the join event has not come (or never will).
    nock('https://slack.com').post('/api/conversations.members').reply(200, { ok: true, members: ['U0ACMEANA', 'U0GUEST', 'U0BOT'], response_metadata: { next_cursor: '' } });
    expect(await audience.everyMemberMaySee('acme', 'C0GENERAL', travel)).toBe(true);
    expect(await audience.everyMemberMaySee('acme', 'C0GENERAL', travel, { live: true })).toBe(false);
    db.close();
  });
});
