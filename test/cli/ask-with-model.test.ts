import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../adapters/cli/run-cli.ts';
import { examplesDir } from '../support/examples.ts';
import { memoryIo } from '../support/memory-io.ts';
import { completion } from '../support/openai-completion.ts';

/** The model as an operator configures it: an OpenAI-compatible server (vLLM, Ollama, Azure OpenAI) by environment. */
const modelEnv = { OPENAI_BASE_URL: 'http://models.internal.test:8000/v1', OPENAI_API_KEY: 'sk-local-test', OPENAI_MODEL: 'llama-3.1-8b-instruct' };

describe('policy-desk ask with a model configured by environment', () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'policy-desk-model-cli-'));
    db = join(dir, 'cli.db');
    const io = memoryIo();
    expect(await runCli(['ingest', join(examplesDir, 'acme', 'policies'), '--tenant', 'acme', '--db', db, '--directory', join(examplesDir, 'acme', 'directory.yml')], io)).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => nock.cleanAll());

  async function ask(question: string) {
    const io = memoryIo('', modelEnv);
    const code = await runCli(['ask', '--tenant', 'acme', '--as', 'tom', '--db', db, '--json', question], io);
    return { code, result: JSON.parse(io.stdout.text) as { status: string; answer: string; citations: { policyId: string; section: string; quote: string }[] } };
  }

  it('asks the configured server and model, and answers with the citations it backs', async () => {
    let sent: { model: string; messages: { content: string }[] } | undefined;
    const server = nock('http://models.internal.test:8000', { reqheaders: { authorization: 'Bearer sk-local-test' } })
      .post('/v1/chat/completions', (body) => ((sent = body as typeof sent), true))
      .reply(200, () => {
        // The model quotes the source it was given, word for word.
        const lodging = /\[S1\][^\n]*\n([^\n]*)/.exec(sent!.messages[0]!.content)![1]!;
        const sentence = lodging.split(/(?<=\.)\s+/).find((s) => /\$250/.test(s))!;
        return completion(JSON.stringify({ status: 'answered', answer: 'Up to $250 a night in a standard city.', citations: [{ source: 'S1', quote: sentence }] }), 'llama-3.1-8b-instruct');
      });
    const { code, result } = await ask('what is the hotel limit per night?');
    expect(code).toBe(0);
    expect(server.isDone()).toBe(true);
    expect(sent?.model).toBe('llama-3.1-8b-instruct');
    expect(result.status).toBe('answered');
    expect(result.answer).toContain('Up to $250 a night in a standard city.');
    expect(result.citations[0]).toMatchObject({ policyId: 'travel', quote: expect.stringContaining('$250') });
  });

  it('keeps to the policy’s own words when the server is down, for a question the ranking is sure of', async () => {
    nock('http://models.internal.test:8000').post('/v1/chat/completions').times(2).replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    const { code, result } = await ask('what is the hotel limit per night?');
    expect(code).toBe(0);
    expect(result.status).toBe('answered');
    expect(result.citations[0]).toMatchObject({ policyId: 'travel', quote: expect.stringContaining('$250') });
  });
});
