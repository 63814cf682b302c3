import { AppError, ReturnCode } from '@app/common';
import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ROLE_LABELS, Role } from '../model/roles';
import { AuditService } from '../services/audit.service';
import { SessionService } from '../services/session.service';
import { ACCOUNTS_SETTINGS, AccountsSettings } from '../accounts.settings';
import { ANY_ROLE, clientOf, DURING_PASSWORD_CHANGE, PUBLIC_ROUTE, RequestWithPrincipal, ROUTE_ROLES, SIMULATOR_ONLY } from './access.decorators';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The one gate of every Nest route of a human-facing app (registered as APP_GUARD): a route is
 * open only when marked @Public; otherwise it needs a live session whose account's role is listed
 * by @Roles. A route with no @Roles is refused (fail closed), so a forgotten decorator cannot
 * publish a route.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('AccessGuard');

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    @Inject(ACCOUNTS_SETTINGS) private readonly settings: AccountsSettings,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (!this.settings.simulatorControls && this.reflector.getAllAndOverride<boolean>(SIMULATOR_ONLY, targets))
      throw new AppError(ReturnCode.NOT_FOUND, '接口不存在（模拟器控制接口未开启）');
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const req = ctx.switchToHttp().getRequest<RequestWithPrincipal>();
    const header = req.header('authorization') ?? '';
    const token = /^Bearer [A-Za-z0-9_-]+$/.test(header) ? header.slice(7) : null;
    if (!token) {
      if (WRITES.has(req.method)) await this.denied(req, ReturnCode.NOT_LOGGED_IN, null);
      throw new AppError(ReturnCode.NOT_LOGGED_IN, '请先登录');
    }
    let principal;
    try {
      principal = await this.sessions.authenticate(token);
    } catch (err) {
      if (err instanceof AppError && WRITES.has(req.method)) await this.denied(req, err.code, null);
      throw err;
    }
    req.principal = principal;
    if (principal.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(DURING_PASSWORD_CHANGE, targets)) {
      throw new AppError(ReturnCode.PASSWORD_CHANGE_REQUIRED, '首次登录、密码被重置或已过期，请先修改密码');
    }
    const roles = this.reflector.getAllAndOverride<string[] | undefined>(ROUTE_ROLES, targets);
    if (!roles) {
      this.logger.error({ msg: 'route without @Roles or @Public refused', path: req.route ? (req.route as { path: string }).path : req.path });
      await this.denied(req, ReturnCode.ROLE_FORBIDDEN, principal.role);
      throw new AppError(ReturnCode.ROLE_FORBIDDEN, '该接口未配置访问角色');
    }
    if (roles.includes(ANY_ROLE) || roles.includes(principal.role)) return true;
    await this.denied(req, ReturnCode.ROLE_FORBIDDEN, principal.role);
    throw new AppError(ReturnCode.ROLE_FORBIDDEN, `需要角色：${roles.map((r) => ROLE_LABELS[r as Role] ?? r).join('、')}`);
  }

  private async denied(req: RequestWithPrincipal, code: string, role: string | null): Promise<void> {
    await this.audit.record(
      'ACCESS_DENIED',
      { principal: req.principal, clientIp: clientOf(req).ip },
      { target: `${req.method} ${req.path}`.slice(0, 255), outcome: 'FAILURE', code, detail: role ? { role } : null },
    );
  }
}
