// the declared answers (kept apart from the other imports, which the SQL move of this feature rewrites)
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { OnCallChangeDto, OnCallRemovedDto, OnCallRosterDto } from './notifications.responses';
import { CurrentAccount, Principal, Role, Roles } from '@app/accounts';
import { PositiveIntPipe } from '@app/common';
import { Body, Controller, Delete, Get, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EscalationService } from './escalation.service';
import { OnCallPersonDto } from './notifications.dto';
import { OnCallRepository } from './on-call.repository';
import { OnCallService } from './on-call.service';

@ApiTags('值班表 on-call')
@Roles(Role.OPS_ENGINEER, Role.OPS_ADMIN)
@ApiBearerAuth()
@Controller('ops/api/on-call')
export class OnCallController {
  constructor(
    private readonly roster: OnCallRepository,
    private readonly escalation: EscalationService,
    private readonly onCall: OnCallService,
  ) {}

  @Get()
  @ApiOperation({ summary: '值班人员（A/B 角）及与通知策略的缺口' })
  @ApiOkResponse({ type: OnCallRosterDto })
  async list(): Promise<OnCallRosterDto> {
    return { people: await this.roster.list(), problems: await this.escalation.rosterProblems() };
  }

  @Post()
  @Roles(Role.OPS_ADMIN)
  @ApiOperation({ summary: '新增值班人员；下一个升级步骤起生效' })
  @ApiCreatedResponse({ type: OnCallChangeDto })
  async create(@Body() dto: OnCallPersonDto, @CurrentAccount() me: Principal) {
    const id = await this.onCall.create(dto, me.username);
    return this.answer(id);
  }

  @Put(':id')
  @Roles(Role.OPS_ADMIN)
  @ApiOperation({ summary: '修改值班人员（整条替换）' })
  @ApiOkResponse({ type: OnCallChangeDto })
  async update(@Param('id', PositiveIntPipe) id: number, @Body() dto: OnCallPersonDto, @CurrentAccount() me: Principal) {
    await this.onCall.update(id, dto, me.username);
    return this.answer(id);
  }

  @Delete(':id')
  @Roles(Role.OPS_ADMIN)
  @ApiOperation({ summary: '删除值班人员' })
  @ApiOkResponse({ type: OnCallRemovedDto })
  async remove(@Param('id', PositiveIntPipe) id: number, @CurrentAccount() me: Principal) {
    await this.onCall.remove(id, me.username);
    return { id, deleted: true, problems: await this.escalation.rosterProblems() };
  }

  private async answer(id: number) {
    return { person: await this.roster.get(id), problems: await this.escalation.rosterProblems() };
  }
}
