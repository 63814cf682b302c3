import { LIVE, LivenessDto } from '@app/common';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

/**
 * GET /health/live: the simulator's process answers (nothing behind it is checked). It is the path
 * the ops node's application probes call by default (APP_PROBE_PATH), so the simulated 部门业务系统
 * shows 正常 there instead of a 404.
 */
@ApiTags('运行状态 health')
@Controller()
export class HealthController {
  @Get('health/live')
  @ApiOperation({ summary: '进程存活检查（不检查数据库）' })
  @ApiOkResponse({ type: LivenessDto })
  live(): LivenessDto {
    return LIVE;
  }
}
