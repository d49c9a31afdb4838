import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';

/**
 * Slack's app manifest format, as documented (docs.slack.dev/reference/app-manifest)
 * and typed in @slack/web-api (`types/request/manifest.d.ts`): known keys only,
 * with the documented limits, so a typo or an over-long field fails here rather
 * than when an admin pastes the file into api.slack.com.
 */
const url = z.url({ protocol: /^https$/ });
const scope = z.string().regex(/^[a-z_]+(:[a-z_.]+)*$/);
const manifestSchema = z.strictObject({
  _metadata: z.strictObject({ major_version: z.number().int().optional(), minor_version: z.number().int().optional() }).optional(),
  display_information: z.strictObject({
    name: z.string().min(1).max(35),
    description: z.string().max(140).optional(),
    long_description: z.string().min(175).max(4000).optional(),
    background_color: z.string().regex(/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/).optional(),
  }),
  features: z.strictObject({
    app_home: z.strictObject({ home_tab_enabled: z.boolean().optional(), messages_tab_enabled: z.boolean().optional(), messages_tab_read_only_enabled: z.boolean().optional() }).optional(),
    bot_user: z.strictObject({ display_name: z.string().min(1).max(80), always_online: z.boolean().optional() }).optional(),
    slash_commands: z
      .array(z.strictObject({ command: z.string().regex(/^\/[a-z0-9_-]+$/).max(32), url: url.optional(), description: z.string().min(1).max(2000), usage_hint: z.string().max(1000).optional(), should_escape: z.boolean().optional() }))
      .max(50)
      .optional(),
  }),
  oauth_config: z.strictObject({ scopes: z.strictObject({ bot: z.array(scope).max(255).optional(), user: z.array(scope).max(255).optional() }), redirect_urls: z.array(url).optional() }),
  settings: z.strictObject({
    event_subscriptions: z.strictObject({ request_url: url.optional(), bot_events: z.array(z.string().regex(/^[a-z_]+(\.[a-z]+)?$/)).max(100).optional(), user_events: z.array(z.string()).optional() }).optional(),
    interactivity: z.strictObject({ is_enabled: z.boolean(), request_url: url.optional(), message_menu_options_url: url.optional() }).optional(),
    org_deploy_enabled: z.boolean().optional(),
    socket_mode_enabled: z.boolean().optional(),
    token_rotation_enabled: z.boolean().optional(),
  }),
});

const manifest = manifestSchema.parse(parse(readFileSync(new URL('../manifest.yml', import.meta.url), 'utf8')));

describe('manifest.yml', () => {
  it('is a valid Slack app manifest', () => {
    expect(manifest.display_information.name).toBe('Policy Desk');
  });

  it('subscribes to every event the app listens to, and sends everything to /slack/events', () => {
    expect(manifest.settings.event_subscriptions?.bot_events).toEqual(expect.arrayContaining(['app_mention', 'message.im', 'app_home_opened', 'member_joined_channel', 'member_left_channel']));
    const urls = [manifest.settings.event_subscriptions?.request_url, manifest.settings.interactivity?.request_url, ...(manifest.features.slash_commands ?? []).map((command) => command.url)];
    expect(new Set(urls.map((value) => new URL(value!).pathname))).toEqual(new Set(['/slack/events']));
    expect(manifest.settings.interactivity?.is_enabled).toBe(true);
    expect(manifest.features.slash_commands?.map((command) => command.command)).toEqual(['/policy']);
  });

  it('asks for the scopes of every Web API method the app calls, and no user scopes', () => {
    // chat.postMessage/update/postEphemeral/delete, conversations.open (DMs), conversations.members, users.info with email, commands, mentions.
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['chat:write', 'im:write', 'channels:read', 'groups:read', 'users:read', 'users:read.email', 'commands', 'app_mentions:read', 'im:history']));
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
  });

  it('refuses what Slack would refuse', () => {
    expect(() => manifestSchema.parse({ ...manifest, display_information: { name: 'x'.repeat(36) } })).toThrow();
    expect(() => manifestSchema.parse({ ...manifest, settings: { ...manifest.settings, event_subscription: {} } })).toThrow();
  });
});
