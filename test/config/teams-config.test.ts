import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';

const appId = '3f1e9c57-8d2a-4b6e-9f0c-7a1b2c3d4e5f';
const tenant = '72f988bf-86f1-41af-91ab-2d7cd011db47';

describe('Teams configuration', () => {
  it('is off without Teams settings', () => {
    expect(loadConfig({}).teams).toBeUndefined();
  });

  it('reads the app id, password, single tenant and the Entra tenant → tenant map', () => {
    expect(loadConfig({ TEAMS_APP_ID: appId, TEAMS_APP_PASSWORD: 's3cret', TEAMS_APP_TENANT_ID: tenant, TEAMS_TENANTS: `${tenant.toUpperCase()}=acme` }).teams).toEqual({
      appId, appPassword: 's3cret', appTenantId: tenant, tenants: { [tenant]: 'acme' }, emulator: false, openIdMetadataUrl: undefined,
    });
  });

  it('refuses an app id without a password, a password without an app id, and missing or malformed tenants, naming each', () => {
    expect(() => loadConfig({ TEAMS_APP_ID: appId, TEAMS_TENANTS: `${tenant}=acme` })).toThrow(/TEAMS_APP_PASSWORD/);
    expect(() => loadConfig({ TEAMS_APP_PASSWORD: 'x', TEAMS_TENANTS: `${tenant}=acme` })).toThrow(/TEAMS_APP_ID: must be set/);
    expect(() => loadConfig({ TEAMS_TENANTS: `${tenant}=acme` })).toThrow(/TEAMS_APP_ID/);
    expect(() => loadConfig({ TEAMS_APP_ID: appId, TEAMS_APP_PASSWORD: 'x' })).toThrow(/TEAMS_TENANTS/);
    expect(() => loadConfig({ TEAMS_APP_ID: appId, TEAMS_APP_PASSWORD: 'x', TEAMS_TENANTS: 'acme' })).toThrow(/ENTRA_TENANT_ID=tenant/);
    expect(() => loadConfig({ TEAMS_APP_ID: 'policy-desk', TEAMS_APP_PASSWORD: 'x', TEAMS_TENANTS: `${tenant}=acme` })).toThrow(/GUID/);
  });

  it('turns authentication off only in emulator mode, only on loopback, only without credentials', () => {
    expect(loadConfig({ TEAMS_EMULATOR: '1', TEAMS_TENANTS: `${tenant}=acme` }).teams).toMatchObject({ appId: '', emulator: true });
    expect(loadConfig({ TEAMS_EMULATOR: '1', HOST: '::1', TEAMS_TENANTS: `${tenant}=acme` }).teams).toMatchObject({ emulator: true });
    expect(() => loadConfig({ TEAMS_EMULATOR: '1', HOST: '0.0.0.0', TEAMS_TENANTS: `${tenant}=acme` })).toThrow(/loopback/);
    expect(() => loadConfig({ TEAMS_EMULATOR: '1', TEAMS_APP_ID: appId, TEAMS_APP_PASSWORD: 'x', TEAMS_TENANTS: `${tenant}=acme` })).toThrow(/unset TEAMS_APP_ID/);
    expect(() => loadConfig({ TEAMS_EMULATOR: 'yes', TEAMS_TENANTS: `${tenant}=acme` })).toThrow(/TEAMS_EMULATOR/);
  });
});
