import { FieldCipher } from '@app/gm-crypto';
import { ValueTransformer } from 'typeorm';

/**
 * The cipher of personal data in the platform DB (applicant ID and phone numbers), set once at boot
 * from PII_SM4_KEY — the key lives in the configuration, never in the DB. TypeORM transformers are
 * static, hence this one process-wide slot.
 */
let cipher: FieldCipher | undefined;

export function setPiiCipher(c: FieldCipher): void {
  cipher = c;
}

export function pii(): FieldCipher {
  if (!cipher) throw new Error('PII cipher not initialised (setPiiCipher at boot)');
  return cipher;
}

/** Column transformer: SM4 on the way in, decrypted on the way out (rows from before encryption read as they are). */
export const piiColumn: ValueTransformer = {
  to: (v: unknown) => (typeof v === 'string' && !FieldCipher.isEncrypted(v) ? pii().encrypt(v) : v),
  from: (v: unknown) => (typeof v === 'string' ? pii().decrypt(v) : v),
};
