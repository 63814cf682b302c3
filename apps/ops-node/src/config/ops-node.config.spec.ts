import { loadOpsNodeConfig } from './ops-node.config';

describe('ops node configuration: test-only switches', () => {
  it('refuses FAULT_CRASH_POINT unless TEST_HOOKS=on', () => {
    expect(() => loadOpsNodeConfig({ APP_MODE: 'development', FAULT_CRASH_POINT: 'after-report-send' })).toThrow(
      /FAULT_CRASH_POINT is a test-only switch and is refused unless TEST_HOOKS=on \(测试专用开关 FAULT_CRASH_POINT/,
    );
    expect(loadOpsNodeConfig({ APP_MODE: 'development', TEST_HOOKS: 'on', FAULT_CRASH_POINT: 'after-report-send' }).config.FAULT_CRASH_POINT).toBe(
      'after-report-send',
    );
  });
});
