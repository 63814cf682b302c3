/**
 * InnoDB answers these under contention; the statement or transaction is safe to run again. A Galera
 * cluster (issue 17) reports a certification failure as a deadlock (1213) and a node that is not yet
 * synced as 1047 (WSREP has not yet prepared node for application use), both also safe to re-run.
 */
const TRANSIENT_ERRNOS = new Set([1213 /* ER_LOCK_DEADLOCK */, 1205 /* ER_LOCK_WAIT_TIMEOUT */, 1047 /* ER_UNKNOWN_COM_ERROR: Galera node not ready */]);

export function isTransientDbError(err: unknown): boolean {
  const e = err as { errno?: number; driverError?: { errno?: number } };
  return TRANSIENT_ERRNOS.has(e?.errno ?? e?.driverError?.errno ?? -1);
}

/** Runs a whole transaction again (never half of one) when InnoDB chose it as a deadlock victim; `attempts` counts the first run. */
export async function retryTransient<T>(fn: () => Promise<T>, attempts = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (i >= attempts || !isTransientDbError(err)) throw err;
      await new Promise((r) => setTimeout(r, 5 * i + Math.random() * 20));
    }
  }
}
