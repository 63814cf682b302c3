import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * The replay store of the secure-message intake: a nonce is accepted once per node, across
 * restarts and replicas, because the unique key of the table decides (not a process cache).
 */
@Injectable()
export class NonceStore {
  constructor(private readonly ds: DataSource) {}

  /** true when the nonce is new for this node (and is now remembered). */
  async remember(nodeCode: string, nonce: string, messageTs: Date): Promise<boolean> {
    const res = (await this.ds.query('INSERT IGNORE INTO city_nonce (node_code, nonce, message_ts) VALUES (?, ?, ?)', [nodeCode, nonce, messageTs])) as { affectedRows: number };
    return res.affectedRows === 1;
  }

  /**
   * Forgets nonces whose message time is older than `olderThanMs`. Safe once that exceeds the
   * clock-skew window: a message that old is refused by its timestamp before the nonce is looked at.
   */
  async purge(olderThanMs: number, now: Date): Promise<number> {
    const res = (await this.ds.query('DELETE FROM city_nonce WHERE message_ts < ? LIMIT 10000', [new Date(now.getTime() - olderThanMs)])) as { affectedRows: number };
    return res.affectedRows;
  }
}
