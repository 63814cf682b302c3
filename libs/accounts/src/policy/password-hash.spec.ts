import { generateInitialPassword, hashPassword, sessionIdOf, UNMATCHABLE_HASH, verifyPassword } from './password-hash';
import { checkPassword, PASSWORD_PROFILES } from './password-policy';

describe('password hashing and tokens', () => {
  it('hashes with PBKDF2-HMAC-SM3 and verifies only the right password', async () => {
    const h = await hashPassword('Chuangkou#2026');
    expect(h).toMatch(/^pbkdf2-sm3\$60000\$/);
    await expect(verifyPassword('Chuangkou#2026', h)).resolves.toBe(true);
    await expect(verifyPassword('Chuangkou#2027', h)).resolves.toBe(false);
    await expect(verifyPassword('', UNMATCHABLE_HASH)).resolves.toBe(false);
    await expect(verifyPassword('x', 'plain')).resolves.toBe(false);
  });

  it('initial passwords pass the standard policy and differ every time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const pw = generateInitialPassword();
      expect(checkPassword(pw, PASSWORD_PROFILES.standard)).toBeNull();
      seen.add(pw);
    }
    expect(seen.size).toBe(200);
  });

  it('stores sessions by the SM3 digest of the token only', () => {
    expect(sessionIdOf('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });
});
