import { Get, Res, Type } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptions, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { LIVE, LivenessDto } from './liveness.dto';

/** Something that answers SQL: a TypeORM DataSource, a mysql2 pool. */
export interface Pingable {
  query(sql: string): Promise<unknown>;
}

/** `up`, or `down: <reason>` when the call fails (a failed check is reported, never thrown). */
export function ping(check: () => Promise<unknown>): Promise<string> {
  return check().then(
    () => 'up',
    (e: Error) => `down: ${e.message}`,
  );
}

export const pingDb = (db: Pingable): Promise<string> => ping(() => db.query('SELECT 1'));

/** Swagger declaration of one connectivity figure. */
export const DB_STATE: ApiPropertyOptions = { example: 'up', description: 'up，或 down: <原因>' };
/** Swagger declaration of a connectivity figure per peer (department, node). */
export const DB_STATE_MAP: ApiPropertyOptions = {
  type: 'object',
  additionalProperties: { type: 'string' },
  example: { AMR: 'up' },
  description: '各库：up，或 down: <原因>',
};
/** Swagger declaration of row counts by state. */
export const COUNT_BY_STATE: ApiPropertyOptions = {
  type: 'object',
  additionalProperties: { type: 'integer' },
  example: { PENDING: 0 },
  description: '各状态的行数',
};

/** What an app answers on GET /health after `status`: its own DB's state first, then its figures. */
export interface HealthFigures {
  /** false when something the app needs besides its own DB is down (answer 503); default true */
  ok?: boolean;
  figures: Record<string, unknown>;
}

export interface HealthRoutes {
  /** the app's marker of a route open without a session (Public() of @app/accounts) */
  open: MethodDecorator;
  /** who may read GET /health (Roles(…) of @app/accounts, and the bearer scheme where the document declares it) */
  guard: MethodDecorator;
  summary: string;
  /** the declared answer of GET /health */
  response: Type<unknown>;
  /** `status` when not up: `degraded` (a part is down, the default) or `down` */
  notUp?: 'degraded' | 'down';
  liveSummary?: string;
}

/**
 * The health routes of an app, as a base class: GET /health/live (the process answers; nothing is
 * checked) and GET /health — the app's own DB pinged, then the app's figures (which name that DB's
 * state), 200 when up and 503 otherwise. The app extends it with @Controller() and implements `figures`.
 */
export function HealthControllerBase(o: HealthRoutes) {
  @ApiTags('运行状态 health')
  abstract class HealthRoutesBase {
    constructor(private readonly ownDb: Pingable) {}

    @Get('health/live')
    @o.open
    @ApiOperation({ summary: o.liveSummary ?? '进程存活检查（不检查数据库）' })
    @ApiOkResponse({ type: LivenessDto })
    live(): LivenessDto {
      return LIVE;
    }

    @Get('health')
    @o.guard
    @ApiOperation({ summary: o.summary })
    @ApiOkResponse({ type: o.response })
    async health(@Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
      const db = await pingDb(this.ownDb);
      const { ok = true, figures } = await this.figures(db);
      const up = db === 'up' && ok;
      if (!up) res.status(503);
      return { status: up ? 'up' : (o.notUp ?? 'degraded'), ...figures };
    }

    /** the app's figures, its own DB's state (`db`: up or down: <reason>) among them */
    protected abstract figures(db: string): Promise<HealthFigures>;
  }
  return HealthRoutesBase;
}
