import { CurrentAccount, Principal, Role, Roles } from '@app/accounts';
import { AppError, Clock } from '@app/common';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateWorkOrderDto, FromAlertDto, SplitWorkOrderDto, WorkOrderActionDto, WorkOrderQuery } from './work-order.dto';
import { WorkOrderHistoryRepository } from './work-order-history.repository';
import { historyView, slaStatusOf, workOrderView } from './work-order.presenter';
import { WorkOrderRepository } from './work-order.repository';
import { WorkOrderDetailDto, WorkOrderDto, WorkOrderSplitDto } from './work-order.responses';
import { WorkOrderService } from './work-order.service';

@ApiTags('工单 work orders')
@Roles(Role.OPS_ENGINEER, Role.OPS_ADMIN)
@ApiBearerAuth()
@Controller('ops/api/work-orders')
export class WorkOrderController {
  constructor(
    private readonly service: WorkOrderService,
    private readonly repo: WorkOrderRepository,
    private readonly history: WorkOrderHistoryRepository,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: '工单列表（按状态、处理人、来源、类型、SLA 状态筛选）' })
  @ApiOkResponse({ type: WorkOrderDto, isArray: true })
  async list(@Query() q: WorkOrderQuery) {
    const now = this.clock.now();
    const rows = await this.repo.list({
      status: q.status,
      state: q.state,
      origin: q.origin,
      orderType: q.orderType,
      assignee: q.assignee,
      limit: q.sla ? 5000 : (q.limit ?? 200),
    });
    return rows
      .filter((r) => !q.sla || slaStatusOf(r, now) === q.sla)
      .slice(0, q.limit ?? 200)
      .map((r) => workOrderView(r, now));
  }

  @Get(':id')
  @ApiOperation({ summary: '工单详情：处理记录（只增不改）、子工单、SLA 时钟、关联告警' })
  @ApiOkResponse({ type: WorkOrderDetailDto })
  async get(@Param('id') id: string) {
    const o = await this.repo.get(id);
    if (!o) throw AppError.notFound(`工单 ${id} 不存在`);
    const now = this.clock.now();
    return {
      ...workOrderView(o, now),
      history: (await this.history.ofOrder(id)).map(historyView),
      children: (await this.repo.children(id)).map((c) => workOrderView(c, now)),
    };
  }

  @Post()
  @ApiOperation({ summary: '发起工单（本节点）' })
  @ApiCreatedResponse({ type: WorkOrderDto })
  async create(@Body() dto: CreateWorkOrderDto, @CurrentAccount() me: Principal) {
    return workOrderView(await this.service.create(dto, me.username), this.clock.now());
  }

  @Post('from-alert/:alertId')
  @ApiOperation({ summary: '告警转工单（故障工单，与告警互相关联；每个告警一张）' })
  @ApiCreatedResponse({ type: WorkOrderDto })
  async fromAlert(@Param('alertId') alertId: string, @Body() dto: FromAlertDto, @CurrentAccount() me: Principal) {
    return workOrderView(await this.service.createFromAlert(alertId, dto, me.username), this.clock.now());
  }

  @Post(':id/actions')
  @HttpCode(200)
  @ApiOperation({
    summary: '工单处理：受理、分派、开始处理、挂起、恢复、升级、解决、重新打开、关闭评价、反馈、记录（状态变化随下一次增量上报送达市级）',
  })
  @ApiOkResponse({ type: WorkOrderDto })
  async act(@Param('id') id: string, @Body() dto: WorkOrderActionDto, @CurrentAccount() me: Principal) {
    return workOrderView(await this.service.act(id, dto, me.username), this.clock.now());
  }

  @Post(':id/split')
  @HttpCode(200)
  @ApiOperation({ summary: '分解工单：子工单各自分派给不同的人或单位；父工单在全部子工单解决后才能解决' })
  @ApiOkResponse({ type: WorkOrderSplitDto })
  async split(@Param('id') id: string, @Body() dto: SplitWorkOrderDto, @CurrentAccount() me: Principal) {
    const now = this.clock.now();
    const r = await this.service.split(id, dto, me.username);
    return { parent: workOrderView(r.parent, now), children: r.children.map((c) => workOrderView(c, now)) };
  }
}
