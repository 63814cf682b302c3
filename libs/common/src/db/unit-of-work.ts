import type { FactoryProvider } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { retryTransient } from './retry-transient';

/**
 * A repository: a class that owns some tables and runs its statements on the EntityManager it is
 * made with (one transaction's, or the DataSource's own for autocommit). It never opens a
 * transaction itself: the unit of work that made it did, or there is none.
 */
export type RepositoryClass<R> = new (em: EntityManager) => R;

/**
 * The repositories of one unit of work, each made from its class once, on first use. The kit takes
 * classes, not a fixed list, so an app's database folder binds repositories without importing the
 * features that own them.
 */
export class Repositories {
  private readonly made = new Map<RepositoryClass<unknown>, unknown>();

  constructor(private readonly em: EntityManager) {}

  get<R>(repository: RepositoryClass<R>): R {
    let repo = this.made.get(repository) as R | undefined;
    if (!repo) {
      repo = new repository(this.em);
      this.made.set(repository, repo);
    }
    return repo;
  }
}

export type Isolation = 'READ COMMITTED' | 'REPEATABLE READ';

export interface UnitOptions {
  /**
   * READ COMMITTED unless the unit needs the gap locks of REPEATABLE READ (a `FOR UPDATE` that must
   * also lock keys that are not there yet).
   */
  isolation?: Isolation;
  /**
   * How many times the whole unit runs again after a transient failure (deadlock victim, lock wait
   * timeout, a Galera node not ready); 3 by default, 0 where the caller owns the retry (a job that
   * runs again on its next tick, a unit nested in another DB's transaction).
   */
  retries?: number;
}

/**
 * The one transaction API of every app: `uow.run(async (tx) => { const a = tx.get(AlertRepository); … })`
 * opens one transaction, hands the work the repositories bound to it, commits when the work resolves
 * and rolls back when it throws. A transient failure re-runs the whole unit, never half of one, so
 * the work must not have effects outside the DB it cannot repeat. Each app provides its own
 * subclass (an injectable bound to its DataSource).
 */
export class UnitOfWorkKit {
  private autocommitRepos?: Repositories;

  constructor(protected readonly ds: DataSource) {}

  run<T>(work: (tx: Repositories) => Promise<T>, opts: UnitOptions = {}): Promise<T> {
    const once = (): Promise<T> => this.ds.transaction(opts.isolation ?? 'READ COMMITTED', (em) => work(new Repositories(em)));
    const retries = opts.retries ?? 3;
    return retries > 0 ? retryTransient(once, retries + 1) : once();
  }

  /**
   * Repositories outside any transaction: each statement commits on its own, on any pooled
   * connection (so independent reads run in parallel). Made once and shared.
   */
  get autocommit(): Repositories {
    this.autocommitRepos ??= new Repositories(this.ds.manager);
    return this.autocommitRepos;
  }
}

/**
 * Nest providers for repositories outside a transaction: injecting `AlertRepository` gives the
 * autocommit instance of the unit of work `uow`; inside a unit the work takes `tx.get(AlertRepository)`.
 */
export function autocommitProviders(uow: abstract new (...args: never[]) => UnitOfWorkKit, repositories: RepositoryClass<unknown>[]): FactoryProvider[] {
  return repositories.map((r) => ({ provide: r, useFactory: (u: UnitOfWorkKit) => u.autocommit.get(r), inject: [uow] }));
}
