import { AppError, ReturnCode, toBeijingIso } from '@app/common';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ACCOUNTS_SETTINGS, AccountsSettings } from '../accounts.settings';
import { Principal } from '../model/principal';
import { INSTALL_ONLY_ROLES, isRole, Role, ROLE_LABELS } from '../model/roles';
import { checkPassword, passwordExpired } from '../policy/password-policy';
import { generateInitialPassword, hashPassword, verifyPassword } from '../policy/password-hash';
import { AccountRepository, AccountRow, AccountStatus } from '../store/account.repository';
import { LoginThrottleRepository } from '../store/login-throttle.repository';
import { AuditContext, AuditService } from './audit.service';
import { SessionService } from './session.service';

export interface AccountView {
  username: string;
  displayName: string;
  role: Role;
  roleLabel: string;
  windowNo: string | null;
  status: AccountStatus;
  statusReason: string | null;
  mustChangePassword: boolean;
  passwordChangedAt: string;
  passwordExpired: boolean;
  locked: boolean;
  lockedUntil: string | null;
  createdAt: string;
  createdBy: string;
}

const USERNAME = /^[a-z][a-z0-9_.-]{2,31}$/;

/**
 * Account lifecycle for the security administrator (安全管理员): create, change, disable, enable,
 * unlock, reset. Every change is audited with before/after; disabling or resetting ends the
 * account's sessions at once.
 */
@Injectable()
export class AccountAdminService {
  private readonly logger = new Logger('Accounts');

  constructor(
    private readonly accounts: AccountRepository,
    private readonly throttle: LoginThrottleRepository,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    @Inject(ACCOUNTS_SETTINGS) private readonly settings: AccountsSettings,
  ) {}

  async list(f: { role?: Role; status?: AccountStatus; page: number; pageSize: number }): Promise<{ total: number; items: AccountView[] }> {
    const { total, rows } = await this.accounts.list({ role: f.role, status: f.status, offset: (f.page - 1) * f.pageSize, limit: f.pageSize });
    return { total, items: await Promise.all(rows.map((r) => this.view(r))) };
  }

  async get(username: string): Promise<AccountView> {
    return this.view(await this.require(username));
  }

  async create(
    actor: Principal,
    ctx: AuditContext,
    d: { username: string; displayName: string; role: Role; windowNo?: string | null },
  ): Promise<{ account: AccountView; initialPassword: string }> {
    const username = d.username.trim().toLowerCase();
    if (!USERNAME.test(username)) throw new AppError(ReturnCode.BAD_PARAMETER, '用户名须为 3-32 位小写字母、数字、下划线、点或连字符，以字母开头');
    this.checkRole(d.role);
    if (INSTALL_ONLY_ROLES.includes(d.role)) throw new AppError(ReturnCode.OFFICER_RESERVED, `${ROLE_LABELS[d.role]}账号只能在安装时创建`);
    if (await this.accounts.findByUsername(username)) throw new AppError(ReturnCode.ACCOUNT_EXISTS, username);
    const initialPassword = generateInitialPassword();
    await this.accounts.insert(
      {
        username,
        displayName: d.displayName,
        role: d.role,
        windowNo: d.windowNo ?? null,
        passwordHash: await hashPassword(initialPassword),
        mustChangePassword: true,
        createdBy: actor.username,
      },
      new Date(),
    );
    const account = await this.get(username);
    await this.audit.record('ACCOUNT_CREATED', ctx, { target: username, detail: { after: this.summary(account) } });
    return { account, initialPassword };
  }

  async update(
    actor: Principal,
    ctx: AuditContext,
    username: string,
    patch: { displayName?: string; role?: Role; windowNo?: string | null },
  ): Promise<AccountView> {
    const before = await this.requireOther(actor, username);
    if (patch.role !== undefined) {
      this.checkRole(patch.role);
      if (INSTALL_ONLY_ROLES.includes(patch.role) || INSTALL_ONLY_ROLES.includes(before.role))
        throw new AppError(ReturnCode.OFFICER_RESERVED, '安全管理员、审计管理员的角色不能通过管理接口授予或变更');
    }
    await this.accounts.update(before.id, patch, new Date());
    const roleChanged = patch.role !== undefined && patch.role !== before.role;
    // a new role must not ride on sessions opened under the old one
    if (roleChanged) await this.sessions.revokeAll(before.id, 'ROLE_CHANGED');
    const after = await this.get(username);
    await this.audit.record('ACCOUNT_UPDATED', ctx, {
      target: username,
      detail: { before: this.summary(await this.view(before)), after: this.summary(after), sessionsEnded: roleChanged },
    });
    return after;
  }

  async disable(actor: Principal, ctx: AuditContext, username: string, reason: string): Promise<AccountView> {
    const before = await this.requireOther(actor, username);
    await this.accounts.setStatus(before.id, 'DISABLED', reason, new Date());
    const ended = await this.sessions.revokeAll(before.id, 'ACCOUNT_DISABLED');
    const after = await this.get(username);
    await this.audit.record('ACCOUNT_DISABLED', ctx, {
      target: username,
      detail: { reason, sessionsEnded: ended, before: { status: before.status }, after: { status: after.status } },
    });
    return after;
  }

  async enable(actor: Principal, ctx: AuditContext, username: string): Promise<AccountView> {
    const before = await this.requireOther(actor, username);
    await this.accounts.setStatus(before.id, 'ACTIVE', null, new Date());
    const after = await this.get(username);
    await this.audit.record('ACCOUNT_ENABLED', ctx, { target: username, detail: { before: { status: before.status }, after: { status: after.status } } });
    return after;
  }

  async unlock(actor: Principal, ctx: AuditContext, username: string): Promise<AccountView> {
    await this.requireOther(actor, username);
    const wasLocked = await this.throttle.clear(username);
    await this.audit.record('ACCOUNT_UNLOCKED', ctx, { target: username, detail: { wasLocked } });
    return this.get(username);
  }

  async resetPassword(actor: Principal, ctx: AuditContext, username: string): Promise<{ account: AccountView; initialPassword: string }> {
    const before = await this.requireOther(actor, username);
    const initialPassword = generateInitialPassword();
    await this.accounts.setPassword(before.id, await hashPassword(initialPassword), true, new Date());
    const ended = await this.sessions.revokeAll(before.id, 'PASSWORD_RESET');
    await this.throttle.clear(username);
    await this.audit.record('PASSWORD_RESET', ctx, { target: username, detail: { sessionsEnded: ended } });
    return { account: await this.get(username), initialPassword };
  }

  /** The account's own password change (also the forced change at first login or after rotation). */
  async changeOwnPassword(p: Principal, ctx: AuditContext, oldPassword: string, newPassword: string): Promise<void> {
    const account = await this.accounts.findById(p.accountId);
    if (!account) throw new AppError(ReturnCode.SESSION_ENDED);
    if (!(await verifyPassword(oldPassword, account.passwordHash))) {
      await this.audit.record('PASSWORD_CHANGE_FAILED', ctx, { target: p.username, outcome: 'FAILURE', code: ReturnCode.AUTH_FAILED });
      throw new AppError(ReturnCode.AUTH_FAILED, '原密码错误');
    }
    const recent = await this.accounts.recentHashes(account.id, this.settings.policy.historyCount);
    let reused = false;
    for (const h of recent) if (await verifyPassword(newPassword, h)) reused = true;
    const reason = checkPassword(newPassword, this.settings.policy, account.username, reused);
    if (reason) {
      await this.audit.record('PASSWORD_CHANGE_FAILED', ctx, { target: p.username, outcome: 'FAILURE', code: ReturnCode.PASSWORD_POLICY, detail: { reason } });
      throw new AppError(ReturnCode.PASSWORD_POLICY, reason);
    }
    await this.accounts.setPassword(account.id, await hashPassword(newPassword), false, new Date());
    await this.sessions.clearMustChange(p.sessionId);
    const ended = await this.sessions.revokeAll(account.id, 'PASSWORD_CHANGED', p.sessionId);
    await this.audit.record('PASSWORD_CHANGED', ctx, { target: p.username, detail: { otherSessionsEnded: ended } });
  }

  /**
   * Installation accounts from SEED_ACCOUNTS (`username:ROLE:password[:windowNo]`): created when
   * absent, brought in line (role, window, password) when present. Passwords must pass the policy.
   */
  async seed(spec: string | undefined): Promise<void> {
    if (!spec) return;
    for (const entry of spec
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const [rawName, role, password, windowNo] = entry.split(':');
      const username = (rawName ?? '').toLowerCase();
      if (!USERNAME.test(username)) throw new Error(`SEED_ACCOUNTS: bad user name "${rawName}"`);
      if (!isRole(role) || !this.settings.roles.includes(role))
        throw new Error(`SEED_ACCOUNTS: ${username}: role "${role}" is not one of ${this.settings.roles.join(', ')}`);
      const reason = password ? checkPassword(password, this.settings.policy, username) : '密码为空';
      if (reason) throw new Error(`SEED_ACCOUNTS: password of ${username} refused: ${reason}`);
      const existing = await this.accounts.findByUsername(username);
      const now = new Date();
      if (!existing) {
        await this.accounts.insert(
          {
            username,
            displayName: `${ROLE_LABELS[role]} ${username}`,
            role,
            windowNo: windowNo || null,
            passwordHash: await hashPassword(password),
            mustChangePassword: false,
            createdBy: 'installation',
          },
          now,
        );
        await this.audit.record('ACCOUNT_SEEDED', { actorName: 'installation' }, { target: username, detail: { role, windowNo: windowNo || null } });
        continue;
      }
      const changes: string[] = [];
      if (existing.role !== role || (windowNo || null) !== existing.windowNo) {
        await this.accounts.update(existing.id, { role, windowNo: windowNo || null }, now);
        changes.push('role/window');
      }
      if (!(await verifyPassword(password, existing.passwordHash))) {
        await this.accounts.setPassword(existing.id, await hashPassword(password), false, now);
        changes.push('password');
      }
      if (existing.status !== 'ACTIVE') {
        await this.accounts.setStatus(existing.id, 'ACTIVE', null, now);
        changes.push('enabled');
      }
      if (changes.length) {
        await this.sessions.revokeAll(existing.id, 'RESEEDED');
        await this.audit.record('ACCOUNT_SEEDED', { actorName: 'installation' }, { target: username, detail: { changes } });
        this.logger.log({ msg: 'installation account brought in line', username, changes });
      }
    }
  }

  private checkRole(role: Role): void {
    if (!this.settings.roles.includes(role))
      throw new AppError(ReturnCode.BAD_PARAMETER, `本系统的角色为：${this.settings.roles.map((r) => `${r}（${ROLE_LABELS[r]}）`).join('、')}`);
  }

  private async require(username: string): Promise<AccountRow> {
    const a = await this.accounts.findByUsername(username.trim().toLowerCase());
    if (!a) throw new AppError(ReturnCode.ACCOUNT_NOT_FOUND, username);
    return a;
  }

  /** Nobody acts on their own account here (the own password goes through the auth routes). */
  private async requireOther(actor: Principal, username: string): Promise<AccountRow> {
    const a = await this.require(username);
    if (a.id === actor.accountId) throw new AppError(ReturnCode.OFFICER_RESERVED, '不能通过管理接口操作自己的账号');
    return a;
  }

  private async view(a: AccountRow): Promise<AccountView> {
    const t = await this.throttle.get(a.username);
    const locked = !!t?.lockedUntil && t.lockedUntil.getTime() > Date.now();
    return {
      username: a.username,
      displayName: a.displayName,
      role: a.role,
      roleLabel: ROLE_LABELS[a.role] ?? a.role,
      windowNo: a.windowNo,
      status: a.status,
      statusReason: a.statusReason,
      mustChangePassword: a.mustChangePassword,
      passwordChangedAt: toBeijingIso(a.passwordChangedAt),
      passwordExpired: passwordExpired(a.passwordChangedAt, this.settings.policy, new Date()),
      locked,
      lockedUntil: locked && t?.lockedUntil ? toBeijingIso(t.lockedUntil) : null,
      createdAt: toBeijingIso(a.createdAt),
      createdBy: a.createdBy,
    };
  }

  private summary(v: AccountView): Record<string, unknown> {
    return { displayName: v.displayName, role: v.role, windowNo: v.windowNo, status: v.status };
  }
}
