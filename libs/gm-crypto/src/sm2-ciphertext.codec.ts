import { DerError, DerReader, derSequence, derTlv, derUnsignedInteger, fixedWidth, TAG } from './der.codec';
import { GmCryptoError } from './gm-crypto.error';
import { bytesToBigInt, SM2_P } from './sm2-curve.constants';

/** Order of the three parts in the 'raw' and 'prefixed04' formats (GM/T 0003-2012 used C1C2C3, GB/T 32918-2016 C1C3C2). */
export type Sm2CipherMode = 'C1C3C2' | 'C1C2C3';
/**
 * - raw: C1 as x||y (64 bytes), then C3 and C2 in `mode` order (sm-crypto-v2, many JS front ends)
 * - prefixed04: 0x04||x||y, then the same (BouncyCastle SM2Engine, hutool)
 * - der: SEQUENCE { INTEGER x, INTEGER y, OCTET STRING hash(C3), OCTET STRING ciphertext(C2) }
 *   (GM/T 0009, OpenSSL, GmSSL). The element order is fixed by the ASN.1 type, so `mode` does
 *   not change these bytes.
 */
export type Sm2CipherFormat = 'raw' | 'prefixed04' | 'der';
export interface Sm2CipherOptions {
  mode?: Sm2CipherMode;
  format?: Sm2CipherFormat;
}

export const DEFAULT_SM2_CIPHER_OPTIONS: Readonly<Required<Sm2CipherOptions>> = Object.freeze({ mode: 'C1C3C2', format: 'prefixed04' });

/** The three parts of an SM2 ciphertext, independent of any wire format. */
export interface Sm2CipherParts {
  /** C1 = kG as x||y, 64 bytes */
  c1: Buffer;
  /** C3 = SM3(x2 || M || y2), 32 bytes */
  c3: Buffer;
  /** C2 = M xor KDF(x2 || y2), as long as the plaintext */
  c2: Buffer;
}

const MODES: readonly Sm2CipherMode[] = ['C1C3C2', 'C1C2C3'];
const FORMATS: readonly Sm2CipherFormat[] = ['raw', 'prefixed04', 'der'];

export function resolveCipherOptions(opts: Sm2CipherOptions | undefined): Required<Sm2CipherOptions> {
  const mode = opts?.mode ?? DEFAULT_SM2_CIPHER_OPTIONS.mode;
  const format = opts?.format ?? DEFAULT_SM2_CIPHER_OPTIONS.format;
  if (!MODES.includes(mode)) throw new GmCryptoError('BAD_INPUT', `unknown SM2 cipher mode ${String(mode)}`);
  if (!FORMATS.includes(format)) throw new GmCryptoError('BAD_INPUT', `unknown SM2 cipher format ${String(format)}`);
  return { mode, format };
}

export function encodeSm2Ciphertext(parts: Sm2CipherParts, opts: Required<Sm2CipherOptions>): Buffer {
  if (opts.format === 'der') {
    return derSequence(
      derUnsignedInteger(parts.c1.subarray(0, 32)),
      derUnsignedInteger(parts.c1.subarray(32, 64)),
      derTlv(TAG.OCTET_STRING, parts.c3),
      derTlv(TAG.OCTET_STRING, parts.c2),
    );
  }
  const body = opts.mode === 'C1C3C2' ? [parts.c1, parts.c3, parts.c2] : [parts.c1, parts.c2, parts.c3];
  return Buffer.concat(opts.format === 'prefixed04' ? [Buffer.from([0x04]), ...body] : body);
}

/**
 * Splits a ciphertext into its parts, or returns undefined when it is not well-formed for the
 * given format (only the structure is checked here; whether C1 is on the curve and C3 matches is
 * decided by decryption). An empty C2 is rejected: SM2 cannot encrypt an empty message.
 */
export function decodeSm2Ciphertext(cipher: Uint8Array, opts: Required<Sm2CipherOptions>): Sm2CipherParts | undefined {
  const buf = Buffer.from(cipher.buffer, cipher.byteOffset, cipher.byteLength);
  if (opts.format === 'der') return decodeDer(buf);
  let body = buf;
  if (opts.format === 'prefixed04') {
    if (buf[0] !== 0x04) return undefined;
    body = buf.subarray(1);
  }
  if (body.length < 64 + 32 + 1) return undefined;
  const c1 = body.subarray(0, 64);
  return opts.mode === 'C1C3C2'
    ? { c1, c3: body.subarray(64, 96), c2: body.subarray(96) }
    : { c1, c2: body.subarray(64, body.length - 32), c3: body.subarray(body.length - 32) };
}

function decodeDer(buf: Buffer): Sm2CipherParts | undefined {
  try {
    const seq = DerReader.readOnly(buf, TAG.SEQUENCE);
    const x = seq.readUnsignedInteger();
    const y = seq.readUnsignedInteger();
    const c3 = seq.read(TAG.OCTET_STRING);
    const c2 = seq.read(TAG.OCTET_STRING);
    seq.end();
    const x32 = fixedWidth(x, 32);
    const y32 = fixedWidth(y, 32);
    if (!x32 || !y32 || bytesToBigInt(x) >= SM2_P || bytesToBigInt(y) >= SM2_P) return undefined;
    if (c3.length !== 32 || c2.length === 0) return undefined;
    return { c1: Buffer.concat([x32, y32]), c3, c2 };
  } catch (err) {
    if (err instanceof DerError) return undefined;
    throw err;
  }
}

/**
 * Re-encodes a ciphertext from one format/mode into another without decrypting it (e.g. an
 * OpenSSL DER ciphertext for a hutool peer). Exact: converting back gives the original bytes.
 * Throws GmCryptoError BAD_CIPHERTEXT when the input is not well-formed for `from`.
 */
export function convertSm2Ciphertext(cipher: Buffer, from: Sm2CipherOptions, to: Sm2CipherOptions): Buffer {
  const parts = decodeSm2Ciphertext(cipher, resolveCipherOptions(from));
  if (!parts) throw new GmCryptoError('BAD_CIPHERTEXT', 'malformed SM2 ciphertext for the given format/mode');
  return encodeSm2Ciphertext(parts, resolveCipherOptions(to));
}
