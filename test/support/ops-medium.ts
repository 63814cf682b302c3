import { loadAccountsSettings } from '@app/accounts';
import { Clock, ensureDatabase, withSchema } from '@app/common';
import { Logger, Type } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { OpsNodeModule } from '../../apps/ops-node/src/app.module';
import { loadOpsNodeConfig, OpsNodeConfig } from '../../apps/ops-node/src/config/ops-node.config';
import { OpsKeys } from '../../apps/ops-node/src/core/ops-keys';
import { opsDb } from '../../apps/ops-node/src/database/ops-datasource';
import { UnitOfWork } from '../../apps/ops-node/src/database/unit-of-work';
import { seedAccounts } from './accounts';
import { dbEnv, dropDatabases, freshPrefix } from './env';
import { IssuedKeys } from './keys';
import { NODE_CODE } from './ops-env';

/** A clock the test moves by hand (the production wiring's Clock is replaced by it). */
export class ManualClock extends Clock {
  constructor(private t: number = Date.now()) {
    super();
  }

  now(): Date {
    return new Date(this.t);
  }

  set(at: Date | number): void {
    this.t = typeof at === 'number' ? at : at.getTime();
  }

  advance(ms: number): Date {
    this.t += ms;
    return this.now();
  }
}

/**
 * Middle level ("medium" tests) of the ops node: the production module graph (OpsNodeModule, every
 * feature with its real providers) compiled by Nest in this process against the private MariaDB —
 * no HTTP server, no child process, no timers (the module is compiled, never initialised, so no job
 * starts: the test calls the use-cases and repositories itself). The migrations run in-process.
 */
export class OpsMedium {
  private constructor(
    readonly prefix: string,
    readonly config: OpsNodeConfig,
    readonly module: TestingModule,
    readonly clock: ManualClock,
  ) {}

  static async create(extra: NodeJS.ProcessEnv = {}): Promise<OpsMedium> {
    const prefix = freshPrefix();
    const keys = IssuedKeys.issue('ops-medium-key-seed', [NODE_CODE]);
    const env = { ...dbEnv(prefix), ...keys.opsNodeEnv(NODE_CODE), NODE_CODE, SEED_ACCOUNTS: seedAccounts('ops-node'), ...extra };
    const { config, topology } = loadOpsNodeConfig(env);
    const schema = opsDb(config);
    await ensureDatabase(schema.target);
    await withSchema(schema, (ds) => ds.runMigrations({ transaction: 'each' }));
    // the escalation engine and the alert engine log every transition; the test reads the tables instead
    Logger.overrideLogger(['error']);
    const clock = new ManualClock();
    const module = await Test.createTestingModule({
      imports: [OpsNodeModule.forRoot(config, topology, OpsKeys.load(config), loadAccountsSettings('ops-node', env))],
    })
      .overrideProvider(Clock)
      .useValue(clock)
      .compile();
    return new OpsMedium(prefix, config, module, clock);
  }

  /** A provider of the compiled graph (a use-case, a service, an injected autocommit repository). */
  get<T>(type: Type<T>): T {
    return this.module.get(type, { strict: false });
  }

  get uow(): UnitOfWork {
    return this.get(UnitOfWork);
  }

  get ds(): DataSource {
    return this.get(DataSource);
  }

  /** One statement on the ops DB, outside the code under test (arranging rows, reading what it wrote). */
  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.ds.query(sql, params) as Promise<T[]>;
  }

  async close(): Promise<void> {
    await this.module?.close();
    await dropDatabases(this.prefix);
  }
}
