import { retryTransient } from '@app/common';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** The handle a repository runs its statements on: one transaction's EntityManager, or the DataSource (autocommit). */
export type Db = EntityManager | DataSource;

export interface UnitOptions {
  /** false where the caller owns the retry (a job that runs again on its next tick) */
  retry?: boolean;
  /**
   * READ COMMITTED unless a unit needs the gap locks of REPEATABLE READ (the on-call seeding locks the
   * empty table so that two replicas starting together do not both seed it).
   */
  isolation?: 'READ COMMITTED' | 'REPEATABLE READ';
}

/**
 * The one way the ops node opens a transaction on its DB (modelled on one-window's UnitOfWork).
 * READ COMMITTED by default: no gap locks, so sampling, alerting and reporting never wait on each
 * other's range locks. A transient failure (deadlock victim 1213, lock wait timeout 1205) re-runs
 * the whole unit. The repositories are feature-owned providers taking the handle as an argument
 * (the plumbing folder may not import features, so there is no aggregate of repositories here).
 */
@Injectable()
export class UnitOfWork {
  constructor(private readonly ds: DataSource) {}

  run<T>(work: (tx: EntityManager) => Promise<T>, opts: UnitOptions = {}): Promise<T> {
    const once = (): Promise<T> => this.ds.transaction(opts.isolation ?? 'READ COMMITTED', work);
    return opts.retry === false ? once() : retryTransient(once);
  }

  /** Statements outside any transaction: each commits on its own, on any pooled connection. */
  get autocommit(): Db {
    return this.ds;
  }
}
