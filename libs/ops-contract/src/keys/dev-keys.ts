import { sm3, Sm2PrivateKey, Sm2PublicKey } from '@app/gm-crypto';
import { readFileSync } from 'node:fs';

const SM2_N = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123');

/**
 * Deterministic development keys (APP_MODE=development only): every party derives the same key pair
 * for a role from a shared seed — so any party could derive any other's private key, which is why a
 * production process refuses the seed and loads its own PEM files (docs/security.md, "Key custody").
 */
export function deriveDevKey(seed: string, role: string): Sm2PrivateKey {
  const h = BigInt(`0x${sm3(`${seed}\u0000sm2-dev-key\u0000${role}`).toString('hex')}`);
  const d = (h % (SM2_N - 2n)) + 1n;
  return Sm2PrivateKey.fromHex(d.toString(16).padStart(64, '0'));
}

export const DEV_ROLES = {
  /** The key pair issued by the provincial ops node: reports are encrypted to its public key; the city holds the private key. */
  province: 'province',
  /** The city supervisory system's signing key (work orders sent down). */
  city: 'city',
  /** The national (upstream) node's signing key for downlink records. */
  national: 'national',
  node: (nodeCode: string) => `node:${nodeCode}`,
} as const;

function missing(variable: string): never {
  throw new Error(
    `Invalid configuration:\n  ${variable} is not set: give the PEM file of this key (development keys derived from OPS_DEV_KEY_SEED are used only with APP_MODE=development)`,
  );
}

/**
 * Loads a private key from a PEM file; without a file, only in development mode (a seed given),
 * derives the development key of the role. `variable` names the setting in the error.
 */
export function loadPrivateKey(
  file: string | undefined,
  seed: string | undefined,
  role: string,
  variable = 'key file',
): { key: Sm2PrivateKey; derived: boolean } {
  if (file) return { key: Sm2PrivateKey.fromPem(readFileSync(file, 'utf8')), derived: false };
  if (!seed) missing(variable);
  return { key: deriveDevKey(seed, role), derived: true };
}

export function loadPublicKey(
  file: string | undefined,
  seed: string | undefined,
  role: string,
  variable = 'key file',
): { key: Sm2PublicKey; derived: boolean } {
  if (file) return { key: Sm2PublicKey.fromPem(readFileSync(file, 'utf8')), derived: false };
  if (!seed) missing(variable);
  return { key: deriveDevKey(seed, role).publicKey, derived: true };
}

/** The seed of the development keys: honoured only with APP_MODE=development; otherwise a set seed stops the boot. */
export function devKeySeed(appMode: string, seed: string | undefined): string | undefined {
  if (appMode === 'development') return seed ?? 'gov-exchange-sim-dev';
  if (seed)
    throw new Error('Invalid configuration:\n  OPS_DEV_KEY_SEED is set but APP_MODE is not "development": every process needs its own key files in production');
  return undefined;
}
