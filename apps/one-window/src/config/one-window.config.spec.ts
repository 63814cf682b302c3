import { loadOneWindowConfig } from './one-window.config';

describe('platform configuration', () => {
  it('runs on a laptop with APP_MODE=development and nothing else', () => {
    const { config, topology } = loadOneWindowConfig({ APP_MODE: 'development' });
    expect(config.PORT).toBe(7100);
    expect(config.platformDbName).toBe('ow_platform');
    expect(topology.departments.length).toBe(5);
  });

  it('refuses to start in production (the default) while a department has no exchange credentials, naming it', () => {
    expect(() => loadOneWindowConfig({})).toThrow(/no exchange credentials for departments AMR, HOUSING, HPF, PSB, DRC/);
    expect(() => loadOneWindowConfig({ APP_MODE: 'staging' })).toThrow(/APP_MODE="staging"/);
  });

  it('converts and validates variables, naming each bad one', () => {
    expect(loadOneWindowConfig({ APP_MODE: 'development', DB_PORT: '3399', DISPATCH_LANES: '2' }).config.DB_PORT).toBe(3399);
    expect(() => loadOneWindowConfig({ DB_PORT: 'abc', TOKEN_SECRET: 'short' })).toThrow(/DB_PORT="abc": DB_PORT must/);
    expect(() => loadOneWindowConfig({ DB_PORT: 'abc', TOKEN_SECRET: 'short' })).toThrow(/TOKEN_SECRET="short": TOKEN_SECRET must be longer/);
    expect(() => loadOneWindowConfig({ APP_MODE: 'development', DISPATCH_LEASE_MS: '3000', NOTIFY_TIMEOUT_MS: '5000' })).toThrow(/DISPATCH_LEASE_MS=3000: must exceed NOTIFY_TIMEOUT_MS/);
    expect(() => loadOneWindowConfig({ FAULT_CRASH_POINT: 'anywhere' })).toThrow(/FAULT_CRASH_POINT/);
  });
});
