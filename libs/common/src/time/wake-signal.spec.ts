import { WakeSignal } from './wake-signal';

describe('WakeSignal', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const settled = async (p: Promise<void>): Promise<boolean> => {
    let done = false;
    void p.then(() => (done = true));
    await Promise.resolve();
    await Promise.resolve();
    return done;
  };

  it('a wait ends at its timeout when nobody kicks', async () => {
    const s = new WakeSignal();
    const p = s.wait(1000);
    jest.advanceTimersByTime(999);
    expect(await settled(p)).toBe(false);
    jest.advanceTimersByTime(1);
    expect(await settled(p)).toBe(true);
  });

  it('a kick wakes every waiter at once', async () => {
    const s = new WakeSignal();
    const a = s.wait(60_000);
    const b = s.wait(60_000);
    s.kick();
    expect(await settled(a)).toBe(true);
    expect(await settled(b)).toBe(true);
  });

  it('a kick with nobody waiting is remembered for the next wait only', async () => {
    const s = new WakeSignal();
    s.kick();
    s.kick();
    expect(await settled(s.wait(60_000))).toBe(true);
    const next = s.wait(60_000);
    expect(await settled(next)).toBe(false);
    jest.advanceTimersByTime(60_000);
    expect(await settled(next)).toBe(true);
  });
});
