// the declared answers (kept apart from the other imports, which the SQL move of this feature rewrites)
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { OnCallChangeDto, OnCallRemovedDto, OnCallRosterDto } from './notifications.responses';
import { CurrentAccount, Principal, Role, Roles } from '@app/accounts';
import { AppError, Clock, PositiveIntPipe } from '@app/common';
import { Body, Controller, Delete, Get, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { SystemLogRepository } from '../system-log';
import { EscalationService } from './escalation.service';
import { OnCallPersonDto } from './notifications.dto';
import { OnCallPerson, OnCallRepository } from './on-call.repository';

const describe = (p: Pick<OnCallPerson, 'name' | 'role'>) => `${p.role} 角 ${p.name}`;

@ApiTags('值班表 on-call')
@Roles(Role.OPS_ENGINEER, Role.OPS_ADMIN)
@ApiBearerAuth()
@Controller('ops/api/on-call')
export class OnCallController {
  constructor(
    private readonly ds: DataSource,
    private readonly roster: OnCallRepository,
    private readonly escalation: EscalationService,
    private readonly log: SystemLogRepository,
    private readonly clock: Clock,
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
    const now = this.clock.now();
    const id = await this.ds.transaction(async (em) => {
      const newId = await this.roster.create(dto, now, em);
      await this.log.write([{ level: 'INFO', category: 'NOTIFY', event: 'ON_CALL_ADDED', actor: me.username, message: `${me.username} 新增值班人员 ${describe(dto)}`, detail: { id: newId, ...fields(dto) } }], now, em);
      return newId;
    });
    return this.answer(id);
  }

  @Put(':id')
  @Roles(Role.OPS_ADMIN)
  @ApiOperation({ summary: '修改值班人员（整条替换）' })
  @ApiOkResponse({ type: OnCallChangeDto })
  async update(@Param('id', PositiveIntPipe) id: number, @Body() dto: OnCallPersonDto, @CurrentAccount() me: Principal) {
    const now = this.clock.now();
    await this.ds.transaction(async (em) => {
      const before = await this.roster.get(id, em);
      if (!before) throw AppError.notFound(`值班人员 ${id} 不存在`);
      await this.roster.update(id, { ...dto, enabled: dto.enabled ?? true }, now, em);
      await this.log.write([{ level: 'INFO', category: 'NOTIFY', event: 'ON_CALL_CHANGED', actor: me.username, message: `${me.username} 修改值班人员 ${describe(before)}`, detail: { id, before: { ...before }, after: fields(dto) } }], now, em);
    });
    return this.answer(id);
  }

  @Delete(':id')
  @Roles(Role.OPS_ADMIN)
  @ApiOperation({ summary: '删除值班人员' })
  @ApiOkResponse({ type: OnCallRemovedDto })
  async remove(@Param('id', PositiveIntPipe) id: number, @CurrentAccount() me: Principal) {
    const now = this.clock.now();
    await this.ds.transaction(async (em) => {
      const before = await this.roster.get(id, em);
      if (!before) throw AppError.notFound(`值班人员 ${id} 不存在`);
      await this.roster.delete(id, em);
      await this.log.write([{ level: 'INFO', category: 'NOTIFY', event: 'ON_CALL_REMOVED', actor: me.username, message: `${me.username} 删除值班人员 ${describe(before)}`, detail: { ...before } }], now, em);
    });
    return { id, deleted: true, problems: await this.escalation.rosterProblems() };
  }

  private async answer(id: number) {
    return { person: await this.roster.get(id), problems: await this.escalation.rosterProblems() };
  }
}

function fields(dto: OnCallPersonDto) {
  return { name: dto.name, role: dto.role, email: dto.email ?? null, mobile: dto.mobile ?? null, phone: dto.phone ?? null, enabled: dto.enabled ?? true };
}
