/** What a repository of the simulator runs its SQL on: a front-DB transaction (QueryRunner) or the pool (DataSource). */
export interface SqlRunner {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export type SimJobKind = 'PROCESS' | 'CONCLUDE' | 'NOTIFY' | 'INTEGRITY';

export interface SimJob {
  id: string;
  kind: SimJobKind;
  applyNo: string;
  version: number;
  stage: string;
  attempts: number;
  correlationId: string;
}

export interface NewSimJob {
  kind: SimJobKind;
  applyNo: string;
  version: number;
  stage: string;
  /** due this long after now (ms; 0 = now) */
  delayMs: number;
  correlationId: string;
}

/** How long a claimed job stays with its worker before another may take it. */
const LEASE_SECONDS = 30;

/**
 * The only code that touches `sim_job`, the simulator's work queue in each department's front DB.
 * Bound to a front-DB transaction where the job must commit with what it schedules (the take, a
 * callback batch), to the pool otherwise. A job is unique per (kind, applyNo, version, stage): a
 * second scheduling of the same job is a no-op.
 */
export class SimJobRepository {
  constructor(private readonly db: SqlRunner) {}

  /** Locks up to `limit` due jobs (skipping those another worker holds) and leases them; attempts counts this one. */
  async claimDue(limit: number): Promise<SimJob[]> {
    const rows = (await this.db.query(
      `SELECT id, kind, apply_no AS applyNo, version, stage, attempts, correlation_id AS correlationId FROM sim_job
       WHERE state = 'PENDING' AND due_at <= NOW(3) ORDER BY due_at, id LIMIT ? FOR UPDATE SKIP LOCKED`,
      [limit],
    )) as SimJob[];
    if (rows.length === 0) return [];
    await this.db.query(`UPDATE sim_job SET due_at = NOW(3) + INTERVAL ${LEASE_SECONDS} SECOND, attempts = attempts + 1 WHERE id IN (?)`, [
      rows.map((r) => r.id),
    ]);
    return rows.map((r) => ({ ...r, id: String(r.id), version: Number(r.version), attempts: Number(r.attempts) + 1 }));
  }

  /** Microseconds until the first pending job is due (negative when overdue), null when none is pending. */
  async microsUntilNextDue(): Promise<number | null> {
    const [next] = (await this.db.query(`SELECT TIMESTAMPDIFF(MICROSECOND, NOW(3), MIN(due_at)) AS us FROM sim_job WHERE state = 'PENDING'`)) as {
      us: string | number | null;
    }[];
    return next.us === null ? null : Number(next.us);
  }

  /** Schedules the jobs in one multi-row statement; one already scheduled stays as it is. */
  async schedule(jobs: readonly NewSimJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.db.query(
      `INSERT INTO sim_job (kind, apply_no, version, stage, due_at, correlation_id)
       VALUES ${jobs.map(() => '(?, ?, ?, ?, NOW(3) + INTERVAL ? MICROSECOND, ?)').join(',')}
       ON DUPLICATE KEY UPDATE id = id`,
      jobs.flatMap((j) => [j.kind, j.applyNo, j.version, j.stage, j.delayMs * 1000, j.correlationId]),
    );
  }

  /** Marks the jobs done, with a note when given. */
  async markDone(ids: readonly string[], note?: string): Promise<void> {
    if (ids.length === 0) return;
    if (note === undefined) await this.db.query(`UPDATE sim_job SET state = 'DONE', done_at = NOW(3) WHERE id IN (?)`, [ids]);
    else await this.db.query(`UPDATE sim_job SET state = 'DONE', done_at = NOW(3), note = ? WHERE id IN (?)`, [note, ids]);
  }

  /** Makes the job due again after `delayMs`, noting why. */
  async retryLater(id: string, delayMs: number, note: string): Promise<void> {
    await this.db.query(`UPDATE sim_job SET due_at = NOW(3) + INTERVAL ? MICROSECOND, note = ? WHERE id = ?`, [delayMs * 1000, note.slice(0, 255), id]);
  }
}
