import { Role, Roles, SimulatorOnly } from '@app/accounts';
import { AppError, Clock } from '@app/common';
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DeviceSimulator, InventoryRepository } from '../inventory';
import { IngestService } from './performance/ingest.service';
import { InjectFaultDto, PushSamplesDto, SampleQuery } from './monitoring.dto';
import { ActiveFaultsDto, CollectResultDto, PushSamplesResultDto, SampleDto } from './monitoring.responses';
import { SampleRepository } from './sample.repository';
import { SamplerService } from './sampler.service';

@ApiTags('性能采集 sampling')
@Roles(Role.OPS_ENGINEER, Role.OPS_ADMIN)
@ApiBearerAuth()
@Controller('ops/api')
export class MonitoringController {
  constructor(
    private readonly samples: SampleRepository,
    private readonly sampler: SamplerService,
    private readonly ingest: IngestService,
    private readonly devices: DeviceSimulator,
    private readonly inventory: InventoryRepository,
    private readonly clock: Clock,
  ) {}

  @Get('samples')
  @ApiOperation({ summary: '性能采样数据（最新在前）' })
  @ApiOkResponse({ type: SampleDto, isArray: true })
  samplesList(@Query() q: SampleQuery) {
    return this.samples.search({
      resourceId: q.resourceId,
      metric: q.metric,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      limit: q.limit ?? 500,
    });
  }

  @Post('samples')
  @Roles(Role.OPS_ADMIN)
  @HttpCode(200)
  @ApiOperation({ summary: '推送性能样本（外部采集器）：入库、计入汇总并立即做告警判断' })
  @ApiOkResponse({ type: PushSamplesResultDto })
  async push(@Body() dto: PushSamplesDto): Promise<PushSamplesResultDto> {
    const known = await this.inventory.existingIds(dto.samples.map((s) => s.resourceId));
    const unknown = [...new Set(dto.samples.map((s) => s.resourceId).filter((id) => !known.has(id)))];
    if (unknown.length)
      throw AppError.notFound(
        `资源 ${unknown.slice(0, 5).join('、')}${unknown.length > 5 ? ` 等 ${unknown.length} 个` : ''} 不存在（不在资源信息中），样本未入库`,
        {
          field: 'resourceId',
        },
      );
    const now = this.clock.now();
    const r = await this.ingest.ingest(
      dto.samples.map((s) => ({
        resourceId: s.resourceId,
        subResourceId: s.subResourceId ?? '',
        metric: s.metric,
        value: s.value,
        unit: s.unit ?? '',
        sampledAt: s.sampledAt ? new Date(s.sampledAt) : now,
      })),
    );
    return { stored: r.stored, fired: r.fired, resolved: r.resolved };
  }

  @Post('samples/collect')
  @Roles(Role.OPS_ADMIN)
  @HttpCode(200)
  @ApiOperation({ summary: '立即执行一轮采集（全部指标与业务系统探测）与告警判断' })
  @ApiOkResponse({ type: CollectResultDto })
  collect(): Promise<CollectResultDto> {
    return this.sampler.round();
  }

  @Post('device-sim/faults')
  @SimulatorOnly()
  @Roles(Role.OPS_ADMIN, Role.SYS_ADMIN)
  @HttpCode(200)
  @ApiOperation({ summary: '设备模拟器：注入故障（CPU 飙高、端口中断、设备不可达）' })
  @ApiOkResponse({ type: ActiveFaultsDto })
  inject(@Body() dto: InjectFaultDto): ActiveFaultsDto {
    if (!this.devices.hasDevice(dto.resourceId)) throw AppError.notFound(`模拟设备 ${dto.resourceId} 不存在`, { field: 'resourceId' });
    if (dto.kind === 'port-down' && !this.devices.hasPort(dto.resourceId, dto.subResourceId ?? ''))
      throw AppError.notFound(`模拟设备 ${dto.resourceId} 没有端口 ${dto.subResourceId ?? '（未填写）'}`, { field: 'subResourceId' });
    this.devices.injectFault({ resourceId: dto.resourceId, subResourceId: dto.subResourceId ?? '', kind: dto.kind }, dto.rounds ?? 3);
    return { active: this.devices.activeFaults() };
  }
}
