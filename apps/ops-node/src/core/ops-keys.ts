import { Sm2PrivateKey, Sm2PublicKey } from '@app/gm-crypto';
import { DEV_ROLES, devKeySeed, loadPrivateKey, loadPublicKey } from '@app/ops-contract';
import { OpsNodeConfig } from '../config/ops-node.config';

/** The SM2 keys of the node: its own pair, and the public keys of the province, the city and the national node. */
export class OpsKeys {
  constructor(
    readonly node: Sm2PrivateKey,
    readonly province: Sm2PublicKey,
    readonly city: Sm2PublicKey,
    readonly national: Sm2PublicKey,
    readonly derived: string[],
  ) {}

  static load(c: OpsNodeConfig): OpsKeys {
    // the node holds its own private key and the others' public keys only
    const seed = devKeySeed(c.APP_MODE, c.OPS_DEV_KEY_SEED);
    const node = loadPrivateKey(c.NODE_KEY_FILE, seed, DEV_ROLES.node(c.NODE_CODE), 'NODE_KEY_FILE');
    const province = loadPublicKey(c.PROVINCE_PUBLIC_KEY_FILE, seed, DEV_ROLES.province, 'PROVINCE_PUBLIC_KEY_FILE');
    const city = loadPublicKey(c.CITY_PUBLIC_KEY_FILE, seed, DEV_ROLES.city, 'CITY_PUBLIC_KEY_FILE');
    const national = loadPublicKey(c.NATIONAL_PUBLIC_KEY_FILE, seed, DEV_ROLES.national, 'NATIONAL_PUBLIC_KEY_FILE');
    const derived = Object.entries({ NODE_KEY_FILE: node, PROVINCE_PUBLIC_KEY_FILE: province, CITY_PUBLIC_KEY_FILE: city, NATIONAL_PUBLIC_KEY_FILE: national })
      .filter(([, v]) => v.derived)
      .map(([k]) => k);
    return new OpsKeys(node.key, province.key, city.key, national.key, derived);
  }
}
