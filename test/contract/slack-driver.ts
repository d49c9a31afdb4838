import nock from 'nock';
import type { Db } from '../../src/storage/open-database.ts';
import { buttonClick, eventCallback, slackApi, startSlackService } from '../adapters/slack/slack-harness.ts';
import { citedIn, type AskOutcome, type ChatDriver, type ClickOutcome, type Where, type Who } from './chat-driver.ts';

const slackIds: Record<Who, string> = { ana: 'U0ACMEANA', tom: 'U0ACMETOM', dev: 'U0ACMEDEV', sam: 'U0ACMESAM', stranger: 'U0NOBODY' };
type Call = { method: string; body: Record<string, string> };

/** Slack through the real Bolt endpoint (/slack/events, signed requests); the Web API faked, every call recorded. */
export function slackDriver(): ChatDriver {
  let service: Awaited<ReturnType<typeof startSlackService>>;
  let db: Db;
  const calls: Call[] = [];
  let members: string[] = [];
  let sequence = 0;

  function fakeWebApi() {
    nock(slackApi)
      .persist()
      .post(/\/api\/[\w.]+/)
      .reply(function (path, body) {
        const method = path.replace('/api/', '');
        const parsed = typeof body === 'string' ? Object.fromEntries(new URLSearchParams(body)) : (body as Record<string, string>);
        calls.push({ method, body: parsed });
        if (method === 'auth.test') return [200, { ok: true, team_id: 'T0ACME', user_id: 'U0BOT', bot_id: 'B0BOT' }];
        if (method === 'conversations.members') return [200, { ok: true, members, response_metadata: { next_cursor: '' } }];
        if (method === 'users.info') return [200, { ok: true, user: { id: parsed.user, team_id: 'T0ACME', profile: { email: `${parsed.user}@elsewhere.example` } } }];
        if (method === 'conversations.replies') return [200, { ok: true, messages: [] }];
        return [200, { ok: true, channel: parsed.channel ?? 'C0', ts: `1763900${String(++sequence).padStart(3, '0')}.000100` }];
      });
  }

  async function settle(since: number): Promise<Call[]> {
    const start = Date.now();
    while (!calls.slice(since).some((call) => call.method.startsWith('chat.'))) {
      if (Date.now() - start > 5000) throw new Error('Slack posted nothing');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    let count = -1;
    while (count !== calls.length) {
      count = calls.length;
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    return calls.slice(since);
  }

  /** The citation labels of a message's Block Kit context blocks. */
  const citations = (call: Call) =>
    (JSON.parse(call.body.blocks ?? '[]') as { type: string; elements?: { text?: string }[] }[])
      .filter((block) => block.type === 'context')
      .flatMap((block) => (block.elements ?? []).map((element) => element.text ?? ''));

  return {
    name: 'slack',
    async start(database) {
      db = database;
      fakeWebApi();
      service = await startSlackService(db);
    },
    async stop() {
      await service.close();
      nock.cleanAll();
    },
    async ask(who: Who, question: string, where: Where): Promise<AskOutcome> {
      members = 'members' in where ? where.members.map((member) => slackIds[member]) : [];
      const since = calls.length;
      const ts = `1763901${String(++sequence).padStart(3, '0')}.000200`;
      const channel = 'personal' in where ? `D0${who.toUpperCase()}` : 'C0ACMESALES';
      const event = 'personal' in where
        ? { type: 'message', channel, channel_type: 'im', user: slackIds[who], text: question, ts }
        : { type: 'app_mention', channel, user: slackIds[who], text: `<@U0BOT> ${question}`, ts };
      await service.post(eventCallback(event));
      const posts = (await settle(since)).filter((call) => ['chat.postMessage', 'chat.postEphemeral', 'chat.update'].includes(call.method));
      const answers = posts.filter((call) => citations(call).length > 0);
      const answer = answers[0];
      const inConversation = (call: Call) => call.method !== 'chat.postEphemeral' && call.body.channel === channel;
      return {
        answeredIn: !answer ? 'nowhere' : inConversation(answer) ? 'conversation' : 'asker',
        cited: citedIn(answers.flatMap(citations)),
        refusal: answer ? undefined : posts[0]?.body.text,
        conversationSawPolicyText: 'personal' in where ? false : posts.some((call) => inConversation(call) && citations(call).length > 0),
      };
    },
    async approve(who: Who, requestId: number): Promise<ClickOutcome> {
      const before = db.prepare("SELECT count(*) AS n FROM audit_events WHERE type = 'exception.decided'").get() as { n: number };
      const since = calls.length;
      await service.post(buttonClick(slackIds[who], 'exception.approve#0', JSON.stringify({ requestId: String(requestId) })), { contentType: 'application/x-www-form-urlencoded' });
      const posted = await settle(since);
      const after = db.prepare("SELECT count(*) AS n FROM audit_events WHERE type = 'exception.decided'").get() as { n: number };
      const whisper = posted.find((call) => call.method === 'chat.postEphemeral');
      return { decided: after.n > before.n, told: whisper?.body.text ?? posted.map((call) => call.body.blocks ?? call.body.text ?? '').join('\n') };
    },
  };
}
