import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.ts';
import { loadWebhookTargets } from '../../src/outbox/load-webhook-targets.ts';
import { topicMatches, webhookTargetsFor } from '../../src/outbox/webhook-targets-for.ts';
import { webhooksFileFromEnv } from '../../src/outbox/webhooks-file-from-env.ts';
import { tempDir } from '../support/temp-dir.ts';

function webhooksFile(yaml: string): string {
  const file = join(tempDir(), 'webhooks.yml');
  writeFileSync(file, yaml);
  return file;
}

const example = `# Where each tenant's outcomes go.
acme:
  - url: https://hr.acme.example/hooks/policy-desk
    secret: "acme-hr-secret-0123456789"
    topics: [exception.decided]
  - url: https://tickets.acme.example/in
    secret_env: ACME_TICKETS_SECRET
    topics: ["exception.*"]
globex:
`;

describe('the webhooks file', () => {
  it('is named by WEBHOOKS_FILE', () => {
    expect(webhooksFileFromEnv({ WEBHOOKS_FILE: ' /etc/policy-desk/webhooks.yml ' })).toBe('/etc/policy-desk/webhooks.yml');
    expect(webhooksFileFromEnv({ WEBHOOKS_FILE: '' })).toBeUndefined();
    expect(webhooksFileFromEnv({})).toBeUndefined();
  });

  it('lists each tenant\'s targets, with secrets inline or from the environment', () => {
    const targets = loadWebhookTargets(webhooksFile(example), { ACME_TICKETS_SECRET: 'tickets-secret-0123456789' });
    expect(targets).toEqual({
      acme: [
        { url: 'https://hr.acme.example/hooks/policy-desk', secret: 'acme-hr-secret-0123456789', topics: ['exception.decided'] },
        { url: 'https://tickets.acme.example/in', secret: 'tickets-secret-0123456789', topics: ['exception.*'] },
      ],
      globex: [],
    });
    expect(webhookTargetsFor(targets, 'acme', 'exception.decided').map((t) => t.url)).toEqual(['https://hr.acme.example/hooks/policy-desk', 'https://tickets.acme.example/in']);
    expect(webhookTargetsFor(targets, 'acme', 'exception.requested').map((t) => t.url)).toEqual(['https://tickets.acme.example/in']);
    expect(webhookTargetsFor(targets, 'globex', 'exception.decided')).toEqual([]);
    expect(webhookTargetsFor(targets, 'constructor', 'exception.decided')).toEqual([]);
  });

  it('matches topics exactly, by prefix, or all', () => {
    expect(topicMatches('exception.decided', 'exception.decided')).toBe(true);
    expect(topicMatches('exception.decided', 'exception.decided.late')).toBe(false);
    expect(topicMatches('exception.*', 'exception.decided')).toBe(true);
    expect(topicMatches('exception.*', 'exceptional.decided')).toBe(false);
    expect(topicMatches('*', 'anything')).toBe(true);
  });

  it('is empty when the file is', () => {
    expect(loadWebhookTargets(webhooksFile(''), {})).toEqual({});
  });

  it.each([
    ['acme:\n  - url: ftp://x.example/\n    secret: "0123456789abcdef"\n    topics: [a]\n', /acme\.0\.url: must be an http\(s\) URL/],
    ['acme:\n  - url: https://x.example/\n    secret: short\n    topics: [a]\n', /acme\.0\.secret: must be at least 16 characters/],
    ['acme:\n  - url: https://x.example/\n    topics: [a]\n', /exactly one of secret and secret_env/],
    ['acme:\n  - url: https://x.example/\n    secret: "0123456789abcdef"\n    topics: []\n', /acme\.0\.topics: must list at least one topic/],
    ['acme:\n  - url: https://x.example/\n    secret: "0123456789abcdef"\n    topics: ["exception.*.x"]\n', /acme\.0\.topics\.0: must be a topic/],
    ['acme:\n  - url: https://x.example/\n    secret: "0123456789abcdef"\n    topics: [a]\n    secrte: oops\n', /acme\.0: .*secrte/],
    ['acme:\n  - url: https://x.example/\n    secret: "0123456789abcdef"\n    topics: [a]\n  - url: https://x.example/\n    secret: "0123456789abcdef"\n    topics: [b]\n', /acme\.1\.url: https:\/\/x\.example\/ is listed twice/],
    ['acme:\n  - url: https://x.example/\n    secret_env: MISSING_SECRET\n    topics: [a]\n', /acme\.0\.secret_env: MISSING_SECRET is not set/],
    ['acme: [\n', /webhooks\.yml: /],
  ])('refuses a bad entry, naming the file and the entry (%#)', (yaml, message) => {
    const file = webhooksFile(yaml);
    let error: unknown;
    try {
      loadWebhookTargets(file, {});
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(message);
  });
});
