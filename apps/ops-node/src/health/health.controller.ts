import { LIVE, LivenessDto } from '@app/common';
import { Public, Role, Roles } from '@app/accounts';
import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { OpsFrontDb } from '../core/core.module';
import { DownlinkScanJob } from '../downlink';
import { SamplerService } from '../monitoring';
import { SendReportsJob } from '../reporting';

@ApiTags('运行状态 health')
@Controller()
export class HealthController {
  constructor(
    private readonly ds: DataSource,
    private readonly front: OpsFrontDb,
    private readonly sender: SendReportsJob,
    private readonly sampler: SamplerService,
    private readonly downlink: DownlinkScanJob,
  ) {}

  @Get('health/live')
  @Public()
  @ApiOperation({ summary: '进程存活检查' })
  @ApiOkResponse({ type: LivenessDto })
  live(): LivenessDto {
    return LIVE;
  }

  @Get('health')
  @Roles(Role.OPS_ENGINEER, Role.OPS_ADMIN, Role.SYS_ADMIN)
  @ApiOperation({ summary: '运维节点库、运维前置库连通性与各任务统计（不可用时 503）' })
  async health(@Res({ passthrough: true }) res: Response) {
    const ping = async (fn: () => Promise<unknown>) => fn().then(() => 'up', (e: Error) => `down: ${e.message}`);
    const opsDb = await ping(() => this.ds.query('SELECT 1'));
    const frontDb = await ping(async () => (await this.front.get()).query('SELECT 1'));
    const ok = opsDb === 'up' && frontDb === 'up';
    if (!ok) res.status(503);
    return { status: ok ? 'up' : 'degraded', opsDb, frontDb, reporting: this.sender.totals, sampling: this.sampler.totals, downlink: this.downlink.totals };
  }
}
