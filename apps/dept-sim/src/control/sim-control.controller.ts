import { AppError, bearerMatches, ReturnCode } from '@app/common';
import { Body, Controller, Get, Headers, Inject, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { DeptSimConfig } from '../config/dept-sim.config';
import { IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { SimDepartments } from '../core/sim-departments';

export class ProfilePatchDto {
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(3_600_000) acceptDelayMs?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(3_600_000) concludeDelayMs?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) @Max(1) supplementRate?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) @Max(1) rejectRate?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) @Max(1) callbackLossRate?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) @Max(1) inboundDropRate?: number;
}

/** Simulator controls: see and change each department's behaviour while the system runs. */
@ApiTags('模拟控制 simulator control')
@Controller('sim/departments')
export class SimControlController {
  constructor(
    private readonly depts: SimDepartments,
    @Inject(DeptSimConfig) private readonly config: DeptSimConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: '各模拟部门的行为参数与计数' })
  list() {
    return this.depts.all().map((d) => ({
      code: d.code,
      name: d.config.name,
      transport: d.config.transport,
      frontDb: d.config.frontDb.database,
      profile: d.profile,
      counters: d.counters,
    }));
  }

  @Put(':code/profile')
  @ApiBearerAuth()
  @ApiOperation({ summary: '修改某部门的行为参数（即时生效；需 SIM_CONTROL_TOKEN）' })
  update(@Param('code') code: string, @Body() patch: ProfilePatchDto, @Headers('authorization') authorization?: string) {
    this.authorize(authorization);
    const d = this.depts.get(code);
    if (!d) throw AppError.notFound(`部门 ${code} 不存在`);
    // DTO instances carry every declared field (undefined when absent): merge only what was sent
    const sent = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    d.profile = { ...d.profile, ...sent };
    return { code, profile: d.profile };
  }

  /** Changing a department's behaviour is a control of the simulation: only with the configured token. */
  private authorize(header: string | undefined): void {
    const want = this.config.SIM_CONTROL_TOKEN;
    if (!want) throw new AppError(ReturnCode.FORBIDDEN, '未配置 SIM_CONTROL_TOKEN：模拟控制接口已关闭');
    if (!bearerMatches(header, want)) throw new AppError(ReturnCode.AUTH_FAILED, '模拟控制令牌错误');
  }
}
