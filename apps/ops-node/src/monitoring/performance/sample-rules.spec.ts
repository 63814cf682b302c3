import { impossibleValue } from './sample-rules';

describe('impossibleValue', () => {
  it('refuses percentages outside 0–100 and negative counted figures', () => {
    expect(impossibleValue({ metric: 'cpu.usage', value: -50, unit: '%' })).toContain('0 到 100');
    expect(impossibleValue({ metric: 'mem.usage', value: 130, unit: '' })).toContain('130');
    expect(impossibleValue({ metric: 'load', value: 100.5, unit: '%' })).not.toBeNull();
    expect(impossibleValue({ metric: 'if.in.bps', value: -1, unit: 'bps' })).toContain('负数');
    expect(impossibleValue({ metric: 'sessions', value: -3, unit: '' })).not.toBeNull();
  });

  it('accepts what can be measured', () => {
    expect(impossibleValue({ metric: 'cpu.usage', value: 0, unit: '%' })).toBeNull();
    expect(impossibleValue({ metric: 'cpu.usage', value: 100, unit: '%' })).toBeNull();
    expect(impossibleValue({ metric: 'temperature', value: -12, unit: '℃' })).toBeNull();
    expect(impossibleValue({ metric: 'sessions', value: 1200, unit: '个' })).toBeNull();
  });
});
