import { FieldCipher } from '@app/gm-crypto';
import { ValueTransformer } from 'typeorm';

/**
 * The cipher of personal data in the platform DB (applicant ID and phone numbers, the collector's ID
 * number, the express delivery address, the application forms), set once at boot (and by the migrate step)
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

/**
 * JSON column transformer for personal data kept as a whole (the express delivery address, an
 * application form): the JSON text SM4-encrypted on the way in; on the way out decrypted and parsed
 * (a row from before encryption is plain JSON and reads as it is).
 */
export const piiJsonColumn: ValueTransformer = {
  to: (v: unknown) => (v === null || v === undefined ? v : pii().encrypt(JSON.stringify(v))),
  from: (v: unknown) => (typeof v === 'string' ? openPiiJson(v) : v),
};

/** The value of a piiJsonColumn read with raw SQL. */
export function openPiiJson<T = unknown>(stored: string): T {
  return JSON.parse(FieldCipher.isEncrypted(stored) ? pii().decrypt(stored) : stored) as T;
}
