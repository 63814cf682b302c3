// SM2 public-key encryption (GB/T 32918.4-2016 §6/§7) around sm-crypto-v2's curve. The point
// multiplications stay in @noble/curves through sm-crypto-v2's public API; the KDF, C3 and the
// XOR run here on Buffers with Node's native SM3, instead of sm-crypto-v2's doEncrypt/doDecrypt,
// which run SM3 in JS over copied arrays (see README "Performance").
import { createHash, hash, timingSafeEqual } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';
import { Sm2CipherParts } from './sm2-ciphertext.codec';
import { bigIntTo32 } from './sm2-curve.constants';

/** sm-crypto-v2's point type (from @noble/curves), named without importing that package. */
export type Sm2Point = ReturnType<typeof sm2.precomputePublicKey>;

const COORD = 32;
const SM3_BYTES = 32;
/** ECDH output of noble: 0x04 || x2 || y2 */
const UNCOMPRESSED = 1 + 2 * COORD;

/**
 * C2 = data XOR t with t = KDF(x2 || y2, data.length) (GB/T 32918.4 §5.4.3): t is
 * SM3(x2 || y2 || ct) for ct = 1, 2, … (32-bit big-endian), truncated to data.length. Writes into
 * `out` (same length as data, may be data itself). Returns false when t is all zeros, which the
 * encryptor must answer with a new k (A5) so that C2 never equals the plaintext.
 *
 * One native one-shot `crypto.hash` per 32-byte block over a reused 68-byte input. The blocks are
 * tiny, so the per-call cost dominates: per block ~1.5 µs this way, ~1.9 µs copying a hash state
 * primed with x2 || y2 (`hash.copy()`), ~2.2 µs with a fresh `createHash` (sm-crypto-v2's JS: ~4.5 µs).
 */
export function sm2KdfXor(x2: Uint8Array, y2: Uint8Array, data: Uint8Array, out: Uint8Array): boolean {
  const input = Buffer.alloc(2 * COORD + 4);
  input.set(x2, 0);
  input.set(y2, COORD);
  let any = 0;
  try {
    for (let off = 0, ct = 1; off < data.length; off += SM3_BYTES, ct++) {
      input.writeUInt32BE(ct, 2 * COORD);
      const t = hash('sm3', input, 'buffer');
      const n = Math.min(SM3_BYTES, data.length - off);
      for (let j = 0; j < n; j++) {
        any |= t[j];
        out[off + j] = data[off + j] ^ t[j];
      }
    }
  } finally {
    input.fill(0);
  }
  return any !== 0;
}

/** C3 = SM3(x2 || M || y2), native, over the caller's buffers (no concatenation) */
function c3Of(x2: Uint8Array, plain: Uint8Array, y2: Uint8Array): Buffer {
  return createHash('sm3').update(x2).update(plain).update(y2).digest();
}

/**
 * Encrypts a non-empty message for the (precomputed) public point. k and C1 = kG come from
 * sm-crypto-v2's `generateKeyPairHex()` — noble's CSPRNG draw and its window-8 base table, exactly
 * as in the library's own doEncrypt, so a test that fixes the CSPRNG draw fixes k here too —
 * and (x2, y2) = k·P from noble's constant-time `multiply` with the key's cached table.
 */
export function sm2EncryptParts(publicPoint: Sm2Point, msg: Uint8Array): Sm2CipherParts {
  for (;;) {
    // Never pass an argument (see Sm2PrivateKey.generate): the argument replaces the CSPRNG.
    const { privateKey: kHex, publicKey: c1Hex } = sm2.generateKeyPairHex();
    const s = publicPoint.multiply(BigInt(`0x${kHex}`)).toAffine();
    const x2 = bigIntTo32(s.x);
    const y2 = bigIntTo32(s.y);
    try {
      const c2 = Buffer.allocUnsafe(msg.length);
      if (!sm2KdfXor(x2, y2, msg, c2)) continue; // t = 0: only plausible for 1–2 byte messages
      return { c1: Buffer.from(c1Hex.slice(-4 * COORD), 'hex'), c3: c3Of(x2, msg, y2), c2 };
    } finally {
      x2.fill(0);
      y2.fill(0);
    }
  }
}

/**
 * Decrypts with the 32-byte private scalar d, or returns undefined for any bad input: C1 not a
 * point of the curve (or the point at infinity), or C3 not matching. d·C1 goes through
 * sm-crypto-v2's `ecdh` (noble's getSharedSecret): `Point.fromHex` rejects C1 off the curve and
 * the identity (the cofactor is 1, so every other point has order n), then the constant-time
 * `multiply`; the private scalar never meets `multiplyUnsafe`. C3 is compared in constant time.
 * An all-zero t is not rejected (B4): OpenSSL and sm-crypto-v2 never re-draw k, and C3 still
 * authenticates such a ciphertext.
 */
export function sm2DecryptParts(d: Uint8Array, parts: Sm2CipherParts): Buffer | undefined {
  if (parts.c1.length !== 2 * COORD || parts.c3.length !== SM3_BYTES || parts.c2.length === 0) return undefined;
  const c1 = Buffer.allocUnsafe(UNCOMPRESSED);
  c1[0] = 0x04;
  parts.c1.copy(c1, 1);
  let shared: Uint8Array;
  try {
    shared = sm2.ecdh(d, c1, false);
  } catch {
    return undefined; // C1 off the curve, at infinity, or not 64 bytes of coordinates below p
  }
  if (shared.length !== UNCOMPRESSED) throw new Error('sm-crypto-v2 returned a shared point of unexpected shape');
  const x2 = shared.subarray(1, 1 + COORD);
  const y2 = shared.subarray(1 + COORD);
  // own memory (not the shared pool), so a caller's plain.fill(0) really wipes it
  const plain = Buffer.allocUnsafeSlow(parts.c2.length);
  try {
    sm2KdfXor(x2, y2, parts.c2, plain);
    if (timingSafeEqual(c3Of(x2, plain, y2), parts.c3)) return plain;
    plain.fill(0);
    return undefined;
  } finally {
    shared.fill(0);
  }
}
