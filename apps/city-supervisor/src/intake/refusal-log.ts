import { AppError } from '@app/common';
import { NODE_CODE_RE, REPORT_CATEGORIES, ReportCategory, MESSAGE_ID_RE, SecureTransport } from '@app/ops-contract';
import { Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work';
import { RefusalRepository } from './refusal.repository';

/** What a refused request claimed to be (unverified: a refusal may come before the signature check). */
export function claimedIdentity(raw: unknown): { nodeCode: string | null; category: ReportCategory | null; messageId: string | null } {
  const r = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const nodeCode = typeof r.nodeCode === 'string' && NODE_CODE_RE.test(r.nodeCode) ? r.nodeCode : null;
  const category = typeof r.category === 'string' && REPORT_CATEGORIES.includes(r.category as ReportCategory) ? (r.category as ReportCategory) : null;
  const messageId = typeof r.messageId === 'string' && MESSAGE_ID_RE.test(r.messageId) ? r.messageId : null;
  return { nodeCode, category, messageId };
}

/**
 * Keeps every refused report in city_refusal with what it claimed to be, and whether the claimed
 * node's signature had verified: only such refusals count in that node's reporting health, so an
 * unsigned or forged request cannot mark a node failing.
 */
@Injectable()
export class RefusalLog {
  private readonly logger = new Logger('ReportIntake');

  constructor(private readonly uow: UnitOfWork) {}

  /** `verifiedNode`: the sender whose signature verified before the refusal, null when refused before (or at) the signature check. */
  async record(raw: unknown, err: AppError, transport: SecureTransport, correlationId: string, at: Date, verifiedNode: string | null = null): Promise<void> {
    const who = claimedIdentity(raw);
    const senderVerified = verifiedNode !== null && verifiedNode === who.nodeCode;
    this.logger.warn({ msg: 'report refused', code: err.code, detail: err.message, transport, ...who, senderVerified });
    try {
      await this.uow.autocommit.get(RefusalRepository).insert({ ...who, senderVerified, code: err.code, detail: err.message, transport, correlationId, at });
    } catch (dbErr) {
      // the refusal is answered either way; only its record for the health view is lost
      this.logger.error({ msg: 'could not record a refusal', err: (dbErr as Error).message });
    }
  }
}
