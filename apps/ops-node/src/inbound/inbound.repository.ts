import { EntityManager } from 'typeorm';

/** What the city has sent: the nonces seen inside the timestamp window (inbound_nonce) and each message applied once (inbound_message). */
export class InboundRepository {
  constructor(private readonly db: EntityManager) {}

  /** false when the nonce was seen already (a replay). */
  async rememberNonce(senderNode: string, nonce: string, ts: Date): Promise<boolean> {
    const r = (await this.db.query('INSERT IGNORE INTO inbound_nonce (sender_node, nonce, ts) VALUES (?,?,?)', [senderNode, nonce, ts])) as {
      affectedRows: number;
    };
    return r.affectedRows > 0;
  }

  /** Forgets nonces older than `before`, a little at a time. */
  async forgetNoncesBefore(before: Date): Promise<void> {
    await this.db.query('DELETE FROM inbound_nonce WHERE ts < ? LIMIT 1000', [before]);
  }

  /** false when the message was applied already (idempotent on sender and messageId). */
  async recordMessage(m: { senderNode: string; messageId: string; category: string }, now: Date): Promise<boolean> {
    const r = (await this.db.query('INSERT IGNORE INTO inbound_message (sender_node, message_id, category, received_at) VALUES (?,?,?,?)', [
      m.senderNode,
      m.messageId,
      m.category,
      now,
    ])) as { affectedRows: number };
    return r.affectedRows > 0;
  }
}
