import { EntityManager } from 'typeorm';
import { DispatchHoldEntity } from './dispatch-hold.entity';

export interface ActiveHold {
  deptCode: string;
  heldUntil: Date;
  reason: string;
  heldBy: string;
  heldSince: Date;
}

/** The only code that writes `dispatch_hold` (the dispatch claim reads it in its subquery). */
export class DispatchHoldRepository {
  constructor(private readonly em: EntityManager) {}

  /** The holds in force, with since when (`created_at`: the hold's start, kept by a re-hold) and who set them last. */
  listActive(): Promise<ActiveHold[]> {
    return this.em.query(
      `SELECT dept_code AS deptCode, held_until AS heldUntil, reason, held_by AS heldBy, created_at AS heldSince
       FROM dispatch_hold WHERE held_until > NOW(3) ORDER BY dept_code`,
    ) as Promise<ActiveHold[]>;
  }

  /** Holds (or re-holds) dispatch to the department for `minutes` from now. */
  async hold(deptCode: string, minutes: number, reason: string, by: string): Promise<DispatchHoldEntity> {
    await this.em.query(
      `INSERT INTO dispatch_hold (dept_code, held_until, reason, held_by) VALUES (?, NOW(3) + INTERVAL ? MINUTE, ?, ?)
       ON DUPLICATE KEY UPDATE created_at = IF(held_until > NOW(3), created_at, NOW(3)), held_until = VALUES(held_until), reason = VALUES(reason), held_by = VALUES(held_by)`,
      [deptCode, minutes, reason, by],
    );
    return this.em.getRepository(DispatchHoldEntity).findOneByOrFail({ deptCode });
  }

  async release(deptCode: string): Promise<void> {
    await this.em.query('DELETE FROM dispatch_hold WHERE dept_code = ?', [deptCode]);
  }
}
