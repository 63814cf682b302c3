import { AppError, Label, PlainText } from '@app/common';
import { Topology } from '@app/exchange-contract';
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsInt, IsString, Length, Max, Min } from 'class-validator';
import { CurrentAccount, Principal, Role, Roles } from '@app/accounts';
import { TOPOLOGY } from '../config/one-window.config';
import { UnitOfWork } from '../database/unit-of-work';
import { DispatchSignal } from '../dispatch/dispatch.signal';
import { DispatchHoldDto, DispatchHoldRecordDto } from './dispatch-hold.responses';
import { DispatchHoldRepository } from './dispatch-hold.repository';

export class HoldDto {
  @ApiProperty({ example: 30, description: '暂停时长（分钟），到期自动恢复' }) @IsInt() @Min(1) @Max(7 * 24 * 60) minutes: number;
  @ApiProperty({ example: '前置库维护' }) @Label('暂停原因') @PlainText() @IsString() @Length(2, 200) reason: string;
}

/** The approval account (审批账号) holds and releases dispatch to a department; clerks and the system admin see the holds. */
@ApiTags('运维 operations')
@ApiBearerAuth()
@Controller('api/v1/ops/dispatch-holds')
export class DispatchHoldController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly signal: DispatchSignal,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  @Get()
  @Roles(Role.OPERATOR, Role.APPROVER, Role.SYS_ADMIN)
  @ApiOperation({ summary: '当前暂停分发的部门' })
  @ApiOkResponse({ type: DispatchHoldDto, isArray: true })
  list(): Promise<DispatchHoldDto[]> {
    return this.uow.autocommit.get(DispatchHoldRepository).listActive();
  }

  @Put(':deptCode')
  @Roles(Role.APPROVER)
  @ApiOperation({ summary: '暂停向某部门分发（受理照常，分发待恢复后进行）' })
  @ApiOkResponse({ type: DispatchHoldRecordDto })
  async hold(@Param('deptCode') deptCode: string, @Body() dto: HoldDto, @CurrentAccount() clerk: Principal): Promise<DispatchHoldRecordDto> {
    this.check(deptCode, clerk);
    const row = await this.uow.autocommit.get(DispatchHoldRepository).hold(deptCode, dto.minutes, dto.reason, clerk.username);
    return { ...row, heldSince: row.createdAt };
  }

  @Delete(':deptCode')
  @Roles(Role.APPROVER)
  @HttpCode(204)
  @ApiOperation({ summary: '恢复向某部门分发' })
  async release(@Param('deptCode') deptCode: string, @CurrentAccount() clerk: Principal): Promise<void> {
    this.check(deptCode, clerk);
    await this.uow.autocommit.get(DispatchHoldRepository).release(deptCode);
    this.signal.kick();
  }

  private check(deptCode: string, _clerk: Principal): void {
    if (!this.topology.departments.some((d) => d.code === deptCode)) throw AppError.notFound(`部门 ${deptCode} 不存在`);
  }
}
