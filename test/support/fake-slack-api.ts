import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ApiCall = { method: string; args: Record<string, string> };

/**
 * The Slack Web API on loopback, as far as Policy Desk uses it: every call is
 * recorded, messages get a ts, a DM opens as D0<user>. The service under test
 * runs in a process of its own, where nock cannot reach: this stands in.
 * `extra` answers further methods (its reply is merged into `{ ok: true }`).
 */
export async function startFakeSlackApi(extra: Record<string, (args: Record<string, string>) => Record<string, unknown>> = {}): Promise<{ server: Server; url: string; calls: ApiCall[] }> {
  const calls: ApiCall[] = [];
  let ts = 0;
  const server = createServer(async (request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString();
    const method = /^\/api\/([\w.]+)/.exec(request.url ?? '')?.[1] ?? '';
    const args = (request.headers['content-type'] ?? '').includes('json') ? (JSON.parse(raw) as Record<string, string>) : Object.fromEntries(new URLSearchParams(raw));
    calls.push({ method, args });
    const messageTs = `1763900000.${String(++ts).padStart(6, '0')}`;
    const replies: Record<string, Record<string, unknown>> = {
      'auth.test': { url: 'https://acme.slack.com/', team: 'Acme Robotics', user: 'policydesk', team_id: 'T0ACME', user_id: 'U0BOT', bot_id: 'B0BOT', is_enterprise_install: false },
      'chat.postMessage': { channel: args.channel, ts: messageTs, message: { ts: messageTs } },
      'chat.postEphemeral': { message_ts: messageTs },
      'chat.update': { channel: args.channel, ts: args.ts },
      'conversations.open': { channel: { id: `D0${String(args.users).replace(/^U0ACME/, '')}` } },
      'conversations.members': { members: ['U0ACMEANA', 'U0ACMEDEV'], response_metadata: { next_cursor: '' } },
      'views.open': { view: { id: `V0VIEW${ts}` } },
    };
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ ok: true, ...(replies[method] ?? extra[method]?.(args) ?? {}) }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`, calls };
}
