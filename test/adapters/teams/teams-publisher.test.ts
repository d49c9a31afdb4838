import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTeamsPublisher } from '../../../adapters/teams/create-teams-publisher.ts';
import { createTeamsChannelMembers } from '../../../adapters/teams/teams-channel-members.ts';
import type { CommsDeps } from '../../../src/comms/comms-deps.ts';
import { createDraft } from '../../../src/comms/create-draft.ts';
import { listPublications } from '../../../src/comms/list-publications.ts';
import { parseDraftRequest } from '../../../src/comms/parse-draft-request.ts';
import { publishDraft } from '../../../src/comms/publish-draft.ts';
import { resolvePublicationPost } from '../../../src/comms/resolve-publication-post.ts';
import { reviewDraft } from '../../../src/comms/review-draft.ts';
import { submitDraft } from '../../../src/comms/submit-draft.ts';
import { NotAllowedError } from '../../../src/errors.ts';
import { createLogger } from '../../../src/logging/create-logger.ts';
import { loadPolicyRoot } from '../../../src/policies/load-policy-root.ts';
import { openDatabase, type Db } from '../../../src/storage/open-database.ts';
import { loadAcmeAnnouncementSettings } from '../../comms/support.ts';
import { examplesDir } from '../../support/examples.ts';
import {
  acmeEntraTenant,
  acmeTeam,
  botAccount,
  connector,
  createSigningKey,
  serviceUrl,
  startTeamsService,
  teamsUsers,
  useFakeConnector,
  type ConnectorCall,
} from './teams-harness.ts';

/** The Teams announcement channel of examples/acme/channels.yml (`uk-all-teams`). */
const ukChannel = '19:acme-uk-all@thread.tacv2';
/** UK staff of examples/acme as Teams lists them (Entra object ids from directory.yml). */
const ukMembers = [
  { id: '29:1amelia', name: 'Amelia Wright', aadObjectId: '8d2f4a60-1e3b-4d7c-9f5a-6b7c8d9e0f12' },
  { id: '29:1nora', name: 'Nora Blake', aadObjectId: '4d6f8a0c-2e4a-4c6e-8a0c-2e4a6c8e0a2c' },
  { id: '29:1omar', name: 'Omar Haddad', aadObjectId: '6a8c0e2f-4b6d-4f8a-9c1e-3f5a7c9e1b3d' },
];

const key = createSigningKey();
const now = () => new Date('2026-03-02T10:00:00Z');
const services: { close(): Promise<void> }[] = [];

useFakeConnector(key);
afterEach(async () => {
  connector.respond = undefined;
  connector.roster = ukMembers;
  await Promise.all(services.splice(0).map((service) => service.close()));
});

const isChannelPost = (call: ConnectorCall) => call.method === 'POST' && call.path.includes(`/v3/conversations/${ukChannel}/activities`);
const isRosterRead = (call: ConnectorCall) => call.method === 'GET' && call.path.includes(`/v3/conversations/${ukChannel}/pagedmembers`);

/** The Teams service on a database file (a restart reopens the file), with Policy Desk installed in the UK channel. */
async function startService(db: Db) {
  const service = await startTeamsService(db, { key, now });
  services.push(service);
  const response = await service.post({
    type: 'conversationUpdate', id: `f:install-${services.length}`, serviceUrl, channelId: 'msteams', from: teamsUsers.dev, recipient: botAccount,
    conversation: { id: ukChannel, conversationType: 'channel', tenantId: acmeEntraTenant, isGroup: true },
    membersAdded: [botAccount], channelData: { tenant: { id: acmeEntraTenant }, team: { id: acmeTeam }, channel: { id: ukChannel } },
  });
  expect(response.status).toBe(200);
  return service;
}

/** A database file with one UK-only announcement approved by every reviewer group, and Teams connected. */
async function approvedWorld() {
  const file = join(mkdtempSync(join(tmpdir(), 'policy-desk-teams-publisher-')), 'desk.db');
  const db = openDatabase(file);
  await loadPolicyRoot(db, examplesDir, { now });
  loadAcmeAnnouncementSettings(db);
  const service = await startService(db);
  const deps: CommsDeps = { db, now, membersOf: { teams: createTeamsChannelMembers(db, service.bot.messenger) } };
  const request = parseDraftRequest('draft an announcement about the new UK time-off rules for UK employees', { departments: [], locations: ['UK'], roles: [] });
  const { draft, version } = await createDraft(deps, { tenant: 'acme', actor: 'nora', request, conversation: 'cli' });
  submitDraft(deps, { tenant: 'acme', id: draft.id, actor: 'nora' });
  for (const actor of ['omar', 'lena', 'maya']) reviewDraft(deps, { tenant: 'acme', id: draft.id, actor, review: { decision: 'approve' } });
  const publish = () => publishDraft(deps, { tenant: 'acme', id: draft.id, actor: 'nora', channels: ['uk-all-teams'] });
  return { file, db, service, text: version.text, publish };
}

const publisherFor = (db: Db, service: Awaited<ReturnType<typeof startTeamsService>>) =>
  createTeamsPublisher({ db, messenger: service.bot.messenger, logger: createLogger('silent'), tenants: ['acme'], now });
const publishMessages = (db: Db) => (db.prepare("SELECT count(*) AS n FROM outbox_messages WHERE topic = 'announcement.publish'").get() as { n: number }).n;

describe('publishing to a Teams channel', () => {
  it('never posts a UK-only announcement to a Teams channel with a US member, or with someone the directory does not know', async () => {
    const { db, publish, service } = await approvedWorld();
    const since = connector.calls.length;
    connector.roster = [...ukMembers, teamsUsers.tom];
    await expect(publish()).rejects.toMatchObject({ rule: 'channel-audience', message: expect.stringMatching(/UK all \(Teams\) has 1 member outside the audience/) });
    connector.roster = [...ukMembers, teamsUsers.stranger];
    await expect(publish()).rejects.toMatchObject({ rule: 'channel-audience', message: expect.stringMatching(/UK all \(Teams\) has 1 member outside the audience/) });
    // The roster was read live each time, and nothing was queued or posted.
    expect(connector.calls.slice(since).filter(isRosterRead)).toHaveLength(2);
    expect(publishMessages(db)).toBe(0);
    expect(await publisherFor(db, service).runOnce()).toBe(0);
    expect(connector.calls.slice(since).filter(isChannelPost)).toEqual([]);
  });

  it('refuses a channel whose roster cannot be read, and a tenant that never installed Policy Desk', async () => {
    const { db, publish } = await approvedWorld();
    connector.respond = (call) => (isRosterRead(call) ? [403, { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } }] : undefined);
    await expect(publish()).rejects.toMatchObject({ rule: 'channel-audience', message: expect.stringMatching(/UK all \(Teams\): its members could not be read/) });
    expect(publishMessages(db)).toBe(0);

    const members = createTeamsChannelMembers(db, { within: () => Promise.reject(new Error('no connector call expected')) });
    await expect(members({ tenant: 'globex', platform: 'teams', channel: ukChannel })).rejects.toThrow(/not been installed in Teams/);
  });

  it('posts exactly the approved text once: a refused post is retried, and nothing is posted again after a restart', async () => {
    const { file, db, service, text, publish } = await approvedWorld();
    const publication = await publish();
    expect(publication.targets).toEqual([{ id: 'uk-all-teams', platform: 'teams', channel: ukChannel, name: 'UK all (Teams)' }]);
    const since = connector.calls.length;
    // Teams is unavailable: nothing is posted, the run stops, and the claim is given back.
    connector.respond = (call) => (isChannelPost(call) ? [503, { error: { code: 'ServiceUnavailable', message: 'try later' } }] : undefined);
    await expect(publisherFor(db, service).runOnce()).rejects.toBeDefined();
    expect(listPublications(db, 'acme')[0]!.posts).toEqual([]);
    connector.respond = undefined;

    expect(await publisherFor(db, service).runOnce()).toBe(1);
    const posts = connector.calls.slice(since).filter(isChannelPost);
    expect(posts).toHaveLength(2);
    expect(posts[1]!.body).toMatchObject({ type: 'message', text });
    const [post] = listPublications(db, 'acme')[0]!.posts;
    expect(post).toEqual({ platform: 'teams', channel: ukChannel, status: 'posted', messageRef: expect.stringMatching(/^activity-\d+$/), postedAt: now().toISOString() });
    expect(await publisherFor(db, service).runOnce()).toBe(0);
    db.close();
    await service.close();
    services.splice(0);

    // A restart: the reopened file, a new service and publisher, and nothing left to post.
    const reopened = openDatabase(file);
    const restarted = await startService(reopened);
    const after = connector.calls.length;
    expect(await publisherFor(reopened, restarted).runOnce()).toBe(0);
    expect(connector.calls.slice(after).filter(isChannelPost)).toEqual([]);
    expect(listPublications(reopened, 'acme')[0]!.posts).toEqual([post]);
    reopened.close();
  });

  it('does not post again when the outcome of a post was lost (the connection dropped after it was sent)', async () => {
    const { db, service, publish } = await approvedWorld();
    await publish();
    const since = connector.calls.length;
    connector.respond = (call) => (isChannelPost(call) ? 'drop' : undefined);
    await expect(publisherFor(db, service).runOnce()).rejects.toBeDefined();
    connector.respond = undefined;
    expect(await publisherFor(db, service).runOnce()).toBe(0);
    expect(connector.calls.slice(since).filter(isChannelPost)).toHaveLength(1);
    expect(listPublications(db, 'acme')[0]!.posts).toEqual([expect.objectContaining({ platform: 'teams', status: 'posting' })]);
  });

  it('posts once more a lost post someone found missing from the channel, and records one they found there', async () => {
    const { db, service, publish, text } = await approvedWorld();
    const publication = await publish();
    connector.respond = (call) => (isChannelPost(call) ? 'drop' : undefined);
    await expect(publisherFor(db, service).runOnce()).rejects.toBeDefined();
    connector.respond = undefined;
    const settle = (actor: string, outcome: 'posted' | 'not-posted') =>
      resolvePublicationPost(db, { tenant: 'acme', publicationId: publication.id, channel: 'uk-all-teams', actor, outcome, at: now() });

    // Only someone who may publish settles it; an employee is refused, and nothing changes.
    expect(() => settle('ana', 'not-posted')).toThrow(NotAllowedError);
    expect(listPublications(db, 'acme')[0]!.posts).toEqual([expect.objectContaining({ status: 'posting' })]);
    // Nora looked: the post is not in the channel. It is posted again, once.
    const since = connector.calls.length;
    expect(settle('nora', 'not-posted').posts).toEqual([]);
    expect(await publisherFor(db, service).runOnce()).toBe(1);
    expect(await publisherFor(db, service).runOnce()).toBe(0);
    const posted = connector.calls.slice(since).filter(isChannelPost);
    expect(posted).toHaveLength(1);
    expect((posted[0]!.body as { text: string }).text).toBe(text);
    expect(listPublications(db, 'acme')[0]!.posts).toEqual([expect.objectContaining({ platform: 'teams', status: 'posted' })]);
    // Nothing is left to settle.
    expect(() => settle('nora', 'posted')).toThrow(/not waiting to be checked: it was posted/);
    expect(db.prepare("SELECT actor, data FROM audit_events WHERE type = 'announcement.post_resolved'").all()).toEqual([
      { actor: 'nora', data: expect.stringContaining('"outcome":"not-posted"') },
    ]);
  });

  it('records as posted a lost post someone found in the channel, and never posts it again', async () => {
    const { db, service, publish } = await approvedWorld();
    const publication = await publish();
    connector.respond = (call) => (isChannelPost(call) ? 'drop' : undefined);
    await expect(publisherFor(db, service).runOnce()).rejects.toBeDefined();
    connector.respond = undefined;
    const since = connector.calls.length;
    const settled = resolvePublicationPost(db, { tenant: 'acme', publicationId: publication.id, channel: 'uk-all-teams', actor: 'nora', outcome: 'posted', at: now() });
    expect(settled.posts).toEqual([expect.objectContaining({ platform: 'teams', status: 'posted' })]);
    expect(await publisherFor(db, service).runOnce()).toBe(0);
    expect(connector.calls.slice(since).filter(isChannelPost)).toEqual([]);
  });
});
