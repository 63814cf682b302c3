import { ReportCategory, ReportMode } from './categories';
import { checkReportMessage } from './report-message';

const header = { nodeCode: 'SLQ-410404', category: ReportCategory.ALERT, mode: ReportMode.INCREMENTAL };
const plain = (o: unknown) => Buffer.from(JSON.stringify(o), 'utf8');
const alert = {
  alertId: 'A-1',
  resourceId: 'NET-CORE-01',
  resourceClass: 'NETWORK_DEVICE',
  metric: 'cpu.usage',
  severity: 'MAJOR',
  status: 'FIRING',
  value: 95,
  threshold: 90,
  message: 'CPU使用率过高',
  raisedAt: '2026-11-22T10:00:00.000+08:00',
};
const report = { ...header, generatedAt: '2026-11-22T10:00:00.000+08:00', items: [alert] };

describe('checkReportMessage (报文校验)', () => {
  it('accepts a report of the contract', () => {
    expect(checkReportMessage(plain(report), header)).toEqual({ ok: true, message: report });
  });

  it('refuses an unknown top-level field as invalid (3011), naming it', () => {
    for (const [name, raw] of [
      ['remark', '"x"'],
      ['Items', '[]'],
      ['__proto__', '{"polluted":true}'],
      ['constructor', '"x"'],
    ]) {
      const body = `${JSON.stringify(report).slice(0, -1)},${JSON.stringify(name)}:${raw}}`;
      const r = checkReportMessage(Buffer.from(body, 'utf8'), header);
      expect(r).toEqual({
        ok: false,
        kind: 'invalid',
        detail: `${name}: 未定义的字段 ${name}`,
        violations: [{ path: name, problem: 'unknown', detail: `未定义的字段 ${name}` }],
      });
    }
  });

  it('lists unknown top-level fields before item violations', () => {
    const r = checkReportMessage(plain({ ...report, note: 1, items: [{ ...alert, extra: 2 }] }), header);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.violations?.map((v) => v.path)).toEqual(['note', 'items[0].extra']);
  });

  it('keeps its other refusals in order: malformed, mismatch, empty', () => {
    expect(checkReportMessage(Buffer.alloc(0), header)).toEqual(expect.objectContaining({ kind: 'empty' }));
    expect(checkReportMessage(Buffer.from('[1]'), header)).toEqual(expect.objectContaining({ kind: 'malformed' }));
    expect(checkReportMessage(plain({ ...report, category: 'RESOURCE', extra: 1 }), header)).toEqual(expect.objectContaining({ kind: 'mismatch' }));
    expect(
      checkReportMessage(plain({ ...report, category: 'RESOURCE', mode: 'FULL', items: [] }), {
        ...header,
        category: ReportCategory.RESOURCE,
        mode: ReportMode.FULL,
      }),
    ).toEqual(expect.objectContaining({ kind: 'empty' }));
  });
});
