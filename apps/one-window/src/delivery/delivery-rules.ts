/*
 * The checks of 出件 that are not a state: the collector's ID card, the carriers and their waybill
 * numbers, the times a clerk may give. Pure: no I/O.
 */

/** 居民身份证号码 (GB 11643-1999): 17 digits, a valid birth date, and the ISO 7064 MOD 11-2 check character. */
export function idCardProblem(idNo: string): string | null {
  if (!/^[0-9]{17}[0-9X]$/.test(idNo)) return '须为 18 位居民身份证号码（末位可为 X）';
  const y = Number(idNo.slice(6, 10));
  const m = Number(idNo.slice(10, 12));
  const d = Number(idNo.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) return '出生日期无效';
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(idNo[i]), 0);
  if ('10X98765432'[sum % 11] !== idNo[17]) return '校验位错误';
  return null;
}

/** The carriers a window can record, each with the shape of its waybill numbers. */
export const CARRIERS = {
  EMS: { label: 'EMS（中国邮政速递物流）', format: '13 位数字，或国际邮件编号（如 EA123456785CN）' },
  中国邮政: { label: '中国邮政（挂号信、包裹）', format: '13 位数字，或国际邮件编号（如 RR123456785CN）' },
  顺丰速运: { label: '顺丰速运', format: 'SF 加 12 或 13 位数字（如 SF1234567890123）' },
  京东物流: { label: '京东物流', format: 'JD 加 11 至 15 位字母或数字（如 JDVA12345678901）' },
} as const;

export type Carrier = keyof typeof CARRIERS;
export const CARRIER_NAMES = Object.keys(CARRIERS) as Carrier[];

/** UPU S10 item number: 2 letters, 8 digits, a check digit, 2 letters (the check digit weighs 8 6 4 2 3 5 9 7). */
export function isS10(no: string): boolean {
  const m = /^[A-Z]{2}([0-9]{8})([0-9])[A-Z]{2}$/.exec(no);
  if (!m) return false;
  const sum = [8, 6, 4, 2, 3, 5, 9, 7].reduce((acc, w, i) => acc + w * Number(m[1][i]), 0);
  const c = 11 - (sum % 11);
  return (c === 10 ? 0 : c === 11 ? 5 : c) === Number(m[2]);
}

/** Why this waybill number cannot be one of the carrier's; null when it can. */
export function waybillProblem(carrier: Carrier, waybillNo: string): string | null {
  const ok =
    carrier === '顺丰速运'
      ? /^SF[0-9]{12,13}$/.test(waybillNo)
      : carrier === '京东物流'
        ? /^JD[0-9A-Z]{11,15}$/.test(waybillNo)
        : /^[0-9]{13}$/.test(waybillNo) || isS10(waybillNo);
  return ok ? null : `${CARRIERS[carrier].label}的运单号应为${CARRIERS[carrier].format}`;
}

/** A clerk may record a time up to this far ahead of the server's clock (clock skew of a workstation). */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Why a time the clerk gave for a step cannot be right; null when it can. */
export function stepTimeProblem(at: Date, now: Date, notBefore: Date | null, what: string, before: string): string | null {
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) return `${what}不能晚于当前时间`;
  if (notBefore && at.getTime() < notBefore.getTime()) return `${what}不能早于${before}`;
  return null;
}
