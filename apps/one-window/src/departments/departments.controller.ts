import { Role, Roles } from '@app/accounts';
import { Topology } from '@app/exchange-contract';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { TOPOLOGY } from '../config/one-window.config';

export class DepartmentDto {
  @ApiProperty({ example: 'AMR', description: '部门代码' }) code: string;
  @ApiProperty({ example: '区市场监督管理局', description: '部门名称' }) name: string;
  @ApiProperty({ enum: ['soap', 'http'], description: '通知方式：WebService / HTTP' }) transport: 'soap' | 'http';
}

/** The departments connected to the exchange, for the screens' names and filters (no credentials, no endpoints). */
@ApiTags('事项目录 catalog')
@ApiBearerAuth()
@Controller('api/v1/departments')
export class DepartmentsController {
  constructor(@Inject(TOPOLOGY) private readonly topology: Topology) {}

  @Get()
  @Roles(Role.OPERATOR, Role.APPROVER, Role.SYS_ADMIN)
  @ApiOperation({ summary: '接入交换平台的办理部门' })
  @ApiOkResponse({ type: DepartmentDto, isArray: true })
  list(): DepartmentDto[] {
    return this.topology.departments.map((d) => ({ code: d.code, name: d.name, transport: d.transport }));
  }
}
