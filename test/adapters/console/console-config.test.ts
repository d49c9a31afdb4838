import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.ts';

const oidc = {
  CONSOLE_OIDC_ISSUER: 'https://login.example.com/acme/v2.0',
  CONSOLE_OIDC_CLIENT_ID: 'console',
  CONSOLE_OIDC_CLIENT_SECRET: 'secret',
  CONSOLE_OIDC_REDIRECT_URL: 'https://policy-desk.example.com/console/auth/callback',
  CONSOLE_OIDC_TENANT: 'acme',
};

describe('console configuration', () => {
  it('needs nothing: local sign-in and a session secret made at start', () => {
    expect(loadConfig({}).console).toEqual({ sessionSecret: undefined, oidc: undefined });
  });

  it('takes OpenID Connect whole', () => {
    expect(loadConfig(oidc).console.oidc).toEqual({
      issuer: 'https://login.example.com/acme/v2.0',
      clientId: 'console',
      clientSecret: 'secret',
      redirectUrl: 'https://policy-desk.example.com/console/auth/callback',
      tenant: 'acme',
    });
  });

  it('names what is missing or wrong', () => {
    expect(() => loadConfig({ CONSOLE_OIDC_ISSUER: oidc.CONSOLE_OIDC_ISSUER })).toThrow(/CONSOLE_OIDC_CLIENT_ID: must be set[\s\S]*CONSOLE_OIDC_TENANT: must be set/);
    expect(() => loadConfig({ ...oidc, CONSOLE_OIDC_REDIRECT_URL: 'https://policy-desk.example.com/callback' })).toThrow(/must end with \/console\/auth\/callback/);
    expect(() => loadConfig({ CONSOLE_SESSION_SECRET: 'short', CONSOLE_OIDC_ISSUER: 'not a url' })).toThrow(/CONSOLE_SESSION_SECRET: must be at least 32 characters[\s\S]*CONSOLE_OIDC_ISSUER/);
  });
});
