import { EntityManager } from 'typeorm';

export interface NewReport {
  nodeCode: string;
  category: string;
  mode: string;
  messageId: string;
  generatedAt: Date;
  itemCount: number;
  payload: string;
  transport: string;
  correlationId: string;
  receivedAt: Date;
}

const isDuplicateKey = (err: unknown): boolean => {
  const e = err as { errno?: number; driverError?: { errno?: number } };
  return (e?.driverError?.errno ?? e?.errno) === 1062;
};

/** The only code that writes `city_report`: one row per accepted report, unique per (node, messageId). */
export class CityReportRepository {
  constructor(private readonly em: EntityManager) {}

  /** The new report's id, or null when the node's messageId is stored already (the unique key decides). */
  async insert(r: NewReport): Promise<number | null> {
    try {
      const res = (await this.em.query(
        'INSERT INTO city_report (node_code, category, mode, message_id, generated_at, item_count, payload, transport, correlation_id, received_at) VALUES (?,?,?,?,?,?,?,?,?,?)',
        [r.nodeCode, r.category, r.mode, r.messageId, r.generatedAt, r.itemCount, r.payload, r.transport, r.correlationId.slice(0, 64), r.receivedAt],
      )) as { insertId: number };
      return Number(res.insertId);
    } catch (err) {
      if (isDuplicateKey(err)) return null;
      throw err;
    }
  }

  /** When the node's report with this messageId was first received. */
  async receivedAtOf(nodeCode: string, messageId: string): Promise<Date | undefined> {
    const [first] = (await this.em.query('SELECT received_at FROM city_report WHERE node_code = ? AND message_id = ?', [nodeCode, messageId])) as {
      received_at: Date;
    }[];
    return first?.received_at;
  }
}
