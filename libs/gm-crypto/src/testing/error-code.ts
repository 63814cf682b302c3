import { GmCryptoError } from '../gm-crypto.error';

/** The GmCryptoError code a call fails with (undefined when it does not fail), for the specs. */
export function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof GmCryptoError ? err.code : `not a GmCryptoError: ${String(err)}`;
  }
  return undefined;
}
