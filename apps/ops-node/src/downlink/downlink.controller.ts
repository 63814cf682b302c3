import { Role, Roles } from '@app/accounts';
import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { DownlinkDeliverJob } from './downlink-deliver.job';
import { DownlinkDeliveryRepository } from './downlink-delivery.repository';
import { DownlinkScanJob } from './downlink-scan.job';
import { DownlinkOverviewDto, DownlinkScanResultDto } from './downlink.responses';

class DownlinkQuery {
  @ApiPropertyOptional({ enum: ['PENDING', 'DELIVERED', 'REJECTED'] }) @IsOptional() @IsIn(['PENDING', 'DELIVERED', 'REJECTED']) state?: string;
}

@ApiTags('上级下发 downlink')
@Roles(Role.OPS_ENGINEER, Role.OPS_ADMIN)
@ApiBearerAuth()
@Controller('ops/api/downlink')
export class DownlinkController {
  constructor(
    private readonly deliveries: DownlinkDeliveryRepository,
    private readonly scan: DownlinkScanJob,
    private readonly deliver: DownlinkDeliverJob,
  ) {}

  @Get()
  @ApiOperation({ summary: '下发数据的接收与转发记录' })
  @ApiOkResponse({ type: DownlinkOverviewDto })
  async list(@Query() q: DownlinkQuery) {
    const rows = await this.deliveries.list(q.state);
    return { totals: { scan: this.scan.totals, deliver: this.deliver.totals }, records: rows };
  }

  @Post('scan')
  @Roles(Role.OPS_ADMIN)
  @HttpCode(200)
  @ApiOperation({ summary: '立即扫描运维前置库并转发' })
  @ApiOkResponse({ type: DownlinkScanResultDto })
  async scanNow(): Promise<DownlinkScanResultDto> {
    const taken = await this.scan.runOnce();
    const delivered = await this.deliver.runOnce();
    return { ...taken, delivered };
  }
}
