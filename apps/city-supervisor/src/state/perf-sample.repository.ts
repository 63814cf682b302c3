import { ReportItem } from '@app/ops-contract';
import { EntityManager } from 'typeorm';
import { chunks } from './current-state.repository';
import { RowContext } from './state-tables';

const ROWS_PER_STATEMENT = 1000;
const DELETE_BATCH = 10000;

/** The only code that writes `city_perf_sample`: reported samples are history, each kept once. */
export class PerfSampleRepository {
  constructor(private readonly em: EntityManager) {}

  /** Inserts the samples; a (node, resource, sub-resource, metric, time) stored already is ignored. Returns how many were new. */
  async insertNew(items: readonly ReportItem[], ctx: RowContext): Promise<number> {
    let written = 0;
    for (const part of chunks(items, ROWS_PER_STATEMENT)) {
      const res = (await this.em.query(
        `INSERT INTO city_perf_sample (node_code, resource_id, sub_resource_id, metric, value, unit, sampled_at, report_id) VALUES ${part.map(() => '(?,?,?,?,?,?,?,?)').join(',')} ON DUPLICATE KEY UPDATE id = id`,
        part.flatMap((i) => [
          ctx.nodeCode,
          i.resourceId,
          typeof i.subResourceId === 'string' ? i.subResourceId : '',
          i.metric,
          i.value,
          i.unit,
          new Date(String(i.sampledAt)),
          ctx.reportId,
        ]),
      )) as { affectedRows: number };
      written += res.affectedRows;
    }
    return written;
  }

  /** Deletes the samples taken before `before`, in batches (each its own short statement); returns how many. */
  async purgeBefore(before: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const res = (await this.em.query(`DELETE FROM city_perf_sample WHERE sampled_at < ? LIMIT ${DELETE_BATCH}`, [before])) as { affectedRows: number };
      total += res.affectedRows;
      if (res.affectedRows < DELETE_BATCH) return total;
    }
  }
}
