import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDraft } from '../../src/comms/create-draft.ts';
import { createLlmDrafter } from '../../src/comms/llm-drafter.ts';
import { parseDraftRequest } from '../../src/comms/parse-draft-request.ts';
import type { Db } from '../../src/storage/open-database.ts';
import { loadExamples } from '../support/examples.ts';
import { completion } from '../support/openai-completion.ts';

const baseUrl = 'http://llm.test/v1';
const settings = { apiKey: 'sk-test', baseUrl, model: 'gpt-4o-mini', timeoutMs: 5000 };
const request = parseDraftRequest('draft an announcement about the new UK time-off rules for UK employees, executive tone', { departments: [], locations: ['UK', 'US'], roles: [] });

let db: Db;
beforeAll(async () => {
  db = await loadExamples();
});
afterEach(() => nock.cleanAll());

const draft = () => createDraft({ db, now: () => new Date('2026-03-02T10:00:00Z'), drafter: createLlmDrafter(settings) }, { tenant: 'acme', actor: 'nora', request, conversation: 'cli' });

describe('the language-model drafter', () => {
  it('asks ChatOpenAI for a structured draft from the audience’s sources, and claim-checks what it wrote (a wrong number is flagged)', async () => {
    let body: { model: string; messages: { content: string }[]; response_format: { type: string; json_schema: { name: string; strict: boolean } } } | undefined;
    const scope = nock(baseUrl, { reqheaders: { authorization: 'Bearer sk-test' } })
      .post('/chat/completions', (sent) => ((body = sent), true))
      .reply(200, completion(JSON.stringify({
        title: 'UK time off: what you need to know',
        paragraphs: [
          { text: 'Employees in the UK receive 25 days of annual leave per holiday year, plus the 8 UK bank holidays.', sources: ['S1'] },
          { text: 'You may carry over up to 10 unused days of annual leave.', sources: ['S3'] },
          { text: 'Our CEO will host a town hall about it.', sources: ['S9'] },
        ],
      })));
    const { version } = await draft();
    expect(scope.isDone()).toBe(true);
    expect(body?.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'announcement_draft', strict: true } });
    expect(body?.messages[0]?.content).toContain('[S1] Paid time off policy (UK) (version 5.0)');
    expect(body?.messages[0]?.content).toContain('Tone: executive');
    expect(version).toMatchObject({ kind: 'model', generator: 'llm:gpt-4o-mini' });
    expect(version.text).toContain('**UK time off: what you need to know**');
    expect(version.text).not.toContain('town hall');
    expect(version.claims.find((claim) => claim.sentence.includes('25 days'))?.status).toBe('supported');
    expect(version.claims.find((claim) => claim.sentence.includes('10 unused days'))).toMatchObject({ status: 'contradicted', source: { text: expect.stringContaining('up to 5 unused days') } });
  });

  it('falls back to the template draft, saying why, when the model fails', async () => {
    nock(baseUrl).post('/chat/completions').times(2).reply(500, { error: { message: 'The server had an error while processing your request.', type: 'server_error' } });
    const result = await draft();
    expect(result.version.kind).toBe('template');
    expect(result.note).toMatch(/^Template draft: the model failed/);
  });
});
