import { Sm2PrivateKey, Sm2PublicKey } from '@app/gm-crypto';
import { DEV_ROLES, devKeySeed, loadPrivateKey, loadPublicKey } from '@app/ops-contract';
import { CityConfig } from '../config/city.config';
import { CityNode } from '../config/city-nodes';

/**
 * The keys the city holds: the provincial private key (decrypts every report), its own signing key
 * (work orders down), the upstream node's signing key (downlink records) and the public key of each
 * registered node (verifies reports, encrypts what goes down).
 */
export class CityKeys {
  private constructor(
    readonly province: Sm2PrivateKey,
    readonly city: Sm2PrivateKey,
    readonly national: Sm2PrivateKey,
    private readonly nodeKeys: ReadonlyMap<string, Sm2PublicKey>,
    /** which keys came from the development seed rather than a file (logged as a warning at boot) */
    readonly derived: readonly string[],
  ) {}

  static load(config: CityConfig, nodes: readonly CityNode[]): CityKeys {
    const seed = devKeySeed(config.APP_MODE, config.OPS_DEV_KEY_SEED);
    const derived: string[] = [];
    const priv = (file: string | undefined, role: string, what: string) => {
      const k = loadPrivateKey(file, seed, role, what);
      if (k.derived) derived.push(what);
      return k.key;
    };
    const province = priv(config.PROVINCE_KEY_FILE, DEV_ROLES.province, 'PROVINCE_KEY_FILE');
    const city = priv(config.CITY_KEY_FILE, DEV_ROLES.city, 'CITY_KEY_FILE');
    const national = priv(config.NATIONAL_KEY_FILE, DEV_ROLES.national, 'NATIONAL_KEY_FILE');
    const nodeKeys = new Map<string, Sm2PublicKey>();
    for (const n of nodes) {
      if (n.publicKeyPem) {
        nodeKeys.set(n.nodeCode, Sm2PublicKey.fromPem(n.publicKeyPem));
      } else {
        nodeKeys.set(
          n.nodeCode,
          loadPublicKey(undefined, seed, DEV_ROLES.node(n.nodeCode), `publicKeyPem of node ${n.nodeCode} (CITY_NODES_FILE or DEFAULT_NODE_PUBLIC_KEY_FILE)`)
            .key,
        );
        derived.push(`node ${n.nodeCode} publicKeyPem`);
      }
    }
    return new CityKeys(province, city, national, nodeKeys, derived);
  }

  nodeKey(nodeCode: string): Sm2PublicKey | undefined {
    return this.nodeKeys.get(nodeCode);
  }
}
