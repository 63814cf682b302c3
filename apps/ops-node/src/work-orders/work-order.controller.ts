import { Role, Roles } from '@app/accounts';
import { AppError } from '@app/common';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateWorkOrderDto, WorkOrderActionDto, WorkOrderQuery } from './work-order.dto';
import { WorkOrderRepository, workOrderView } from './work-order.repository';
import { WorkOrderDto } from './work-order.responses';
import { WorkOrderService } from './work-order.service';

@ApiTags('协同工单 work orders')
@Roles(Role.OPS_ENGINEER, Role.OPS_ADMIN)
@ApiBearerAuth()
@Controller('ops/api/work-orders')
export class WorkOrderController {
  constructor(
    private readonly service: WorkOrderService,
    private readonly repo: WorkOrderRepository,
  ) {}

  @Get()
  @ApiOperation({ summary: '工单列表' })
  @ApiOkResponse({ type: WorkOrderDto, isArray: true })
  async list(@Query() q: WorkOrderQuery) {
    return (await this.repo.list({ status: q.status, origin: q.origin, limit: q.limit ?? 200 })).map(workOrderView);
  }

  @Get(':id')
  @ApiOperation({ summary: '工单详情' })
  @ApiOkResponse({ type: WorkOrderDto })
  async get(@Param('id') id: string) {
    const o = await this.repo.get(id);
    if (!o) throw AppError.notFound(`工单 ${id} 不存在`);
    return workOrderView(o);
  }

  @Post()
  @Roles(Role.OPS_ENGINEER, Role.OPS_ADMIN)
  @ApiOperation({ summary: '发起工单（本节点）' })
  @ApiCreatedResponse({ type: WorkOrderDto })
  async create(@Body() dto: CreateWorkOrderDto) {
    return workOrderView(await this.service.create(dto));
  }

  @Post(':id/actions')
  @Roles(Role.OPS_ENGINEER, Role.OPS_ADMIN)
  @HttpCode(200)
  @ApiOperation({ summary: '工单处理：受理、处理、反馈、办结、评价（状态变化随下一次增量上报送达市级）' })
  @ApiOkResponse({ type: WorkOrderDto })
  async act(@Param('id') id: string, @Body() dto: WorkOrderActionDto) {
    return workOrderView(await this.service.act(id, dto));
  }
}
