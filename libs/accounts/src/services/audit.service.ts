import { currentCorrelationId, maskNumbersInText, redactPersonalData } from '@app/common';
import { Injectable, Logger } from '@nestjs/common';
import { Principal } from '../model/principal';
import { AuditEntry, AuditFilter, AuditRepository } from '../store/audit.repository';

/** Events of the audit log (besides CALL, one per state-changing request). */
export type AuditEvent =
  | 'LOGIN'
  | 'LOGIN_FAILED'
  | 'LOGIN_LOCKED'
  | 'LOCKOUT'
  | 'LOGOUT'
  | 'SESSION_ENDED'
  | 'PASSWORD_CHANGED'
  | 'PASSWORD_CHANGE_FAILED'
  | 'ACCOUNT_CREATED'
  | 'ACCOUNT_UPDATED'
  | 'ACCOUNT_DISABLED'
  | 'ACCOUNT_ENABLED'
  | 'ACCOUNT_UNLOCKED'
  | 'PASSWORD_RESET'
  | 'ACCOUNT_SEEDED'
  | 'ACCESS_DENIED'
  | 'CALL';

export interface AuditContext {
  principal?: Principal | null;
  /** a name for a non-session actor: the login name tried, or 'installation' */
  actorName?: string | null;
  clientIp?: string | null;
}

/**
 * Writes the audit log. A write that fails is logged loudly but does not turn the business call
 * into a failure after the fact (the change is committed by then); the JSON log keeps the entry.
 */
@Injectable()
export class AuditService {
  private readonly logger = new Logger('Audit');

  constructor(private readonly repo: AuditRepository) {}

  async record(
    event: AuditEvent,
    ctx: AuditContext,
    e: { target?: string | null; outcome?: 'SUCCESS' | 'FAILURE'; code?: string | null; detail?: Record<string, unknown> | null },
  ): Promise<void> {
    const entry: AuditEntry = {
      actor: ctx.principal?.username ?? ctx.actorName ?? null,
      actorRole: ctx.principal?.role ?? null,
      event,
      target: e.target ? maskNumbersInText(e.target) : null,
      outcome: e.outcome ?? 'SUCCESS',
      code: e.code ?? null,
      // whatever a caller put in the detail, personal data is masked and secrets dropped (docs/security.md, "Audit log")
      detail: e.detail ? (redactPersonalData(e.detail) as Record<string, unknown>) : null,
      clientIp: ctx.clientIp ?? null,
      cid: currentCorrelationId() ?? null,
    };
    this.logger.log({ msg: 'audit', ...entry });
    try {
      await this.repo.append(entry, new Date());
    } catch (err) {
      this.logger.error({ msg: 'audit log write failed', event, err: (err as Error).message });
    }
  }

  query(f: AuditFilter) {
    return this.repo.query(f);
  }
}
