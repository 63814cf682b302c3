import { ReportCategory, ReportItem, ReportMessage } from '@app/ops-contract';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ExistingState, planApply } from './apply-plan';
import { RowContext, STATE_TABLES, StateTable } from './state-tables';

export interface ApplySummary {
  written: number;
  removed: number;
  stale: number;
}

/** Rows per multi-row statement: large enough to be cheap, small enough for any packet limit. */
const ROWS_PER_STATEMENT = 500;
const KEYS_PER_STATEMENT = 1000;

function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Applies the items of an accepted report to the current-state tables, inside the caller's transaction. */
@Injectable()
export class ReportApplier {
  async apply(em: EntityManager, message: ReportMessage, ctx: RowContext): Promise<ApplySummary> {
    if (message.category === ReportCategory.PERFORMANCE) return this.insertSamples(em, message.items, ctx);
    return this.applyState(em, STATE_TABLES[message.category], message, ctx);
  }

  private async applyState(em: EntityManager, t: StateTable, message: ReportMessage, ctx: RowContext): Promise<ApplySummary> {
    const existing = await this.lockExisting(em, t, message, ctx.nodeCode);
    const plan = planApply(message.items, existing, message.mode, Date.parse(message.generatedAt), t.rules);
    const rowSql = `(${t.columns.map(() => '?').join(',')})`;
    for (const part of chunks(plan.write, ROWS_PER_STATEMENT)) {
      await em.query(
        `INSERT INTO ${t.table} (${t.columns.join(',')}) VALUES ${part.map(() => rowSql).join(',')} ON DUPLICATE KEY UPDATE ${t.onDuplicate.join(', ')}`,
        part.flatMap((item) => t.row(item, ctx)),
      );
    }
    for (const part of chunks(plan.remove, KEYS_PER_STATEMENT)) {
      await em.query(`UPDATE ${t.table} SET removed = 1, removed_at = ?, last_report_id = ? WHERE node_code = ? AND ${t.keyColumn} IN (${part.map(() => '?').join(',')})`, [ctx.receivedAt, ctx.reportId, ctx.nodeCode, ...part]);
    }
    return { written: plan.write.length, removed: plan.remove.length, stale: plan.stale };
  }

  /**
   * Reads (and locks) what the city holds for the report's keys — for a FULL inventory report, every
   * row of the node, since those it leaves out are to be removed. Locking serialises two reports of
   * one node that touch the same rows.
   */
  private async lockExisting(em: EntityManager, t: StateTable, message: ReportMessage, nodeCode: string): Promise<Map<string, ExistingState>> {
    const rows: Record<string, unknown>[] = [];
    if (message.mode === 'FULL' && t.rules.removable) {
      rows.push(...((await em.query(`SELECT ${t.existingColumns} FROM ${t.table} WHERE node_code = ? FOR UPDATE`, [nodeCode])) as Record<string, unknown>[]));
    } else {
      const keys = [...new Set(message.items.map((i) => t.rules.keyOf(i)))];
      for (const part of chunks(keys, KEYS_PER_STATEMENT)) {
        rows.push(...((await em.query(`SELECT ${t.existingColumns} FROM ${t.table} WHERE node_code = ? AND ${t.keyColumn} IN (${part.map(() => '?').join(',')}) FOR UPDATE`, [nodeCode, ...part])) as Record<string, unknown>[]));
      }
    }
    return new Map(rows.map((r) => [String(r.k), { version: t.versionOfRow(r), removed: Number(r.removed) === 1 }]));
  }

  /** Samples are history: each (node, resource, sub-resource, metric, time) is kept once; a re-sent one is ignored. */
  private async insertSamples(em: EntityManager, items: readonly ReportItem[], ctx: RowContext): Promise<ApplySummary> {
    let written = 0;
    for (const part of chunks(items, ROWS_PER_STATEMENT * 2)) {
      const res = (await em.query(
        `INSERT INTO city_perf_sample (node_code, resource_id, sub_resource_id, metric, value, unit, sampled_at, report_id) VALUES ${part.map(() => '(?,?,?,?,?,?,?,?)').join(',')} ON DUPLICATE KEY UPDATE id = id`,
        part.flatMap((i) => [ctx.nodeCode, i.resourceId, typeof i.subResourceId === 'string' ? i.subResourceId : '', i.metric, i.value, i.unit, new Date(String(i.sampledAt)), ctx.reportId]),
      )) as { affectedRows: number };
      written += res.affectedRows;
    }
    return { written, removed: 0, stale: items.length - written };
  }
}
