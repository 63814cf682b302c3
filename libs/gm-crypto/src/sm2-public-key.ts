import { createHash } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';
import { GmCryptoError, requireBytes } from './gm-crypto.error';
import { Sm2Point, sm2EncryptParts } from './sm2-cipher';
import { encodeSm2Ciphertext, resolveCipherOptions, Sm2CipherOptions } from './sm2-ciphertext.codec';
import { bigIntTo32, bytesToBigInt, decompressY, SM2_N, SM2_P } from './sm2-curve.constants';
import { decodePublicKeyPem, encodePublicKeyPem } from './sm2-key-pem.codec';
import { decodeSm2Signature, resolveSignOptions, Sm2SignOptions } from './sm2-signature.codec';

export type { Sm2Point } from './sm2-cipher';

/**
 * Upper bound of one SM2 plaintext. SM2 runs one SM3 call per 32 bytes of message (the KDF), so
 * 1 MiB takes ~50 ms of blocking work: bulk data belongs in an SM4 envelope.
 */
export const MAX_SM2_PLAINTEXT = 1024 * 1024;

export class Sm2PublicKey {
  /** window-8 precomputation (~4k points, tens of ms): built on first use, then reused */
  private precomputed: Sm2Point | undefined;
  /** Z = SM3(ENTL || ID || curve || this key) per user ID; almost always just the default ID */
  private readonly zByUserId = new Map<string, Buffer>();

  /** @param uncompressedHex '04'||x||y, lowercase, already validated */
  private constructor(private readonly uncompressedHex: string) {}

  /**
   * From hex: 04||X||Y (130 digits), 02/03||X compressed (66 digits), or X||Y without prefix
   * (128 digits, as sm-crypto-v2 front ends often store it). The point must be on the curve.
   */
  static fromHex(hex: string): Sm2PublicKey {
    if (typeof hex !== 'string' || !/^[0-9a-fA-F]+$/.test(hex)) throw new GmCryptoError('BAD_KEY', 'SM2 public key must be a hex string');
    const h = hex.toLowerCase();
    let x: bigint;
    let y: bigint | undefined;
    if (h.length === 130 && h.startsWith('04')) {
      x = BigInt(`0x${h.slice(2, 66)}`);
      y = BigInt(`0x${h.slice(66)}`);
    } else if (h.length === 128) {
      x = BigInt(`0x${h.slice(0, 64)}`);
      y = BigInt(`0x${h.slice(64)}`);
    } else if (h.length === 66 && (h.startsWith('02') || h.startsWith('03'))) {
      x = BigInt(`0x${h.slice(2)}`);
      y = decompressY(x, h.startsWith('03'));
    } else {
      throw new GmCryptoError('BAD_KEY', 'SM2 public key must be 04||X||Y, 02/03||X or X||Y in hex');
    }
    if (y === undefined || x >= SM2_P || y >= SM2_P) throw new GmCryptoError('BAD_KEY', 'SM2 public key is not a point on the curve');
    const full = `04${bigIntTo32(x).toString('hex')}${bigIntTo32(y).toString('hex')}`;
    if (!isOnCurve(full)) throw new GmCryptoError('BAD_KEY', 'SM2 public key is not a point on the curve');
    return new Sm2PublicKey(full);
  }

  static fromPem(pem: string): Sm2PublicKey {
    return Sm2PublicKey.fromHex(decodePublicKeyPem(pem).toString('hex'));
  }

  /** 04||X||Y, lowercase hex */
  toHex(): string {
    return this.uncompressedHex;
  }

  /** SubjectPublicKeyInfo PEM, as `openssl pkey -pubout` writes it */
  toPem(): string {
    return encodePublicKeyPem(Buffer.from(this.uncompressedHex, 'hex'));
  }

  equals(other: Sm2PublicKey): boolean {
    return other instanceof Sm2PublicKey && other.uncompressedHex === this.uncompressedHex;
  }

  /** Defaults: C1C3C2, prefixed04. The plaintext must not be empty (SM2 cannot encrypt zero bytes). */
  encrypt(plain: Buffer, opts?: Sm2CipherOptions): Buffer {
    const o = resolveCipherOptions(opts);
    const msg = requireBytes(plain, 'plaintext');
    if (msg.length === 0) throw new GmCryptoError('BAD_INPUT', 'SM2 cannot encrypt an empty message');
    if (msg.length > MAX_SM2_PLAINTEXT) throw new GmCryptoError('BAD_INPUT', 'message too large for SM2; use an SM4 envelope');
    return encodeSm2Ciphertext(sm2EncryptParts(this.point(), msg), o);
  }

  /**
   * true when the signature is valid for this key, message and user ID (e = SM3(Z || M)); false
   * on any mismatch. Throws BAD_SIGNATURE only when the encoding itself is malformed.
   */
  verify(message: Buffer, signature: Buffer, opts?: Sm2SignOptions): boolean {
    const { userId, format } = resolveSignOptions(opts);
    const msg = requireBytes(message, 'message');
    const rs = decodeSm2Signature(requireBytes(signature, 'signature'), format);
    const r = bytesToBigInt(rs.subarray(0, 32));
    const s = bytesToBigInt(rs.subarray(32));
    if (r < 1n || r >= SM2_N || s < 1n || s >= SM2_N) return false;
    return sm2.doVerifySignature(this.signedDigest(msg, userId), rs.toString('hex'), this.point(), { hash: false, der: false });
  }

  /**
   * @internal e = SM3(Z || M), the value SM2 actually signs, with Z from sm-crypto-v2's getZ.
   * Equivalent to the library's `hash: true` (unit tests cross-check both directions), but the
   * message goes through Node's native SM3 instead of being turned into a hex string and back
   * in JS: signing 64 KiB goes from ~65 to ~1000 ops/s. Never pass a raw message with
   * `hash: false` instead: that signs M itself and nobody else would verify it.
   */
  signedDigest(message: Uint8Array, userId: string): Buffer {
    let z = this.zByUserId.get(userId);
    if (!z) {
      if (this.zByUserId.size >= 16) this.zByUserId.clear();
      z = Buffer.from(sm2.getZ(this.uncompressedHex, userId));
      this.zByUserId.set(userId, z);
    }
    return createHash('sm3').update(z).update(message).digest();
  }

  /** @internal the precomputed point, shared by every encrypt/verify on this object */
  point(): Sm2Point {
    this.precomputed ??= sm2.precomputePublicKey(this.uncompressedHex);
    return this.precomputed;
  }
}

function isOnCurve(uncompressedHex: string): boolean {
  try {
    return sm2.verifyPublicKey(uncompressedHex);
  } catch {
    return false; // sm-crypto-v2 throws rather than returning false for points off the curve
  }
}
