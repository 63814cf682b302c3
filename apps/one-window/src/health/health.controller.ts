import { LIVE, LivenessDto } from '@app/common';
import { Public, Role, Roles } from '@app/accounts';
import { FrontDbRegistry } from '@app/front-db';
import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { CallbackScanJob } from '../callbacks/callback-scan.job';
import { UnitOfWork } from '../database/unit-of-work';

@ApiTags('运行状态 health')
@Controller()
export class HealthController {
  constructor(
    // only to ping the connection; the tables are read through the repositories
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
    private readonly frontDbs: FrontDbRegistry,
    private readonly scan: CallbackScanJob,
  ) {}

  @Get('health/live')
  @Public()
  @ApiOperation({ summary: '进程存活检查（不检查数据库）' })
  @ApiOkResponse({ type: LivenessDto })
  live(): LivenessDto {
    return LIVE;
  }

  @Get('health')
  @Roles(Role.SYS_ADMIN, Role.APPROVER)
  @ApiBearerAuth()
  @HttpCode(200)
  @ApiOperation({ summary: '平台库与各部门前置库的连通性、出站队列与扫描统计（任一不可用时 503）' })
  async health(@Res({ passthrough: true }) res: Response) {
    const ping = async (fn: () => Promise<unknown>) => fn().then(() => 'up', (e: Error) => `down: ${e.message}`);
    const platformDb = await ping(() => this.ds.query('SELECT 1'));
    const frontDbs = this.frontDbs.status();
    for (const f of this.frontDbs.all()) frontDbs[f.deptCode] = await ping(() => f.ds.query('SELECT 1'));
    const outbox = await this.uow.autocommit.outbox.countByState().catch((): Record<string, number> => ({}));
    const ok = platformDb === 'up' && Object.values(frontDbs).every((s) => s === 'up');
    if (!ok) res.status(503);
    return { status: ok ? 'up' : 'degraded', platformDb, frontDbs, outbox, scan: this.scan.totals };
  }
}
