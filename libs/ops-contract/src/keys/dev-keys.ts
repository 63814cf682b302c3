import { sm3, Sm2PrivateKey, Sm2PublicKey } from '@app/gm-crypto';
import { readFileSync } from 'node:fs';

const SM2_N = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123');

/**
 * Deterministic development keys so that a laptop run needs no key ceremony: every party derives the
 * same key pair for a role from a shared seed (like the exchange's shared secret). Production sets
 * key files instead; the apps log a warning when they run on derived keys.
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

/** Loads a private key from a PEM file, or derives the development key of the role. */
export function loadPrivateKey(file: string | undefined, seed: string, role: string): { key: Sm2PrivateKey; derived: boolean } {
  if (file) return { key: Sm2PrivateKey.fromPem(readFileSync(file, 'utf8')), derived: false };
  return { key: deriveDevKey(seed, role), derived: true };
}

export function loadPublicKey(file: string | undefined, seed: string, role: string): { key: Sm2PublicKey; derived: boolean } {
  if (file) return { key: Sm2PublicKey.fromPem(readFileSync(file, 'utf8')), derived: false };
  return { key: deriveDevKey(seed, role).publicKey, derived: true };
}
