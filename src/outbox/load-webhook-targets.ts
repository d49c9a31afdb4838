import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../errors.ts';
import { webhookTargetsSchema, type WebhookTargets } from './webhook-targets-schema.ts';

/**
 * Reads and validates the webhooks YAML file, resolving each `secret_env`
 * from `env`. Errors name the file and the bad entry (`acme.0.url: ...`).
 */
export function loadWebhookTargets(file: string, env: Record<string, string | undefined> = process.env): WebhookTargets {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${file}: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
  const result = webhookTargetsSchema.safeParse(raw ?? {});
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || 'webhooks'}: ${issue.message}`);
    throw new ConfigError(`${file}: ${problems.join('; ')}`);
  }
  const targets: WebhookTargets = {};
  for (const [tenant, entries] of Object.entries(result.data)) {
    targets[tenant] = entries.map((entry, index) => {
      const secret = entry.secret ?? env[entry.secret_env ?? '']?.trim();
      if (!secret) throw new ConfigError(`${file}: ${tenant}.${index}.secret_env: ${entry.secret_env} is not set`);
      if (secret.length < 16) throw new ConfigError(`${file}: ${tenant}.${index}.secret_env: ${entry.secret_env} must hold at least 16 characters`);
      return { url: entry.url, secret, topics: entry.topics };
    });
  }
  return targets;
}
