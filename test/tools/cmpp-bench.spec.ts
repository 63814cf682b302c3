import { runCmppBench } from './cmpp-bench';

describe('runCmppBench', () => {
  it('measures throughput and the window/RTT ideal in one run', async () => {
    const lines: string[] = [];
    const r = await runCmppBench((l) => lines.push(l), { count: 300, rttSamples: 20 });
    expect(r.window).toBe(16);
    expect(r.submitsPerSec).toBeGreaterThan(0);
    expect(r.rttMs).toBeGreaterThan(0);
    expect(r.idealPerSec).toBeCloseTo(16 / (r.rttMs / 1000));
    expect(lines).toHaveLength(1);
  });
});
