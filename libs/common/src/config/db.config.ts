import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import type { DbServer } from '../db/db-account';

/** One schema on a database server, with the account that reaches it. */
export interface DbTarget extends DbServer {
  database: string;
}

/**
 * The database block of every app that has a DB (DB_HOST … DB_NAME_PREFIX), declared once: an app's
 * config class extends it and adds its own settings. The pool size stays with each app, whose
 * bounds and default follow its own load.
 */
export class DbConfig {
  @IsString() DB_HOST: string = '127.0.0.1';
  @IsInt() @Min(1) @Max(65535) DB_PORT: number = 3307;
  @IsString() DB_USER: string = 'sim';
  @IsString() DB_PASSWORD: string = 'sim';
  /** prefix for every schema name (platform and front DBs), so test runs stay apart */
  @Matches(/^[a-z0-9_]{0,20}$/) DB_NAME_PREFIX: string = '';

  /** the server and the app's own account */
  get dbServer(): DbServer {
    return { host: this.DB_HOST, port: this.DB_PORT, user: this.DB_USER, password: this.DB_PASSWORD };
  }

  /** one schema of that server (the full name, prefix included) */
  dbTarget(database: string): DbTarget {
    return { ...this.dbServer, database };
  }
}
