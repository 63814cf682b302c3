import { createHash, randomBytes } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';
import { convertSm2Ciphertext, GmCryptoError, MAX_SM2_PLAINTEXT, Sm2CipherOptions, Sm2PrivateKey, Sm2PublicKey } from './index';

const priv = Sm2PrivateKey.generate();
const pub = priv.publicKey;
const other = Sm2PrivateKey.generate();
const msg = Buffer.from('受理编号 AMR-20261122-0001 · 材料清单');

const ALL: Required<Sm2CipherOptions>[] = [
  { mode: 'C1C3C2', format: 'raw' },
  { mode: 'C1C3C2', format: 'prefixed04' },
  { mode: 'C1C2C3', format: 'raw' },
  { mode: 'C1C2C3', format: 'prefixed04' },
  { mode: 'C1C3C2', format: 'der' },
];

function expectDecryptFailed(fn: () => unknown): void {
  let thrown: unknown;
  try {
    fn();
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(GmCryptoError);
  expect((thrown as GmCryptoError).code).toBe('DECRYPT_FAILED');
}

describe('sm-crypto-v2 numeric cipherMode (checked, not assumed)', () => {
  // x2||y2 = d·C1, computed through the library's ECDH so C3 = SM3(x2 || M || y2) can be located
  function c3Of(cipherHex: string): string {
    const shared = Buffer.from(sm2.ecdh(priv.toHex(), `04${cipherHex.slice(0, 128)}`, false)).subarray(1);
    return createHash('sm3')
      .update(Buffer.concat([shared.subarray(0, 32), msg, shared.subarray(32)]))
      .digest('hex');
  }

  it('1 puts C3 right after C1 (C1C3C2), 0 puts it last (C1C2C3), and 1 is the default', () => {
    const one = sm2.doEncrypt(msg, pub.toHex(), 1);
    const zero = sm2.doEncrypt(msg, pub.toHex(), 0);
    const dflt = sm2.doEncrypt(msg, pub.toHex());
    expect(one.slice(128, 192)).toBe(c3Of(one));
    expect(zero.slice(-64)).toBe(c3Of(zero));
    expect(dflt.slice(128, 192)).toBe(c3Of(dflt));
  });

  it('our modes put C3 where the names say', () => {
    const a = pub.encrypt(msg, { mode: 'C1C3C2', format: 'raw' }).toString('hex');
    const b = pub.encrypt(msg, { mode: 'C1C2C3', format: 'raw' }).toString('hex');
    expect(a.slice(128, 192)).toBe(c3Of(a));
    expect(b.slice(-64)).toBe(c3Of(b));
  });

  it("the library's own asn1 output swaps hash and ciphertext in mode 0, which is why we encode DER ourselves", () => {
    const der = Buffer.from(sm2.doEncrypt(msg, pub.toHex(), 0, { asn1: true }), 'hex');
    expect(der[der.length - 34]).toBe(0x04); // the last element is the 32-byte hash, not C2
    expect(der[der.length - 33]).toBe(32);
  });
});

describe('SM2 encryption', () => {
  it.each(ALL)('round-trips in %p', (o) => {
    const c = pub.encrypt(msg, o);
    expect(priv.decrypt(c, o)).toEqual(msg);
  });

  it('defaults to C1C3C2 with the 0x04 prefix (BouncyCastle / hutool)', () => {
    const c = pub.encrypt(msg);
    expect(c.length).toBe(1 + 64 + 32 + msg.length);
    expect(c[0]).toBe(0x04);
    expect(priv.decrypt(c, { mode: 'C1C3C2', format: 'prefixed04' })).toEqual(msg);
  });

  it('round-trips a single byte and a 1 MiB message', () => {
    // Buffer.equals: jest's toEqual walks a 1 MiB buffer element by element for seconds
    for (const m of [Buffer.from([0]), randomBytes(MAX_SM2_PLAINTEXT)]) expect(priv.decrypt(pub.encrypt(m)).equals(m)).toBe(true);
  });

  it('rejects an empty plaintext and a non-Buffer as BAD_INPUT', () => {
    expect(() => pub.encrypt(Buffer.alloc(0))).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    expect(() => pub.encrypt('text' as unknown as Buffer)).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    expect(() => pub.encrypt(msg, { mode: 'C1C2C4' as never })).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });

  it('fails with DECRYPT_FAILED when decrypted in the wrong mode', () => {
    for (const format of ['raw', 'prefixed04'] as const) {
      expectDecryptFailed(() => priv.decrypt(pub.encrypt(msg, { mode: 'C1C3C2', format }), { mode: 'C1C2C3', format }));
      expectDecryptFailed(() => priv.decrypt(pub.encrypt(msg, { mode: 'C1C2C3', format }), { mode: 'C1C3C2', format }));
    }
  });

  it('fails with DECRYPT_FAILED when decrypted in the wrong format', () => {
    expectDecryptFailed(() => priv.decrypt(pub.encrypt(msg, { format: 'raw' }), { format: 'der' }));
    expectDecryptFailed(() => priv.decrypt(pub.encrypt(msg, { format: 'der' }), { format: 'prefixed04' }));
  });

  describe.each(ALL)('rejects damaged ciphertexts in %p', (o) => {
    const good = pub.encrypt(msg, o);
    const parts = convertSm2Ciphertext(good, o, { mode: 'C1C3C2', format: 'raw' });
    // offsets of one byte inside C1, C3 and C2 of the raw C1C3C2 view
    const regions = { C1: 10, C3: 64 + 5, C2: 96 + 3 };

    it.each(Object.entries(regions))('a bit flipped in %s', (_name, offset) => {
      const bad = Buffer.from(parts);
      bad[offset] ^= 0x01;
      expectDecryptFailed(() => priv.decrypt(convertSm2Ciphertext(bad, { mode: 'C1C3C2', format: 'raw' }, o), o));
    });

    it('truncated by one byte, by half, to nothing', () => {
      for (const len of [good.length - 1, good.length >> 1, 0]) expectDecryptFailed(() => priv.decrypt(good.subarray(0, len), o));
    });

    it('an extra trailing byte (der) or an extra C2 byte (raw) ', () => {
      expectDecryptFailed(() => priv.decrypt(Buffer.concat([good, Buffer.from([0])]), o));
    });

    it('the wrong private key', () => {
      expectDecryptFailed(() => other.decrypt(good, o));
    });

    it('never returns an empty plaintext (C2 of length zero)', () => {
      const noC2 = Buffer.concat([parts.subarray(0, 96)]);
      expectDecryptFailed(() => priv.decrypt(convertSm2RawLoose(noC2, o), o));
    });
  });

  it('sm-crypto-v2 itself answers a bad C3 with an empty result, not an error', () => {
    const c = sm2.doEncrypt(msg, pub.toHex(), 1);
    const bad = `${c.slice(0, 130)}${c[130] === '0' ? '1' : '0'}${c.slice(131)}`;
    expect(sm2.doDecrypt(bad, priv.toHex(), 1)).toBe('');
    expect(sm2.doDecrypt(bad, priv.toHex(), 1, { output: 'array' })).toEqual([]);
  });

  it('rejects C1 off the curve (invalid-curve attack) as DECRYPT_FAILED', () => {
    const c = pub.encrypt(msg, { format: 'raw' });
    c.fill(0x01, 0, 64);
    expectDecryptFailed(() => priv.decrypt(c, { format: 'raw' }));
  });

  it('precomputes a public key once per key object', () => {
    const fresh = Sm2PublicKey.fromHex(pub.toHex());
    const first = fresh.point();
    fresh.encrypt(msg);
    fresh.verify(msg, priv.sign(msg));
    expect(fresh.point()).toBe(first);
  });
});

/** Builds a ciphertext with an empty C2 in any format (the converter refuses to, on purpose). */
function convertSm2RawLoose(c1c3: Buffer, o: Required<Sm2CipherOptions>): Buffer {
  if (o.format === 'der') {
    const int = (b: Buffer) => (b[0] & 0x80 ? Buffer.concat([Buffer.from([2, 33, 0]), b]) : Buffer.concat([Buffer.from([2, 32]), b]));
    const body = Buffer.concat([int(c1c3.subarray(0, 32)), int(c1c3.subarray(32, 64)), Buffer.from([4, 32]), c1c3.subarray(64, 96), Buffer.from([4, 0])]);
    return Buffer.concat([Buffer.from([0x30, body.length]), body]);
  }
  return o.format === 'prefixed04' ? Buffer.concat([Buffer.from([4]), c1c3]) : c1c3;
}
