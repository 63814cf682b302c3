// The worked examples of GB/T 32918.5-2017 (GM/T 0003.5-2012) on the recommended curve:
// private key dA, message, the ephemeral k of the example, and the published outputs. The same
// numbers are in OpenSSL's test/sm2_internal_test.c (where the ciphertext is DER per GM/T 0009).
import { createHash } from 'node:crypto';
import { GmCryptoError, Sm2PrivateKey, Sm2PublicKey } from './index';
import { SM2_A, SM2_B } from './sm2-curve.constants';

const D_A = '3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8';
const X_A = '09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020';
const Y_A = 'CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13';
const K = '59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21';
// signature example: M = "message digest", ID = the default 1234567812345678
const SIG_E = 'F0B43E94BA45ACCAACE692ED534382EB17E6AB5A19CE7B31F4486FDFC0D28640';
const SIG_R = 'F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3';
const SIG_S = 'B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA';
// encryption example: M = "encryption standard"
const C1_X = '04EBFC718E8D1798620432268E77FEB6415E2EDE0E073C0F4F640ECD2E149A73';
const C1_Y = 'E858F9D81E5430A57B36DAAB8F950A3C64E6EE6A63094D99283AFF767E124DF0';
const C3 = '59983C18F809E262923C53AEC295D30383B54E39D609D160AFCB1908D0BD8766';
const C2 = '21886CA989CA9C7D58087307CA93092D651EFA';
const DER_CIPHERTEXT = `307C0220${C1_X}022100${C1_Y}0420${C3}0413${C2}`;

const hex = (h: string) => Buffer.from(h, 'hex');
const G_X = '32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7';
const G_Y = 'BC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0';

/**
 * Runs fn with the next CSPRNG draw replaced so that the SM2 nonce is k. sm-crypto-v2 takes every
 * nonce from generateKeyPairHex() → noble's randomPrivateKey(), which reads 48 bytes b from
 * globalThis.crypto.getRandomValues and returns (b mod (n-1)) + 1; b = k-1 therefore yields k.
 * Only the random source changes: encryption and signing run the production code unchanged.
 */
function withNonce<T>(kHex: string, fn: () => T): T {
  const seed = hex((BigInt(`0x${kHex}`) - 1n).toString(16).padStart(96, '0'));
  const draws: number[] = [];
  const spy = jest.spyOn(globalThis.crypto, 'getRandomValues').mockImplementationOnce(<A extends ArrayBufferView | null>(array: A): A => {
    if (!array || array.byteLength !== seed.length) throw new Error(`unexpected random draw of ${array?.byteLength} bytes`);
    draws.push(array.byteLength);
    new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(seed);
    return array;
  });
  try {
    return fn();
  } finally {
    spy.mockRestore();
    expect(draws).toEqual([48]); // the nonce really came from our draw, exactly once
  }
}

describe('GB/T 32918.5-2017 annex examples (recommended curve)', () => {
  const priv = Sm2PrivateKey.fromHex(D_A);

  it('derives the published public key from the published private key', () => {
    expect(priv.publicKey.toHex()).toBe(`04${X_A}${Y_A}`.toLowerCase());
  });

  it('computes the published e = SM3(Z || M) for the default ID (independent Z with Node SM3)', () => {
    const id = Buffer.from('1234567812345678');
    const big = (n: bigint) => hex(n.toString(16).padStart(64, '0'));
    const entl = Buffer.from([(id.length * 8) >> 8, (id.length * 8) & 0xff]);
    const z = createHash('sm3')
      .update(Buffer.concat([entl, id, big(SM2_A), big(SM2_B), hex(G_X), hex(G_Y), hex(X_A), hex(Y_A)]))
      .digest();
    const e = createHash('sm3')
      .update(Buffer.concat([z, Buffer.from('message digest')]))
      .digest();
    expect(e.toString('hex').toUpperCase()).toBe(SIG_E);
  });

  it('signs "message digest" with the annex k to exactly the published (r, s)', () => {
    const sig = withNonce(K, () => priv.sign(Buffer.from('message digest'), { format: 'raw' }));
    expect(sig.toString('hex').toUpperCase()).toBe(SIG_R + SIG_S);
    const der = withNonce(K, () => priv.sign(Buffer.from('message digest')));
    expect(der.toString('hex').toUpperCase()).toBe(`3046022100${SIG_R}022100${SIG_S}`);
  });

  it('verifies the published signature, and only under the default ID', () => {
    const pub = Sm2PublicKey.fromHex(`04${X_A}${Y_A}`);
    const rs = hex(SIG_R + SIG_S);
    expect(pub.verify(Buffer.from('message digest'), rs, { format: 'raw' })).toBe(true);
    // ALICE123@YAHOO.COM is the ID of GM/T 0003.2's example on the *test* curve, not this one
    expect(pub.verify(Buffer.from('message digest'), rs, { format: 'raw', userId: 'ALICE123@YAHOO.COM' })).toBe(false);
    expect(pub.verify(Buffer.from('message digest.'), rs, { format: 'raw' })).toBe(false);
  });

  it('encrypts "encryption standard" with the annex k to exactly the published ciphertext, in every format', () => {
    const pub = priv.publicKey;
    const m = Buffer.from('encryption standard');
    expect(
      withNonce(K, () => pub.encrypt(m, { format: 'der' }))
        .toString('hex')
        .toUpperCase(),
    ).toBe(DER_CIPHERTEXT);
    expect(
      withNonce(K, () => pub.encrypt(m))
        .toString('hex')
        .toUpperCase(),
    ).toBe(`04${C1_X}${C1_Y}${C3}${C2}`);
    expect(
      withNonce(K, () => pub.encrypt(m, { mode: 'C1C2C3', format: 'raw' }))
        .toString('hex')
        .toUpperCase(),
    ).toBe(`${C1_X}${C1_Y}${C2}${C3}`);
  });

  it('decrypts the published ciphertext in every format, and rejects it once a bit is flipped', () => {
    expect(priv.decrypt(hex(DER_CIPHERTEXT), { format: 'der' }).toString()).toBe('encryption standard');
    expect(priv.decrypt(hex(`04${C1_X}${C1_Y}${C3}${C2}`)).toString()).toBe('encryption standard');
    expect(priv.decrypt(hex(`${C1_X}${C1_Y}${C2}${C3}`), { mode: 'C1C2C3', format: 'raw' }).toString()).toBe('encryption standard');
    const flipped = hex(DER_CIPHERTEXT);
    flipped[flipped.length - 1] ^= 0x01;
    expect(() => priv.decrypt(flipped, { format: 'der' })).toThrow(GmCryptoError);
  });
});
