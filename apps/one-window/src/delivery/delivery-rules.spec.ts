import { idCardProblem, isS10, stepTimeProblem, waybillProblem } from './delivery-rules';

describe('出件 rules', () => {
  it('checks a collector ID card: shape, birth date, check character', () => {
    expect(idCardProblem('410404199001011233')).toBeNull();
    expect(idCardProblem('41040419851231002X')).toBeNull();
    expect(idCardProblem('410404199001011234')).toBe('校验位错误');
    expect(idCardProblem('410404199002301230')).toBe('出生日期无效');
    expect(idCardProblem('91410400MA44XXXX1Q')).toBe('须为 18 位居民身份证号码（末位可为 X）');
    expect(idCardProblem('41040419900101123')).toBe('须为 18 位居民身份证号码（末位可为 X）');
  });

  it('checks waybill numbers per carrier (UPU S10 with its check digit for the postal ones)', () => {
    expect(isS10('EA123456785CN')).toBe(true);
    expect(isS10('EA123456784CN')).toBe(false);
    expect(waybillProblem('EMS', 'EA123456785CN')).toBeNull();
    expect(waybillProblem('EMS', '1234567890123')).toBeNull();
    expect(waybillProblem('中国邮政', 'RR123456785CN')).toBeNull();
    expect(waybillProblem('EMS', 'EA123456784CN')).toBe('EMS（中国邮政速递物流）的运单号应为13 位数字，或国际邮件编号（如 EA123456785CN）');
    expect(waybillProblem('顺丰速运', 'SF1234567890123')).toBeNull();
    expect(waybillProblem('顺丰速运', '1234567890123')).toContain('顺丰速运的运单号应为SF 加 12 或 13 位数字');
    expect(waybillProblem('京东物流', 'JDVA12345678901')).toBeNull();
    expect(waybillProblem('京东物流', 'SF1234567890123')).not.toBeNull();
  });

  it('refuses times in the future (beyond clock skew) and before the previous step', () => {
    const now = new Date('2026-11-22T08:00:00Z');
    const concluded = new Date('2026-11-21T08:00:00Z');
    expect(stepTimeProblem(new Date('2026-11-22T08:04:00Z'), now, concluded, '交寄时间', '办结时间')).toBeNull();
    expect(stepTimeProblem(new Date('2026-11-22T08:06:00Z'), now, concluded, '交寄时间', '办结时间')).toBe('交寄时间不能晚于当前时间');
    expect(stepTimeProblem(new Date('2026-11-20T08:00:00Z'), now, concluded, '交寄时间', '办结时间')).toBe('交寄时间不能早于办结时间');
    expect(stepTimeProblem(new Date('2026-11-20T08:00:00Z'), now, null, '签收时间', '交寄时间')).toBeNull();
  });
});
