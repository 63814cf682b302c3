import { DueTracker, IntervalTable } from './sampling-intervals';

describe('operator-set sampling intervals', () => {
  const table = new IntervalTable(15, [
    { resourceId: 'NET-1', metric: '', intervalSeconds: 60 },
    { resourceId: '', metric: 'if.in.bps', intervalSeconds: 5 },
    { resourceId: 'NET-1', metric: 'if.in.bps', intervalSeconds: 30 },
    { resourceId: 'FW-1', metric: '', intervalSeconds: 0 },
  ]);

  it('resolves resource+metric, then resource, then metric, then the default', () => {
    expect(table.intervalOf('NET-1', 'if.in.bps')).toBe(30);
    expect(table.intervalOf('NET-1', 'cpu.usage')).toBe(60);
    expect(table.intervalOf('NET-2', 'if.in.bps')).toBe(5);
    expect(table.intervalOf('NET-2', 'cpu.usage')).toBe(15);
  });

  it('a series is due on its own interval (a 1 s tick keeps the pace), and 0 switches it off', () => {
    const due = new DueTracker();
    const tick = 1000;
    const times: number[] = [];
    for (let t = 0; t <= 60_000; t += tick) {
      if (due.isDue(table, 'NET-2', 'if.in.bps', t, tick)) {
        times.push(t / 1000);
        due.mark('NET-2', 'if.in.bps', t);
      }
    }
    expect(times).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60]);
    expect(due.isDue(table, 'FW-1', 'cpu.usage', 0, tick)).toBe(false);
  });
});
