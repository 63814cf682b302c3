import { DerError, DerReader, derSequence, derUnsignedInteger, fixedWidth, TAG } from './der.codec';
import { GmCryptoError } from './gm-crypto.error';
import { DEFAULT_SM2_USER_ID } from './sm2-curve.constants';

/** der = SEQUENCE { INTEGER r, INTEGER s } (OpenSSL, BouncyCastle, GM/T 0009); raw = r||s, 64 bytes. */
export type Sm2SignatureFormat = 'der' | 'raw';
export interface Sm2SignOptions {
  /** the signer's distinguishing ID folded into Z; default '1234567812345678' */
  userId?: string;
  /** default 'der' */
  format?: Sm2SignatureFormat;
}

/** ENTL is a 16-bit count of bits, so at most 8191 bytes of ID fit. */
const MAX_USER_ID_BYTES = 8191;

export function resolveSignOptions(opts: Sm2SignOptions | undefined): Required<Sm2SignOptions> {
  const userId = opts?.userId ?? DEFAULT_SM2_USER_ID;
  const format = opts?.format ?? 'der';
  if (typeof userId !== 'string' || Buffer.byteLength(userId, 'utf8') > MAX_USER_ID_BYTES) {
    throw new GmCryptoError('BAD_INPUT', `SM2 user ID must be a string of at most ${MAX_USER_ID_BYTES} UTF-8 bytes`);
  }
  if (format !== 'der' && format !== 'raw') throw new GmCryptoError('BAD_INPUT', `unknown SM2 signature format ${String(format)}`);
  return { userId, format };
}

/** From r||s (64 bytes) to the requested encoding. */
export function encodeSm2Signature(rs: Buffer, format: Sm2SignatureFormat): Buffer {
  return format === 'raw' ? rs : derSequence(derUnsignedInteger(rs.subarray(0, 32)), derUnsignedInteger(rs.subarray(32, 64)));
}

/**
 * To r||s (64 bytes). Throws BAD_SIGNATURE when the encoding is malformed; values out of range
 * are left for verification to reject (that is a mismatch, not a malformed encoding).
 */
export function decodeSm2Signature(signature: Uint8Array, format: Sm2SignatureFormat): Buffer {
  const sig = Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength);
  if (format === 'raw') {
    if (sig.length !== 64) throw new GmCryptoError('BAD_SIGNATURE', 'a raw SM2 signature is 64 bytes (r||s)');
    return sig;
  }
  try {
    const seq = DerReader.readOnly(sig, TAG.SEQUENCE);
    const r = fixedWidth(seq.readUnsignedInteger(), 32);
    const s = fixedWidth(seq.readUnsignedInteger(), 32);
    seq.end();
    if (!r || !s) throw new DerError('r or s wider than 256 bits');
    return Buffer.concat([r, s]);
  } catch (err) {
    if (err instanceof DerError) throw new GmCryptoError('BAD_SIGNATURE', `malformed DER SM2 signature: ${err.message}`);
    throw err;
  }
}
