import { z } from 'zod';
import { ConfigError } from '../errors.ts';

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const optional = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_FILE: z.string().min(1).default('./data/policy-desk.db'),
  POLICIES_DIR: z.string().min(1).default('./examples'),
  OPENAI_API_KEY: optional,
  OPENAI_BASE_URL: optional.pipe(z.url({ message: 'must be a URL such as https://api.openai.com/v1' }).optional()),
  OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  OPENAI_EMBEDDINGS_MODEL: optional,
  OPENAI_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
  WEBHOOKS_FILE: optional,
  SLACK_BOT_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: optional,
  SLACK_TEAMS: optional,
  SLACK_API_URL: optional.pipe(z.url({ message: 'must be a URL such as https://slack.com/api/' }).optional()),
  TEAMS_APP_ID: optional.pipe(z.string().regex(guid, 'must be the bot\'s Microsoft App ID, a GUID').optional()),
  TEAMS_APP_PASSWORD: optional,
  TEAMS_APP_TENANT_ID: optional.pipe(z.string().regex(guid, 'must be the Entra tenant id (a GUID) of a single-tenant bot').optional()),
  TEAMS_TENANTS: optional,
  TEAMS_EMULATOR: optional.pipe(z.enum(['1', 'true', '0', 'false'], { message: 'must be 1 (authentication off, loopback only) or 0' }).optional()),
  TEAMS_OPENID_METADATA_URL: optional.pipe(z.url({ message: 'must be a URL such as https://login.botframework.com/v1/.well-known/openidconfiguration' }).optional()),
  CONSOLE_SESSION_SECRET: optional.pipe(z.string().min(32, { message: 'must be at least 32 characters' }).optional()),
  CONSOLE_OIDC_ISSUER: optional.pipe(z.url({ message: 'must be the issuer URL, such as https://login.microsoftonline.com/TENANT-ID/v2.0' }).optional()),
  CONSOLE_OIDC_CLIENT_ID: optional,
  CONSOLE_OIDC_CLIENT_SECRET: optional,
  CONSOLE_OIDC_REDIRECT_URL: optional.pipe(z.url({ message: 'must be a URL such as https://policy-desk.example.com/console/auth/callback' }).optional()),
  CONSOLE_OIDC_TENANT: optional,
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

export type Config = {
  port: number;
  host: string;
  databaseFile: string;
  policiesDir: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Set when the Slack app is configured (SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET). */
  slack: { botToken: string; signingSecret: string; appToken: string | undefined; teams: Record<string, string>; apiUrl: string | undefined } | undefined;
  /** Set when the Teams bot is configured (TEAMS_APP_ID and TEAMS_APP_PASSWORD, or TEAMS_EMULATOR=1 on loopback). */
  teams: TeamsConfig | undefined;
  /** YAML file of webhook targets per tenant (README, Webhooks); without it, outbox messages wait undelivered. */
  webhooksFile: string | undefined;
  /**
   * The console (README, Console and playground). Without a session secret one
   * is generated at each start (sessions then end with a restart). With OpenID
   * Connect, people sign in with it; without, local sign-in on loopback only.
   */
  console: {
    sessionSecret: string | undefined;
    oidc: { issuer: string; clientId: string; clientSecret: string; redirectUrl: string; tenant: string } | undefined;
  };
  /** Set when a chat model is configured (OpenAI, Azure OpenAI, vLLM, Ollama...); otherwise the offline answerer is used. */
  llm: { apiKey: string; baseUrl: string | undefined; model: string; timeoutMs: number } | undefined;
  /** Set when an embeddings model is configured: semantic retrieval fused with the lexical ranking. */
  embeddings: { apiKey: string; baseUrl: string | undefined; model: string } | undefined;
};

export type TeamsConfig = {
  /** The bot's Microsoft App ID; empty only in emulator mode (botbuilder then turns authentication off). */
  appId: string;
  appPassword: string;
  /** For a single-tenant bot: the Entra tenant its app registration lives in. */
  appTenantId: string | undefined;
  /** Entra tenant id → Policy Desk tenant. */
  tenants: Record<string, string>;
  /** Authentication off, for the Bot Framework Emulator; only ever with a loopback HOST. */
  emulator: boolean;
  /** Where the Bot Connector's signing keys are published (default: Bot Framework's). */
  openIdMetadataUrl: string | undefined;
};

/** Whether a listen address only accepts connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * The Teams settings, or undefined when Teams is not configured. botbuilder
 * turns authentication off when the app id is empty, so an app id and
 * password are required, unless TEAMS_EMULATOR=1 asks for exactly that: then
 * the service must listen on loopback only, and no app id may be set (a
 * half-authenticated bot would be worse than either). TEAMS_TENANTS maps
 * Entra tenant ids to Policy Desk tenants: "<guid>=acme,<guid>=globex".
 */
function teamsSettings(values: {
  TEAMS_APP_ID?: string | undefined;
  TEAMS_APP_PASSWORD?: string | undefined;
  TEAMS_APP_TENANT_ID?: string | undefined;
  TEAMS_TENANTS?: string | undefined;
  TEAMS_EMULATOR?: string | undefined;
  TEAMS_OPENID_METADATA_URL?: string | undefined;
  HOST: string;
}): Config['teams'] {
  const emulator = values.TEAMS_EMULATOR === '1' || values.TEAMS_EMULATOR === 'true';
  const anyCredential = values.TEAMS_APP_ID || values.TEAMS_APP_PASSWORD || values.TEAMS_APP_TENANT_ID;
  if (!emulator && !anyCredential && !values.TEAMS_TENANTS) return undefined;
  const problems: string[] = [];
  if (emulator) {
    if (!isLoopbackHost(values.HOST)) problems.push(`TEAMS_EMULATOR: turns authentication off, so HOST must be a loopback address (127.0.0.1, ::1), not "${values.HOST}"`);
    if (anyCredential) problems.push('TEAMS_EMULATOR: turns authentication off; unset TEAMS_APP_ID, TEAMS_APP_PASSWORD and TEAMS_APP_TENANT_ID, or unset TEAMS_EMULATOR');
  } else {
    if (!values.TEAMS_APP_ID) problems.push('TEAMS_APP_ID: must be set for Teams (without it botbuilder accepts unauthenticated requests); for the Bot Framework Emulator on this machine set TEAMS_EMULATOR=1 instead');
    if (!values.TEAMS_APP_PASSWORD) problems.push('TEAMS_APP_PASSWORD: must be set when TEAMS_APP_ID is (the client secret of the bot\'s app registration)');
  }
  const tenants: Record<string, string> = {};
  for (const entry of (values.TEAMS_TENANTS ?? '').split(',').map((part) => part.trim()).filter(Boolean)) {
    const [entraTenant, tenant] = entry.split('=').map((part) => part.trim());
    if (!entraTenant || !tenant) problems.push(`TEAMS_TENANTS: "${entry}" is not ENTRA_TENANT_ID=tenant`);
    else tenants[entraTenant.toLowerCase()] = tenant;
  }
  if (!values.TEAMS_TENANTS) problems.push('TEAMS_TENANTS: name at least one Entra tenant id and its Policy Desk tenant, e.g. 72f988bf-86f1-41af-91ab-2d7cd011db47=acme');
  if (problems.length > 0) throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  return {
    appId: emulator ? '' : values.TEAMS_APP_ID!,
    appPassword: emulator ? '' : values.TEAMS_APP_PASSWORD!,
    appTenantId: values.TEAMS_APP_TENANT_ID,
    tenants,
    emulator,
    openIdMetadataUrl: values.TEAMS_OPENID_METADATA_URL,
  };
}

/**
 * The Slack settings, or undefined when Slack is not configured. Over HTTP a
 * bot token without a signing secret is refused: there would be nothing to
 * check requests against. With SLACK_APP_TOKEN, Socket Mode is used instead. SLACK_TEAMS maps Slack team ids to tenants:
 * "T0ACME=acme,T0GLOBEX=globex".
 */
function slackSettings(botToken?: string, signingSecret?: string, teams?: string, apiUrl?: string, appToken?: string): Config['slack'] {
  if (!botToken && !signingSecret && !appToken) return undefined;
  if (!signingSecret && !appToken) {
    throw new ConfigError('invalid configuration:\n  SLACK_SIGNING_SECRET: must be set when SLACK_BOT_TOKEN is (requests could not be verified); or set SLACK_APP_TOKEN for Socket Mode');
  }
  if (appToken && !appToken.startsWith('xapp-')) throw new ConfigError('invalid configuration:\n  SLACK_APP_TOKEN: must be an app-level token (xapp-...)');
  if (!botToken) throw new ConfigError('invalid configuration:\n  SLACK_BOT_TOKEN: must be set when SLACK_SIGNING_SECRET is');
  const map: Record<string, string> = {};
  for (const entry of (teams ?? '').split(',').map((part) => part.trim()).filter(Boolean)) {
    const [team, tenant] = entry.split('=').map((part) => part.trim());
    if (!team || !tenant) throw new ConfigError(`invalid configuration:\n  SLACK_TEAMS: "${entry}" is not TEAM_ID=tenant`);
    map[team] = tenant;
  }
  if (Object.keys(map).length === 0) throw new ConfigError('invalid configuration:\n  SLACK_TEAMS: name at least one Slack team and its tenant, e.g. T0ACME=acme');
  return { botToken, signingSecret: signingSecret ?? '', appToken, teams: map, apiUrl };
}

/** Where the identity provider sends people back to the console. */
const oidcCallbackPath = '/console/auth/callback';

/** OpenID Connect for the console: all of issuer, client id, secret, redirect URL and tenant, or none. */
function consoleOidc(values: { CONSOLE_OIDC_ISSUER?: string; CONSOLE_OIDC_CLIENT_ID?: string; CONSOLE_OIDC_CLIENT_SECRET?: string; CONSOLE_OIDC_REDIRECT_URL?: string; CONSOLE_OIDC_TENANT?: string }): Config['console']['oidc'] {
  const fields = {
    CONSOLE_OIDC_ISSUER: values.CONSOLE_OIDC_ISSUER,
    CONSOLE_OIDC_CLIENT_ID: values.CONSOLE_OIDC_CLIENT_ID,
    CONSOLE_OIDC_CLIENT_SECRET: values.CONSOLE_OIDC_CLIENT_SECRET,
    CONSOLE_OIDC_REDIRECT_URL: values.CONSOLE_OIDC_REDIRECT_URL,
    CONSOLE_OIDC_TENANT: values.CONSOLE_OIDC_TENANT,
  };
  const missing = Object.entries(fields).filter(([, value]) => value === undefined).map(([name]) => name);
  if (missing.length === Object.keys(fields).length) return undefined;
  const problems = missing.map((name) => `${name}: must be set with the other CONSOLE_OIDC_ variables`);
  if (fields.CONSOLE_OIDC_REDIRECT_URL && !new URL(fields.CONSOLE_OIDC_REDIRECT_URL).pathname.endsWith(oidcCallbackPath)) {
    problems.push(`CONSOLE_OIDC_REDIRECT_URL: must end with ${oidcCallbackPath} (the console's callback)`);
  }
  if (problems.length > 0) throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  return { issuer: fields.CONSOLE_OIDC_ISSUER!, clientId: fields.CONSOLE_OIDC_CLIENT_ID!, clientSecret: fields.CONSOLE_OIDC_CLIENT_SECRET!, redirectUrl: fields.CONSOLE_OIDC_REDIRECT_URL!, tenant: fields.CONSOLE_OIDC_TENANT! };
}

/**
 * Reads configuration from the environment, validated, with every problem
 * named at once. Nothing is required: without credentials the service runs
 * on its embedded examples with the offline answerer.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const values = result.data;
  const teams = teamsSettings(values);
  const slack = slackSettings(values.SLACK_BOT_TOKEN, values.SLACK_SIGNING_SECRET, values.SLACK_TEAMS, values.SLACK_API_URL, values.SLACK_APP_TOKEN);
  // A local server (Ollama, vLLM) needs a base URL but no real key.
  const apiKey = values.OPENAI_API_KEY ?? (values.OPENAI_BASE_URL ? 'not-needed' : undefined);
  return {
    port: values.PORT,
    host: values.HOST,
    databaseFile: values.DATABASE_FILE,
    policiesDir: values.POLICIES_DIR,
    logLevel: values.LOG_LEVEL,
    webhooksFile: values.WEBHOOKS_FILE,
    slack,
    teams,
    console: { sessionSecret: values.CONSOLE_SESSION_SECRET, oidc: consoleOidc(values) },
    llm: apiKey ? { apiKey, baseUrl: values.OPENAI_BASE_URL, model: values.OPENAI_MODEL, timeoutMs: values.OPENAI_TIMEOUT_MS } : undefined,
    embeddings:
      apiKey && values.OPENAI_EMBEDDINGS_MODEL ? { apiKey, baseUrl: values.OPENAI_BASE_URL, model: values.OPENAI_EMBEDDINGS_MODEL } : undefined,
  };
}
