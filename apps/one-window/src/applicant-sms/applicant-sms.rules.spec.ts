import { concludedText, outcomeOfReports, retryDelayMs, SMS_MAX_CHARS, SmsState, supplementText } from './applicant-sms.rules';

describe('applicant SMS rules', () => {
  it('renders the 补正补齐 text with the number, the item and the flagged materials', () => {
    const text = supplementText({ applyNo: '410404-20261203-000001', itemName: '户口迁移', materials: ['居民身份证', '户口簿'] });
    expect(text).toBe(
      '【政务服务中心】您申报的“户口迁移”（申报号 410404-20261203-000001）需要补正补齐材料：居民身份证、户口簿。请携带上述材料原件到窗口或通过网上办事大厅上传后重新提交，逾期未补正的将影响办理时限。',
    );
  });

  it('renders the 办结 text with the result and how it is collected', () => {
    const base = { applyNo: 'N1', itemName: '营业执照', handlingLocation: '区政务服务中心一楼 3 号窗口' };
    expect(concludedText({ ...base, result: 'APPROVED', deliveryMethod: 'PICKUP' })).toBe(
      '【政务服务中心】您申报的“营业执照”（申报号 N1）已办结，审批结果：准予许可。请携带本人身份证件到区政务服务中心一楼 3 号窗口领取办理结果。',
    );
    const express = concludedText({ ...base, result: 'REJECTED', deliveryMethod: 'EXPRESS' });
    expect(express).toContain('不予许可');
    expect(express).toContain('证照快递');
  });

  it('cuts a text longer than ten segments with an ellipsis', () => {
    const text = supplementText({ applyNo: 'N', itemName: '事项', materials: Array.from({ length: 200 }, (_, i) => `材料${i}`) });
    expect(Array.from(text)).toHaveLength(SMS_MAX_CHARS);
    expect(text.endsWith('…')).toBe(true);
  });

  it('doubles the retry delay up to its cap', () => {
    expect([1, 2, 3, 4, 10].map((n) => retryDelayMs(n, 1000, 5000))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });

  it('settles a message from its segment reports', () => {
    expect(outcomeOfReports(2, ['DELIVRD', null])).toEqual({ state: SmsState.SUBMITTED, stat: null });
    expect(outcomeOfReports(2, ['DELIVRD', 'DELIVRD'])).toEqual({ state: SmsState.DELIVERED, stat: 'DELIVRD' });
    expect(outcomeOfReports(2, [null, 'UNDELIV'])).toEqual({ state: SmsState.FAILED, stat: 'UNDELIV' });
    expect(outcomeOfReports(0, [])).toEqual({ state: SmsState.SUBMITTED, stat: null });
  });
});
