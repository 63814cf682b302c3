import { LIVE, LivenessDto } from '@app/common';
import { Public, Role, Roles } from '@app/accounts';
import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { NodeRegistry } from '../core/node-registry';
import { FrontDbPools } from '../downlink';

@ApiTags('运行状态 health')
@Controller()
export class HealthController {
  constructor(
    private readonly ds: DataSource,
    private readonly registry: NodeRegistry,
    private readonly pools: FrontDbPools,
  ) {}

  @Get('health/live')
  @Public()
  @ApiOperation({ summary: '进程存活检查（不检查数据库）' })
  @ApiOkResponse({ type: LivenessDto })
  live(): LivenessDto {
    return LIVE;
  }

  /**
   * 503 only when the city's own DB is down: a district's front DB belongs to the district, and
   * reports keep flowing without it; it is shown here for the operator.
   */
  @Get('health')
  @Roles(Role.CITY_MONITOR, Role.SYS_ADMIN)
  @ApiBearerAuth()
  @HttpCode(200)
  @ApiOperation({ summary: '市级库连通性（不可用时 503）、各节点运维前置库连通性、待送达工单数' })
  async health(@Res({ passthrough: true }) res: Response) {
    const ping = async (fn: () => Promise<unknown>) => fn().then(() => 'up', (e: Error) => `down: ${e.message}`);
    const cityDb = await ping(() => this.ds.query('SELECT 1'));
    const frontDbs: Record<string, string> = {};
    for (const n of this.registry.nodes) frontDbs[n.nodeCode] = await ping(() => this.pools.pool(n.nodeCode).query('SELECT 1'));
    const outbox = cityDb === 'up' ? ((await this.ds.query('SELECT state, COUNT(*) AS n FROM city_work_order_outbox GROUP BY state').catch(() => [])) as { state: string; n: string }[]) : [];
    if (cityDb !== 'up') res.status(503);
    return { status: cityDb === 'up' ? 'up' : 'down', cityDb, frontDbs, workOrderOutbox: Object.fromEntries(outbox.map((o) => [o.state, Number(o.n)])) };
  }
}
