import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DEPARTMENTS } from '@app/exchange-contract';
import { loadOneWindowConfig } from './one-window.config';

/** A production topology file: the built-in departments, each with its own exchange credentials. */
function topologyWithCredentials(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'ow-config-')), 'topology.json');
  const departments = DEFAULT_DEPARTMENTS.map((d) => ({
    ...d,
    platformCredential: { username: `p-${d.code}`, password: 'platform-password-1' },
    deptCredential: { username: `d-${d.code}`, password: 'department-password-2' },
  }));
  writeFileSync(file, JSON.stringify({ departments }));
  return file;
}

describe('platform configuration', () => {
  it('runs on a laptop in development mode with no other setting', () => {
    const { config, topology } = loadOneWindowConfig({ APP_MODE: 'development' });
    expect(config.PORT).toBe(7100);
    expect(config.platformDbName).toBe('ow_platform');
    expect(topology.departments.length).toBe(5);
  });

  it('refuses to start in production without the key of the personal data', () => {
    expect(() => loadOneWindowConfig({})).toThrow(/PII_SM4_KEY is not set/);
    expect(() => loadOneWindowConfig({ PII_SM4_KEY: 'short' })).toThrow(/PII_SM4_KEY must be 32 hexadecimal/);
    expect(
      loadOneWindowConfig({ PII_SM4_KEY: '00112233445566778899aabbccddeeff', EXCHANGE_TOPOLOGY_FILE: topologyWithCredentials() }).config.piiKey.length,
    ).toBe(16);
  });

  it('refuses to start in production (the default) while a department has no exchange credentials, naming it', () => {
    expect(() => loadOneWindowConfig({ PII_SM4_KEY: '00112233445566778899aabbccddeeff' })).toThrow(
      /no exchange credentials for departments AMR, HOUSING, HPF, PSB, DRC/,
    );
    expect(() => loadOneWindowConfig({ APP_MODE: 'staging' })).toThrow(/APP_MODE="staging"/);
  });

  it('converts and validates variables, naming each bad one', () => {
    expect(loadOneWindowConfig({ APP_MODE: 'development', DB_PORT: '3399', DISPATCH_LANES: '2' }).config.DB_PORT).toBe(3399);
    expect(() => loadOneWindowConfig({ DB_PORT: 'abc', DISPATCH_LANES: '99' })).toThrow(/DB_PORT="abc": DB_PORT must/);
    expect(() => loadOneWindowConfig({ DB_PORT: 'abc', DISPATCH_LANES: '99' })).toThrow(/DISPATCH_LANES="99": DISPATCH_LANES must not be greater than 16/);
    expect(() => loadOneWindowConfig({ APP_MODE: 'development', DISPATCH_LEASE_MS: '3000', NOTIFY_TIMEOUT_MS: '5000' })).toThrow(
      /DISPATCH_LEASE_MS=3000: must exceed NOTIFY_TIMEOUT_MS/,
    );
    expect(() => loadOneWindowConfig({ APP_MODE: 'development', FAULT_CRASH_POINT: 'anywhere' })).toThrow(/FAULT_CRASH_POINT/);
  });

  it('keeps the applicant SMS off unless asked for, and then requires every CMPP setting (no secret default)', () => {
    expect(loadOneWindowConfig({ APP_MODE: 'development' }).config.applicantSmsOn).toBe(false);
    const cmpp = { CMPP_HOST: '127.0.0.1', CMPP_SP_ID: '901234', CMPP_SECRET: 's3cret', CMPP_SRC_ID: '10690001' };
    expect(loadOneWindowConfig({ APP_MODE: 'development', ...cmpp }).config.applicantSmsOn).toBe(true);
    expect(loadOneWindowConfig({ APP_MODE: 'development', ...cmpp, APPLICANT_SMS_ENABLED: 'off' }).config.applicantSmsOn).toBe(false);
    expect(() => loadOneWindowConfig({ APP_MODE: 'development', APPLICANT_SMS_ENABLED: 'on' })).toThrow(/CMPP_HOST is not set[\s\S]*CMPP_SECRET is not set/);
    expect(() => loadOneWindowConfig({ APP_MODE: 'development', ...cmpp, CMPP_SECRET: '' })).toThrow(/CMPP_SECRET is not set/);
    expect(() => loadOneWindowConfig({ APP_MODE: 'development', ...cmpp, CMPP_SP_ID: 'toolong1' })).toThrow(/CMPP_SP_ID/);
    expect(() => loadOneWindowConfig({ APP_MODE: 'development', APPLICANT_SMS_ENABLED: 'yes' })).toThrow(/APPLICANT_SMS_ENABLED/);
  });

  it('refuses the test-only switches unless TEST_HOOKS=on, whatever the APP_MODE, in Chinese and English', () => {
    const prod = { PII_SM4_KEY: '00112233445566778899aabbccddeeff', APP_MODE: 'development' };
    for (const [name, value] of [
      ['SUPERVISION_TEST_CLOCK_FILE', '/tmp/clock'],
      ['FAULT_CRASH_POINT', 'after-front-insert'],
    ]) {
      expect(() => loadOneWindowConfig({ ...prod, [name]: value })).toThrow(
        new RegExp(`Invalid configuration:\\n  ${name} is a test-only switch and is refused unless TEST_HOOKS=on \\(测试专用开关 ${name} 仅在 TEST_HOOKS=on`),
      );
      expect(loadOneWindowConfig({ ...prod, TEST_HOOKS: 'on', [name]: value }).config.TEST_HOOKS).toBe('on');
    }
    expect(() => loadOneWindowConfig({ ...prod, TEST_HOOKS: 'yes' })).toThrow(/TEST_HOOKS="yes"/);
    expect(loadOneWindowConfig(prod).config.TEST_HOOKS).toBe('off');
  });
});
