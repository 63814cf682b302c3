import { foldAlertStats } from './alert-stats';

describe('foldAlertStats (告警统计 across districts)', () => {
  const nodes = [
    { nodeCode: 'SLQ', name: '石龙区' },
    { nodeCode: 'XHQ', name: '新华区' },
    { nodeCode: 'WDQ', name: '卫东区' },
  ];
  const meta = { from: new Date('2026-11-30T16:00:00Z'), to: new Date('2026-12-01T16:00:00Z'), bucket: 'hour' as const, open: 2 };

  it('lists every registered node, also those without alerts, and adds each group to node, severity and class', () => {
    const s = foldAlertStats(
      nodes,
      [
        { node_code: 'SLQ', severity: 'CRITICAL', resource_class: 'NETWORK_DEVICE', n: '2' },
        { node_code: 'SLQ', severity: 'MINOR', resource_class: 'DATABASE', n: '1' },
        { node_code: 'WDQ', severity: 'CRITICAL', resource_class: 'DATABASE', n: '4' },
      ],
      [
        { b: '2026-12-01 09:00', severity: 'CRITICAL', n: '5' },
        { b: '2026-12-01 08:00', severity: 'MINOR', n: '1' },
        { b: '2026-12-01 09:00', severity: 'CRITICAL', n: '1' },
      ],
      meta,
    );
    expect(s.total).toBe(7);
    expect(s.open).toBe(2);
    expect(s.byNode).toEqual([
      { nodeCode: 'SLQ', name: '石龙区', total: 3, CRITICAL: 2, MAJOR: 0, MINOR: 1, WARNING: 0 },
      { nodeCode: 'XHQ', name: '新华区', total: 0, CRITICAL: 0, MAJOR: 0, MINOR: 0, WARNING: 0 },
      { nodeCode: 'WDQ', name: '卫东区', total: 4, CRITICAL: 4, MAJOR: 0, MINOR: 0, WARNING: 0 },
    ]);
    expect(s.bySeverity.map((e) => [e.label, e.value])).toEqual([
      ['紧急', 6],
      ['重要', 0],
      ['次要', 1],
      ['提示', 0],
    ]);
    // largest first; the labels of the contract
    expect(s.byResourceClass).toEqual([
      { key: 'DATABASE', label: '数据库', value: 5 },
      { key: 'NETWORK_DEVICE', label: '网络设备', value: 2 },
    ]);
    // buckets in time order, the same bucket added up
    expect(s.overTime.map((b) => [b.bucket, b.total, b.CRITICAL])).toEqual([
      ['2026-12-01 08:00', 1, 0],
      ['2026-12-01 09:00', 6, 6],
    ]);
  });

  it('keeps the alerts of a node no longer registered in the totals, under its code', () => {
    const s = foldAlertStats(nodes, [{ node_code: 'OLD', severity: 'MAJOR', resource_class: 'FIREWALL', n: '3' }], [], meta);
    expect(s.total).toBe(3);
    expect(s.byNode.at(-1)).toEqual({ nodeCode: 'OLD', name: 'OLD', total: 3, CRITICAL: 0, MAJOR: 3, MINOR: 0, WARNING: 0 });
    expect(s.byNode).toHaveLength(4);
  });

  it('an empty range is all zeros with every node listed', () => {
    const s = foldAlertStats(nodes, [], [], meta);
    expect(s.total).toBe(0);
    expect(s.byNode.map((n) => n.total)).toEqual([0, 0, 0]);
    expect(s.byResourceClass).toEqual([]);
    expect(s.overTime).toEqual([]);
  });
});
