// The SM2 encryption core (sm2-cipher.ts): KDF/C3 on Node's SM3, point work in noble through
// sm-crypto-v2. Checked against sm-crypto-v2's own doEncrypt/doDecrypt/kdf in both directions.

// the module object itself (not a namespace copy), so jest can spy on what sm2-cipher.ts calls
import nodeCrypto, { randomBytes } from 'node:crypto';
import { kdf, sm2 } from 'sm-crypto-v2';
import { GmCryptoError, Sm2CipherOptions, Sm2PrivateKey } from './index';
import { sm2Kdf, sm2KdfXor } from './sm2-cipher';
import { SM2_P } from './sm2-curve.constants';

const priv = Sm2PrivateKey.generate();
const pub = priv.publicKey;
const SIZES = [1, 2, 31, 32, 33, 64, 1000, 70_000];
/** noble's Point prototype (Point instances are frozen; their methods live here) */
type PointMethods = { multiply: (k: bigint) => unknown; multiplyUnsafe: (k: bigint) => unknown };
const pointMethods = () => Object.getPrototypeOf(pub.point()) as PointMethods;

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

afterEach(() => jest.restoreAllMocks());

describe('sm2KdfXor', () => {
  it.each(SIZES)("XORs with exactly sm-crypto-v2's KDF(x2 || y2) for %i bytes", (n) => {
    const z = randomBytes(64);
    const data = randomBytes(n);
    const out = Buffer.alloc(n);
    expect(sm2KdfXor(z.subarray(0, 32), z.subarray(32), data, out)).toBe(true);
    const t = Buffer.from(kdf(z, n));
    for (let i = 0; i < n; i++) t[i] ^= data[i];
    expect(out.equals(t)).toBe(true);
  });

  it("equals SM3(x2 || y2 || ct) by Node's SM3, block by block, for random inputs", () => {
    for (let i = 0; i < 200; i++) {
      const z = randomBytes(64);
      const n = 1 + (i % 97);
      const out = Buffer.alloc(n);
      sm2KdfXor(z.subarray(0, 32), z.subarray(32), Buffer.alloc(n), out);
      const t = Buffer.concat(
        [1, 2, 3, 4].map((ct) =>
          nodeCrypto
            .createHash('sm3')
            .update(z)
            .update(Buffer.from([0, 0, 0, ct]))
            .digest(),
        ),
      );
      expect(out.equals(t.subarray(0, n))).toBe(true);
    }
  });

  it('works in place', () => {
    const z = randomBytes(64);
    const data = randomBytes(100);
    const out = Buffer.alloc(100);
    sm2KdfXor(z.subarray(0, 32), z.subarray(32), data, out);
    sm2KdfXor(z.subarray(0, 32), z.subarray(32), data, data);
    expect(data.equals(out)).toBe(true);
  });
});

describe('SM2 encryption core', () => {
  it.each(SIZES)("sm-crypto-v2 decrypts ours and we decrypt sm-crypto-v2's (%i bytes)", (n) => {
    const m = randomBytes(n);
    const ours = pub.encrypt(m, { format: 'raw' });
    expect(Buffer.from(sm2.doDecrypt(ours.toString('hex'), priv.toHex(), 1, { output: 'array' })).equals(m)).toBe(true);
    const theirs = Buffer.from(sm2.doEncrypt(m, pub.toHex(), 1), 'hex');
    expect(priv.decrypt(theirs, { format: 'raw' }).equals(m)).toBe(true);
  });

  it('draws a new k when the KDF output is all zeros (GB/T 32918.4 A5), so C2 never equals M', () => {
    // every k is one 48-byte CSPRNG draw (noble's randomPrivateKey, see the annex test)
    const random = jest.spyOn(globalThis.crypto, 'getRandomValues');
    jest.spyOn(sm2Kdf, 'xor').mockImplementationOnce(() => false); // t = 0 for the first k
    const m = randomBytes(32); // one KDF block: the second k cannot give t = 0 but once in 2^256
    const c = pub.encrypt(m, { format: 'raw' });
    expect(random.mock.calls.map(([a]) => a?.byteLength)).toEqual([48, 48]);
    expect(c.subarray(96).equals(m)).toBe(false);
    expect(priv.decrypt(c, { format: 'raw' })).toEqual(m);
  });

  it('multiplies C1 by d with the constant-time multiply, never multiplyUnsafe', () => {
    const c = pub.encrypt(Buffer.from('x'));
    const safe = jest.spyOn(pointMethods(), 'multiply');
    const unsafe = jest.spyOn(pointMethods(), 'multiplyUnsafe');
    expect(priv.decrypt(c).toString()).toBe('x');
    expect(unsafe).not.toHaveBeenCalled();
    expect(safe).toHaveBeenCalledTimes(1);
    expect(safe.mock.calls[0][0]).toBe(BigInt(`0x${priv.toHex()}`));
  });

  it('compares C3 with crypto.timingSafeEqual', () => {
    const c = pub.encrypt(Buffer.from('abc'));
    const cmp = jest.spyOn(nodeCrypto, 'timingSafeEqual');
    priv.decrypt(c);
    expect(cmp).toHaveBeenCalledTimes(1);
    c[c.length - 1] ^= 1;
    expectDecryptFailed(() => priv.decrypt(c));
    expect(cmp).toHaveBeenCalledTimes(2);
  });

  describe('rejects C1 that is not a curve point before multiplying', () => {
    const good = pub.encrypt(Buffer.from('payload'), { format: 'raw' });
    const withC1 = (c1: Buffer) => Buffer.concat([c1, good.subarray(64)]);
    const o: Required<Sm2CipherOptions> = { mode: 'C1C3C2', format: 'raw' };
    const big = (n: bigint) => Buffer.from(n.toString(16).padStart(64, '0'), 'hex');

    it.each([
      ['the point at infinity encoded as (0, 0)', Buffer.alloc(64)],
      ['x = p (not a field element)', Buffer.concat([big(SM2_P), good.subarray(32, 64)])],
      ['y = p + 1 (not a field element)', Buffer.concat([good.subarray(0, 32), big(SM2_P + 1n)])],
      ['(x, y + 1), off the curve', Buffer.concat([good.subarray(0, 32), big((BigInt(`0x${good.subarray(32, 64).toString('hex')}`) + 1n) % SM2_P)])],
    ])('%s', (_name, c1) => {
      const mul = jest.spyOn(pointMethods(), 'multiply');
      expectDecryptFailed(() => priv.decrypt(withC1(c1), o));
      expect(mul).not.toHaveBeenCalled();
    });

    it('-C1 (on the curve, wrong shared point) fails on C3', () => {
      const y = BigInt(`0x${good.subarray(32, 64).toString('hex')}`);
      expectDecryptFailed(() => priv.decrypt(withC1(Buffer.concat([good.subarray(0, 32), big(SM2_P - y)])), o));
    });
  });
});
