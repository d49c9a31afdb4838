import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { TeamsConfig } from '../../src/config/load-config.ts';
import type { PipelinePolicy } from './connector-retry-policy.ts';

type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type Pipeline = { removePolicy(options: { name: string }): unknown; addPolicy(policy: PipelinePolicy, options?: { phase?: string }): void };

/** The Bot Framework's public cloud (botframework-connector's AuthenticationConstants). */
const publicCloud = {
  ValidateAuthority: 'true',
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  CallerId: 'urn:botframework:azure',
};

/** The audience of the bot's outbound tokens (the channels' connector), as botbuilder gives it for an authenticated request. */
export const outboundAudience = publicCloud.ToChannelFromBotOAuthScope;

/**
 * Puts our retry policy in place of the Azure pipeline's default one, so a
 * connector call is retried by one policy with one budget (the default
 * would retry 502/504 itself, three times, underneath ours). The pipeline is
 * not public API: if it moves, calls keep the default retries and a test
 * (connector-retry-policy.test.ts) fails.
 */
export function installRetryPolicy(client: ConnectorClient, policy: PipelinePolicy): boolean {
  const pipeline = (client as unknown as { client?: { pipeline?: Pipeline } }).client?.pipeline;
  if (!pipeline) return false;
  pipeline.removePolicy({ name: 'defaultRetryPolicy' });
  pipeline.removePolicy({ name: policy.name });
  pipeline.addPolicy(policy, { phase: 'Retry' });
  return true;
}

/**
 * Bot Framework authentication for Teams: inbound tokens are checked by
 * botbuilder (issuer, audience = the app id, `serviceurl` claim, signing
 * keys from the Bot Framework's OpenID metadata); every connector client it
 * makes for outbound calls gets `policy`. With an empty app id (emulator
 * mode only; the configuration refuses it otherwise) botbuilder turns
 * authentication off.
 */
export class TeamsAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly policy: PipelinePolicy;

  constructor(settings: TeamsConfig, policy: PipelinePolicy) {
    super({
      MicrosoftAppId: settings.appId,
      MicrosoftAppPassword: settings.appPassword,
      MicrosoftAppType: settings.appTenantId ? 'SingleTenant' : 'MultiTenant',
      ...(settings.appTenantId ? { MicrosoftAppTenantId: settings.appTenantId } : {}),
      // botbuilder uses the public cloud's settings only when none is given: naming one (the
      // metadata URL) means naming them all, so they are always given, the same either way.
      ...publicCloud,
      ...(settings.openIdMetadataUrl ? { ToBotFromChannelOpenIdMetadataUrl: settings.openIdMetadataUrl } : {}),
    } as Record<string, string>);
    this.policy = policy;
  }

  private withPolicy(factory: ConnectorFactory): ConnectorFactory {
    const policy = this.policy;
    return {
      async create(serviceUrl: string, audience?: string) {
        const client = await factory.create(serviceUrl, audience);
        installRetryPolicy(client, policy);
        return client;
      },
    } as ConnectorFactory;
  }

  override async authenticateRequest(...args: Parameters<ConfigurationBotFrameworkAuthentication['authenticateRequest']>) {
    const result = await super.authenticateRequest(...args);
    return result.connectorFactory ? { ...result, connectorFactory: this.withPolicy(result.connectorFactory) } : result;
  }

  override createConnectorFactory(...args: Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>): ConnectorFactory {
    return this.withPolicy(super.createConnectorFactory(...args));
  }
}
