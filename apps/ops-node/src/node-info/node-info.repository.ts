import { EntityManager } from 'typeorm';

export interface NodeInfoRow {
  node_code: string;
  unit_name: string;
  person_in_charge: string;
  person_phone: string;
  duty_phone: string;
  address: string;
  node_level: string;
  updated_at: Date;
}

/** The node_info table: one row (id 1), this node's registration. */
export class NodeInfoRepository {
  constructor(private readonly db: EntityManager) {}

  /** First boot only: an existing row (the operators' edits) is kept. */
  async seed(r: Omit<NodeInfoRow, 'updated_at'>, now: Date): Promise<void> {
    await this.db.query(
      'INSERT IGNORE INTO node_info (id, node_code, unit_name, person_in_charge, person_phone, duty_phone, address, node_level, updated_at) VALUES (1,?,?,?,?,?,?,?,?)',
      [r.node_code, r.unit_name, r.person_in_charge, r.person_phone, r.duty_phone, r.address, r.node_level, now],
    );
  }

  async get(): Promise<NodeInfoRow> {
    const [r] = (await this.db.query('SELECT * FROM node_info WHERE id = 1')) as NodeInfoRow[];
    return r;
  }

  /** Sets the given columns (none: nothing is written) and moves updated_at. */
  async update(set: Partial<Record<Exclude<keyof NodeInfoRow, 'node_code' | 'updated_at'>, unknown>>, now: Date): Promise<void> {
    const cols = Object.keys(set) as (keyof typeof set)[];
    if (!cols.length) return;
    await this.db.query(`UPDATE node_info SET ${cols.map((c) => `${c} = ?`).join(', ')}, updated_at = ? WHERE id = 1`, [...cols.map((c) => set[c]), now]);
  }
}
