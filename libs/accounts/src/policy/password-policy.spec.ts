import { characterClasses, checkPassword, isWeakPassword, PASSWORD_PROFILES, passwordExpired } from './password-policy';

const std = PASSWORD_PROFILES.standard;
const strict = PASSWORD_PROFILES.strict;

describe('password policy', () => {
  it('counts upper and lower case as one class (letters, digits, symbols)', () => {
    expect(characterClasses('abcdEFGH')).toBe(1);
    expect(characterClasses('abcd1234')).toBe(2);
    expect(characterClasses('ab#1')).toBe(3);
    expect(checkPassword('AbcdEfgh', std)).toMatch(/至少 2 类/);
    expect(checkPassword('Xiaoming2026', std)).toBeNull();
  });

  it('refuses the weak list in its usual disguises', () => {
    for (const pw of ['P@ssw0rd', 'Admin@123', 'password1', 'Passw0rd!', 'Qwerty123', 'admin12345', '12345678', 'Aa123456', 'Welcome1!', 'Abc@1234']) {
      expect([pw, isWeakPassword(pw)]).toEqual([pw, true]);
      expect(checkPassword(pw, std)).not.toBeNull();
    }
    for (const pw of ['Chuangkou#2026', 'Shilong-Qu7', 'Yunwei#Admin2026']) expect([pw, isWeakPassword(pw)]).toEqual([pw, false]);
  });

  it('refuses the user name, short, spaced and reused passwords', () => {
    expect(checkPassword('window01#X', std, 'window01')).toMatch(/用户名/);
    expect(checkPassword('Ab#1', std)).toMatch(/至少 8 位/);
    expect(checkPassword('Chuang kou#2026', std)).toMatch(/空格/);
    expect(checkPassword('Chuangkou#2026', std, 'window01', true)).toMatch(/最近 5 次/);
  });

  it('strict profile: 18 characters with upper, lower, digit and symbol, 30-day rotation', () => {
    expect(checkPassword('Chuangkou#2026', strict)).toMatch(/至少 18 位/);
    expect(checkPassword('chuangkou#2026-shilong', strict)).toMatch(/大写字母和小写字母/);
    expect(checkPassword('ChuangkouShilongQu2026', strict)).toMatch(/至少 3 类/);
    expect(checkPassword('Chuangkou#2026-Shilong', strict)).toBeNull();
    const now = new Date('2026-12-02T10:00:00+08:00');
    expect(passwordExpired(new Date('2026-11-01T10:00:00+08:00'), strict, now)).toBe(true);
    expect(passwordExpired(new Date('2026-11-01T10:00:00+08:00'), std, now)).toBe(false);
    expect(passwordExpired(new Date('2020-01-01T00:00:00+08:00'), { ...std, maxAgeDays: 0 }, now)).toBe(false);
  });
});
