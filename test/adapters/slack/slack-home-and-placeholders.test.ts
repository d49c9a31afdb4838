import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { createOfflineAnswerer } from '../../../src/answers/offline-answerer.ts';
import type { Answerer } from '../../../src/answers/answerer.ts';
import { requestException } from '../../../src/exceptions/request-exception.ts';
import { loadExamples } from '../../support/examples.ts';
import { eventCallback, expectApiCall, mockAuthTest, startSlackService } from './slack-harness.ts';

afterEach(() => nock.cleanAll());

describe('slow answers', () => {
  it('show a placeholder that is updated in place with the answer', async () => {
    const db = await loadExamples();
    const offline = createOfflineAnswerer();
    const slow: Answerer = { name: 'slow', answer: async (input) => (await new Promise((resolve) => setTimeout(resolve, 400)), offline.answer(input)) };
    const service = await startSlackService(db, { answerer: slow, placeholderAfterMs: 50 });
    try {
      mockAuthTest();
      const placeholder = expectApiCall('chat.postMessage', { channel: 'D0ANA', ts: '1763900400.000100' });
      let answered = false;
      const updated = expectApiCall('chat.update').then((body) => ((answered = true), body));
      const response = await service.post(eventCallback({ type: 'message', channel_type: 'im', user: 'U0ACMEANA', text: "what's the hotel limit per night?", ts: '1763900400.000001', channel: 'D0ANA' }));
      // Slack has its acknowledgement before the slow answer is ready.
      expect(response.status).toBe(200);
      expect(answered).toBe(false);
      expect((await placeholder).text).toContain('Looking that up');
      const answer = await updated;
      expect(answer).toMatchObject({ channel: 'D0ANA', ts: '1763900400.000100' });
      expect(answer.text).toContain('$250');
    } finally {
      await service.close();
      db.close();
    }
  });
});

describe('App Home', () => {
  it('shows a reviewer what waits for their group, and a requester their requests and questions', async () => {
    const db = await loadExamples();
    const section = db
      .prepare("SELECT s.version_id AS versionId, s.id AS sectionId FROM sections s JOIN policy_versions v ON v.id = s.version_id WHERE v.policy_id = 'travel' AND v.status = 'current' AND s.heading = '2. Airfare'")
      .get() as { versionId: number; sectionId: number };
    const request = requestException({ db }, { tenant: 'acme', requester: 'ana', ...section, justification: 'Overnight flight to the Tokyo launch.', amount: 800 });
    const service = await startSlackService(db);
    try {
      mockAuthTest();
      const reviewerHome = expectApiCall('views.publish');
      await service.post(eventCallback({ type: 'app_home_opened', user: 'U0ACMEDEV', channel: 'D0DEV', tab: 'home', ts: '1763900500.000100' }));
      const reviewer = await reviewerHome;
      expect(reviewer.user_id).toBe('U0ACMEDEV');
      expect(reviewer.view).toContain('Waiting for your review');
      expect(reviewer.view).toContain(`*#${request.id}*`);
      expect(reviewer.view).toContain('exception.approve');

      const requesterHome = expectApiCall('views.publish');
      await service.post(eventCallback({ type: 'app_home_opened', user: 'U0ACMEANA', channel: 'D0ANA', tab: 'home', ts: '1763900500.000200' }));
      const requester = (await requesterHome).view!;
      expect(requester).toContain('Your exception requests');
      expect(requester).toContain('*pending*');
      expect(requester).not.toContain('exception.approve');
    } finally {
      await service.close();
      db.close();
    }
  });
});
