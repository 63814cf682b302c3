import { toBeijingIso } from '@app/common';
import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Put, Query, Req, Type } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ACCOUNTS_SETTINGS, AccountsSettings } from '../accounts.settings';
import { Principal } from '../model/principal';
import { Role, ROLE_LABELS } from '../model/roles';
import { AccountAdminService } from '../services/account-admin.service';
import { AuditService } from '../services/audit.service';
import { LoginService } from '../services/login.service';
import { SessionService } from '../services/session.service';
import { AllowDuringPasswordChange, AnyRole, clientOf, CurrentAccount, NoCallAudit, Public, Roles } from './access.decorators';
import { AccountPageDto, AccountViewDto, AccountWithPasswordDto, AuditPageDto, LoginResponseDto, MeResponseDto, SecurityPolicyDto } from './accounts.responses';
import {
  AuditQuery,
  ChangePasswordDto,
  CreateAccountDto,
  DisableAccountDto,
  ListAccountsQuery,
  LoginDto,
  UpdateAccountDto,
  UsernameParam,
} from './accounts.dto';

/**
 * The account routes of one app under its own prefix (`api/v1`, `ops/api`, `city/api`):
 * auth (everyone), security/accounts (安全管理员), audit/logs (审计管理员).
 */
export function buildAccountsControllers(prefix: string): Type[] {
  @ApiTags('登录与会话 auth')
  @Controller(`${prefix}/auth`)
  class AuthController {
    constructor(
      private readonly login: LoginService,
      private readonly sessions: SessionService,
      private readonly admin: AccountAdminService,
      private readonly audit: AuditService,
      @Inject(ACCOUNTS_SETTINGS) private readonly settings: AccountsSettings,
    ) {}

    @Post('login')
    @HttpCode(200)
    @Public()
    @ApiOperation({ summary: '登录，返回会话令牌（Authorization: Bearer <token>）' })
    @ApiOkResponse({ type: LoginResponseDto })
    doLogin(@Body() dto: LoginDto, @Req() req: Request): Promise<LoginResponseDto> {
      return this.login.login(dto.username, dto.password, clientOf(req));
    }

    @Post('logout')
    @HttpCode(204)
    @AnyRole()
    @AllowDuringPasswordChange()
    @NoCallAudit()
    @ApiBearerAuth()
    @ApiOperation({ summary: '注销当前会话' })
    @ApiNoContentResponse({ description: '已注销' })
    async logout(@CurrentAccount() p: Principal, @Req() req: Request): Promise<void> {
      await this.sessions.revoke(p.sessionId, 'LOGOUT');
      await this.audit.record('LOGOUT', { principal: p, clientIp: clientOf(req).ip }, { target: p.username });
    }

    @Get('me')
    @AnyRole()
    @AllowDuringPasswordChange()
    @ApiBearerAuth()
    @ApiOperation({ summary: '当前账号' })
    @ApiOkResponse({ type: MeResponseDto })
    me(@CurrentAccount() p: Principal): MeResponseDto {
      return {
        username: p.username,
        displayName: p.displayName,
        role: p.role,
        roleLabel: ROLE_LABELS[p.role],
        windowNo: p.windowNo,
        mustChangePassword: p.mustChangePassword,
        passwordPolicy: this.settings.policy,
      };
    }

    @Put('password')
    @HttpCode(204)
    @AnyRole()
    @AllowDuringPasswordChange()
    @NoCallAudit()
    @ApiBearerAuth()
    @ApiOperation({ summary: '修改本人密码（其他会话随之终止）' })
    @ApiNoContentResponse({ description: '已修改' })
    async changePassword(@CurrentAccount() p: Principal, @Body() dto: ChangePasswordDto, @Req() req: Request): Promise<void> {
      await this.admin.changeOwnPassword(p, { principal: p, clientIp: clientOf(req).ip }, dto.oldPassword, dto.newPassword);
    }
  }

  @ApiTags('账号管理 security (安全管理员)')
  @ApiBearerAuth()
  @Roles(Role.SEC_ADMIN)
  @NoCallAudit()
  @Controller(`${prefix}/security`)
  class SecurityController {
    constructor(
      private readonly admin: AccountAdminService,
      @Inject(ACCOUNTS_SETTINGS) private readonly settings: AccountsSettings,
    ) {}

    @Get('policy')
    @ApiOperation({ summary: '口令与登录策略' })
    @ApiOkResponse({ type: SecurityPolicyDto })
    policy(): SecurityPolicyDto {
      const s = this.settings;
      return {
        password: s.policy,
        login: { maxFailures: s.maxFailures, failureWindowSeconds: s.failureWindowMs / 1000, lockSeconds: s.lockMs / 1000 },
        session: { idleSeconds: s.idleMs / 1000, maxSeconds: s.maxSessionMs / 1000 },
        roles: s.roles.map((r) => ({ role: r, label: ROLE_LABELS[r] })),
      };
    }

    @Get('accounts')
    @ApiOperation({ summary: '账号列表' })
    @ApiOkResponse({ type: AccountPageDto })
    list(@Query() q: ListAccountsQuery): Promise<AccountPageDto> {
      return this.admin.list(q);
    }

    @Get('accounts/:username')
    @ApiOperation({ summary: '查看账号' })
    @ApiOkResponse({ type: AccountViewDto })
    get(@Param() p: UsernameParam): Promise<AccountViewDto> {
      return this.admin.get(p.username);
    }

    @Post('accounts')
    @ApiOperation({ summary: '创建账号（返回一次性初始密码，首次登录须修改）' })
    @ApiCreatedResponse({ type: AccountWithPasswordDto })
    create(@Body() dto: CreateAccountDto, @CurrentAccount() actor: Principal, @Req() req: Request): Promise<AccountWithPasswordDto> {
      return this.admin.create(actor, { principal: actor, clientIp: clientOf(req).ip }, dto);
    }

    @Patch('accounts/:username')
    @ApiOperation({ summary: '修改账号（姓名、角色、窗口号；改角色会终止其会话）' })
    @ApiOkResponse({ type: AccountViewDto })
    update(@Param() p: UsernameParam, @Body() dto: UpdateAccountDto, @CurrentAccount() actor: Principal, @Req() req: Request): Promise<AccountViewDto> {
      return this.admin.update(actor, { principal: actor, clientIp: clientOf(req).ip }, p.username, dto);
    }

    @Post('accounts/:username/disable')
    @HttpCode(200)
    @ApiOperation({ summary: '停用账号（立即终止其全部会话）' })
    @ApiOkResponse({ type: AccountViewDto })
    disable(@Param() p: UsernameParam, @Body() dto: DisableAccountDto, @CurrentAccount() actor: Principal, @Req() req: Request): Promise<AccountViewDto> {
      return this.admin.disable(actor, { principal: actor, clientIp: clientOf(req).ip }, p.username, dto.reason);
    }

    @Post('accounts/:username/enable')
    @HttpCode(200)
    @ApiOperation({ summary: '启用账号' })
    @ApiOkResponse({ type: AccountViewDto })
    enable(@Param() p: UsernameParam, @CurrentAccount() actor: Principal, @Req() req: Request): Promise<AccountViewDto> {
      return this.admin.enable(actor, { principal: actor, clientIp: clientOf(req).ip }, p.username);
    }

    @Post('accounts/:username/unlock')
    @HttpCode(200)
    @ApiOperation({ summary: '解除登录锁定' })
    @ApiOkResponse({ type: AccountViewDto })
    unlock(@Param() p: UsernameParam, @CurrentAccount() actor: Principal, @Req() req: Request): Promise<AccountViewDto> {
      return this.admin.unlock(actor, { principal: actor, clientIp: clientOf(req).ip }, p.username);
    }

    @Post('accounts/:username/reset-password')
    @HttpCode(200)
    @ApiOperation({ summary: '重置密码（返回一次性初始密码，终止其会话）' })
    @ApiOkResponse({ type: AccountWithPasswordDto })
    reset(@Param() p: UsernameParam, @CurrentAccount() actor: Principal, @Req() req: Request): Promise<AccountWithPasswordDto> {
      return this.admin.resetPassword(actor, { principal: actor, clientIp: clientOf(req).ip }, p.username);
    }
  }

  @ApiTags('安全审计 audit (审计管理员)')
  @ApiBearerAuth()
  @Roles(Role.AUDIT_ADMIN)
  @Controller(`${prefix}/audit`)
  class AuditController {
    constructor(private readonly audit: AuditService) {}

    @Get('logs')
    @ApiOperation({ summary: '查询审计日志（只读；日志表只允许追加）' })
    @ApiOkResponse({ type: AuditPageDto })
    async logs(@Query() q: AuditQuery): Promise<AuditPageDto> {
      const { total, rows } = await this.audit.query({
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
        actor: q.actor,
        event: q.event,
        outcome: q.outcome,
        offset: (q.page - 1) * q.pageSize,
        limit: q.pageSize,
      });
      return { total, items: rows.map((r) => ({ ...r, at: toBeijingIso(r.at) })) };
    }
  }

  return [AuthController, SecurityController, AuditController];
}
