/**
 * - DECRYPT_FAILED: SM2/SM4 decryption or envelope opening failed. Deliberately one code and one
 *   message for every cause (bad encoding, tampering, wrong key, wrong mode), so callers cannot
 *   be turned into an oracle that tells an attacker which part of a forged ciphertext was wrong.
 * - BAD_KEY: a key that cannot be parsed, is not on the SM2 curve, or is out of range.
 * - BAD_CIPHERTEXT: a ciphertext handed to the format converter is malformed.
 * - BAD_SIGNATURE: a signature whose encoding is malformed (a well-formed but wrong signature
 *   is not an error: verify() returns false).
 * - BAD_INPUT: a caller error (wrong type, empty plaintext, bad IV length, bad user ID…).
 */
export type GmCryptoErrorCode = 'DECRYPT_FAILED' | 'BAD_KEY' | 'BAD_CIPHERTEXT' | 'BAD_SIGNATURE' | 'BAD_INPUT';

export class GmCryptoError extends Error {
  constructor(
    readonly code: GmCryptoErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'GmCryptoError';
  }
}

/** The single failure every decryption path reports, whatever went wrong underneath. */
export function decryptFailed(): GmCryptoError {
  return new GmCryptoError('DECRYPT_FAILED', 'decryption failed');
}

/** Runtime guard for byte inputs (callers from JS or `as` casts can pass anything). */
export function requireBytes(value: unknown, what: string): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new GmCryptoError('BAD_INPUT', `${what} must be a Buffer`);
  return value;
}
