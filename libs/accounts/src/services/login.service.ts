import { AppError, beijingHourMinute, ReturnCode, toBeijingIso } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import { ACCOUNTS_SETTINGS, AccountsSettings } from '../accounts.settings';
import { passwordExpired } from '../policy/password-policy';
import { UNMATCHABLE_HASH, verifyPassword } from '../policy/password-hash';
import { AccountRepository } from '../store/account.repository';
import { LoginThrottleRepository } from '../store/login-throttle.repository';
import { AuditService } from './audit.service';
import { SessionService } from './session.service';
import { Role, ROLE_LABELS } from '../model/roles';

export interface LoginResult {
  token: string;
  expiresAt: string;
  mustChangePassword: boolean;
  account: { username: string; displayName: string; role: Role; roleLabel: string; windowNo: string | null };
}

/**
 * Login with failure handling: failures are counted per user NAME (known or not) within a window and
 * lock the name for a while; an unknown name, a closed account and a wrong password get the same
 * answer after the same work (one password hash check each).
 */
@Injectable()
export class LoginService {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly throttle: LoginThrottleRepository,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    @Inject(ACCOUNTS_SETTINGS) private readonly settings: AccountsSettings,
  ) {}

  async login(usernameRaw: string, password: string, client: { ip: string | null; userAgent: string | null }): Promise<LoginResult> {
    const username = usernameRaw.trim().toLowerCase();
    const now = new Date();
    const ctx = { actorName: username, clientIp: client.ip };
    const state = await this.throttle.get(username);
    const account = await this.accounts.findByUsername(username);
    const passwordOk = await verifyPassword(password, account?.passwordHash ?? UNMATCHABLE_HASH);

    if (state?.lockedUntil && state.lockedUntil.getTime() > now.getTime()) {
      await this.audit.record('LOGIN_LOCKED', ctx, { target: username, outcome: 'FAILURE', code: ReturnCode.ACCOUNT_LOCKED });
      throw new AppError(ReturnCode.ACCOUNT_LOCKED, `请于 ${beijingHourMinute(state.lockedUntil)}（北京时间）后再试，或联系安全管理员解锁`, {
        lockedUntil: toBeijingIso(state.lockedUntil),
      });
    }
    if (!account || account.status !== 'ACTIVE' || !account.role || !this.settings.roles.includes(account.role) || !passwordOk) {
      const inWindow = state && now.getTime() - state.windowStartedAt.getTime() < this.settings.failureWindowMs && !state.lockedUntil;
      const failures = inWindow ? state.failures + 1 : 1;
      const lockedUntil = failures >= this.settings.maxFailures ? new Date(now.getTime() + this.settings.lockMs) : null;
      await this.throttle.put(username, { failures, windowStartedAt: inWindow ? state.windowStartedAt : now, lockedUntil });
      await this.audit.record('LOGIN_FAILED', ctx, { target: username, outcome: 'FAILURE', code: ReturnCode.AUTH_FAILED, detail: { failures } });
      if (lockedUntil)
        await this.audit.record('LOCKOUT', ctx, {
          target: username,
          outcome: 'FAILURE',
          code: ReturnCode.ACCOUNT_LOCKED,
          detail: { lockedUntil: toBeijingIso(lockedUntil), failures },
        });
      throw new AppError(ReturnCode.AUTH_FAILED, '用户名或密码错误');
    }
    if (state) await this.throttle.clear(username);
    const mustChange = account.mustChangePassword || passwordExpired(account.passwordChangedAt, this.settings.policy, now);
    const session = await this.sessions.open(account.id, mustChange, client, now);
    await this.audit.record(
      'LOGIN',
      { actorName: account.username, clientIp: client.ip },
      { target: account.username, detail: { role: account.role, mustChangePassword: mustChange } },
    );
    return {
      token: session.token,
      expiresAt: toBeijingIso(session.expiresAt),
      mustChangePassword: mustChange,
      account: {
        username: account.username,
        displayName: account.displayName,
        role: account.role,
        roleLabel: ROLE_LABELS[account.role],
        windowNo: account.windowNo,
      },
    };
  }
}
