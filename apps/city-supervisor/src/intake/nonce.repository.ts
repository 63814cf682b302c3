import { EntityManager } from 'typeorm';

/**
 * The only code that touches `city_nonce`, the replay store of the secure-message intake: a nonce
 * is accepted once per node, across restarts and replicas, because the unique key of the table
 * decides (not a process cache).
 */
export class NonceRepository {
  constructor(private readonly em: EntityManager) {}

  /** true when the nonce is new for this node (and is now remembered). */
  async remember(nodeCode: string, nonce: string, messageTs: Date): Promise<boolean> {
    const res = (await this.em.query('INSERT IGNORE INTO city_nonce (node_code, nonce, message_ts) VALUES (?, ?, ?)', [nodeCode, nonce, messageTs])) as {
      affectedRows: number;
    };
    return res.affectedRows === 1;
  }

  /** Deletes up to 10000 nonces whose message time is before `before`; returns how many. */
  async purgeBefore(before: Date): Promise<number> {
    const res = (await this.em.query('DELETE FROM city_nonce WHERE message_ts < ? LIMIT 10000', [before])) as { affectedRows: number };
    return res.affectedRows;
  }
}
