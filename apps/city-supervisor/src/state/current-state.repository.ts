import { ReportItem } from '@app/ops-contract';
import { EntityManager } from 'typeorm';
import { ExistingState } from './apply-plan';
import { RowContext, StateTable } from './state-tables';

/** Rows per multi-row statement: large enough to be cheap, small enough for any packet limit. */
const ROWS_PER_STATEMENT = 500;
const KEYS_PER_STATEMENT = 1000;

export function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * The only code that writes the current-state tables (city_resource, city_sub_resource, city_alert,
 * city_work_order's reported rows, city_node_info). Each table is described once in state-tables.ts
 * (columns, key, upsert rules); this repository turns a descriptor into its multi-row statements.
 */
export class CurrentStateRepository {
  constructor(private readonly em: EntityManager) {}

  /** Reads and locks (FOR UPDATE) every row of the node in the table. */
  async lockAllOfNode(t: StateTable, nodeCode: string): Promise<Map<string, ExistingState>> {
    const rows = (await this.em.query(`SELECT ${t.existingColumns} FROM ${t.table} WHERE node_code = ? FOR UPDATE`, [nodeCode])) as Record<string, unknown>[];
    return this.existing(t, rows);
  }

  /** Reads and locks (FOR UPDATE) the node's rows with these keys. */
  async lockKeys(t: StateTable, nodeCode: string, keys: readonly string[]): Promise<Map<string, ExistingState>> {
    const rows: Record<string, unknown>[] = [];
    for (const part of chunks(keys, KEYS_PER_STATEMENT)) {
      rows.push(
        ...((await this.em.query(
          `SELECT ${t.existingColumns} FROM ${t.table} WHERE node_code = ? AND ${t.keyColumn} IN (${part.map(() => '?').join(',')}) FOR UPDATE`,
          [nodeCode, ...part],
        )) as Record<string, unknown>[]),
      );
    }
    return this.existing(t, rows);
  }

  /** Upserts the items with the table's ON DUPLICATE KEY UPDATE rules. */
  async upsert(t: StateTable, items: readonly ReportItem[], ctx: RowContext): Promise<void> {
    const rowSql = `(${t.columns.map(() => '?').join(',')})`;
    for (const part of chunks(items, ROWS_PER_STATEMENT)) {
      await this.em.query(
        `INSERT INTO ${t.table} (${t.columns.join(',')}) VALUES ${part.map(() => rowSql).join(',')} ON DUPLICATE KEY UPDATE ${t.onDuplicate.join(', ')}`,
        part.flatMap((item) => t.row(item, ctx)),
      );
    }
  }

  /** Marks the node's rows with these keys removed by the report `ctx.reportId`. */
  async markRemoved(t: StateTable, keys: readonly string[], ctx: RowContext): Promise<void> {
    for (const part of chunks(keys, KEYS_PER_STATEMENT)) {
      await this.em.query(
        `UPDATE ${t.table} SET removed = 1, removed_at = ?, last_report_id = ? WHERE node_code = ? AND ${t.keyColumn} IN (${part.map(() => '?').join(',')})`,
        [ctx.receivedAt, ctx.reportId, ctx.nodeCode, ...part],
      );
    }
  }

  private existing(t: StateTable, rows: Record<string, unknown>[]): Map<string, ExistingState> {
    return new Map(rows.map((r) => [String(r.k), { version: t.versionOfRow(r), removed: Number(r.removed) === 1 }]));
  }
}
