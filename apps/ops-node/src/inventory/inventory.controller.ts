import { Role, Roles } from '@app/accounts';
import { AppError, Clock } from '@app/common';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ResourceClass } from '@app/ops-contract';
import { OpsNodeConfig } from '../config/ops-node.config';
import { assertProbeable, nodeProbePolicy, ProbePolicy } from '../shared/probe-policy';
import { InventoryRepository, resourceView, subResourceView } from './inventory.repository';
import { DiscoveryService } from './discovery/discovery.service';
import { CreateResourceDto, ListResourcesQuery } from './resource.dto';
import { DiscoveryResultDto, ResourceDetailDto, ResourceDto, ResourceRemovedDto } from './inventory.responses';

@ApiTags('资源清单 inventory')
@Roles(Role.OPS_ENGINEER, Role.OPS_ADMIN)
@ApiBearerAuth()
@Controller('ops/api/resources')
export class InventoryController {
  /** the same policy the probes apply (built from the same settings), so a URL they would refuse is not registered */
  private readonly probePolicy: ProbePolicy;

  constructor(
    private readonly repo: InventoryRepository,
    private readonly discovery: DiscoveryService,
    private readonly clock: Clock,
    config: OpsNodeConfig,
  ) {
    this.probePolicy = nodeProbePolicy(config);
  }

  @Get()
  @ApiOperation({ summary: '资源列表（六类资源）' })
  @ApiOkResponse({ type: ResourceDto, isArray: true })
  async list(@Query() q: ListResourcesQuery) {
    return (await this.repo.listResources({ resourceClass: q.resourceClass, includeRemoved: q.includeRemoved })).map(resourceView);
  }

  @Get(':id')
  @ApiOperation({ summary: '资源详情及其子资源（端口、功能入口链接等）' })
  @ApiOkResponse({ type: ResourceDetailDto })
  async get(@Param('id') id: string) {
    const r = await this.repo.getResource(id);
    if (!r) throw AppError.notFound(`资源 ${id} 不存在`);
    return { ...resourceView(r), subResources: (await this.repo.listSubResources(id)).map(subResourceView) };
  }

  @Post()
  @Roles(Role.OPS_ADMIN)
  @ApiOperation({ summary: '手工登记或修改资源（资产编号、资源描述等）' })
  @ApiCreatedResponse({ type: ResourceDto })
  async create(@Body() dto: CreateResourceDto) {
    // a business system's URL is what the application probes call: only allow-listed hosts and ports
    if (dto.resourceClass === ResourceClass.BUSINESS_SYSTEM && dto.url) assertProbeable(this.probePolicy, dto.url, '', 'url');
    await this.repo.upsertResources([{ ...dto }], 'MANUAL', this.clock.now());
    const r = await this.repo.getResource(dto.resourceId);
    if (!r) throw AppError.notFound(`资源 ${dto.resourceId} 不存在`);
    return resourceView(r);
  }

  @Delete(':id')
  @Roles(Role.OPS_ADMIN)
  @HttpCode(200)
  @ApiOperation({ summary: '资源下线（上报时标记为已下线）' })
  @ApiOkResponse({ type: ResourceRemovedDto })
  async remove(@Param('id') id: string): Promise<ResourceRemovedDto> {
    if (!(await this.repo.markRemoved(id, this.clock.now()))) throw AppError.notFound(`资源 ${id} 不存在`);
    return { resourceId: id, removed: true };
  }

  @Post('discover')
  @Roles(Role.OPS_ADMIN)
  @HttpCode(200)
  @ApiOperation({ summary: '立即执行一次自动发现' })
  @ApiOkResponse({ type: DiscoveryResultDto })
  discover(): Promise<DiscoveryResultDto> {
    return this.discovery.discover();
  }
}
