import { EntityManager } from 'typeorm';

export type JobName = 'rollup' | 'retention';

export interface JobRun {
  id: number;
  job: JobName;
  startedAt: Date;
  finishedAt: Date | null;
  durationMs: number | null;
  status: 'OK' | 'FAILED';
  rowsAffected: number;
  detail: Record<string, unknown> | null;
  error: string | null;
}

function toRun(r: Record<string, unknown>): JobRun {
  return {
    id: Number(r.id),
    job: r.job as JobName,
    startedAt: r.started_at as Date,
    finishedAt: (r.finished_at as Date | null) ?? null,
    durationMs: r.duration_ms === null ? null : Number(r.duration_ms),
    status: r.status as JobRun['status'],
    rowsAffected: Number(r.rows_affected),
    detail: r.detail ? (JSON.parse(String(r.detail)) as Record<string, unknown>) : null,
    error: (r.error as string | null) ?? null,
  };
}

/** Every run of the background jobs (rollup, retention): when, how long, how many rows, what went wrong. */
export class JobRunRepository {
  constructor(private readonly db: EntityManager) {}

  /** One finished run (written at the end: a run that dies with the process shows up as a late or missing run instead). */
  async record(
    job: JobName,
    r: { status: 'OK' | 'FAILED'; rows: number; detail?: Record<string, unknown>; error?: string },
    startedAt: Date,
    finishedAt: Date,
  ): Promise<void> {
    await this.db.query('INSERT INTO job_run (job, started_at, finished_at, duration_ms, status, rows_affected, detail, error) VALUES (?,?,?,?,?,?,?,?)', [
      job,
      startedAt,
      finishedAt,
      finishedAt.getTime() - startedAt.getTime(),
      r.status,
      r.rows,
      r.detail ? JSON.stringify(r.detail).slice(0, 2000) : null,
      r.error?.slice(0, 512) ?? null,
    ]);
  }

  async recent(job: JobName, limit: number): Promise<JobRun[]> {
    return (
      (await this.db.query(`SELECT * FROM job_run WHERE job = ? ORDER BY id DESC LIMIT ${Math.max(1, Math.min(200, limit))}`, [job])) as Record<
        string,
        unknown
      >[]
    ).map(toRun);
  }

  async lastSuccess(job: JobName): Promise<JobRun | undefined> {
    const [r] = (await this.db.query(`SELECT * FROM job_run WHERE job = ? AND status = 'OK' ORDER BY id DESC LIMIT 1`, [job])) as Record<string, unknown>[];
    return r ? toRun(r) : undefined;
  }

  /** Retention: one batch of runs started before `before`; returns how many went. */
  async purgeBefore(before: Date, limit: number): Promise<number> {
    const r = (await this.db.query(`DELETE FROM job_run WHERE started_at < ? LIMIT ${limit}`, [before])) as { affectedRows: number };
    return r.affectedRows;
  }
}
