import { describe, expect, it } from '@jest/globals';
import { districtVerdict, type NodeHealth } from './district-health';

const cat = (label: string, flags: Partial<{ stale: boolean; failing: boolean }> = {}) => ({ category: label, label, stale: false, failing: false, ...flags });
const healthy = (over: Partial<NodeHealth> = {}): NodeHealth => ({
  nodeCode: 'SLQ',
  lastReportAt: '2026-12-01T01:00:00.000Z',
  stale: false,
  categories: [cat('资源信息'), cat('告警信息')],
  ...over,
});

describe('districtVerdict (区县总览 colour)', () => {
  it('正常 when every category reports and no 紧急/重要 alert is open (a 次要 alert does not count)', () => {
    expect(districtVerdict(healthy(), [{ nodeCode: 'SLQ', severity: 'MINOR' }])).toEqual({ state: 'NORMAL', reasons: [], openCritical: 0, openMajor: 0 });
  });

  it('未接入 when registered but never reported, or not in the health list', () => {
    expect(districtVerdict(healthy({ lastReportAt: null }), []).state).toBe('SILENT');
    expect(districtVerdict(undefined, []).state).toBe('SILENT');
  });

  it('异常 on an open 紧急 alert of this node only, with the count in the reasons', () => {
    const v = districtVerdict(healthy(), [
      { nodeCode: 'SLQ', severity: 'CRITICAL' },
      { nodeCode: 'XHQ', severity: 'CRITICAL' },
    ]);
    expect(v).toMatchObject({ state: 'ABNORMAL', openCritical: 1, reasons: ['1 条紧急告警未恢复'] });
  });

  it('异常 when the whole node is stale; 关注 when one category is stale or refused', () => {
    expect(districtVerdict(healthy({ stale: true, categories: [cat('资源信息', { stale: true })] }), []).state).toBe('ABNORMAL');
    expect(districtVerdict(healthy({ categories: [cat('资源信息', { stale: true }), cat('告警信息')] }), [])).toMatchObject({
      state: 'ATTENTION',
      reasons: ['停报：资源信息'],
    });
    expect(districtVerdict(healthy({ categories: [cat('资源信息', { failing: true }), cat('告警信息')] }), [])).toMatchObject({
      state: 'ATTENTION',
      reasons: ['上报被拒：资源信息'],
    });
    expect(districtVerdict(healthy({ categories: [cat('资源信息', { failing: true }), cat('告警信息', { failing: true })] }), []).state).toBe('ABNORMAL');
  });

  it('关注 on an open 重要 alert; the worst state wins and every reason is listed', () => {
    expect(districtVerdict(healthy(), [{ nodeCode: 'SLQ', severity: 'MAJOR' }])).toMatchObject({ state: 'ATTENTION', openMajor: 1 });
    const v = districtVerdict(healthy({ categories: [cat('资源信息', { stale: true }), cat('告警信息')] }), [
      { nodeCode: 'SLQ', severity: 'CRITICAL' },
      { nodeCode: 'SLQ', severity: 'MAJOR' },
    ]);
    expect(v.state).toBe('ABNORMAL');
    expect(v.reasons).toEqual(['1 条紧急告警未恢复', '1 条重要告警未恢复', '停报：资源信息']);
  });
});
