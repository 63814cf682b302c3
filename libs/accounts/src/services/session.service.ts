import { AppError, ReturnCode } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import { ACCOUNTS_SETTINGS, AccountsSettings } from '../accounts.settings';
import { Principal } from '../model/principal';
import { newSessionToken, sessionIdOf } from '../policy/password-hash';
import { SessionRepository } from '../store/session.repository';

/** last_seen_at is written at most this often per session (a write per request would be wasteful) */
const TOUCH_EVERY_MS = 5_000;

/**
 * Server-side sessions: the token is 256 random bits, only its SM3 digest is stored; every request
 * reads the session and its account, so a logout, a closed account or a role change takes effect on
 * the very next request, on every replica.
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly sessions: SessionRepository,
    @Inject(ACCOUNTS_SETTINGS) private readonly settings: AccountsSettings,
  ) {}

  async open(
    accountId: number,
    mustChangePassword: boolean,
    client: { ip: string | null; userAgent: string | null },
    now = new Date(),
  ): Promise<{ token: string; id: string; expiresAt: Date }> {
    const { token, id } = newSessionToken();
    const expiresAt = new Date(now.getTime() + this.settings.maxSessionMs);
    await this.sessions.insert({ id, accountId, mustChangePassword, expiresAt, clientIp: client.ip, userAgent: client.userAgent }, now);
    return { token, id, expiresAt };
  }

  /** The principal of a bearer token, or a 6002 refusal naming why (revoked, idle, expired, account closed). */
  async authenticate(token: string, now = new Date()): Promise<Principal> {
    if (token.length < 20 || token.length > 128) throw new AppError(ReturnCode.SESSION_ENDED);
    const id = sessionIdOf(token);
    const s = await this.sessions.find(id);
    if (!s) throw new AppError(ReturnCode.SESSION_ENDED);
    if (s.revokedAt) throw new AppError(ReturnCode.SESSION_ENDED, '会话已注销或被终止');
    if (s.accountStatus !== 'ACTIVE') {
      await this.sessions.revoke(id, 'ACCOUNT_DISABLED', now);
      throw new AppError(ReturnCode.SESSION_ENDED, '账号已停用');
    }
    if (s.expiresAt.getTime() <= now.getTime()) {
      await this.sessions.revoke(id, 'EXPIRED', now);
      throw new AppError(ReturnCode.SESSION_ENDED, '会话已超过最长时限');
    }
    if (now.getTime() - s.lastSeenAt.getTime() > this.settings.idleMs) {
      await this.sessions.revoke(id, 'IDLE', now);
      throw new AppError(ReturnCode.SESSION_ENDED, '长时间未操作，会话已超时');
    }
    if (now.getTime() - s.lastSeenAt.getTime() > Math.min(TOUCH_EVERY_MS, this.settings.idleMs / 4)) await this.sessions.touch(id, now);
    return {
      accountId: s.accountId,
      username: s.username,
      displayName: s.displayName,
      role: s.role,
      windowNo: s.windowNo,
      sessionId: id,
      mustChangePassword: s.mustChangePassword,
    };
  }

  revoke(id: string, reason: string, now = new Date()): Promise<void> {
    return this.sessions.revoke(id, reason, now);
  }

  revokeAll(accountId: number, reason: string, exceptId?: string, now = new Date()): Promise<number> {
    return this.sessions.revokeAll(accountId, reason, now, exceptId);
  }

  clearMustChange(id: string): Promise<void> {
    return this.sessions.clearMustChange(id);
  }
}
