import { Sm2PrivateKey } from '@app/gm-crypto';
import { deriveDevKey, DEV_ROLES } from '@app/ops-contract';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Key custody in the tests as in production: the test plays the province and issues every party its
 * key as PEM files; each process gets its own private key and the others' public keys only. The keys
 * are derived from a seed only so that the test itself can seal and open messages as any party.
 */
export class IssuedKeys {
  private constructor(
    readonly dir: string,
    private readonly seed: string,
  ) {}

  static issue(seed: string, nodeCodes: string[]): IssuedKeys {
    const k = new IssuedKeys(mkdtempSync(join(tmpdir(), 'sm2-keys-')), seed);
    for (const role of [DEV_ROLES.province, DEV_ROLES.city, DEV_ROLES.national, ...nodeCodes.map((c) => DEV_ROLES.node(c))])
      k.write(role, deriveDevKey(seed, role));
    return k;
  }

  private file(role: string, kind: 'key' | 'pub'): string {
    return join(this.dir, `${role.replace(/[^A-Za-z0-9-]/g, '_')}.${kind}.pem`);
  }

  private write(role: string, key: Sm2PrivateKey): void {
    writeFileSync(this.file(role, 'key'), key.toPem(), { mode: 0o600 });
    writeFileSync(this.file(role, 'pub'), key.publicKey.toPem());
  }

  key(role: string): Sm2PrivateKey {
    return deriveDevKey(this.seed, role);
  }

  /** The ops node's settings: its own private key, the public keys of the province, the city and the national node. */
  opsNodeEnv(nodeCode: string): NodeJS.ProcessEnv {
    return {
      NODE_KEY_FILE: this.file(DEV_ROLES.node(nodeCode), 'key'),
      PROVINCE_PUBLIC_KEY_FILE: this.file(DEV_ROLES.province, 'pub'),
      CITY_PUBLIC_KEY_FILE: this.file(DEV_ROLES.city, 'pub'),
      NATIONAL_PUBLIC_KEY_FILE: this.file(DEV_ROLES.national, 'pub'),
    };
  }

  /** The city's settings: the province's, its own and the national node's private keys, the default node's public key. */
  cityEnv(defaultNodeCode: string): NodeJS.ProcessEnv {
    return {
      PROVINCE_KEY_FILE: this.file(DEV_ROLES.province, 'key'),
      CITY_KEY_FILE: this.file(DEV_ROLES.city, 'key'),
      NATIONAL_KEY_FILE: this.file(DEV_ROLES.national, 'key'),
      DEFAULT_NODE_PUBLIC_KEY_FILE: this.file(DEV_ROLES.node(defaultNodeCode), 'pub'),
    };
  }
}
