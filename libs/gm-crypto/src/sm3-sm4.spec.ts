import { randomBytes } from 'node:crypto';
import { sm3 as jsSm3 } from 'sm-crypto-v2';
import { hmacSm3, sm3, sm4CbcDecrypt, sm4CbcEncrypt } from './index';
import { codeOf } from './testing/error-code';

describe('SM3', () => {
  it('gives the GB/T 32905 examples', () => {
    expect(sm3('abc').toString('hex')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(sm3(Buffer.from('abcd'.repeat(16))).toString('hex')).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  it("agrees with sm-crypto-v2's JS SM3 and HMAC-SM3 (an independent implementation)", () => {
    for (const n of [0, 1, 55, 56, 64, 1000]) {
      const data = randomBytes(n);
      const key = randomBytes(n % 80);
      expect(sm3(data).toString('hex')).toBe(jsSm3(data));
      expect(hmacSm3(key, data).toString('hex')).toBe(jsSm3(data, { key, mode: 'hmac' }));
    }
    expect(hmacSm3('key', '数据').equals(hmacSm3(Buffer.from('key'), Buffer.from('数据', 'utf8')))).toBe(true);
  });

  it('rejects a non-Buffer, non-string input as BAD_INPUT', () => {
    expect(codeOf(() => sm3(42 as unknown as string))).toBe('BAD_INPUT');
  });
});

describe('SM4-CBC', () => {
  const key = randomBytes(16);
  const iv = randomBytes(16);

  it('matches the GB/T 32907 example block (CBC with a zero IV = ECB for one block)', () => {
    const k = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    const c = sm4CbcEncrypt(k, Buffer.alloc(16), k);
    expect(c.subarray(0, 16).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
    expect(c.length).toBe(32); // a whole block of PKCS#7 padding follows
  });

  it('round-trips every length around the block size with PKCS#7', () => {
    for (const n of [0, 1, 15, 16, 17, 31, 32, 1000]) {
      const p = randomBytes(n);
      const c = sm4CbcEncrypt(key, iv, p);
      expect(c.length).toBe((Math.floor(n / 16) + 1) * 16);
      expect(sm4CbcDecrypt(key, iv, c).equals(p)).toBe(true);
    }
  });

  it('fails with DECRYPT_FAILED on bad padding, partial blocks and empty input', () => {
    const c = sm4CbcEncrypt(key, iv, Buffer.from('一窗受理'));
    const wrongKey = randomBytes(16);
    // a wrong key yields random padding bytes; valid-looking padding is possible but rare, so try a few
    const failures = [0, 1, 2, 3, 4, 5, 6, 7].filter((i) => {
      const k = Buffer.from(wrongKey);
      k[0] = i;
      return codeOf(() => sm4CbcDecrypt(k, iv, c)) === 'DECRYPT_FAILED';
    });
    expect(failures.length).toBeGreaterThan(4);
    expect(codeOf(() => sm4CbcDecrypt(key, iv, c.subarray(0, 15)))).toBe('DECRYPT_FAILED');
    expect(codeOf(() => sm4CbcDecrypt(key, iv, Buffer.alloc(0)))).toBe('DECRYPT_FAILED');
    const lastBlockFlipped = Buffer.from(c);
    lastBlockFlipped[c.length - 1] ^= 0xff;
    expect(codeOf(() => sm4CbcDecrypt(key, iv, lastBlockFlipped))).toBe('DECRYPT_FAILED');
  });

  it('rejects wrong key and IV sizes', () => {
    expect(codeOf(() => sm4CbcEncrypt(randomBytes(15), iv, Buffer.from('x')))).toBe('BAD_KEY');
    expect(codeOf(() => sm4CbcEncrypt(key, randomBytes(8), Buffer.from('x')))).toBe('BAD_INPUT');
    expect(codeOf(() => sm4CbcDecrypt(randomBytes(32), iv, Buffer.alloc(16)))).toBe('BAD_KEY');
  });
});
