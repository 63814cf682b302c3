import { ReportCategory } from '@app/ops-contract';
import { computeReportingHealth } from './reporting-health';

const now = new Date('2026-11-22T12:00:00+08:00');
const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
const nodes = [
  { nodeCode: 'SLQ-410404', name: '示例区' },
  { nodeCode: 'WD-410402', name: '卫东区' },
];

describe('reporting health', () => {
  const health = computeReportingHealth(
    nodes,
    [
      { nodeCode: 'SLQ-410404', category: ReportCategory.RESOURCE, messageId: 'm-res-2', receivedAt: ago(10), reportsLast24h: 5 },
      { nodeCode: 'SLQ-410404', category: ReportCategory.ALERT, messageId: 'm-alert-1', receivedAt: ago(120), reportsLast24h: 1 },
    ],
    [
      { nodeCode: 'SLQ-410404', category: ReportCategory.RESOURCE, code: '3011', at: ago(30) },
      { nodeCode: 'SLQ-410404', category: ReportCategory.ALERT, code: '3005', at: ago(5) },
      { nodeCode: 'SLQ-410404', category: null, code: '3002', at: ago(1) },
      { nodeCode: 'UNKNOWN-1', category: ReportCategory.ALERT, code: '3004', at: ago(1) },
    ],
    now,
    3_600_000,
  );

  it('lists every registered node with all six categories', () => {
    expect(health.map((h) => h.nodeCode)).toEqual(['SLQ-410404', 'WD-410402']);
    expect(health[0].categories).toHaveLength(6);
  });

  it('shows the last report and the 24 h count of a category, and flags silent categories as stale', () => {
    const res = health[0].categories.find((c) => c.category === ReportCategory.RESOURCE)!;
    expect(res).toMatchObject({ label: '资源信息', lastMessageId: 'm-res-2', reportsLast24h: 5, stale: false, lastRefusalCode: '3011' });
    const alert = health[0].categories.find((c) => c.category === ReportCategory.ALERT)!;
    expect(alert.stale).toBe(true);
    expect(health[0].categories.find((c) => c.category === ReportCategory.NODE_INFO)).toMatchObject({ lastReportAt: null, reportsLast24h: 0, stale: true });
  });

  it('a category is failing when its latest event is a refusal, not when a report followed the refusal', () => {
    expect(health[0].categories.find((c) => c.category === ReportCategory.RESOURCE)!.failing).toBe(false);
    expect(health[0].categories.find((c) => c.category === ReportCategory.ALERT)!.failing).toBe(true);
  });

  it('the node shows its latest refusal (with or without a category) and is fresh while any category reported recently', () => {
    expect(health[0]).toMatchObject({ stale: false, lastRefusalCode: '3002', lastReportAt: ago(10) });
    expect(health[1]).toMatchObject({ stale: true, lastReportAt: null, lastRefusalCode: null });
  });
});
