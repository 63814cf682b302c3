import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deriveDevKey, DEV_ROLES } from '@app/ops-contract';

/**
 * The demo's key ceremony: writes each party's SM2 key pair as PEM files (private keys mode 600)
 * into KEYS_DIR, derived from the installation's seed so that a re-run finds the same keys. Each
 * process is then given only its own private key (scripts/lib/stack.mjs).
 *   KEYS_DIR=.data/keys KEY_SEED=… NODE_CODES=SLQ-410404 node dist-tools/test/tools/issue-dev-keys.cli.js
 */
const dir = process.env.KEYS_DIR ?? '.data/keys';
const seed = process.env.KEY_SEED;
if (!seed) throw new Error('KEY_SEED is not set');
mkdirSync(dir, { recursive: true, mode: 0o700 });
const roles = [DEV_ROLES.province, DEV_ROLES.city, DEV_ROLES.national, ...(process.env.NODE_CODES ?? 'SLQ-410404').split(',').map((c) => DEV_ROLES.node(c))];
for (const role of roles) {
  const name = role.replace(/[^A-Za-z0-9-]/g, '_');
  const keyFile = join(dir, `${name}.key.pem`);
  if (existsSync(keyFile)) continue;
  const key = deriveDevKey(seed, role);
  writeFileSync(keyFile, key.toPem(), { mode: 0o600 });
  chmodSync(keyFile, 0o600);
  writeFileSync(join(dir, `${name}.pub.pem`), key.publicKey.toPem());
}
process.stdout.write(`[keys] ${roles.length} key pairs in ${dir}\n`);
