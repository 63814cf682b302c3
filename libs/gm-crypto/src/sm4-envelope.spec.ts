import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { GmCrypto, openSm4Envelope, sealSm4Envelope, Sm2PrivateKey, Sm4Envelope } from './index';
import { codeOf } from './testing/error-code';

const priv = Sm2PrivateKey.generate();
const pub = priv.publicKey;

describe('SM4 envelope', () => {
  it('round-trips payloads of any size, SM2 only ever encrypting the 16-byte key', () => {
    for (const n of [0, 1, 16, 100_000]) {
      const plain = randomBytes(n);
      const env = sealSm4Envelope(pub, plain);
      expect(env.encryptedKey.length).toBe(1 + 64 + 32 + 16);
      expect(env.iv.length).toBe(16);
      expect(openSm4Envelope(priv, env).equals(plain)).toBe(true);
    }
  });

  it('uses the SM2 mode and format it is given for the key', () => {
    const env = sealSm4Envelope(pub, Buffer.from('x'), { format: 'der' });
    expect(env.encryptedKey[0]).toBe(0x30);
    expect(openSm4Envelope(priv, env, { format: 'der' }).toString()).toBe('x');
    expect(codeOf(() => openSm4Envelope(priv, env))).toBe('DECRYPT_FAILED');
  });

  it('draws a fresh key and IV per envelope', () => {
    const a = sealSm4Envelope(pub, Buffer.from('same'));
    const b = sealSm4Envelope(pub, Buffer.from('same'));
    expect(a.iv.equals(b.iv)).toBe(false);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
  });

  it('fails with DECRYPT_FAILED for a wrong key, a tampered key ciphertext or a broken envelope', () => {
    const env = sealSm4Envelope(pub, Buffer.from('受理材料'));
    expect(codeOf(() => openSm4Envelope(Sm2PrivateKey.generate(), env))).toBe('DECRYPT_FAILED');
    const tampered = Buffer.from(env.encryptedKey);
    tampered[70] ^= 1;
    expect(codeOf(() => openSm4Envelope(priv, { ...env, encryptedKey: tampered }))).toBe('DECRYPT_FAILED');
    expect(codeOf(() => openSm4Envelope(priv, { ...env, iv: env.iv.subarray(0, 8) }))).toBe('DECRYPT_FAILED');
    expect(codeOf(() => openSm4Envelope(priv, { ...env, ciphertext: env.ciphertext.subarray(1) }))).toBe('DECRYPT_FAILED');
    expect(codeOf(() => openSm4Envelope(priv, {} as Sm4Envelope))).toBe('DECRYPT_FAILED');
    // a key ciphertext that decrypts to something other than 16 bytes
    expect(codeOf(() => openSm4Envelope(priv, { ...env, encryptedKey: pub.encrypt(randomBytes(17)) }))).toBe('DECRYPT_FAILED');
  });
});

describe('GmCrypto adapter', () => {
  it('is injectable and delegates every operation', async () => {
    const mod = await Test.createTestingModule({ providers: [GmCrypto] }).compile();
    const gm = mod.get(GmCrypto);
    const m = Buffer.from('运维工单');
    expect(gm.sm2Decrypt(priv, gm.sm2Encrypt(pub, m, { format: 'der' }), { format: 'der' }).equals(m)).toBe(true);
    expect(gm.verify(pub, m, gm.sign(priv, m, { format: 'raw' }), { format: 'raw' })).toBe(true);
    expect(gm.openEnvelope(priv, gm.sealEnvelope(pub, m)).equals(m)).toBe(true);
    expect(gm.sm3('abc').toString('hex')).toMatch(/^66c7f0f4/);
    expect(gm.hmacSm3('k', 'd').length).toBe(32);
  });
});
