import { AppError, Clock, ReturnCode } from '@app/common';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DeviceSimulator } from '../inventory/discovery/device-simulator';
import { AlertRepository } from './alert.repository';
import { AlertQuery, InjectFaultDto, SampleQuery, ThresholdDto, UpdateThresholdDto } from './monitoring.dto';
import { SampleRepository } from './sample.repository';
import { SamplerService } from './sampler.service';

@ApiTags('性能与告警 monitoring')
@Controller('ops/api')
export class MonitoringController {
  constructor(
    private readonly alerts: AlertRepository,
    private readonly samples: SampleRepository,
    private readonly sampler: SamplerService,
    private readonly devices: DeviceSimulator,
    private readonly clock: Clock,
  ) {}

  @Get('thresholds')
  @ApiOperation({ summary: '告警阈值列表' })
  thresholds() {
    return this.alerts.listThresholds();
  }

  @Post('thresholds')
  @ApiOperation({ summary: '新增告警阈值' })
  async createThreshold(@Body() dto: ThresholdDto) {
    const id = await this.alerts.createThreshold({ metric: dto.metric, resourceClass: dto.resourceClass ?? null, resourceId: dto.resourceId ?? null, comparator: dto.comparator, value: dto.value, severity: dto.severity }, this.clock.now());
    return { id };
  }

  @Put('thresholds/:id')
  @ApiOperation({ summary: '修改告警阈值（立即生效）' })
  async updateThreshold(@Param('id', ParseIntPipe) id: number, @Body() dto: UpdateThresholdDto) {
    if (!(await this.alerts.updateThreshold(id, dto, this.clock.now()))) throw new AppError(ReturnCode.NOT_FOUND, `threshold ${id}`);
    return { id };
  }

  @Delete('thresholds/:id')
  @ApiOperation({ summary: '删除告警阈值' })
  async deleteThreshold(@Param('id', ParseIntPipe) id: number) {
    if (!(await this.alerts.deleteThreshold(id))) throw new AppError(ReturnCode.NOT_FOUND, `threshold ${id}`);
    return { id, deleted: true };
  }

  @Get('alerts')
  @ApiOperation({ summary: '告警列表' })
  list(@Query() q: AlertQuery) {
    return this.alerts.list({ status: q.status, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined, limit: q.limit ?? 200 });
  }

  @Post('alerts/:id/ack')
  @HttpCode(200)
  @ApiOperation({ summary: '确认告警' })
  async ack(@Param('id') id: string) {
    if (!(await this.alerts.acknowledge(id, this.clock.now()))) throw new AppError(ReturnCode.CONFLICT, `${id} is not firing`);
    return { alertId: id, status: 'ACKNOWLEDGED' };
  }

  @Get('samples')
  @ApiOperation({ summary: '性能采样数据（最新在前）' })
  samplesList(@Query() q: SampleQuery) {
    return this.samples.query({ resourceId: q.resourceId, metric: q.metric, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined, limit: q.limit ?? 500 });
  }

  @Post('samples/collect')
  @HttpCode(200)
  @ApiOperation({ summary: '立即执行一轮采集与阈值判断' })
  collect() {
    return this.sampler.round();
  }

  @Post('device-sim/faults')
  @HttpCode(200)
  @ApiOperation({ summary: '设备模拟器：注入故障（CPU 飙高、端口中断）' })
  inject(@Body() dto: InjectFaultDto) {
    this.devices.injectFault({ resourceId: dto.resourceId, subResourceId: dto.subResourceId ?? '', kind: dto.kind }, dto.rounds ?? 3);
    return { active: this.devices.activeFaults() };
  }
}
