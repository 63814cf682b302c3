import { FieldCipher } from './field-cipher';

describe('FieldCipher (personal data at rest)', () => {
  const c = new FieldCipher(Buffer.from('00112233445566778899aabbccddeeff', 'hex'));

  it('round-trips, with a fresh IV each time, and passes legacy plaintext through', () => {
    const a = c.encrypt('410404199001011234');
    const b = c.encrypt('410404199001011234');
    expect(a).toMatch(/^sm4\$/);
    expect(a).not.toBe(b);
    expect(c.decrypt(a)).toBe('410404199001011234');
    expect(c.decrypt('13800000000')).toBe('13800000000');
    expect(a.length).toBeLessThanOrEqual(128);
  });

  it('refuses a tampered value and another key', () => {
    const a = c.encrypt('13800000000');
    const raw = Buffer.from(a.slice(4), 'base64');
    raw[20] ^= 1;
    expect(() => c.decrypt(`sm4$${raw.toString('base64')}`)).toThrow(/MAC/);
    expect(() => new FieldCipher(Buffer.alloc(16, 7)).decrypt(a)).toThrow(/MAC/);
  });

  it('indexes blindly: equal values match, case and spaces aside; keys differ', () => {
    expect(c.blindIndex('91410400ma44xxxx1q ')).toBe(c.blindIndex('91410400MA44XXXX1Q'));
    expect(c.blindIndex('410404199001011234')).toMatch(/^[0-9a-f]{64}$/);
    expect(new FieldCipher(Buffer.alloc(16, 7)).blindIndex('410404199001011234')).not.toBe(c.blindIndex('410404199001011234'));
  });
});
