import { retryTransient } from '@app/common';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** A repository of the city DB: a class bound to one EntityManager (a transaction, or autocommit). */
export type RepositoryClass<R> = new (em: EntityManager) => R;

/**
 * The repositories of one unit of work, each made once on first use. The features own their
 * repositories; this plumbing only binds them, so it imports none of them.
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

/**
 * The one way city-supervisor opens a transaction on its DB (the model is one-window's UnitOfWork).
 * READ COMMITTED by default: no gap locks, so an issued work order never waits on a report. The
 * report intake asks for REPEATABLE READ: its FOR UPDATE over a node's rows must also lock the gaps,
 * so two reports of one node serialise over keys the city does not hold yet. A transient failure
 * (deadlock victim, lock wait timeout) re-runs the whole unit.
 */
@Injectable()
export class UnitOfWork {
  private autocommitRepos?: Repositories;

  constructor(private readonly ds: DataSource) {}

  run<T>(work: (tx: Repositories) => Promise<T>, opts: { isolation?: Isolation } = {}): Promise<T> {
    return retryTransient(() => this.ds.transaction(opts.isolation ?? 'READ COMMITTED', (em) => work(new Repositories(em))));
  }

  /** Repositories outside any transaction: each statement commits on its own, on any pooled connection. */
  get autocommit(): Repositories {
    this.autocommitRepos ??= new Repositories(this.ds.manager);
    return this.autocommitRepos;
  }
}
