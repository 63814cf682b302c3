import { Role, Roles } from '@app/accounts';
import { currentCorrelationId } from '@app/common';
import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { MonitorQuery, WorkOrderDto, WorkOrdersQuery } from '../query';
import { IssueWorkOrderDto } from './dto/issue-work-order.dto';
import { IssuedWorkOrderDto } from './dto/work-orders.responses';
import { IssueWorkOrderUseCase } from './issue-work-order.use-case';

@ApiTags('协同工单 work orders')
@Roles(Role.CITY_MONITOR)
@ApiBearerAuth()
@Controller('city/api/work-orders')
export class WorkOrdersController {
  constructor(
    private readonly issue: IssueWorkOrderUseCase,
    private readonly q: MonitorQuery,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: IssuedWorkOrderDto })
  @ApiOperation({ summary: '市级下发协同工单（入队后异步送达区运维节点）' })
  create(@Body() dto: IssueWorkOrderDto) {
    return this.issue.execute(dto, currentCorrelationId() ?? 'none');
  }

  @Get()
  @ApiOkResponse({ type: [WorkOrderDto] })
  @ApiOperation({ summary: '协同工单（按处理状态、节点、来源筛选），含下发送达状态' })
  list(@Query() query: WorkOrdersQuery) {
    return this.q.workOrders(query);
  }

  @Get(':nodeCode/:orderId')
  @ApiOkResponse({ type: WorkOrderDto })
  @ApiOperation({ summary: '一张工单（含区级反馈与下发送达状态）' })
  @ApiParam({ name: 'nodeCode', description: '运维节点代码' })
  @ApiParam({ name: 'orderId', description: '工单编号' })
  one(@Param('nodeCode') nodeCode: string, @Param('orderId') orderId: string) {
    return this.q.workOrder(nodeCode, orderId);
  }
}
