import { applicantIdProblem, creditCodeCheckChar, creditCodeProblem, residentIdCheckChar, residentIdProblem } from './applicant-id';

/*
 * The vectors are computed here a second, independent way (not by asking the rule under test):
 * - ID numbers: ISO 7064 MOD 11-2 as the standard states it, S = Σ aᵢ·2^(18-i) mod 11 and the
 *   check value (12 - S) mod 11, 10 written X;
 * - credit codes: weights 3^(i-1) mod 31 and the check value 31 - (S mod 31), 31 written 0.
 * Besides: the worked example of GB 11643-1999 (11010519491231002X) and published codes of
 * well-known companies, checked by the second implementation before being used.
 */
const iso7064 = (first17: string): string => {
  let s = 0;
  for (let i = 0; i < 17; i++) s = (s + Number(first17[i]) * 2 ** (17 - i)) % 11;
  const c = (12 - s) % 11;
  return c === 10 ? 'X' : String(c);
};
const ALPHABET = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'].filter((c) => !'IOZSV'.includes(c));
const gb32100 = (first17: string): string => {
  let s = 0;
  for (let i = 0; i < 17; i++) s += ALPHABET.indexOf(first17[i]) * (3 ** i % 31);
  return ALPHABET[(31 - (s % 31)) % 31];
};

const TODAY = new Date('2026-11-22T02:00:00Z'); // 2026-11-22 10:00 Beijing

describe('resident ID number (GB 11643-1999)', () => {
  it('agrees with the second implementation on the standard example and other numbers', () => {
    expect(iso7064('11010519491231002')).toBe('X'); // GB 11643-1999's own example
    for (const first17 of ['11010519491231002', '44052419800101001', '41040419900101123', '11010120000229123', '65010219991231000']) {
      expect(residentIdCheckChar(first17)).toBe(iso7064(first17));
      expect(residentIdProblem(first17 + iso7064(first17), TODAY)).toBeNull();
    }
  });

  it('accepts the standard example with its X and refuses a lower-case x or a wrong check digit', () => {
    expect(residentIdProblem('11010519491231002X', TODAY)).toBeNull();
    expect(residentIdProblem('11010519491231002x', TODAY)).toMatch(/18 位/);
    // 410404199001011234 is what the fixtures used to carry: its check digit is 3
    expect(iso7064('41040419900101123')).toBe('3');
    expect(residentIdProblem('410404199001011234', TODAY)).toBe('身份证号码校验位不正确');
    expect(residentIdProblem('410404199001011233', TODAY)).toBeNull();
  });

  it('refuses a wrong length or non-digits', () => {
    expect(residentIdProblem('41040419900101123', TODAY)).toMatch(/18 位/);
    expect(residentIdProblem('4104041990010112345', TODAY)).toMatch(/18 位/);
    expect(residentIdProblem('41040419900101A233', TODAY)).toMatch(/18 位/);
  });

  it('refuses a region that is no province', () => {
    const n = (first17: string) => first17 + iso7064(first17);
    expect(residentIdProblem(n('00040419900101123'), TODAY)).toBe('身份证号码的行政区划代码不正确');
    expect(residentIdProblem(n('99040419900101123'), TODAY)).toBe('身份证号码的行政区划代码不正确');
  });

  it('refuses a birth date that does not exist, before 1900 or after today (Beijing)', () => {
    const n = (birth: string) => `410404${birth}123` + iso7064(`410404${birth}123`);
    expect(residentIdProblem(n('20000229'), TODAY)).toBeNull(); // 2000 is a leap year
    expect(residentIdProblem(n('19000229'), TODAY)).toBe('身份证号码的出生日期不是有效日期'); // 1900 is not
    expect(residentIdProblem(n('19901301'), TODAY)).toBe('身份证号码的出生日期不是有效日期');
    expect(residentIdProblem(n('19900431'), TODAY)).toBe('身份证号码的出生日期不是有效日期');
    expect(residentIdProblem(n('19900100'), TODAY)).toBe('身份证号码的出生日期不是有效日期');
    expect(residentIdProblem(n('18991231'), TODAY)).toBe('身份证号码的出生日期早于 1900 年');
    expect(residentIdProblem(n('19000101'), TODAY)).toBeNull();
    expect(residentIdProblem(n('20261122'), TODAY)).toBeNull(); // born today
    expect(residentIdProblem(n('20261123'), TODAY)).toBe('身份证号码的出生日期晚于今天');
    // 2026-11-22 18:00 UTC is already 11-23 in Beijing
    expect(residentIdProblem(n('20261123'), new Date('2026-11-22T18:00:00Z'))).toBeNull();
  });
});

describe('unified social credit code (GB 32100-2015)', () => {
  const published = ['91350100M000100Y43', '914403001922038216', '91330100716105852F', '9144030071526726XG', '91110000100001035K'];

  it('agrees with the second implementation on published codes', () => {
    for (const code of published) {
      expect(gb32100(code.slice(0, 17))).toBe(code[17]); // the vector is right by the independent computation
      expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
      expect(creditCodeProblem(code)).toBeNull();
    }
  });

  it('refuses AAAAAAAAAAAAAAAAAA and a wrong check character', () => {
    expect(creditCodeProblem('AAAAAAAAAAAAAAAAAA')).not.toBeNull();
    expect(creditCodeProblem('91350100M000100Y44')).toBe('统一社会信用代码校验位不正确');
    expect(creditCodeProblem('91350100M000100Y4')).toBe('统一社会信用代码应为 18 位');
  });

  it('refuses the letters I O Z S V, lower case and a region that is not 6 digits', () => {
    for (const bad of ['91350100I000100Y43', '91350100O000100Y43', '91350100Z000100Y43', '91350100S000100Y43', '91350100V000100Y43', '91350100m000100Y43'])
      expect(creditCodeProblem(bad)).toMatch(/不含 I、O、Z、S、V/);
    const first17 = '9135A100M000100Y4';
    expect(creditCodeProblem(first17 + gb32100(first17))).toBe('统一社会信用代码的登记管理机关行政区划码应为 6 位数字');
    const zero = '01350100M000100Y4';
    expect(creditCodeProblem(zero + gb32100(zero))).toBe('统一社会信用代码的登记管理部门代码或机构类别代码不正确');
  });

  it('a check value of 0 (31 - 0 mod 31) is written 0', () => {
    // find a prefix whose weighted sum is a multiple of 31 by varying the sequence digits
    let found = '';
    for (let i = 0; i < 1000 && !found; i++) {
      const first17 = `91410400MA${String(i).padStart(7, '0')}`;
      if (gb32100(first17) === '0') found = first17;
    }
    expect(found).not.toBe('');
    expect(creditCodeCheckChar(found)).toBe('0');
    expect(creditCodeProblem(`${found}0`)).toBeNull();
  });
});

describe('applicant ID by applicant type', () => {
  it('checks an ID number for PERSON and a credit code for ORG', () => {
    expect(applicantIdProblem('PERSON', '11010519491231002X', TODAY)).toBeNull();
    expect(applicantIdProblem('ORG', '11010519491231002X', TODAY)).not.toBeNull();
    expect(applicantIdProblem('ORG', '91350100M000100Y43', TODAY)).toBeNull();
    expect(applicantIdProblem('PERSON', '91350100M000100Y43', TODAY)).not.toBeNull();
  });
});
