export type ScanKind = 'acceptance' | 'callback';

/** How long after its written_at a row may still become visible (commit) and be found by the incremental scan. */
export const SCAN_FLOOR_SAFETY_MS = 60_000;
/** How often the scan forgets its floor and looks at every row once (for rows committed even later than that). */
export const SCAN_FULL_PASS_MS = 10 * 60_000;

/** The SQL of the untaken-records scan; `conds` adds the floor and applyNo filters (their parameters follow the lag). */
export function untakenSql(kind: ScanKind, conds: string): string {
  return kind === 'acceptance'
    ? `SELECT r.apply_no, r.version, 'ACCEPTANCE' AS stage, r.written_at FROM ex_acceptance r
       WHERE r.written_at <= NOW(3) - INTERVAL ? MICROSECOND ${conds}
         AND NOT EXISTS (SELECT 1 FROM ex_shadow s WHERE s.apply_no = r.apply_no AND s.version = r.version AND s.stage = 'ACCEPTANCE' AND s.event = 'TAKEN')
       ORDER BY r.written_at, r.apply_no, r.version LIMIT ?`
    : `SELECT r.apply_no, r.version, r.stage, r.written_at FROM ex_callback r
       WHERE r.written_at <= NOW(3) - INTERVAL ? MICROSECOND ${conds}
         AND NOT EXISTS (SELECT 1 FROM ex_shadow s WHERE s.apply_no = r.apply_no AND s.version = r.version AND s.stage = r.stage AND s.event = 'TAKEN')
       ORDER BY r.apply_no, r.version, FIELD(r.stage, 'SUPPLEMENT', 'ACCEPT', 'CONCLUDE'), r.id LIMIT ?`;
}

/** The scan floor of each kind: where the periodic scan of one FrontDbClient starts (see advance). */
export class ScanFloors {
  private readonly floors = new Map<ScanKind, { at: Date; since: number }>();

  /** The floor as it stands (undefined = scan everything). */
  at(kind: ScanKind): Date | undefined {
    return this.floors.get(kind)?.at;
  }

  /** The floor for the next scan; forgets it once per SCAN_FULL_PASS_MS. */
  forScan(kind: ScanKind): Date | undefined {
    const f = this.floors.get(kind);
    if (!f) return undefined;
    if (Date.now() - f.since >= SCAN_FULL_PASS_MS) {
      // the periodic full pass: also finds a row committed long after its written_at
      this.floors.delete(kind);
      return undefined;
    }
    return f.at;
  }

  /**
   * Every row written before the floor was taken when the scan last looked. After a scan the
   * floor moves up to the oldest untaken row it found, or to the horizon (now − lag − safety)
   * if it found none — never past the horizon, because a writer's row carries the time of its
   * INSERT and becomes visible only at COMMIT. When the scan hit its limit the rows it did not
   * return may be older than those it did (callbacks are ordered by application), so only the
   * acceptance scan, ordered by written_at, may move then.
   */
  advance(kind: ScanKind, untakenAt: Date[], full: boolean, horizon: Date): void {
    if (full && kind !== 'acceptance') return;
    let at = horizon;
    for (const t of untakenAt) if (t.getTime() < at.getTime()) at = t;
    const prev = this.floors.get(kind);
    if (prev && prev.at.getTime() >= at.getTime()) return;
    this.floors.set(kind, { at, since: prev?.since ?? Date.now() });
  }
}
