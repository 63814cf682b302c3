import { scheduleEvery } from './schedule-every';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('scheduleEvery', () => {
  it('ticks on its period, never two at once, and stops after the tick in progress', async () => {
    let active = 0;
    let most = 0;
    let runs = 0;
    const task = scheduleEvery(10, 'test', async () => {
      active++;
      most = Math.max(most, active);
      await sleep(35);
      runs++;
      active--;
    });
    await sleep(200);
    await task.stop();
    const after = runs;
    expect(after).toBeGreaterThanOrEqual(2);
    expect(most).toBe(1);
    expect(active).toBe(0);
    await sleep(60);
    expect(runs).toBe(after);
  });

  it('hands a failed tick to onError and keeps ticking', async () => {
    const errors: string[] = [];
    let n = 0;
    const task = scheduleEvery(
      10,
      'test',
      () => (++n === 1 ? Promise.reject(new Error('boom')) : Promise.resolve()),
      (err) => errors.push(err.message),
    );
    await sleep(80);
    await task.stop();
    expect(errors).toEqual(['boom']);
    expect(n).toBeGreaterThan(1);
  });
});
