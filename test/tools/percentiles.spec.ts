import { percentiles } from './percentiles';

describe('percentiles', () => {
  it('uses nearest rank', () => {
    const p = percentiles(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(p).toEqual({ n: 100, p50: 50, p90: 90, p99: 99, max: 100 });
    expect(percentiles([7])).toEqual({ n: 1, p50: 7, p90: 7, p99: 7, max: 7 });
    expect(percentiles([]).n).toBe(0);
  });
});
