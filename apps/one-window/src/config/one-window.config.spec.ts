import { loadOneWindowConfig } from './one-window.config';

describe('platform configuration', () => {
  it('runs on a laptop with no environment at all', () => {
    const { config, topology } = loadOneWindowConfig({});
    expect(config.PORT).toBe(7100);
    expect(config.platformDbName).toBe('ow_platform');
    expect(topology.departments.length).toBe(5);
  });

  it('converts and validates variables, naming each bad one', () => {
    expect(loadOneWindowConfig({ DB_PORT: '3399', DISPATCH_LANES: '2' }).config.DB_PORT).toBe(3399);
    expect(() => loadOneWindowConfig({ DB_PORT: 'abc', DISPATCH_LANES: '99' })).toThrow(/DB_PORT="abc": DB_PORT must/);
    expect(() => loadOneWindowConfig({ DB_PORT: 'abc', DISPATCH_LANES: '99' })).toThrow(/DISPATCH_LANES="99": DISPATCH_LANES must not be greater than 16/);
    expect(() => loadOneWindowConfig({ DISPATCH_LEASE_MS: '3000', NOTIFY_TIMEOUT_MS: '5000' })).toThrow(/DISPATCH_LEASE_MS=3000: must exceed NOTIFY_TIMEOUT_MS/);
    expect(() => loadOneWindowConfig({ FAULT_CRASH_POINT: 'anywhere' })).toThrow(/FAULT_CRASH_POINT/);
  });
});
