/**
 * The composition root: reads configuration, opens the database, loads the
 * configured policies and directories, and serves HTTP. The only place that
 * wires adapters to the core.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createAnswerer } from './answers/create-answerer.ts';
import { loadConfig } from './config/load-config.ts';
import { PolicyDeskError } from './errors.ts';
import { startExceptionTimers } from './exceptions/run-due-timers.ts';
import { createOutboxDispatcher } from './outbox/create-outbox-dispatcher.ts';
import { loadWebhookTargets } from './outbox/load-webhook-targets.ts';
import type { App } from '@slack/bolt';
import { createSlackApp } from '../adapters/slack/create-slack-app.ts';
import { createTeamsBot } from '../adapters/teams/create-teams-bot.ts';
import { createTeamsPublisher } from '../adapters/teams/create-teams-publisher.ts';
import { createTeamsChannelMembers } from '../adapters/teams/teams-channel-members.ts';
import { createConsoleRoute } from '../adapters/console/create-console-route.ts';
import { createSlackChannelMembers } from '../adapters/slack/slack-channel-members.ts';
import type { CommsDeps } from './comms/comms-deps.ts';
import { createDrafter } from './comms/create-drafter.ts';
import { loadAnnouncementSettings } from './comms/load-announcement-settings.ts';
import { startPublicationTimer } from './comms/run-due-publications.ts';
import { saveAnnouncementSettings } from './comms/save-announcement-settings.ts';
import { join } from 'node:path';
import { createHttpServer, type Route } from './http/create-http-server.ts';
import { startFreshnessSchedule } from './lifecycle/start-freshness-schedule.ts';
import { createLogger } from './logging/create-logger.ts';
import { loadPolicyRoot } from './policies/load-policy-root.ts';
import { semanticRetrieverFromConfig } from './retrieval/semantic/semantic-retriever-from-config.ts';
import { groupIds } from './directory/find-person.ts';
import { openDatabase } from './storage/open-database.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const db = openDatabase(config.databaseFile);
  const loads = await loadPolicyRoot(db, config.policiesDir);
  for (const load of loads) {
    const report = load.report;
    logger.info('tenant loaded', {
      tenant: load.tenant,
      people: load.people,
      added: report?.added.length ?? 0,
      updated: report?.updated.length ?? 0,
      unchanged: report?.unchanged.length ?? 0,
      refused: report?.problems.length ?? 0,
    });
    for (const problem of report?.problems ?? []) logger.warn('policy file refused', { tenant: load.tenant, file: problem.file, problem: problem.message });
    for (const warning of report?.warnings ?? []) logger.warn('policy file ingested with a warning', { tenant: load.tenant, file: warning.file, field: warning.field, problem: warning.message });
    for (const rules of [load.access, load.routing]) {
      if (!rules) continue;
      if (rules.changed) logger.info('rules loaded', { tenant: load.tenant, file: rules.file, version: rules.version });
      for (const problem of rules.problems) logger.warn('rules file refused; the previous rules stay in force', { tenant: load.tenant, file: problem.file, field: problem.field, problem: problem.message });
    }
  }
  for (const load of loads) {
    // channels.yml and comms.yml: where announcements may go and who reviews them (README, Announcements).
    try {
      if (saveAnnouncementSettings(db, load.tenant, loadAnnouncementSettings(join(config.policiesDir, load.tenant), groupIds(db, load.tenant)), { at: new Date(), by: 'policy-root' })) {
        logger.info('announcement settings loaded', { tenant: load.tenant });
      }
    } catch (error) {
      if (!(error instanceof PolicyDeskError)) throw error;
      logger.warn('announcement settings refused; the previous ones stay in force', { tenant: load.tenant, problem: error.message });
    }
  }
  const semantic = semanticRetrieverFromConfig(db, config);
  if (semantic) {
    for (const load of loads) {
      // Embedding runs in the background: questions are answered lexically meanwhile.
      semantic.embedPending(load.tenant).then(
        (count) => logger.info('sections embedded', { tenant: load.tenant, count }),
        (error: unknown) => logger.warn('embedding sections failed; semantic retrieval is partial', { tenant: load.tenant, error: (error as Error).message }),
      );
    }
  }
  const answerer = await createAnswerer(config);
  const timers = startExceptionTimers({ db, onError: (error) => logger.error('exception timers failed', { error: (error as Error).message }) });
  // Owner groups hear of policies past or near review_by: at most once a day, persisted, so restarts neither skip nor repeat.
  const freshness = startFreshnessSchedule({
    db,
    onSent: (reports) => logger.info('freshness reports queued', { reports: reports.map((r) => `${r.tenant}/${r.group}: ${r.overdue} overdue, ${r.dueSoon} due soon`) }),
    onError: (error) => logger.error('freshness reports failed', { error: (error as Error).message }),
  });
  const outbox = config.webhooksFile
    ? createOutboxDispatcher({ db, targets: loadWebhookTargets(config.webhooksFile), onEvent: (event) => logger.info('outbox', { ...event }) })
    : undefined;
  // Its first run delivers at once whatever a crash left committed but undelivered.
  outbox?.start(5000);
  const routes: Route[] = [];
  let slackApp: App | undefined;
  let tellSlack: (() => void) | undefined;
  // Announcements: the drafter, and each connected platform's channel members for publishing.
  const comms: CommsDeps = { db, drafter: await createDrafter(config), membersOf: {}, ...(semantic ? { semantic } : {}) };
  // Background work (notifiers, sweepers, publishers) is stopped before the database closes.
  const stopBackground: (() => void)[] = [];
  if (config.slack) {
    const { app, client, tellNow, botIdentity, receiver, notifier, publisher, posts, redeliveries } = createSlackApp(config.slack, { db, answerer, semantic, logger, comms });
    // Exception events from any channel (and any left from before a restart) reach Slack.
    notifier.start();
    // Answers and replies queued before a crash are posted now.
    posts.start();
    // Messages acknowledged before a crash but never answered are answered now (and any another process left, later).
    redeliveries.start(30_000);
    stopBackground.push(() => notifier.stop(), () => posts.stop(), () => redeliveries.stop());
    // Decisions taken in the console reach Slack at once rather than at the notifier's next poll (failures logged; the poll retries).
    tellSlack = tellNow;
    comms.membersOf!.slack = createSlackChannelMembers(db, client, botIdentity);
    // Approved announcements (and any left from before a restart) are posted to Slack once.
    publisher.start();
    stopBackground.push(() => publisher.stop());
    if (receiver) {
      routes.push(receiver.route);
      logger.info('Slack app mounted', { path: '/slack/events', teams: Object.keys(config.slack.teams).length });
    } else {
      slackApp = app;
    }
  }
  let tellTeams: (() => void) | undefined;
  if (config.teams) {
    const teams = createTeamsBot(config.teams, { db, answerer, semantic, logger, comms });
    // Exception events and notices from any channel (and any left from before a restart) reach Teams.
    teams.notifier.start();
    // Activities answered 200 before a crash but never done are processed now (and any another process left, later).
    teams.redeliveries.start(30_000);
    stopBackground.push(() => teams.notifier.stop(), () => teams.redeliveries.stop());
    tellTeams = teams.tellNow;
    comms.membersOf!.teams = createTeamsChannelMembers(db, teams.messenger);
    const publisher = createTeamsPublisher({ db, messenger: teams.messenger, logger, tenants: [...new Set(Object.values(config.teams.tenants))] });
    // Approved announcements (and any left from before a restart) are posted to Teams channels once.
    publisher.start();
    stopBackground.push(() => publisher.stop());
    routes.push(teams.route);
    if (config.teams.emulator) logger.warn('Teams emulator mode: authentication is OFF; listening on loopback only', { host: config.host });
    logger.info('Teams bot mounted', { path: '/api/messages', tenants: Object.keys(config.teams.tenants).length, emulator: config.teams.emulator });
  }
  // The console and chat playground (README, Console and playground): local sign-in on loopback, or OpenID Connect.
  routes.push(
    createConsoleRoute({
      db,
      answerer,
      ...(semantic ? { semantic } : {}),
      logger,
      now: () => new Date(),
      listenHost: config.host,
      // Without a configured secret, sessions last until the next start.
      sessionSecret: config.console.sessionSecret ?? randomBytes(32).toString('base64url'),
      ...(config.console.oidc ? { oidc: config.console.oidc } : {}),
      ...(tellSlack || tellTeams ? { afterCommit: () => (tellSlack?.(), tellTeams?.()) } : {}),
      // Drafting announcements from the playground, as from Slack.
      comms,
    }),
  );
  // Scheduled publications live in the database: this catches up on any that came due while stopped.
  const publications = startPublicationTimer({ ...comms, onError: (error) => logger.error('scheduled publications failed', { error: (error as Error).message }) });
  const server = createHttpServer({ db, logger, routes });
  server.listen(config.port, config.host);
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  if (slackApp) {
    // Socket Mode connects out to Slack: while it cannot, the rest of the service serves and it tries again.
    const app = slackApp;
    const connect = (): void =>
      void app.start().then(
        () => logger.info('Slack app connected in Socket Mode', { teams: Object.keys(config.slack?.teams ?? {}).length }),
        (error: unknown) => {
          logger.error('Slack Socket Mode could not connect; trying again in 30 s', { error: (error as Error).message });
          setTimeout(connect, 30_000).unref();
        },
      );
    connect();
  }
  logger.info('Policy Desk is listening', { url: `http://${config.host}:${port}`, answerer: answerer.name, database: config.databaseFile });
  const consoleHost = ['0.0.0.0', '::'].includes(config.host) ? '127.0.0.1' : config.host.includes(':') ? `[${config.host}]` : config.host;
  process.stdout.write(`Policy Desk console: http://${consoleHost}:${port}/console/ (${config.console.oidc ? `sign-in with ${config.console.oidc.issuer}` : 'local sign-in: pick a directory person'})\n`);

  const stop = (signal: string) => {
    logger.info('shutting down', { signal });
    timers.stop();
    freshness.stop();
    publications.stop();
    for (const stopOne of stopBackground) stopOne();
    void slackApp?.stop();
    server.close(async () => {
      await outbox?.stop();
      db.close();
      process.exit(0);
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof PolicyDeskError) {
    process.stderr.write(`policy-desk: ${error.message}\n`);
    process.exit(2);
  }
  throw error;
});
