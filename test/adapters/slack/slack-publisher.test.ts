import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebClient } from '@slack/web-api';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackApp } from '../../../adapters/slack/create-slack-app.ts';
import { createSlackPublisher } from '../../../adapters/slack/create-slack-publisher.ts';
import { createOfflineAnswerer } from '../../../src/answers/offline-answerer.ts';
import { createDraft } from '../../../src/comms/create-draft.ts';
import { listPublications } from '../../../src/comms/list-publications.ts';
import { parseDraftRequest } from '../../../src/comms/parse-draft-request.ts';
import { publishDraft } from '../../../src/comms/publish-draft.ts';
import { reviewDraft } from '../../../src/comms/review-draft.ts';
import { submitDraft } from '../../../src/comms/submit-draft.ts';
import { createLogger } from '../../../src/logging/create-logger.ts';
import { loadPolicyRoot } from '../../../src/policies/load-policy-root.ts';
import { openDatabase, type Db } from '../../../src/storage/open-database.ts';
import { fakeMembers, loadAcmeAnnouncementSettings, ukStaff } from '../../comms/support.ts';
import { examplesDir } from '../../support/examples.ts';
import { failingPostMessage, mockAuthTest } from './slack-harness.ts';

const clientFor = () => new WebClient('xoxb-test-token', { retryConfig: { retries: 0 } });
const now = () => new Date('2026-03-02T10:00:00Z');
afterEach(() => nock.cleanAll());

/** A database file holding one announcement approved and published to #uk-all (C0ACMEUKALL). */
async function publishedWorld(): Promise<{ file: string; db: Db; text: string; publicationId: number }> {
  const file = join(mkdtempSync(join(tmpdir(), 'policy-desk-publisher-')), 'desk.db');
  const db = openDatabase(file);
  await loadPolicyRoot(db, examplesDir, { now });
  loadAcmeAnnouncementSettings(db);
  const deps = { db, now, membersOf: { slack: fakeMembers({ C0ACMEUKALL: ukStaff }) } };
  const request = parseDraftRequest('draft an announcement about the new UK time-off rules for UK employees', { departments: [], locations: ['UK'], roles: [] });
  const { draft, version } = await createDraft(deps, { tenant: 'acme', actor: 'nora', request, conversation: 'slack:C0ACMECOMMS:1700000000.000100' });
  submitDraft(deps, { tenant: 'acme', id: draft.id, actor: 'nora' });
  for (const actor of ['omar', 'lena', 'maya']) reviewDraft(deps, { tenant: 'acme', id: draft.id, actor, review: { decision: 'approve' } });
  const publication = await publishDraft(deps, { tenant: 'acme', id: draft.id, actor: 'nora', channels: ['uk-all'] });
  return { file, db, text: version.text, publicationId: publication.id };
}

const publisher = (db: Db) => createSlackPublisher({ db, client: clientFor(), logger: createLogger('silent'), tenants: ['acme'], now });

describe('the Slack publisher', () => {
  it('posts exactly the approved text to the channel once, records the ts, and posts nothing again after a restart', async () => {
    const { file, db, text, publicationId } = await publishedWorld();
    let sent: Record<string, unknown> | undefined;
    const post = nock('https://slack.com').post('/api/chat.postMessage', (body) => ((sent = body), true)).reply(200, { ok: true, channel: 'C0ACMEUKALL', ts: '1772445600.000200' });
    expect(await publisher(db).runOnce()).toBe(1);
    expect(post.isDone()).toBe(true);
    expect(sent).toMatchObject({ channel: 'C0ACMEUKALL', text });
    expect(JSON.parse(String(sent!.metadata))).toEqual({ event_type: 'policy_desk_announcement', event_payload: { publication_id: publicationId, outbox_id: expect.any(Number) } });
    expect(listPublications(db, 'acme')[0]!.posts).toEqual([{ platform: 'slack', channel: 'C0ACMEUKALL', status: 'posted', messageRef: '1772445600.000200', postedAt: now().toISOString() }]);
    db.close();

    // A restart: a new publisher on the reopened file has nothing left to post (nock would fail any request).
    const reopened = openDatabase(file);
    expect(await publisher(reopened).runOnce()).toBe(0);
    reopened.close();
  });

  it('retries after a Slack failure without posting twice: a post whose ts was lost is found by its metadata', async () => {
    const { db, publicationId } = await publishedWorld();
    nock('https://slack.com').post('/api/chat.postMessage').reply(500, 'upstream connect error');
    await expect(publisher(db).runOnce()).rejects.toThrow();
    expect(listPublications(db, 'acme')[0]!.posts[0]).toMatchObject({ status: 'posting' });

    // Slack had in fact posted it: the retry finds it in the channel history and records its ts instead of posting again.
    const history = nock('https://slack.com')
      .post('/api/conversations.history', (body) => body.channel === 'C0ACMEUKALL')
      .reply(200, {
        ok: true,
        messages: [
          { type: 'message', user: 'U0ACMEBOT', text: 'an earlier post', ts: '1772445500.000100' },
          { type: 'message', user: 'U0ACMEBOT', text: '…', ts: '1772445601.000300', metadata: { event_type: 'policy_desk_announcement', event_payload: { publication_id: publicationId, outbox_id: 7 } } },
        ],
        has_more: false,
      });
    expect(await publisher(db).runOnce()).toBe(0);
    expect(history.isDone()).toBe(true);
    expect(listPublications(db, 'acme')[0]!.posts[0]).toMatchObject({ status: 'posted', messageRef: '1772445601.000300' });
  });

  it('posts on retry when the earlier attempt never reached the channel', async () => {
    const { db } = await publishedWorld();
    nock('https://slack.com').post('/api/chat.postMessage').reply(500, 'upstream connect error');
    await expect(publisher(db).runOnce()).rejects.toThrow();
    nock('https://slack.com').post('/api/conversations.history').reply(200, { ok: true, messages: [], has_more: false });
    const post = nock('https://slack.com').post('/api/chat.postMessage').reply(200, { ok: true, channel: 'C0ACMEUKALL', ts: '1772445700.000400' });
    expect(await publisher(db).runOnce()).toBe(1);
    expect(post.isDone()).toBe(true);
    expect(listPublications(db, 'acme')[0]!.posts[0]).toMatchObject({ status: 'posted', messageRef: '1772445700.000400' });
  });

  it('as the Slack app wires it, makes one attempt per run, so a post Slack may have made is looked for before it is made again', async () => {
    const { db, publicationId } = await publishedWorld();
    mockAuthTest();
    const { publisher: wired } = createSlackApp({ signingSecret: 'secret', botToken: 'xoxb-test-token', teams: { T0ACME: 'acme' } }, { db, answerer: createOfflineAnswerer(), logger: createLogger('silent'), nowMilliseconds: () => now().getTime() });
    const attempts = failingPostMessage();
    await expect(wired.runOnce()).rejects.toThrow();
    // WebClient's default would try again within a second, posting blind: a post whose reply was lost would be made twice.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(attempts()).toBe(1);
    nock.cleanAll();

    nock('https://slack.com')
      .post('/api/conversations.history')
      .reply(200, { ok: true, messages: [{ type: 'message', text: '…', ts: '1772445601.000300', metadata: { event_type: 'policy_desk_announcement', event_payload: { publication_id: publicationId } } }], has_more: false });
    expect(await wired.runOnce()).toBe(0);
    expect(listPublications(db, 'acme')[0]!.posts[0]).toMatchObject({ status: 'posted', messageRef: '1772445601.000300' });
  });
});
