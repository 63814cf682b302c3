import { UnitOfWorkKit } from '@app/common';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { allocateApplyNo } from './apply-no.allocator';

/**
 * The one way one-window opens a platform transaction: the unit-of-work kit of libs/common bound to
 * the platform DataSource (`uow.run(async (tx) => tx.get(ApplicationRepository)…)`). READ COMMITTED
 * everywhere: no gap locks, so submissions inserting outbox rows never wait on a dispatch claim. A
 * transient failure (deadlock victim, lock wait timeout, a Galera node not ready) re-runs the whole
 * unit, three times by default; `retries: 0` where the caller owns the retry (the callback take runs
 * inside a front-DB transaction; the draft-expiry job retries on its next tick). The kit takes
 * repository classes, so this plumbing imports no feature.
 */
@Injectable()
export class UnitOfWork extends UnitOfWorkKit {
  constructor(ds: DataSource) {
    super(ds);
  }

  /**
   * The next 申报号, outside any unit: its counter row is bumped in its own autocommit statement on a
   * connection of its own (apply-no.allocator.ts), so registrations never queue behind each other's
   * transactions.
   */
  allocateApplyNo(region: string, now: Date): Promise<string> {
    return allocateApplyNo(this.ds, region, now);
  }
}
