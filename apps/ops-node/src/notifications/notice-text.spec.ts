import { AlertSeverity } from '@app/ops-contract';
import { alertNoticeText, AlertFacts, recoveryNoticeText, shortRef } from './notice-text';

const facts: AlertFacts = {
  alertId: 'ALM-3f2a9c1e-0000-4000-8000-000000000001',
  ruleName: '端口中断',
  resourceId: 'NET-CORE-01',
  subResourceId: 'NET-CORE-01:10GE1/0/9',
  metric: 'if.status',
  severity: AlertSeverity.CRITICAL,
  value: 0,
  threshold: 1,
  message: '端口中断',
  raisedAt: new Date('2026-03-01T02:03:04Z'),
  resolvedAt: new Date('2026-03-01T02:33:04Z'),
};

describe('notice texts', () => {
  it('names level, rule and resource in the subject and gives the e-mail the whole story in Beijing time', () => {
    const n = alertNoticeText(facts, 'http://127.0.0.1:7140/api/docs');
    expect(n).toMatchObject({ alertId: facts.alertId, severity: 'CRITICAL', subject: '【运维告警·紧急】端口中断：NET-CORE-01 NET-CORE-01:10GE1/0/9' });
    expect(n.body).toContain('告警时间：2026-03-01 10:03:04（北京时间）');
    expect(n.body).toContain('指标：if.status 当前值 0，阈值 1');
  });

  it('ends the short text with a reference that tells two alerts apart', () => {
    expect(shortRef(facts.alertId)).toBe('3f2a9c1e');
    expect(alertNoticeText(facts, '').shortText).toMatch(/编号3f2a9c1e$/);
    expect(recoveryNoticeText(facts).shortText).toBe('【运维告警恢复】NET-CORE-01 NET-CORE-01:10GE1/0/9 端口中断 已恢复正常。编号3f2a9c1e');
  });
});
