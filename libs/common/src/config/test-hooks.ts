/**
 * Test-only switches (fault injection, a movable clock) change what a process does in ways no
 * installation wants, so they are honoured only in an explicit test mode: `TEST_HOOKS=on` (the
 * integration suites set it where they use one). A switch set without it stops the boot, naming
 * the variable, in Chinese and English, like every other configuration error.
 */
export function refuseTestSwitchesOutsideTestMode(testHooks: string | undefined, switches: Record<string, unknown>): void {
  if (testHooks === 'on') return;
  const set = Object.entries(switches).filter(([, v]) => v !== undefined && v !== null && v !== '');
  if (!set.length) return;
  throw new Error(
    `Invalid configuration:\n${set
      .map(
        ([name]) =>
          `  ${name} is a test-only switch and is refused unless TEST_HOOKS=on (测试专用开关 ${name} 仅在 TEST_HOOKS=on 的测试模式下可用，生产环境不得设置)`,
      )
      .join('\n')}`,
  );
}

/** The values of TEST_HOOKS: `on` only in the integration tests. */
export const TEST_HOOKS_VALUES = ['on', 'off'] as const;
