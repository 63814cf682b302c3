/*
 * Valid identity numbers for tests, the demo and the benches (the platform checks them at
 * registration): 公民身份号码 by GB 11643-1999 (ISO 7064 MOD 11-2 check digit) and 统一社会信用代码
 * by GB 32100-2015. An implementation of its own, not the platform's rules, so the two check each other.
 */

/** The check character of the first 17 digits of a resident ID number. */
export function idCheckDigit(first17: string): string {
  let s = 0;
  for (let i = 0; i < 17; i++) s = (s + Number(first17[i]) * 2 ** (17 - i)) % 11;
  const c = (12 - s) % 11;
  return c === 10 ? 'X' : String(c);
}

/**
 * A valid resident ID number: region (default 410404, 平顶山市石龙区), birth date YYYYMMDD
 * (default 19900101) and a sequence number (0–999, taken modulo 1000).
 */
export function residentIdNo(seq = 123, birth = '19900101', region = '410404'): string {
  const first17 = `${region}${birth}${String(((seq % 1000) + 1000) % 1000).padStart(3, '0')}`;
  return first17 + idCheckDigit(first17);
}

const CREDIT_ALPHABET = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'].filter((c) => !'IOZSV'.includes(c));

/** The check character of the first 17 characters of a unified social credit code. */
export function creditCheckChar(first17: string): string {
  let s = 0;
  for (let i = 0; i < 17; i++) s += CREDIT_ALPHABET.indexOf(first17[i]) * (3 ** i % 31);
  return CREDIT_ALPHABET[(31 - (s % 31)) % 31];
}

/** A valid unified social credit code of an enterprise (91…) registered in `region`, its body from `seq`. */
export function creditCode(seq = 1, region = '410404'): string {
  let n = Math.abs(Math.trunc(seq));
  let body = '';
  for (let i = 0; i < 9; i++) {
    body = CREDIT_ALPHABET[n % 31] + body;
    n = Math.floor(n / 31);
  }
  const first17 = `91${region}${body}`;
  return first17 + creditCheckChar(first17);
}

/** The number fixtures used to carry (410404199001011234) with its real check digit. */
export const DEFAULT_ID_NO = residentIdNo();
