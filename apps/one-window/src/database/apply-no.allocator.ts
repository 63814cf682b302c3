import { AppError, retryTransient, ReturnCode } from '@app/common';
import { DataSource } from 'typeorm';

/** Beijing-time calendar day as yyyymmdd. */
export function beijingDay(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
}

/**
 * 申报号 = <region>-<yyyymmdd>-<6-digit daily sequence>, e.g. 410404-20261122-000123.
 * The counter row is bumped in its own autocommit statement so that concurrent
 * registrations do not queue behind each other's transactions; a failed registration
 * leaves a gap, a number is never handed out twice.
 */
export function allocateApplyNo(ds: DataSource, region: string, now: Date): Promise<string> {
  // the first numbers of a day race to insert the day's row; InnoDB may pick a deadlock victim
  return retryTransient(() => allocateOnce(ds, region, beijingDay(now)));
}

async function allocateOnce(ds: DataSource, region: string, day: string): Promise<string> {
  const q = ds.createQueryRunner();
  await q.connect();
  try {
    await q.query('INSERT INTO apply_no_seq (day, seq) VALUES (?, LAST_INSERT_ID(1)) ON DUPLICATE KEY UPDATE seq = LAST_INSERT_ID(seq + 1)', [day]);
    const [row] = (await q.query('SELECT LAST_INSERT_ID() AS n')) as { n: string | number }[];
    const n = Number(row.n);
    if (n > 999_999) throw new AppError(ReturnCode.CONFLICT, '当日申报号已用尽');
    return `${region}-${day}-${String(n).padStart(6, '0')}`;
  } finally {
    await q.release();
  }
}
