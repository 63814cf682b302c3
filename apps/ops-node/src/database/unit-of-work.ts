import { UnitOfWorkKit } from '@app/common';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * The one way the ops node opens a transaction on its DB: the unit-of-work kit of libs/common bound to
 * the ops DataSource (`uow.run(async (tx) => tx.get(AlertRepository)…)`). READ COMMITTED by default: no
 * gap locks, so sampling, alerting and reporting never wait on each other's range locks; the on-call
 * seeding asks for REPEATABLE READ (it locks the empty table so that two replicas starting together do
 * not both seed it). The kit takes repository classes, so this plumbing imports no feature.
 */
@Injectable()
export class UnitOfWork extends UnitOfWorkKit {
  constructor(ds: DataSource) {
    super(ds);
  }
}
