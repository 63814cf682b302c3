import { classifyProbe, expectedStatuses } from './probe-state';

describe('classifyProbe', () => {
  it('counts 2xx and 3xx as up, slow above the threshold', () => {
    expect(classifyProbe({ httpStatus: 200, latencyMs: 10 }, 100)).toBe('UP');
    expect(classifyProbe({ httpStatus: 204, latencyMs: 10 }, 100)).toBe('UP');
    expect(classifyProbe({ httpStatus: 302, latencyMs: 10 }, 100)).toBe('UP');
    expect(classifyProbe({ httpStatus: 200, latencyMs: 150 }, 100)).toBe('SLOW');
  });

  it('counts a 404 or any other unexpected status as down, however fast (it showed 正常 before)', () => {
    expect(classifyProbe({ httpStatus: 404, latencyMs: 1 }, 100)).toBe('DOWN');
    expect(classifyProbe({ httpStatus: 401, latencyMs: 1 }, 100)).toBe('DOWN');
    expect(classifyProbe({ httpStatus: 503, latencyMs: 1 }, 100)).toBe('DOWN');
    expect(classifyProbe({ httpStatus: 101, latencyMs: 1 }, 100)).toBe('DOWN');
    expect(classifyProbe({ httpStatus: null, latencyMs: null }, 100)).toBe('DOWN');
  });

  it('takes another set of expected statuses when given one', () => {
    expect(classifyProbe({ httpStatus: 401, latencyMs: 1 }, 100, (s) => s === 401)).toBe('UP');
    expect(classifyProbe({ httpStatus: 200, latencyMs: 1 }, 100, (s) => s === 401)).toBe('DOWN');
  });

  it('reads APP_PROBE_UP_STATUSES: codes and ranges', () => {
    const up = expectedStatuses('200-299, 401');
    expect([200, 204, 299, 401].map(up)).toEqual([true, true, true, true]);
    expect([199, 300, 302, 400, 404, 500].map(up)).toEqual([false, false, false, false, false, false]);
    expect([200, 302, 399, 404].map(expectedStatuses('200-399'))).toEqual([true, true, true, false]);
  });
});
