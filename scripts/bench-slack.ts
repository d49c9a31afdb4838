/**
 * npm run bench:slack -- [--rate 200] [--seconds 10] [--concurrency 32] [--closed-seconds 5]
 *                        [--slow-rate 50] [--slow-seconds 5] [--slow-ms 20000] [--grace 2]
 *                        [--warmup 200] [--drain 30] [--profile] [--profile-out FILE] [--json]
 *
 * Sends signed `app_mention` event callbacks, over loopback HTTP, to
 *   1. Policy Desk's Slack app (createSlackApp on createHttpServer, offline
 *      answerer, example tenants in a temporary SQLite file), and
 *   2. a bare Bolt app (Bolt's own HTTPReceiver, an app_mention listener that
 *      does nothing: the event is only acknowledged),
 * and, for the "slow LLM" phase, 3. Policy Desk's Slack app again with an
 * answerer that takes --slow-ms (20 s) per answer.
 *
 * Each app runs in a child process of its own; so does a fake Slack Web API
 * on 127.0.0.1 (auth.test, chat.postMessage, chat.postEphemeral,
 * conversations.members...), passed to the apps as `apiUrl`. The load is
 * generated from this process. Nothing leaves the loopback interface.
 *
 * Phases per app: an unmeasured warm-up, an open-loop phase (--rate events/s
 * for --seconds, sent on schedule whatever the responses do: ack latency =
 * time to the HTTP response), then a closed-loop phase (--concurrency senders,
 * each sending its next event as soon as the previous one is acknowledged, for
 * --closed-seconds: maximum ack throughput). For Policy Desk the answers
 * posted to the fake Web API are counted too (mention → answer posted), and
 * the bench waits up to --drain seconds for them after each phase.
 *
 * Besides the figures the issue asks for, it prints what explains them: the
 * app process's event-loop delay and CPU, where an ack's time went (before
 * the server handled the request, reading the body, Bolt until the ack), ack
 * latency on new vs kept-alive TCP connections with the kernel's accept-queue
 * overflow and SYN-retransmit counters (Linux), and ack latency by the second.
 *
 * Prints the figures next to the issue's targets; it never fails on them.
 * --profile writes a CPU profile of the Policy Desk (offline) process and
 * prints where its time went; --profile-out FILE also keeps it (open it in
 * Chrome DevTools or speedscope).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { Agent, createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseScriptArgs } from './parse-script-args.ts';

const scriptFile = fileURLToPath(import.meta.url);
const repoRoot = resolve(dirname(scriptFile), '..');
const examplesDir = join(repoRoot, 'examples');

const signingSecret = '8f742231b10e8888abcd99yyyzzz85a5';
const botToken = 'xoxb-bench-token';
const team = 'T0ACME';

/** The issue's targets, printed next to the figures (never asserted). */
const targets = { throughputRatio: 0.5, ackP99Ms: 100, ackP99AtRate: 200, slowAckP99Ms: 1000, slowAnswerMs: 20_000 };

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across the processes of this run. */
const wallMs = () => performance.timeOrigin + performance.now();

// ---------------------------------------------------------------------------
// Child processes: the fake Web API, Policy Desk's Slack app, the bare Bolt app
// ---------------------------------------------------------------------------

type ChildMessage = { id?: number; type: string; [key: string]: unknown };

/** Answers the parent's numbered requests over IPC. */
function serveParent(handlers: Record<string, () => unknown | Promise<unknown>>): void {
  process.on('message', async (message: ChildMessage) => {
    const handler = handlers[message.type];
    const reply = handler ? await handler() : { error: `unknown request ${message.type}` };
    process.send?.({ id: message.id, type: 'reply', ...(reply as object) });
    if (message.type === 'stop') process.exit(0);
  });
  // The parent going away (Ctrl-C, a crash) takes its children with it.
  process.on('disconnect', () => process.exit(0));
}

/** Event-loop delay and CPU of this process since the last reset. */
function createProcessMeter() {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  let cpu = process.cpuUsage();
  let since = performance.now();
  return {
    reset() {
      delay.reset();
      cpu = process.cpuUsage();
      since = performance.now();
    },
    read() {
      const used = process.cpuUsage(cpu);
      const elapsed = performance.now() - since;
      return {
        loopDelayP50Ms: delay.percentile(50) / 1e6,
        loopDelayP99Ms: delay.percentile(99) / 1e6,
        loopDelayMaxMs: delay.max / 1e6,
        cpuPercent: (100 * (used.user + used.system)) / 1000 / elapsed,
        rssMb: process.memoryUsage().rss / 1024 / 1024,
      };
    },
  };
}

async function listenOnLoopback(server: ReturnType<typeof createServer>): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

/** The Slack Web API as far as the apps use it: every method answers ok. */
async function runFakeApi(): Promise<void> {
  const members = (JSON.parse(process.env.BENCH_MEMBERS ?? '[]') as string[]);
  const calls = new Map<string, number>();
  /** Messages posted in a mention's thread: [thread_ts, when, answer or placeholder]. */
  let posted: [string, number, 'answer' | 'placeholder'][] = [];
  /** ts of each message posted → its thread, so a placeholder updated in place is traced to its mention. */
  const threadOf = new Map<string, string>();
  let ts = 0;
  const meter = createProcessMeter();
  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const raw = await readBody(request);
    const at = wallMs();
    const method = /^\/api\/([\w.]+)/.exec(request.url ?? '')?.[1] ?? 'unknown';
    calls.set(method, (calls.get(method) ?? 0) + 1);
    let args: Record<string, unknown> = {};
    try {
      args = (request.headers['content-type'] ?? '').includes('json') ? (JSON.parse(raw) as Record<string, unknown>) : Object.fromEntries(new URLSearchParams(raw));
    } catch {
      // An unreadable body still gets ok: the bench measures the apps, not this.
    }
    // An answer carries blocks (the quote, the buttons); a "looking it up" placeholder is text only.
    const kind = args.blocks ? 'answer' : 'placeholder';
    let reply: Record<string, unknown> = { ok: true };
    if (method === 'auth.test') {
      reply = { ok: true, url: 'https://acme.slack.com/', team: 'Acme Robotics', user: 'policydesk', team_id: team, user_id: 'U0BOT', bot_id: 'B0BOT', is_enterprise_install: false };
    } else if (method === 'chat.postMessage' || method === 'chat.postEphemeral') {
      const messageTs = `1763900000.${String(++ts).padStart(6, '0')}`;
      if (typeof args.thread_ts === 'string') {
        posted.push([args.thread_ts, at, method === 'chat.postEphemeral' ? 'answer' : kind]);
        if (method === 'chat.postMessage') threadOf.set(messageTs, args.thread_ts);
      }
      reply = method === 'chat.postMessage' ? { ok: true, channel: args.channel, ts: messageTs, message: { ts: messageTs } } : { ok: true, message_ts: messageTs };
    } else if (method === 'chat.update') {
      const thread = threadOf.get(String(args.ts));
      if (thread) posted.push([thread, at, kind]);
      reply = { ok: true, channel: args.channel, ts: args.ts };
    } else if (method === 'conversations.members') {
      reply = { ok: true, members, response_metadata: { next_cursor: '' } };
    }
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(reply));
  });
  server.keepAliveTimeout = 60_000;
  const port = await listenOnLoopback(server);
  serveParent({
    stats: () => ({ calls: Object.fromEntries(calls), answers: posted.filter((p) => p[2] === 'answer').length, placeholders: posted.filter((p) => p[2] === 'placeholder').length, ...meter.read() }),
    /** The posts since the last take, emptied. */
    take: () => {
      const taken = posted;
      posted = [];
      return { posted: taken };
    },
    reset: () => {
      posted = [];
      threadOf.clear();
      calls.clear();
      meter.reset();
      return {};
    },
    stop: () => ({}),
  });
  process.send?.({ type: 'ready', port });
}

/** Policy Desk's Slack app on Policy Desk's HTTP server, as src/main.ts mounts it. */
async function runPolicyDesk(): Promise<void> {
  const { createSlackApp } = await import('../adapters/slack/create-slack-app.ts');
  const { createOfflineAnswerer } = await import('../src/answers/offline-answerer.ts');
  const { createHttpServer } = await import('../src/http/create-http-server.ts');
  const { openDatabase } = await import('../src/storage/open-database.ts');
  type Answerer = import('../src/answers/answerer.ts').Answerer;
  type Logger = import('../src/logging/create-logger.ts').Logger;

  const dbFile = process.env.BENCH_DB!;
  const apiUrl = process.env.BENCH_API_URL!;
  const slowMs = Number(process.env.BENCH_SLOW_MS ?? 0);
  const db = openDatabase(dbFile);

  const counts = { warn: 0, error: 0, answersStarted: 0, answersFinished: 0, routesInFlight: 0, routesPeakInFlight: 0, routesDone: 0 };
  const firstProblems: string[] = [];
  const note = (level: 'warn' | 'error') => (message: string, fields?: Record<string, unknown>) => {
    counts[level] += 1;
    if (firstProblems.length < 5) firstProblems.push(`${level}: ${message} ${fields ? JSON.stringify(fields) : ''}`.trim());
  };
  const logger: Logger = { debug: () => undefined, info: () => undefined, warn: note('warn'), error: note('error') };

  const offline = createOfflineAnswerer();
  const answerer: Answerer = slowMs > 0
    ? {
        // The language model, mocked: the offline answer, after slowMs.
        name: 'slow-llm',
        answer: async (input) => {
          counts.answersStarted += 1;
          const draft = await offline.answer(input);
          await new Promise((done) => setTimeout(done, slowMs));
          counts.answersFinished += 1;
          return draft;
        },
      }
    : {
        name: offline.name,
        answer: async (input) => {
          counts.answersStarted += 1;
          const draft = await offline.answer(input);
          counts.answersFinished += 1;
          return draft;
        },
      };

  let timings: [string, number, number, number, number][] = [];
  const { receiver } = createSlackApp({ signingSecret, botToken, teams: { [team]: 'acme' }, apiUrl }, { db, answerer, logger });
  if (!receiver) throw new Error('createSlackApp gave no HTTP receiver');
  // The receiver's route resolves once Bolt's listeners are done (the ack went out long before): count what is in flight.
  const server = createHttpServer({
    db,
    logger,
    routes: [
      async (request, response) => {
        // Where an ack's time goes inside this process: request handed over → body read → response finished.
        const id = request.headers['x-bench-id'];
        if (typeof id === 'string') {
          const entered = wallMs();
          let bodyRead = Number.NaN;
          const socket = request.socket as typeof request.socket & { acceptedAt?: number; served?: number };
          // For the first request on a connection: when the server accepted it.
          const acceptedAt = socket.served ? Number.NaN : (socket.acceptedAt ?? Number.NaN);
          socket.served = (socket.served ?? 0) + 1;
          request.once('end', () => (bodyRead = wallMs()));
          response.once('finish', () => timings.push([id, entered, bodyRead, wallMs(), acceptedAt]));
        }
        counts.routesInFlight += 1;
        counts.routesPeakInFlight = Math.max(counts.routesPeakInFlight, counts.routesInFlight);
        try {
          return await receiver.route(request, response);
        } finally {
          counts.routesInFlight -= 1;
          counts.routesDone += 1;
        }
      },
    ],
  });
  server.on('connection', (socket) => ((socket as typeof socket & { acceptedAt?: number }).acceptedAt = wallMs()));
  const port = await listenOnLoopback(server);
  const meter = createProcessMeter();
  serveParent({
    stats: () => ({ ...counts, problems: firstProblems, ...meter.read() }),
    timings: () => {
      const taken = timings;
      timings = [];
      return { timings: taken };
    },
    reset: () => {
      timings = [];
      meter.reset();
      counts.routesPeakInFlight = counts.routesInFlight;
      return {};
    },
    stop: () => ({}),
  });
  process.send?.({ type: 'ready', port });
}

/** A Bolt app that only acknowledges app_mention events. */
async function runBareBolt(): Promise<void> {
  const { App, LogLevel } = await import('@slack/bolt');
  const app = new App({ signingSecret, token: botToken, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: process.env.BENCH_API_URL! } });
  app.event('app_mention', async () => undefined);
  const server = await app.start({ port: 0, host: '127.0.0.1' });
  const port = (server.address() as AddressInfo).port;
  const meter = createProcessMeter();
  serveParent({ stats: () => meter.read(), reset: () => (meter.reset(), {}), stop: () => ({}) });
  process.send?.({ type: 'ready', port });
}

// ---------------------------------------------------------------------------
// The parent: load generation and reporting
// ---------------------------------------------------------------------------

type Child = { process: ChildProcess; port: number; ask<T = Record<string, unknown>>(type: string): Promise<T>; stop(): Promise<void>; kill(): void };

async function startChild(role: string, env: Record<string, string>, execArgv: string[] = []): Promise<Child> {
  const child = fork(scriptFile, ['--role', role], { env: { ...process.env, ...env }, execArgv: [...process.execArgv, ...execArgv], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let nextId = 0;
  const pending = new Map<number, (reply: Record<string, unknown>) => void>();
  const ready = new Promise<number>((resolveReady, reject) => {
    child.once('exit', (code) => reject(new Error(`${role} exited with code ${code} before it was ready`)));
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'ready') resolveReady(message.port as number);
      else if (message.type === 'reply' && message.id !== undefined) {
        pending.get(message.id)?.(message);
        pending.delete(message.id);
      }
    });
  });
  const port = await ready;
  child.removeAllListeners('exit');
  let stopping = false;
  // A child dying mid-run would leave the bench waiting on its answers forever.
  child.once('exit', (code, signal) => {
    if (stopping) return;
    console.error(`bench:slack: the ${role} process died (${signal ?? `exit code ${code}`}); stopping`);
    process.exit(1);
  });
  const ask = <T,>(type: string) =>
    new Promise<T>((resolveReply) => {
      const id = ++nextId;
      pending.set(id, resolveReply as (reply: Record<string, unknown>) => void);
      child.send({ id, type });
    });
  return {
    process: child,
    port,
    ask,
    kill: () => {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      stopping = true;
      const exited = once(child, 'exit');
      child.send({ id: ++nextId, type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Questions about the acme policies, asked by acme directory users. */
const questions = [
  'What is the hotel limit per night?',
  'What is the hotel limit per night in New York?',
  'How many days of PTO do I get?',
  'how many days of paid time off do I get?',
  'Can I accept a gift from a vendor?',
  'How long must my password be?',
  'what is the nightly cap for accommodation?',
  'How much unused PTO can I carry over to next year?',
  'What is the meal per diem when travelling?',
  'Do I need approval before booking a flight?',
  'who approves an expense over the approval limit?',
  'how do I report a phishing email?',
  'how many weeks of parental leave do I get?',
  'can I fly business class on a long flight?',
  'do I have to disclose a conflict of interest?',
];
const channels = ['C0GENERAL', 'C0SALES', 'C0ENG', 'C0TRAVEL'];

type Event = { body: string; headers: Record<string, string>; ts: string };

let runNonce = '';

/** Events of a phase: event i is a signed app_mention callback with a unique event id, built on demand (timestamps stay valid for 5 minutes). */
type Events = { count: number; at(i: number): Event };

function makeEvents(phase: string, count: number, users: string[]): Events {
  const timestamp = Math.floor(Date.now() / 1000);
  const at = (i: number): Event => {
    const user = users[i % users.length]!;
    // The message ts doubles as the key of the answer posted in its thread.
    const ts = `${timestamp}.${phase}${String(i).padStart(6, '0')}`;
    const body = JSON.stringify({
      token: 'legacy-verification-token',
      team_id: team,
      context_team_id: team,
      api_app_id: 'A0POLICYDESK',
      event: {
        type: 'app_mention',
        user,
        text: `<@U0BOT> ${questions[(i + Math.floor(i / users.length)) % questions.length]}`,
        ts,
        channel: channels[i % channels.length],
        event_ts: ts,
        team,
      },
      type: 'event_callback',
      event_id: `Ev${runNonce}${phase}${String(i).padStart(6, '0')}`,
      event_time: timestamp,
      authorizations: [{ enterprise_id: null, team_id: team, user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
      is_ext_shared_channel: false,
      event_context: '4-eyJldCI6ImFwcF9tZW50aW9uIiwidGlkIjoiVDBBQ01FIn0',
    });
    const signature = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    return {
      body,
      ts,
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'x-bench-id': ts, 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestamp) },
    };
  };
  return { count, at };
}

type Sample = { ts: string; sentAt: number; ms: number; status: number; newConnection: boolean; connectMs?: number };

/** POSTs one event and resolves with its ack: HTTP status and the time to the full response. */
function send(agent: Agent, port: number, event: Event): Promise<Sample> {
  return new Promise((resolveSample) => {
    const sentAt = wallMs();
    const start = performance.now();
    let newConnection = false;
    let connectMs: number | undefined;
    const done = (status: number) => resolveSample({ ts: event.ts, sentAt, ms: performance.now() - start, status, newConnection, ...(connectMs === undefined ? {} : { connectMs }) });
    const request = httpRequest({ host: '127.0.0.1', port, path: '/slack/events', method: 'POST', headers: event.headers, agent }, (response) => {
      response.resume();
      response.on('end', () => done(response.statusCode ?? 0));
      response.on('error', () => done(0));
    });
    request.on('socket', (socket) => {
      newConnection = !request.reusedSocket;
      if (newConnection) socket.once('connect', () => (connectMs = performance.now() - start));
    });
    request.on('error', () => done(0));
    request.end(event.body);
  });
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

type LoadResult = { mode: 'open' | 'closed'; sent: number; acked: number; failed: number; statuses: Record<string, number>; seconds: number; acksPerSecond: number; samples: Sample[]; maxLateMs: number };

function summarizeLoad(mode: 'open' | 'closed', samples: Sample[], seconds: number, maxLateMs: number): LoadResult {
  const statuses: Record<string, number> = {};
  for (const sample of samples) statuses[sample.status] = (statuses[sample.status] ?? 0) + 1;
  const acked = samples.filter((sample) => sample.status === 200).length;
  return { mode, sent: samples.length, acked, failed: samples.length - acked, statuses, seconds, acksPerSecond: acked / seconds, samples, maxLateMs };
}

/** Open loop: event i leaves at start + i/rate, whatever the earlier responses are doing. */
async function openLoop(port: number, phaseEvents: Events, rate: number): Promise<LoadResult> {
  // Built before the clock starts, so the schedule is not slowed by JSON and HMACs.
  const events = Array.from({ length: phaseEvents.count }, (_, i) => phaseEvents.at(i));
  const agent = new Agent({ keepAlive: true, maxSockets: 1024 });
  const inFlight: Promise<Sample>[] = [];
  const start = performance.now();
  let maxLateMs = 0;
  let next = 0;
  while (next < events.length) {
    const elapsed = performance.now() - start;
    const due = Math.min(events.length, Math.floor((elapsed * rate) / 1000) + 1);
    for (; next < due; next++) {
      maxLateMs = Math.max(maxLateMs, elapsed - (next * 1000) / rate);
      inFlight.push(send(agent, port, events[next]!));
    }
    if (next < events.length) await sleep(Math.max(0, (next * 1000) / rate - (performance.now() - start)));
  }
  const samples = await Promise.all(inFlight);
  const end = Math.max(...samples.map((sample) => sample.sentAt + sample.ms)) - (performance.timeOrigin + start);
  agent.destroy();
  return summarizeLoad('open', samples, end / 1000, maxLateMs);
}

/** Closed loop: `concurrency` senders, each sending its next event once the previous one is acknowledged, for `seconds`. */
async function closedLoop(port: number, events: Events, concurrency: number, seconds: number): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const samples: Sample[] = [];
  const start = performance.now();
  const deadline = start + seconds * 1000;
  let next = 0;
  const sender = async () => {
    while (performance.now() < deadline && next < events.count) samples.push(await send(agent, port, events.at(next++)));
  };
  await Promise.all(Array.from({ length: concurrency }, sender));
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  if (next >= events.count && seconds < 3600) process.stderr.write(`  (closed loop ran out of its ${events.count} events before ${seconds} s)\n`);
  return summarizeLoad('closed', samples, elapsed, 0);
}

/** Linux TCP counters of this network namespace (accept-queue overflows, SYN retransmits); empty elsewhere. */
function tcpCounters(): Record<string, number> {
  try {
    const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n').filter((line) => line.startsWith('TcpExt:'));
    const names = lines[0]!.split(/\s+/).slice(1);
    const counts = lines[1]!.split(/\s+/).slice(1).map(Number);
    const wanted = ['ListenOverflows', 'ListenDrops', 'TCPSynRetrans'];
    return Object.fromEntries(names.map((name, i) => [name, counts[i]!]).filter(([name]) => wanted.includes(name as string)));
  } catch {
    return {};
  }
}

function counterDelta(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys(after).map((name) => [name, after[name]! - (before[name] ?? 0)]));
}

/** Nearest-rank percentile of ascending samples. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function latencies(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN };
}

type ProcessStats = { loopDelayP50Ms: number; loopDelayP99Ms: number; loopDelayMaxMs: number; cpuPercent: number; rssMb: number };

type PhaseReport = {
  app: string;
  phase: string;
  mode: 'open' | 'closed';
  offeredRate?: number;
  concurrency?: number;
  sent: number;
  acked: number;
  failed: number;
  statuses: Record<string, number>;
  seconds: number;
  acksPerSecond: number;
  ackMs: ReturnType<typeof latencies>;
  maxSendLateMs?: number;
  /** Requests that had to open a TCP connection (no idle keep-alive socket), and their ack latency vs the others'. */
  connections?: { opened: number; connectMs: ReturnType<typeof latencies>; ackMsNew: ReturnType<typeof latencies>; ackMsReused: ReturnType<typeof latencies> };
  /** Linux TCP counters over the phase (whole network namespace). */
  tcp?: Record<string, number>;
  /** Open loop: ack latency by the second of the phase in which the event was sent. */
  perSecond?: { second: number; sent: number; ackP50Ms: number; ackP99Ms: number }[];
  app_process: ProcessStats;
  /** Policy Desk only: the ack's time split at the app process: until the server hands the request over, reading the body, from the body read to the response finished (signature, Bolt, ack). */
  ackSplitMs?: { toAccept: ReturnType<typeof latencies>; acceptToHandler: ReturnType<typeof latencies>; toHandler: ReturnType<typeof latencies>; body: ReturnType<typeof latencies>; toAck: ReturnType<typeof latencies> };
  /** Policy Desk only: answers posted in the mention's thread. */
  answers?: { posted: number; placeholders: number; drainedSeconds: number; answersPerSecond: number; mentionToAnswerMs: ReturnType<typeof latencies>; listenerErrors: number; peakInFlight: number };
};

async function drainAnswers(api: Child, target: Child, samples: Sample[], phaseStart: number, drainSeconds: number) {
  const sentAt = new Map(samples.filter((s) => s.status === 200).map((s) => [s.ts, s.sentAt]));
  const answerMs: number[] = [];
  let lastPost = phaseStart;
  const deadline = performance.now() + drainSeconds * 1000;
  let errors = 0;
  let placeholders = 0;
  for (;;) {
    const { posted } = await api.ask<{ posted: [string, number, string][] }>('take');
    for (const [ts, at, kind] of posted) {
      const sent = sentAt.get(ts);
      if (sent === undefined) continue;
      if (kind === 'placeholder') {
        placeholders += 1;
        continue;
      }
      answerMs.push(at - sent);
      lastPost = Math.max(lastPost, at);
    }
    const stats = await target.ask<{ error: number; routesInFlight: number }>('stats');
    errors = stats.error;
    if ((answerMs.length >= sentAt.size && stats.routesInFlight === 0) || performance.now() > deadline) break;
    await sleep(100);
  }
  const drainedSeconds = (lastPost - phaseStart) / 1000;
  return { posted: answerMs.length, drainedSeconds, answersPerSecond: answerMs.length / drainedSeconds, mentionToAnswerMs: latencies(answerMs), errors, placeholders };
}

async function runPhase(
  options: { app: string; phase: string; api: Child; target: Child; answers: boolean; drainSeconds: number; errorsBefore: number },
  load: () => Promise<LoadResult>,
  offered: { rate?: number; concurrency?: number } = {},
): Promise<PhaseReport> {
  await options.api.ask('reset');
  await options.target.ask('reset');
  const phaseStart = wallMs();
  const tcpBefore = tcpCounters();
  const result = await load();
  const tcp = counterDelta(tcpBefore, tcpCounters());
  const appProcess = await options.target.ask<ProcessStats>('stats');
  const report: PhaseReport = {
    app: options.app,
    phase: options.phase,
    mode: result.mode,
    ...(offered.rate ? { offeredRate: offered.rate } : {}),
    ...(offered.concurrency ? { concurrency: offered.concurrency } : {}),
    sent: result.sent,
    acked: result.acked,
    failed: result.failed,
    statuses: result.statuses,
    seconds: result.seconds,
    acksPerSecond: result.acksPerSecond,
    ackMs: latencies(result.samples.map((sample) => sample.ms)),
    connections: {
      opened: result.samples.filter((sample) => sample.newConnection).length,
      connectMs: latencies(result.samples.flatMap((sample) => (sample.connectMs === undefined ? [] : [sample.connectMs]))),
      ackMsNew: latencies(result.samples.filter((sample) => sample.newConnection).map((sample) => sample.ms)),
      ackMsReused: latencies(result.samples.filter((sample) => !sample.newConnection).map((sample) => sample.ms)),
    },
    tcp,
    ...(result.mode === 'open' ? { maxSendLateMs: result.maxLateMs, perSecond: perSecond(result.samples) } : {}),
    app_process: pick(appProcess),
  };
  if (options.answers) {
    const { timings } = await options.target.ask<{ timings: [string, number, number, number, number][] }>('timings');
    const sentAt = new Map(result.samples.map((sample) => [sample.ts, sample.sentAt]));
    const split = timings.filter(([id]) => sentAt.has(id));
    const firsts = split.filter(([, , , , acceptedAt]) => Number.isFinite(acceptedAt));
    report.ackSplitMs = {
      toAccept: latencies(firsts.map(([id, , , , acceptedAt]) => acceptedAt - sentAt.get(id)!)),
      acceptToHandler: latencies(firsts.map(([, entered, , , acceptedAt]) => entered - acceptedAt)),
      toHandler: latencies(split.map(([id, entered]) => entered - sentAt.get(id)!)),
      body: latencies(split.map(([, entered, bodyRead]) => bodyRead - entered).filter(Number.isFinite)),
      toAck: latencies(split.map(([, entered, bodyRead, finished]) => finished - (Number.isFinite(bodyRead) ? bodyRead : entered))),
    };
    const drained = await drainAnswers(options.api, options.target, result.samples, phaseStart, options.drainSeconds);
    const stats = await options.target.ask<{ routesPeakInFlight: number }>('stats');
    report.answers = { posted: drained.posted, placeholders: drained.placeholders, drainedSeconds: drained.drainedSeconds, answersPerSecond: drained.answersPerSecond, mentionToAnswerMs: drained.mentionToAnswerMs, listenerErrors: drained.errors - options.errorsBefore, peakInFlight: stats.routesPeakInFlight };
  }
  return report;
}

function perSecond(samples: Sample[]) {
  if (samples.length === 0) return [];
  const first = Math.min(...samples.map((sample) => sample.sentAt));
  const buckets: number[][] = [];
  for (const sample of samples) (buckets[Math.floor((sample.sentAt - first) / 1000)] ??= []).push(sample.ms);
  return [...buckets].map((ms, second) => {
    const stats = latencies(ms ?? []);
    return { second, sent: stats.n, ackP50Ms: stats.p50, ackP99Ms: stats.p99 };
  });
}

function pick(stats: ProcessStats): ProcessStats {
  const { loopDelayP50Ms, loopDelayP99Ms, loopDelayMaxMs, cpuPercent, rssMb } = stats;
  return { loopDelayP50Ms, loopDelayP99Ms, loopDelayMaxMs, cpuPercent, rssMb };
}

/**
 * Where a V8 CPU profile's time went: self time per function and per file or
 * package, and total (inclusive) time of the project's own functions, top first.
 */
function summarizeProfile(file: string) {
  type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const where = (node: Node) => {
    const url = node.callFrame.url;
    return url.startsWith('file://') ? relative(repoRoot, fileURLToPath(url)) : url || '(native)';
  };
  const nameOf = (node: Node) => `${node.callFrame.functionName || '(anonymous)'} ${where(node)}`;
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, index) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000));
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  for (const [id, ms] of selfMs) {
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') continue;
    total += ms;
    const url = where(node);
    byFunction.set(nameOf(node), (byFunction.get(nameOf(node)) ?? 0) + ms);
    const area = url.startsWith('node_modules/') ? url.split('/').slice(0, url.startsWith('node_modules/@') ? 3 : 2).join('/') : url;
    byFile.set(area, (byFile.get(area) ?? 0) + ms);
    // Each project function on the stack once, however deep the recursion.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const frame = byId.get(at)!;
      if (!/^(src|adapters)\//.test(where(frame)) || !frame.callFrame.functionName) continue;
      const name = nameOf(frame);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
    }
  }
  const top = (map: Map<string, number>, n: number) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([name, ms]) => ({ name, ms, share: ms / total }));
  return { busyMs: total, functions: top(byFunction, 15), files: top(byFile, 12), projectInclusive: top(inclusive, 20) };
}

// ---------------------------------------------------------------------------

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '-');
const verdict = (met: boolean) => (met ? 'met' : 'MISSED');

function printTable(reports: PhaseReport[]): void {
  console.log('');
  console.log('app          phase         load                 acked  fail   acks/s  ack p50  ack p99  ack max   loop p99  cpu%   answers/s  answer p50  answer p99');
  for (const r of reports) {
    const load = r.mode === 'open' ? `open ${r.offeredRate}/s, ${fixed(r.seconds, 1)}s` : `closed x${r.concurrency}, ${fixed(r.seconds, 1)}s`;
    const a = r.answers;
    console.log(
      [r.app.padEnd(12), r.phase.padEnd(13), load.padEnd(20), String(r.acked).padStart(6), String(r.failed).padStart(5), fixed(r.acksPerSecond, 0).padStart(8),
        fixed(r.ackMs.p50, 2).padStart(8), fixed(r.ackMs.p99, 2).padStart(8), fixed(r.ackMs.max, 1).padStart(8), fixed(r.app_process.loopDelayP99Ms, 1).padStart(10),
        fixed(r.app_process.cpuPercent, 0).padStart(5), (a ? fixed(a.answersPerSecond, 0) : '-').padStart(10), (a ? fixed(a.mentionToAnswerMs.p50, 0) : '-').padStart(11),
        (a ? fixed(a.mentionToAnswerMs.p99, 0) : '-').padStart(11)].join(' '),
    );
  }
  console.log('(ms unless noted; ack = time to the HTTP response; loop p99 = event-loop delay of the app process; answer = mention sent → answer posted to the Web API)');
}

async function main(): Promise<void> {
  const usage =
    'npm run bench:slack -- [--rate 200] [--seconds 10] [--concurrency 32] [--closed-seconds 5] [--slow-rate 50] [--slow-seconds 5] [--slow-ms 20000] [--grace 2] [--warmup 200] [--drain 30] [--profile] [--profile-out FILE] [--json]';
  const { values } = parseScriptArgs('bench:slack', usage, {
    role: { type: 'string' },
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '32' },
    'closed-seconds': { type: 'string', default: '5' },
    'slow-rate': { type: 'string', default: '50' },
    'slow-seconds': { type: 'string', default: '5' },
    'slow-ms': { type: 'string', default: String(targets.slowAnswerMs) },
    grace: { type: 'string', default: '2' },
    warmup: { type: 'string', default: '200' },
    drain: { type: 'string', default: '30' },
    profile: { type: 'boolean', default: false },
    'profile-out': { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  if (values.role === 'fake-api') return runFakeApi();
  if (values.role === 'policy-desk') return runPolicyDesk();
  if (values.role === 'bare-bolt') return runBareBolt();
  if (values.role) throw new Error(`unknown role ${values.role}`);

  const number = (name: keyof typeof values) => {
    const value = Number(values[name]);
    if (!(value > 0)) {
      console.error(`bench:slack: --${name} must be a number above 0`);
      process.exit(2);
    }
    return value;
  };
  const rate = number('rate');
  const seconds = number('seconds');
  const concurrency = Math.round(number('concurrency'));
  const closedSeconds = number('closed-seconds');
  const slowRate = number('slow-rate');
  const slowSeconds = number('slow-seconds');
  const slowMs = number('slow-ms');
  const graceSeconds = Number(values.grace);
  const warmup = Math.round(Number(values.warmup));
  const drainSeconds = number('drain');
  runNonce = Date.now().toString(36).toUpperCase();

  const { openDatabase } = await import('../src/storage/open-database.ts');
  const { loadPolicyRoot } = await import('../src/policies/load-policy-root.ts');
  const { loadDirectoryFile } = await import('../src/directory/load-directory-file.ts');

  const work = mkdtempSync(join(tmpdir(), 'policy-desk-bench-slack-'));
  const children: Child[] = [];
  const cleanUp = () => {
    for (const child of children) child.kill();
    rmSync(work, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    cleanUp();
    process.exit(130);
  });

  const dbFile = join(work, 'policy-desk.db');
  const db = openDatabase(dbFile);
  const loads = await loadPolicyRoot(db, examplesDir);
  db.close();
  const problems = loads.flatMap((load) => load.report?.problems ?? []);
  if (problems.length > 0) throw new Error(`example policies refused: ${problems.map((p) => p.message).join('; ')}`);
  const users = loadDirectoryFile(join(examplesDir, 'acme', 'directory.yml')).users.map((user) => user.slack_id).filter((id): id is string => Boolean(id));

  console.log(`Policy Desk Slack bench: node ${process.version}, ${availableParallelism()} CPUs; each app in its own process, fake Web API in another, load from this one; loopback only`);
  console.log(`events: app_mention from ${users.length} acme directory users, ${questions.length} questions, ${channels.length} channels; database ${relative(repoRoot, dbFile).startsWith('..') ? dbFile : relative(repoRoot, dbFile)} (${loads.map((l) => l.tenant).join(', ')})`);

  const reports: PhaseReport[] = [];
  let profileSummary: ReturnType<typeof summarizeProfile> | undefined;
  try {
    const api = await startChild('fake-api', { BENCH_MEMBERS: JSON.stringify(users) });
    children.push(api);
    const apiUrl = `http://127.0.0.1:${api.port}/api/`;
    const env = { BENCH_DB: dbFile, BENCH_API_URL: apiUrl };
    const progress = (text: string) => process.stderr.write(`  … ${text}\n`);
    let phaseId = 10;

    /** Warm-up, open loop, closed loop against one app. */
    const benchApp = async (app: string, target: Child, answers: boolean) => {
      children.push(target);
      const phase = (name: string, load: () => Promise<LoadResult>, offered: { rate?: number; concurrency?: number } = {}) =>
        target.ask<{ error?: number }>('stats').then((stats) => runPhase({ app, phase: name, api, target, answers, drainSeconds, errorsBefore: stats.error ?? 0 }, load, offered));
      progress(`${app}: warm-up (${warmup} events, 8 senders)`);
      const warm = makeEvents(String(phaseId++), warmup, users);
      await phase('warm-up', () => closedLoop(target.port, warm, 8, 3600));
      progress(`${app}: open loop, ${rate} events/s for ${seconds} s`);
      const open = makeEvents(String(phaseId++), Math.round(rate * seconds), users);
      reports.push(await phase('open-loop', () => openLoop(target.port, open, rate), { rate }));
      progress(`${app}: closed loop, ${concurrency} senders for ${closedSeconds} s`);
      const closed = makeEvents(String(phaseId++), 1_000_000, users);
      reports.push(await phase('closed-loop', () => closedLoop(target.port, closed, concurrency, closedSeconds), { concurrency }));
    };

    const profileDir = join(work, 'profile');
    await benchApp('policy-desk', await startChild('policy-desk', env, values.profile || values['profile-out'] ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), true);
    await children.at(-1)!.stop();
    if (values.profile || values['profile-out']) {
      const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
      if (file) profileSummary = summarizeProfile(join(profileDir, file));
      if (file && values['profile-out']) copyFileSync(join(profileDir, file), values['profile-out']);
    }
    await benchApp('bare-bolt', await startChild('bare-bolt', env), false);
    await children.at(-1)!.stop();

    // Slow language model: acks must not wait for answers.
    progress(`policy-desk with an answerer taking ${slowMs / 1000} s: open loop, ${slowRate} events/s for ${slowSeconds} s, then ${graceSeconds} s grace`);
    const slow = await startChild('policy-desk', { ...env, BENCH_SLOW_MS: String(slowMs) });
    children.push(slow);
    const slowWarm = makeEvents(String(phaseId++), 20, users);
    await closedLoop(slow.port, slowWarm, 4, 3600);
    await api.ask('reset');
    await slow.ask('reset');
    const slowEvents = makeEvents(String(phaseId++), Math.round(slowRate * slowSeconds), users);
    const slowLoad = await openLoop(slow.port, slowEvents, slowRate);
    await sleep(graceSeconds * 1000);
    const slowStats = await slow.ask<ProcessStats & { answersStarted: number; answersFinished: number; routesInFlight: number; routesPeakInFlight: number; error: number }>('stats');
    const apiStats = await api.ask<{ answers: number; placeholders: number }>('stats');
    reports.push({
      app: 'policy-desk',
      phase: `slow-llm ${slowMs / 1000}s`,
      mode: 'open',
      offeredRate: slowRate,
      sent: slowLoad.sent,
      acked: slowLoad.acked,
      failed: slowLoad.failed,
      statuses: slowLoad.statuses,
      seconds: slowLoad.seconds,
      acksPerSecond: slowLoad.acksPerSecond,
      ackMs: latencies(slowLoad.samples.map((sample) => sample.ms)),
      maxSendLateMs: slowLoad.maxLateMs,
      app_process: pick(slowStats),
      answers: {
        posted: apiStats.answers,
        placeholders: apiStats.placeholders,
        drainedSeconds: Number.NaN,
        answersPerSecond: Number.NaN,
        mentionToAnswerMs: latencies([]),
        listenerErrors: slowStats.error,
        peakInFlight: slowStats.routesPeakInFlight,
      },
    });
    progress(`slow-llm: ${slowStats.answersStarted} answers started, ${slowStats.answersFinished} finished, ${slowStats.routesInFlight} events still in flight when stopped`);
    // The 20-second answers are not waited for: the process is stopped with them pending.
    await slow.stop();
    await api.stop();
  } finally {
    cleanUp();
  }

  printTable(reports);
  const find = (app: string, phase: string) => reports.find((r) => r.app === app && r.phase === phase)!;
  const pdOpen = find('policy-desk', 'open-loop');
  const pdClosed = find('policy-desk', 'closed-loop');
  const boltOpen = find('bare-bolt', 'open-loop');
  const boltClosed = find('bare-bolt', 'closed-loop');
  const slowReport = reports.find((r) => r.phase.startsWith('slow-llm'))!;
  const ratio = pdClosed.acksPerSecond / boltClosed.acksPerSecond;
  const answersRatio = pdClosed.answers ? pdClosed.answers.answersPerSecond / boltClosed.acksPerSecond : Number.NaN;
  const summary = {
    throughput: { policyDeskAcksPerSecond: pdClosed.acksPerSecond, policyDeskAnswersPerSecond: pdClosed.answers?.answersPerSecond, bareBoltAcksPerSecond: boltClosed.acksPerSecond, ratio, answersRatio, concurrency },
    openLoop: { rate, seconds, policyDeskAckP50Ms: pdOpen.ackMs.p50, policyDeskAckP99Ms: pdOpen.ackMs.p99, bareBoltAckP50Ms: boltOpen.ackMs.p50, bareBoltAckP99Ms: boltOpen.ackMs.p99, policyDeskAnswerP50Ms: pdOpen.answers?.mentionToAnswerMs.p50, policyDeskAnswerP99Ms: pdOpen.answers?.mentionToAnswerMs.p99 },
    slowLlm: { answerMs: slowMs, rate: slowRate, seconds: slowSeconds, ackP50Ms: slowReport.ackMs.p50, ackP99Ms: slowReport.ackMs.p99, acked: slowReport.acked, sent: slowReport.sent, peakInFlight: slowReport.answers?.peakInFlight },
  };

  console.log('');
  console.log(`throughput (closed loop, ${concurrency} senders): policy-desk ${fixed(ratio * boltClosed.acksPerSecond, 0)} acks/s (answers posted ${fixed(pdClosed.answers?.answersPerSecond ?? Number.NaN, 0)}/s), bare Bolt ${fixed(boltClosed.acksPerSecond, 0)} acks/s`);
  console.log(`  ratio ${fixed(ratio, 2)} (answers/s vs bare acks/s: ${fixed(answersRatio, 2)})   target ≥ ${targets.throughputRatio}: ${verdict(ratio >= targets.throughputRatio)}${Number.isFinite(answersRatio) ? ` (answers: ${verdict(answersRatio >= targets.throughputRatio)})` : ''}`);
  const atTargetRate = rate === targets.ackP99AtRate ? '' : ` (this run offered ${rate}/s, the target is for ${targets.ackP99AtRate}/s)`;
  console.log(`ack at ${rate} events/s: policy-desk p50 ${fixed(pdOpen.ackMs.p50, 2)} ms p99 ${fixed(pdOpen.ackMs.p99, 2)} ms; bare Bolt p50 ${fixed(boltOpen.ackMs.p50, 2)} ms p99 ${fixed(boltOpen.ackMs.p99, 2)} ms   target p99 < ${targets.ackP99Ms} ms: ${verdict(pdOpen.ackMs.p99 < targets.ackP99Ms)}${atTargetRate}`);
  console.log(`  answers at ${rate} events/s: ${pdOpen.answers?.posted}/${pdOpen.acked} posted (${pdOpen.answers?.placeholders} placeholders first), mention→answer p50 ${fixed(pdOpen.answers?.mentionToAnswerMs.p50 ?? Number.NaN, 0)} ms p99 ${fixed(pdOpen.answers?.mentionToAnswerMs.p99 ?? Number.NaN, 0)} ms, all posted ${fixed(pdOpen.answers?.drainedSeconds ?? Number.NaN, 1)} s after the first event`);
  console.log(`slow LLM (${slowMs / 1000} s per answer) at ${slowRate} events/s: ack p50 ${fixed(slowReport.ackMs.p50, 2)} ms p99 ${fixed(slowReport.ackMs.p99, 2)} ms, ${slowReport.acked}/${slowReport.sent} acked, ${slowReport.answers?.peakInFlight} events in flight at the peak, ${slowReport.answers?.placeholders} placeholders posted   target p99 < ${targets.slowAckP99Ms} ms: ${verdict(slowReport.ackMs.p99 < targets.slowAckP99Ms && slowReport.failed === 0)}`);
  for (const r of [pdOpen, pdClosed]) {
    const split = r.ackSplitMs;
    if (split) console.log(`  policy-desk ${r.phase} ack split p50/p99 ms: sent → server handler ${fixed(split.toHandler.p50, 1)}/${fixed(split.toHandler.p99, 1)}, reading the body ${fixed(split.body.p50, 1)}/${fixed(split.body.p99, 1)}, body read → ack sent ${fixed(split.toAck.p50, 1)}/${fixed(split.toAck.p99, 1)}; on new connections: sent → accepted ${fixed(split.toAccept.p50, 1)}/${fixed(split.toAccept.p99, 1)}, accepted → handler ${fixed(split.acceptToHandler.p50, 1)}/${fixed(split.acceptToHandler.p99, 1)} (n=${split.toAccept.n})`);
  }
  for (const r of [pdOpen, pdClosed, boltOpen, boltClosed]) {
    const c = r.connections!;
    console.log(`  ${r.app} ${r.phase}: ${c.opened} new TCP connections (connected p50/p99 ${fixed(c.connectMs.p50, 1)}/${fixed(c.connectMs.p99, 1)} ms, ack p50/p99 ${fixed(c.ackMsNew.p50, 1)}/${fixed(c.ackMsNew.p99, 1)} ms) vs ${c.ackMsReused.n} on kept-alive ones (${fixed(c.ackMsReused.p50, 1)}/${fixed(c.ackMsReused.p99, 1)} ms); TCP ${Object.entries(r.tcp ?? {}).map(([k, v]) => `${k} +${v}`).join(', ') || 'counters unavailable'}`);
  }
  const timeline = (r: PhaseReport) => (r.perSecond ?? []).map((b) => `${fixed(b.ackP50Ms, 0)}/${fixed(b.ackP99Ms, 0)}`).join(' ');
  console.log(`  policy-desk ack p50/p99 ms by second sent at ${rate}/s: ${timeline(pdOpen)}`);
  console.log(`  bare Bolt   ack p50/p99 ms by second sent at ${rate}/s: ${timeline(boltOpen)}`);
  const problemsSeen = reports.filter((r) => r.failed > 0 || (r.answers?.listenerErrors ?? 0) > 0);
  for (const r of problemsSeen) console.log(`  note: ${r.app} ${r.phase}: ${r.failed} failed acks (statuses ${JSON.stringify(r.statuses)}), ${r.answers?.listenerErrors ?? 0} listener errors`);
  if (profileSummary) {
    console.log('');
    console.log(`CPU profile of the policy-desk (offline) process: ${fixed(profileSummary.busyMs / 1000, 2)} s busy (warm-up, open and closed loop)`);
    console.log('  self time by file / package:');
    for (const row of profileSummary.files) console.log(`    ${fixed(row.share * 100, 1).padStart(5)}%  ${fixed(row.ms, 0).padStart(7)} ms  ${row.name}`);
    console.log('  self time by function:');
    for (const row of profileSummary.functions) console.log(`    ${fixed(row.share * 100, 1).padStart(5)}%  ${fixed(row.ms, 0).padStart(7)} ms  ${row.name}`);
    console.log("  total time (self and callees) of Policy Desk's own functions:");
    for (const row of profileSummary.projectInclusive) console.log(`    ${fixed(row.share * 100, 1).padStart(5)}%  ${fixed(row.ms, 0).padStart(7)} ms  ${row.name}`);
  }
  if (values.json) {
    const phases = reports.map((r) => ({ ...r }));
    console.log(JSON.stringify({ node: process.version, cpus: availableParallelism(), targets, ...summary, phases, ...(profileSummary ? { profile: profileSummary } : {}) }));
  }
}

await main();
// Pending timers of the load (keep-alive sockets, sleeps) must not hold the bench open.
if (!process.argv.includes('--role')) process.exit(0);
