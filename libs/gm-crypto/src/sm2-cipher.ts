// SM2 public-key encryption (GB/T 32918.4-2016 §6/§7) around sm-crypto-v2's curve. The point
// multiplications stay in @noble/curves through sm-crypto-v2's public API; the KDF, C3 and the
// XOR run here on Buffers, instead of sm-crypto-v2's doEncrypt/doDecrypt,
// which run SM3 in JS over copied arrays (see README "Performance"). C3 uses Node's SM3; the KDF
// its own SM3 compression with a midstate (below).
import { createHash, timingSafeEqual } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';
import { Sm2CipherParts } from './sm2-ciphertext.codec';
import { bigIntTo32 } from './sm2-curve.constants';

/** sm-crypto-v2's point type (from @noble/curves), named without importing that package. */
export type Sm2Point = ReturnType<typeof sm2.precomputePublicKey>;

const COORD = 32;
const SM3_BYTES = 32;
/** ECDH output of noble: 0x04 || x2 || y2 */
const UNCOMPRESSED = 1 + 2 * COORD;

// SM3 compression function (GB/T 32905-2016 §5.3), for the KDF only. Every KDF block hashes
// x2 || y2 || ct: x2 || y2 is exactly one 64-byte SM3 block, so it is compressed once into a
// midstate and each 32-byte block of t costs one compression of (ct, padding). Node's SM3 cannot
// do that cheaply: its per-call cost (~1.5 µs for a 68-byte one-shot hash, ~1.9 µs via
// hash.copy()) is 2.5x this JS compression (~0.6 µs), and the KDF makes one call per 32 bytes.
// Only 32-bit adds, xors and rotations, indexed by round number: no secret-dependent branch or
// memory access. Cross-checked against Node's SM3 and sm-crypto-v2's KDF (sm2-cipher.spec.ts).
const SM3_IV = Int32Array.of(0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e);
const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));
/** T_j <<< (j mod 32) */
const SM3_T = Int32Array.from({ length: 64 }, (_, j) => rotl(j < 16 ? 0x79cc4519 : 0x7a879d8a, j % 32));
/** bits of x2 || y2 || ct: the length field of the second block's padding */
const KDF_INPUT_BITS = (2 * 32 + 4) * 8;

/** out = CF(v, block), the block being w[0..15]; w (68 words) is overwritten by the expansion */
function sm3Compress(v: Int32Array, w: Int32Array, out: Int32Array): void {
  for (let j = 16; j < 68; j++) {
    const x = w[j - 16] ^ w[j - 9] ^ rotl(w[j - 3], 15);
    w[j] = x ^ rotl(x, 15) ^ rotl(x, 23) ^ rotl(w[j - 13], 7) ^ w[j - 6];
  }
  let a = v[0];
  let b = v[1];
  let c = v[2];
  let d = v[3];
  let e = v[4];
  let f = v[5];
  let g = v[6];
  let h = v[7];
  // two loops rather than a branch on j inside one: V8 compiles them twice as fast
  for (let j = 0; j < 16; j++) {
    const a12 = rotl(a, 12);
    const ss1 = rotl((a12 + e + SM3_T[j]) | 0, 7);
    const tt1 = ((a ^ b ^ c) + d + (ss1 ^ a12) + (w[j] ^ w[j + 4])) | 0;
    const tt2 = ((e ^ f ^ g) + h + ss1 + w[j]) | 0;
    d = c;
    c = rotl(b, 9);
    b = a;
    a = tt1;
    h = g;
    g = rotl(f, 19);
    f = e;
    e = tt2 ^ rotl(tt2, 9) ^ rotl(tt2, 17);
  }
  for (let j = 16; j < 64; j++) {
    const a12 = rotl(a, 12);
    const ss1 = rotl((a12 + e + SM3_T[j]) | 0, 7);
    const tt1 = (((a & b) | (a & c) | (b & c)) + d + (ss1 ^ a12) + (w[j] ^ w[j + 4])) | 0;
    const tt2 = (((e & f) | (~e & g)) + h + ss1 + w[j]) | 0;
    d = c;
    c = rotl(b, 9);
    b = a;
    a = tt1;
    h = g;
    g = rotl(f, 19);
    f = e;
    e = tt2 ^ rotl(tt2, 9) ^ rotl(tt2, 17);
  }
  out[0] = a ^ v[0];
  out[1] = b ^ v[1];
  out[2] = c ^ v[2];
  out[3] = d ^ v[3];
  out[4] = e ^ v[4];
  out[5] = f ^ v[5];
  out[6] = g ^ v[6];
  out[7] = h ^ v[7];
}

/**
 * C2 = data XOR t with t = KDF(x2 || y2, data.length) (GB/T 32918.4 §5.4.3): t is
 * SM3(x2 || y2 || ct) for ct = 1, 2, … (32-bit big-endian), truncated to data.length. Writes into
 * `out` (same length as data, may be data itself). Returns false when t is all zeros, which the
 * encryptor must answer with a new k (A5) so that C2 never equals the plaintext.
 */
export function sm2KdfXor(x2: Uint8Array, y2: Uint8Array, data: Uint8Array, out: Uint8Array): boolean {
  const w = new Int32Array(68);
  const mid = new Int32Array(8);
  const t = new Int32Array(8);
  const z = new DataView(new ArrayBuffer(64));
  new Uint8Array(z.buffer).set(x2, 0);
  new Uint8Array(z.buffer).set(y2, 32);
  let any = 0;
  try {
    for (let i = 0; i < 16; i++) w[i] = z.getInt32(4 * i);
    sm3Compress(SM3_IV, w, mid);
    for (let off = 0, ct = 1; off < data.length; off += 32, ct++) {
      w.fill(0, 0, 16);
      w[0] = ct;
      w[1] = 0x80000000 | 0; // padding bit
      w[15] = KDF_INPUT_BITS;
      sm3Compress(mid, w, t);
      const n = Math.min(32, data.length - off);
      for (let j = 0; j < n; j++) {
        const byte = (t[j >> 2] >>> (24 - 8 * (j & 3))) & 0xff;
        any |= byte;
        out[off + j] = data[off + j] ^ byte;
      }
    }
  } finally {
    w.fill(0);
    mid.fill(0);
    t.fill(0);
    new Uint8Array(z.buffer).fill(0);
  }
  return any !== 0;
}

/** test seam: sm2EncryptParts calls the KDF through this object */
export const sm2Kdf = { xor: sm2KdfXor };

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
      if (!sm2Kdf.xor(x2, y2, msg, c2)) continue; // t = 0: only plausible for 1–2 byte messages
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
