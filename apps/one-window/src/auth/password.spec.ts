import { checkPasswordPolicy, hashPassword, verifyPassword } from './password';

describe('password', () => {
  it('hashes with scrypt and verifies only the right password', async () => {
    const h = await hashPassword('Chuangkou#2026');
    expect(h.startsWith('scrypt$')).toBe(true);
    await expect(verifyPassword('Chuangkou#2026', h)).resolves.toBe(true);
    await expect(verifyPassword('Chuangkou#2027', h)).resolves.toBe(false);
  });

  it('applies the configurable policy', () => {
    const std = { minLength: 8, minClasses: 2 };
    expect(checkPasswordPolicy('short1', std)).toMatch(/至少 8 位/);
    expect(checkPasswordPolicy('abcdefghij', std)).toMatch(/至少 2 类/);
    expect(checkPasswordPolicy('Password1', std)).toMatch(/过于简单/);
    expect(checkPasswordPolicy('window01x9', std, 'window01')).toMatch(/用户名/);
    expect(checkPasswordPolicy('Chuangkou2026', std)).toBeNull();
    const strict = { minLength: 18, minClasses: 4 };
    expect(checkPasswordPolicy('Chuangkou2026', strict)).not.toBeNull();
    expect(checkPasswordPolicy('Chuangkou#2026-Shilong', strict)).toBeNull();
  });
});
