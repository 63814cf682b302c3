import { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { assertMigrated } from '../db/assert-migrated';
import { SchemaSpec, withSchema } from '../db/schema';
import { HttpAppOptions, startHttpApp } from '../http/start-http-app';
import { JsonLogger } from '../logging/json-logger';

export interface ServeOptions extends Omit<HttpAppOptions, 'port' | 'host'> {
  /** the app's config: it listens on HOST:PORT */
  listen: { PORT: number; HOST: string };
  /** the app's own DBs: the app refuses to start while one has pending migrations */
  schemas?: SchemaSpec[];
  /** further checks on each of those DBs before anything starts working on it */
  checkSchema?: (ds: DataSource, s: SchemaSpec) => Promise<void>;
  /** the line logged once the app listens */
  listening: { msg: string } & Record<string, unknown>;
}

/**
 * The bootstrap every app repeats, after its config is read: the migrated-schema check, the Nest
 * app on the app's logger (the kit parses bodies itself), the common HTTP set-up and the
 * "listening" line. Run it inside runMain, which turns a failure into exit code 1.
 */
export async function serveHttpApp(logger: JsonLogger, module: DynamicModule, o: ServeOptions): Promise<NestExpressApplication> {
  for (const s of o.schemas ?? []) {
    await withSchema(s, async (ds) => {
      await assertMigrated(ds, s.label);
      await o.checkSchema?.(ds, s);
    });
  }
  const app = await NestFactory.create<NestExpressApplication>(module, { bodyParser: false, logger });
  await startHttpApp(app, { ...o, port: o.listen.PORT, host: o.listen.HOST });
  logger.log(o.listening);
  return app;
}
