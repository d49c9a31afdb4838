import { z } from 'zod';

/** `exception.decided`, every topic under a prefix (`exception.*`), or every topic (`*`). */
const topicPattern = z
  .string()
  .regex(/^(\*|[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*(\.\*)?)$/, { message: 'must be a topic such as exception.decided, a prefix such as exception.*, or *' });

const webhookTargetEntry = z
  .object({
    url: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }),
    // Long enough that guessing it is not an option; `openssl rand -hex 32` makes a good one.
    secret: z.string().min(16, { message: 'must be at least 16 characters' }).optional(),
    secret_env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'must name an environment variable' }).optional(),
    topics: z.array(topicPattern).min(1, { message: 'must list at least one topic' }),
  })
  .strict()
  .refine((target) => (target.secret === undefined) !== (target.secret_env === undefined), {
    message: 'give exactly one of secret and secret_env',
  });

/**
 * The webhooks file (`WEBHOOKS_FILE`): for each tenant, the endpoints that
 * receive its outbox messages, each with its signing secret (inline, or the
 * name of an environment variable holding it) and the topics it subscribes to.
 */
export const webhookTargetsSchema = z
  .record(z.string().min(1), z.array(webhookTargetEntry).nullish().transform((targets) => targets ?? []))
  .superRefine((tenants, context) => {
    for (const [tenant, targets] of Object.entries(tenants)) {
      const seen = new Set<string>();
      targets.forEach((target, index) => {
        if (seen.has(target.url)) context.addIssue({ code: 'custom', path: [tenant, index, 'url'], message: `${target.url} is listed twice` });
        seen.add(target.url);
      });
    }
  });

export type WebhookTargetsFile = z.infer<typeof webhookTargetsSchema>;

/** One endpoint, with its secret resolved. */
export type WebhookTarget = { url: string; secret: string; topics: string[] };

/** Each tenant's endpoints. */
export type WebhookTargets = Record<string, WebhookTarget[]>;
