import { AppError, ReturnCode } from '@app/common';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { OneWindowConfig } from '../config/one-window.config';
import { ClerkEntity } from './clerk.entity';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './password';
import { TokenService } from './token.service';

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @InjectRepository(ClerkEntity) private readonly clerks: Repository<ClerkEntity>,
    private readonly tokens: TokenService,
    @Inject(OneWindowConfig) private readonly config: OneWindowConfig,
  ) {}

  async login(username: string, password: string): Promise<{ token: string; clerk: { username: string; displayName: string; role: string; windowNo: string } }> {
    const clerk = await this.clerks.findOne({ where: { username } });
    // the same answer for unknown user, wrong password and closed account
    if (!clerk || !clerk.active || !(await verifyPassword(password, clerk.passwordHash))) {
      this.logger.warn({ msg: 'login refused', username });
      throw new AppError(ReturnCode.AUTH_FAILED, '用户名或密码错误');
    }
    return {
      token: this.tokens.sign({ sub: clerk.id, username: clerk.username, role: clerk.role }),
      clerk: { username: clerk.username, displayName: clerk.displayName, role: clerk.role, windowNo: clerk.windowNo },
    };
  }

  /** Creates or updates the accounts named in SEED_CLERKS; refuses passwords that fail the policy. */
  async seedClerks(spec: string | undefined): Promise<void> {
    if (!spec) return;
    for (const pair of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
      const idx = pair.indexOf(':');
      const username = pair.slice(0, idx);
      const password = pair.slice(idx + 1);
      if (idx <= 0 || !/^[a-z0-9_]{3,32}$/.test(username)) throw new Error(`SEED_CLERKS: bad entry for "${username}"`);
      const reason = checkPasswordPolicy(password, { minLength: this.config.PASSWORD_MIN_LENGTH, minClasses: this.config.PASSWORD_MIN_CLASSES }, username);
      if (reason) throw new Error(`SEED_CLERKS: password of ${username} refused: ${reason}`);
      const existing = await this.clerks.findOne({ where: { username } });
      if (existing && (await verifyPassword(password, existing.passwordHash))) continue;
      const passwordHash = await hashPassword(password);
      await this.clerks.save({
        ...(existing ?? {}),
        username,
        displayName: existing?.displayName ?? `窗口人员 ${username}`,
        passwordHash,
        role: existing?.role ?? (username.includes('approver') ? 'APPROVER' : 'OPERATOR'),
        windowNo: existing?.windowNo ?? username.replace(/\D/g, '').slice(-2).padStart(2, '0'),
        active: true,
        passwordChangedAt: new Date(),
      });
    }
  }
}
