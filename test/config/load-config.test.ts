import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { ConfigError } from '../../src/errors.ts';

describe('configuration from the environment', () => {
  it('needs nothing: the embedded examples, the offline answerer, no Slack', () => {
    expect(loadConfig({})).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseFile: './data/policy-desk.db',
      policiesDir: './examples',
      llm: undefined,
      embeddings: undefined,
      slack: undefined,
      webhooksFile: undefined,
    });
  });

  it('names every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'eighty', OPENAI_BASE_URL: 'not a url', LOG_LEVEL: 'loud' })).toThrow(
      expect.objectContaining({ code: 'config_invalid', message: expect.stringMatching(/PORT[\s\S]*OPENAI_BASE_URL[\s\S]*LOG_LEVEL/) }),
    );
  });

  it('turns the model on with a key, or with a base URL alone for a local server', () => {
    expect(loadConfig({ OPENAI_API_KEY: 'sk-x', OPENAI_MODEL: 'gpt-4.1-mini' }).llm).toEqual({ apiKey: 'sk-x', baseUrl: undefined, model: 'gpt-4.1-mini', timeoutMs: 20_000 });
    expect(loadConfig({ OPENAI_BASE_URL: 'http://localhost:11434/v1' }).llm).toMatchObject({ apiKey: 'not-needed', baseUrl: 'http://localhost:11434/v1' });
    expect(loadConfig({ OPENAI_API_KEY: 'sk-x', OPENAI_EMBEDDINGS_MODEL: 'text-embedding-3-small' }).embeddings).toMatchObject({ model: 'text-embedding-3-small' });
  });

  it('refuses a Slack bot token without a signing secret, or without teams', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_TEAMS: 'T1=acme' })).toThrow(ConfigError);
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' })).toThrow(/SLACK_TEAMS/);
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_TEAMS: 'T1' })).toThrow(/TEAM_ID=tenant/);
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-wrong', SLACK_TEAMS: 'T1=acme' })).toThrow(/xapp-/);
  });

  it('reads Slack settings for HTTP and for Socket Mode', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_TEAMS: 'T1=acme, T2=globex' }).slack).toEqual({
      botToken: 'xoxb-1', signingSecret: 's', appToken: undefined, teams: { T1: 'acme', T2: 'globex' }, apiUrl: undefined,
    });
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-A-1-x', SLACK_TEAMS: 'T1=acme' }).slack).toMatchObject({ appToken: 'xapp-1-A-1-x' });
  });
});
