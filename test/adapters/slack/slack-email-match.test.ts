import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findPerson } from '../../../src/directory/find-person.ts';
import type { Db } from '../../../src/storage/open-database.ts';
import { chatUserOf, personOfChatUser, rememberChatIdentity } from '../../../src/directory/chat-identities.ts';
import { loadExamples } from '../../support/examples.ts';
import { buttonClick, eventCallback, expectApiCall, mockAuthTest, slackApi, startSlackService, submission } from './slack-harness.ts';

const form = { contentType: 'application/x-www-form-urlencoded' };

describe('Slack users the directory knows only by email', () => {
  let db: Db;

  beforeAll(async () => {
    db = await loadExamples();
    // A directory without Slack ids for Ana and Tom: Slack finds them by the email on their profile.
    db.prepare("UPDATE directory_users SET slack_id = NULL WHERE tenant = 'acme' AND user_id IN ('ana', 'tom')").run();
  });
  afterAll(() => db.close());
  afterEach(() => nock.cleanAll());

  it('keeps a match only while the directory keeps the email it was made by', () => {
    const tom = findPerson(db, 'acme', 'id', 'tom')!;
    expect(personOfChatUser(db, 'acme', 'slack', 'U0TOM2')).toBeUndefined();
    rememberChatIdentity(db, 'slack', 'U0TOM2', tom, new Date('2026-11-24T10:00:00Z'));
    expect(personOfChatUser(db, 'acme', 'slack', 'U0TOM2')?.id).toBe('tom');
    expect(chatUserOf(db, 'slack', tom)).toBe('U0TOM2');
    // Writing within the day, the match stands; a day and a second after it, Slack is asked again.
    expect(personOfChatUser(db, 'acme', 'slack', 'U0TOM2', new Date('2026-11-25T09:59:59Z'))?.id).toBe('tom');
    expect(personOfChatUser(db, 'acme', 'slack', 'U0TOM2', new Date('2026-11-25T10:00:01Z'))).toBeUndefined();
    // Another tenant never sees it.
    expect(personOfChatUser(db, 'globex', 'slack', 'U0TOM2')).toBeUndefined();

    db.prepare("UPDATE directory_users SET email = 'tom.b@acme.example' WHERE tenant = 'acme' AND user_id = 'tom'").run();
    expect(personOfChatUser(db, 'acme', 'slack', 'U0TOM2')).toBeUndefined();
    expect(chatUserOf(db, 'slack', findPerson(db, 'acme', 'id', 'tom'))).toBeUndefined();
    db.prepare("UPDATE directory_users SET email = 'tom.baker@acme.example' WHERE tenant = 'acme' AND user_id = 'tom'").run();
  });

  describe('through the Slack app', () => {
    let service: Awaited<ReturnType<typeof startSlackService>>;
    beforeAll(async () => {
      service = await startSlackService(db);
    });
    afterAll(() => service.close());

    const dm = (text: string, ts: string) => eventCallback({ type: 'message', channel_type: 'im', user: 'U0ANA2', text, ts, channel: 'D0ANA2' });

    it('answers them after one users.info, counts them in a channel, and opens their exception thread in their DM', async () => {
      mockAuthTest();
      const looked = nock(slackApi).post('/api/users.info', (body) => body.user === 'U0ANA2').reply(200, { ok: true, user: { id: 'U0ANA2', team_id: 'T0ACME', profile: { email: 'Ana.Souza@acme.example' } } });
      const first = expectApiCall('chat.postMessage', { ok: true, ts: '1763900001.000100' });
      await service.post(dm("what's the hotel limit per night?", '1763900000.000100'));
      expect((await first).text).toContain('$250');
      expect(looked.isDone()).toBe(true);

      // Within the day, no second users.info: the match is kept.
      const second = expectApiCall('chat.postMessage', { ok: true, ts: '1763900001.000200' });
      await service.post(dm('can I accept a gift from a supplier?', '1763900000.000200'));
      expect((await second).text).toContain('gift');

      // In a channel of Ana and the bot, Ana is someone the directory knows: the answer is posted for everyone.
      nock(slackApi).post('/api/conversations.members').reply(200, { ok: true, members: ['U0ANA2', 'U0BOT'], response_metadata: { next_cursor: '' } });
      const inChannel = expectApiCall('chat.postMessage', { ok: true, ts: '1763900001.000300' });
      await service.post(eventCallback({ type: 'app_mention', user: 'U0ANA2', text: "<@U0BOT> what's the hotel limit per night?", ts: '1763900000.000300', channel: 'C0ANAS' }));
      expect(await inChannel).toMatchObject({ channel: 'C0ANAS', thread_ts: '1763900000.000300' });

      // Her exception request: the notifier finds her DM by the kept match, not by a Slack id the directory lacks.
      const opened = expectApiCall('views.open', { ok: true, view: { id: 'V0INTAKE' } });
      const clause = JSON.stringify({ policyId: 'travel', version: '4.2', section: '2. Airfare' });
      await service.post(buttonClick('U0ANA2', 'exception.open#2', clause, 'D0ANA2'), form);
      const view = JSON.parse((await opened).view!) as { private_metadata: string };
      nock(slackApi).persist().post('/api/conversations.members', (body) => body.channel === 'C0ACMEFIN').reply(200, { ok: true, members: ['U0ACMEDEV', 'U0BOT'], response_metadata: { next_cursor: '' } });
      const dmOpened = expectApiCall('conversations.open', { ok: true, channel: { id: 'D0ANA2' } });
      const thread = expectApiCall('chat.postMessage', { ok: true, ts: '1763900300.000100' }, (body) => body.channel === 'D0ANA2');
      const card = expectApiCall('chat.postMessage', { ok: true, ts: '1763900300.000200' }, (body) => body.channel === 'C0ACMEFIN');
      const response = await service.post(
        submission('U0ANA2', 'exception.intake', view.private_metadata, { justification: { type: 'plain_text_input', value: 'Overnight flight to a customer launch.' } }),
        form,
      );
      expect(response.status).toBe(200);
      expect((await dmOpened).users).toBe('U0ANA2');
      expect((await thread).text).toContain('is with finance');
      expect((await card).text).toContain('Ana Souza');
    });
  });
});
