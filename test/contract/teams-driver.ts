import nock from 'nock';
import type { Db } from '../../src/storage/open-database.ts';
import {
  acmeEntraTenant,
  acmeTeam,
  actionInvoke,
  channelMention,
  createSigningKey,
  personalMessage,
  reviewersChannel,
  startTeamsService,
  startTeamsWorld,
  teamsUsers,
  type ConnectorCall,
  type FakeConnector,
} from '../adapters/teams/teams-harness.ts';
import { citedIn, type AskOutcome, type ChatDriver, type ClickOutcome, type Where, type Who } from './chat-driver.ts';

const isPost = (call: ConnectorCall) => call.method === 'POST' && call.path.includes('/activities');
type Sent = { text?: string; entities?: { citation?: { appearance: { name: string } }[] }[] };

/** Teams through the real /api/messages endpoint: tokens signed with a key whose JWKS nock serves; the connector faked. */
export function teamsDriver(): ChatDriver {
  let service: Awaited<ReturnType<typeof startTeamsService>>;
  let connector: FakeConnector;
  let db: Db;
  const key = createSigningKey();

  /** Waits for the bot to finish what one activity caused (replies are posted after the HTTP response). */
  async function settle(since: number): Promise<ConnectorCall[]> {
    await connector.next(isPost, since);
    let count = -1;
    while (count !== connector.calls.length) {
      count = connector.calls.length;
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    return connector.calls.slice(since);
  }

  return {
    name: 'teams',
    async start(database) {
      db = database;
      ({ connector, service } = await startTeamsWorld(db, key));
    },
    async stop() {
      await service.close();
      nock.cleanAll();
    },
    async ask(who: Who, question: string, where: Where): Promise<AskOutcome> {
      connector.roster = 'members' in where ? where.members.map((member) => teamsUsers[member]) : [];
      const since = connector.calls.length;
      const activity = 'personal' in where ? personalMessage(teamsUsers[who], question) : channelMention(teamsUsers[who], question);
      const asked = (activity.conversation as { id: string }).id;
      await service.post(activity);
      const posts = (await settle(since)).filter(isPost);
      const answers = posts.filter((call) => (call.body as Sent).entities?.some((entity) => entity.citation));
      const inConversation = (call: ConnectorCall) => call.path.includes(`/conversations/${asked}/`);
      const cited = citedIn(answers.flatMap((call) => (call.body as Sent).entities!.flatMap((entity) => (entity.citation ?? []).map((c) => c.appearance.name))));
      const answer = answers[0];
      return {
        answeredIn: !answer ? 'nowhere' : inConversation(answer) ? 'conversation' : 'asker',
        cited,
        refusal: answer ? undefined : (posts[0]?.body as Sent | undefined)?.text,
        conversationSawPolicyText: 'personal' in where ? false : posts.some((call) => inConversation(call) && (call.body as Sent).entities?.some((entity) => entity.citation)),
      };
    },
    async approve(who: Who, requestId: number): Promise<ClickOutcome> {
      const before = db.prepare("SELECT count(*) AS n FROM audit_events WHERE type = 'exception.decided'").get() as { n: number };
      const response = await service.post(
        actionInvoke(teamsUsers[who], 'exception.approve', { requestId: String(requestId) }, {
          conversation: { id: `${reviewersChannel};messageid=card-${requestId}`, conversationType: 'channel', tenantId: acmeEntraTenant, isGroup: true },
          replyToId: `card-${requestId}`,
          channelData: { tenant: { id: acmeEntraTenant }, team: { id: acmeTeam }, channel: { id: reviewersChannel } },
        }),
      );
      const body = (await response.json()) as { type: string; value: unknown };
      const after = db.prepare("SELECT count(*) AS n FROM audit_events WHERE type = 'exception.decided'").get() as { n: number };
      return { decided: after.n > before.n, told: typeof body.value === 'string' ? body.value : JSON.stringify(body.value) };
    },
  };
}
