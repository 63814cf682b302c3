import { EntityManager } from 'typeorm';

export interface NewRefusal {
  nodeCode: string | null;
  category: string | null;
  messageId: string | null;
  senderVerified: boolean;
  code: string;
  detail: string;
  transport: string;
  correlationId: string;
  at: Date;
}

/** The only code that writes `city_refusal` (the monitors' read model reads it). */
export class RefusalRepository {
  constructor(private readonly em: EntityManager) {}

  async insert(r: NewRefusal): Promise<void> {
    await this.em.query(
      'INSERT INTO city_refusal (node_code, category, message_id, sender_verified, code, detail, transport, correlation_id, at) VALUES (?,?,?,?,?,?,?,?,?)',
      [r.nodeCode, r.category, r.messageId, r.senderVerified ? 1 : 0, r.code, r.detail.slice(0, 512), r.transport, r.correlationId.slice(0, 64), r.at],
    );
  }

  /** Deletes up to 10000 refusals older than `before`; returns how many. */
  async purgeBefore(before: Date): Promise<number> {
    const res = (await this.em.query('DELETE FROM city_refusal WHERE at < ? LIMIT 10000', [before])) as { affectedRows: number };
    return res.affectedRows;
  }
}
