/*
 * The applicant's identity numbers, checked the way the national standards define them:
 * - 公民身份号码 (GB 11643-1999): 6 digits of the administrative region, the birth date
 *   YYYYMMDD, a 3-digit sequence, and a check character by ISO 7064 MOD 11-2;
 * - 统一社会信用代码 (GB 32100-2015): 18 characters from 0-9 A-H J-N P-R T-U W-Y, the last one a
 *   check character by the weights of the standard, modulo 31.
 * Pure functions: each answers null when the number is right, else the Chinese reason.
 */

/** ISO 7064 MOD 11-2 weights of the first 17 digits (2^(17-i) mod 11). */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** the check character for each remainder of the weighted sum mod 11 */
const ID_CHECK = '10X98765432';

/** Province-level codes of GB/T 2260 (the first two digits of a region code). */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
]);

/** The check character of the first 17 digits of a resident ID number. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/** Beijing calendar date (YYYYMMDD as a number) of an instant. */
function beijingYmd(d: Date): number {
  return Number(new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, ''));
}

/** A real calendar date YYYYMMDD? */
export function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return d <= days;
}

/** null when `v` is a valid 18-digit resident ID number on `today`, else why not (Chinese). */
export function residentIdProblem(v: string, today: Date): string | null {
  if (!/^[0-9]{17}[0-9X]$/.test(v)) return '身份证号码应为 18 位，前 17 位为数字，最后一位为数字或大写 X';
  if (!PROVINCES.has(Number(v.slice(0, 2)))) return '身份证号码的行政区划代码不正确';
  const y = Number(v.slice(6, 10));
  const m = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  if (!isCalendarDate(y, m, d)) return '身份证号码的出生日期不是有效日期';
  if (y < 1900) return '身份证号码的出生日期早于 1900 年';
  if (Number(v.slice(6, 14)) > beijingYmd(today)) return '身份证号码的出生日期晚于今天';
  if (residentIdCheckChar(v.slice(0, 17)) !== v[17]) return '身份证号码校验位不正确';
  return null;
}

/** The 31 characters of the unified social credit code; a character's index is its value. */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character of the first 17 characters of a unified social credit code. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_ALPHABET.indexOf(first17[i]) * CREDIT_WEIGHTS[i];
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31];
}

/** null when `v` is a valid unified social credit code, else why not (Chinese). */
export function creditCodeProblem(v: string): string | null {
  if (v.length !== 18) return '统一社会信用代码应为 18 位';
  if (![...v].every((c) => CREDIT_CODE_ALPHABET.includes(c))) return '统一社会信用代码只能由数字和大写字母组成（不含 I、O、Z、S、V）';
  // 登记管理部门代码 (1 机构编制 5 民政 9 工商 Y 其他) and its 机构类别代码
  if (v[0] === '0' || !/^[1-9]$/.test(v[1])) return '统一社会信用代码的登记管理部门代码或机构类别代码不正确';
  if (!/^[0-9]{6}$/.test(v.slice(2, 8))) return '统一社会信用代码的登记管理机关行政区划码应为 6 位数字';
  if (creditCodeCheckChar(v.slice(0, 17)) !== v[17]) return '统一社会信用代码校验位不正确';
  return null;
}

/** The applicant's identity number checked by the applicant's type: 自然人 → ID number, 法人 → credit code. */
export function applicantIdProblem(type: 'PERSON' | 'ORG', v: string, today: Date): string | null {
  return type === 'ORG' ? creditCodeProblem(v) : residentIdProblem(v, today);
}
