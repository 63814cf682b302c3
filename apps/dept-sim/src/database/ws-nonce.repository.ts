import { FrontDbClient } from '@app/front-db';
import { SqlNonceStore } from '@app/soap-kit';

/**
 * The department's `ws_nonce` table (spent WS-Security nonces): its SQL is soap-kit's SqlNonceStore,
 * which is handed the department's front DB to run on (looked up on each call, since the registry
 * reconnects a front DB that was down).
 */
export function wsNonceRepository(front: () => FrontDbClient): SqlNonceStore {
  return new SqlNonceStore((sql, params) => front().ds.query(sql, params), { purgeIntervalMs: 60_000 });
}
