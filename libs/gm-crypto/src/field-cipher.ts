import { randomBytes, timingSafeEqual } from 'node:crypto';
import { GmCryptoError } from './gm-crypto.error';
import { hmacSm3, sm3, sm4CbcDecrypt, sm4CbcEncrypt } from './sm3-sm4';

const PREFIX = 'sm4$';
const TAG_BYTES = 16;

/**
 * Encryption of personal data at rest (ID and phone numbers in a DB column): SM4-CBC with a fresh IV,
 * then an HMAC-SM3 tag over IV and ciphertext (encrypt-then-MAC), stored as `sm4$<base64>`. A blind
 * index (HMAC-SM3 of the value under a third derived key) lets an exact search find a row without
 * decrypting the table. All three keys derive from one 16-byte master key kept out of the DB.
 */
export class FieldCipher {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;
  private readonly indexKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 16) throw new GmCryptoError('BAD_KEY', 'field cipher key must be 16 bytes');
    this.encKey = sm3(Buffer.concat([masterKey, Buffer.from('field-enc')])).subarray(0, 16);
    this.macKey = sm3(Buffer.concat([masterKey, Buffer.from('field-mac')]));
    this.indexKey = sm3(Buffer.concat([masterKey, Buffer.from('field-index')]));
  }

  static isEncrypted(v: string): boolean {
    return v.startsWith(PREFIX);
  }

  encrypt(plain: string): string {
    const iv = randomBytes(16);
    const ct = sm4CbcEncrypt(this.encKey, iv, Buffer.from(plain, 'utf8'));
    const tag = hmacSm3(this.macKey, Buffer.concat([iv, ct])).subarray(0, TAG_BYTES);
    return `${PREFIX}${Buffer.concat([iv, ct, tag]).toString('base64')}`;
  }

  /** Opens a value written by encrypt(); a value without the prefix (written before encryption) is returned as it is. */
  decrypt(stored: string): string {
    if (!FieldCipher.isEncrypted(stored)) return stored;
    const raw = Buffer.from(stored.slice(PREFIX.length), 'base64');
    if (raw.length < 16 + 16 + TAG_BYTES) throw new GmCryptoError('DECRYPT_FAILED', 'field ciphertext too short');
    const iv = raw.subarray(0, 16);
    const ct = raw.subarray(16, raw.length - TAG_BYTES);
    const tag = raw.subarray(raw.length - TAG_BYTES);
    const want = hmacSm3(this.macKey, Buffer.concat([iv, ct])).subarray(0, TAG_BYTES);
    if (!timingSafeEqual(tag, want)) throw new GmCryptoError('DECRYPT_FAILED', 'field ciphertext fails its MAC (tampered or another key)');
    return sm4CbcDecrypt(this.encKey, iv, ct).toString('utf8');
  }

  /** Deterministic search token of a value (hex, 64 characters). */
  blindIndex(plain: string): string {
    return hmacSm3(this.indexKey, Buffer.from(plain.trim().toUpperCase(), 'utf8')).toString('hex');
  }
}
