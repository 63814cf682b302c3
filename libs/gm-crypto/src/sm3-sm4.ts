// SM3 and SM4 come from Node's OpenSSL (native, ~3x sm-crypto-v2's JS SM3; see README).
import { createCipheriv, createDecipheriv, createHash, createHmac } from 'node:crypto';
import { decryptFailed, GmCryptoError, requireBytes } from './gm-crypto.error';

type BytesOrText = Buffer | string;

function requireBytesOrText(value: unknown, what: string): Uint8Array | string {
  return typeof value === 'string' ? value : requireBytes(value, what);
}

/** SM3 digest (32 bytes); a string is hashed as UTF-8. */
export function sm3(data: BytesOrText): Buffer {
  return createHash('sm3').update(requireBytesOrText(data, 'data')).digest();
}

/** HMAC-SM3 (RFC 2104 with SM3, 32 bytes); strings are UTF-8. */
export function hmacSm3(key: BytesOrText, data: BytesOrText): Buffer {
  return createHmac('sm3', requireBytesOrText(key, 'key')).update(requireBytesOrText(data, 'data')).digest();
}

export const SM4_KEY_BYTES = 16;
export const SM4_BLOCK_BYTES = 16;

function checkKeyIv(key: unknown, iv: unknown): void {
  if (requireBytes(key, 'SM4 key').length !== SM4_KEY_BYTES) throw new GmCryptoError('BAD_KEY', 'SM4 key must be 16 bytes');
  if (requireBytes(iv, 'SM4 IV').length !== SM4_BLOCK_BYTES) throw new GmCryptoError('BAD_INPUT', 'SM4 IV must be 16 bytes');
}

/** SM4-CBC with PKCS#7 padding. Confidentiality only: pair it with a signature or MAC. */
export function sm4CbcEncrypt(key: Buffer, iv: Buffer, plain: Buffer): Buffer {
  checkKeyIv(key, iv);
  const c = createCipheriv('sm4-cbc', key, iv);
  return Buffer.concat([c.update(requireBytes(plain, 'plaintext')), c.final()]);
}

/** Throws GmCryptoError DECRYPT_FAILED on a length that is not whole blocks or on bad padding. */
export function sm4CbcDecrypt(key: Buffer, iv: Buffer, cipher: Buffer): Buffer {
  checkKeyIv(key, iv);
  const bytes = requireBytes(cipher, 'ciphertext');
  if (bytes.length === 0 || bytes.length % SM4_BLOCK_BYTES !== 0) throw decryptFailed();
  const d = createDecipheriv('sm4-cbc', key, iv);
  try {
    return Buffer.concat([d.update(bytes), d.final()]);
  } catch {
    throw decryptFailed(); // OpenSSL's "bad decrypt": wrong key or padding
  }
}
