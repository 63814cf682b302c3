import { chance } from './chance';

describe('chance', () => {
  it('is deterministic and roughly uniform', () => {
    expect(chance('410404-20261122-000001', 1, 'supplement')).toBe(chance('410404-20261122-000001', 1, 'supplement'));
    expect(chance('410404-20261122-000001', 1, 'supplement')).not.toBe(chance('410404-20261122-000001', 2, 'supplement'));
    const n = 4000;
    let below = 0;
    for (let i = 0; i < n; i++) if (chance(`410404-20261122-${String(i).padStart(6, '0')}`, 1, 'x') < 0.25) below++;
    expect(below / n).toBeGreaterThan(0.22);
    expect(below / n).toBeLessThan(0.28);
  });
});
