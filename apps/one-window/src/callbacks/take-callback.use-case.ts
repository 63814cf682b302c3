import { insertRow } from '../database/insert-row';
import { ReturnCode, RETURN_CODES } from '@app/common';
import { CallbackStage, ConcludeOutcome, ItemResult, PLATFORM_PARTY, Stage } from '@app/exchange-contract';
import { FrontDbClient, FrontDbRegistry, TakeDecision, TakeResult } from '@app/front-db';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { ApplicationVersionEntity, SupplementRequest } from '../applications/application-version.entity';
import { ApplicationEntity, ApplicationState } from '../applications/application.entity';
import { CallbackInboxEntity } from './callback-inbox.entity';
import { decideCallback } from './callback-rules';
import { ResultFileEntity } from './result-file.entity';

export interface CallbackKey {
  applyNo: string;
  version: number;
  stage: CallbackStage;
}

const OUTCOME_CODE: Record<string, ReturnCode> = { APPLIED: ReturnCode.OK, STALE: ReturnCode.STALE_VERSION, REJECTED: ReturnCode.ILLEGAL_TRANSITION };

export function toItemResult(key: CallbackKey, r: TakeResult): ItemResult {
  const code =
    r.status === 'taken' ? OUTCOME_CODE[r.outcome]
    : r.status === 'already-taken' ? ReturnCode.DUPLICATE
    : r.status === 'missing' ? ReturnCode.RECORD_NOT_IN_FRONT_DB
    : ReturnCode.DEFERRED;
  const note = r.status === 'taken' || r.status === 'deferred' ? r.note : undefined;
  return { ...key, code, message: note ? `${RETURN_CODES[code].message}：${note}` : RETURN_CODES[code].message };
}

/**
 * 数据回调: takes one department callback from the front DB exactly once.
 * Inside the front-DB take transaction (record locked, no TAKEN row yet) the platform
 * applies the callback in its own transaction, guarded by the callback_inbox primary key;
 * then the front DB gets the TAKEN shadow row. A crash between the two commits is
 * repaired by the next take: the inbox says it was applied, only the shadow row is added.
 */
@Injectable()
export class TakeCallbackUseCase {
  private readonly logger = new Logger(TakeCallbackUseCase.name);

  constructor(
    private readonly ds: DataSource,
    private readonly frontDbs: FrontDbRegistry,
  ) {}

  async execute(deptCode: string, key: CallbackKey, via: 'NOTIFY' | 'SCAN', correlationId: string): Promise<TakeResult> {
    const front = this.frontDbs.get(deptCode);
    return front.take({ ...key }, { party: PLATFORM_PARTY, operator: `platform/${via.toLowerCase()}`, correlationId }, (fq) => this.apply(front, fq, deptCode, key, via, correlationId));
  }

  private async apply(front: FrontDbClient, fq: QueryRunner, deptCode: string, key: CallbackKey, via: 'NOTIFY' | 'SCAN', cid: string): Promise<TakeDecision> {
    const found = await front.readCallback(fq, key.applyNo, key.version, key.stage);
    if (!found) return { defer: true, note: 'record vanished' };
    const { record, files } = found;
    return this.ds.transaction(async (em): Promise<TakeDecision> => {
      const prior = await em.findOne(CallbackInboxEntity, { where: { applyNo: key.applyNo, version: key.version, stage: key.stage } });
      if (prior) return { outcome: prior.outcome, note: 'already applied; shadow row repaired' };
      const app = await em.findOne(ApplicationEntity, { where: { applyNo: key.applyNo }, lock: { mode: 'pessimistic_write' } });
      if (!app || app.deptCode !== deptCode) {
        const note = !app ? 'unknown application' : `application belongs to ${app.deptCode}`;
        this.logger.warn({ msg: 'callback rejected', ...key, dept: deptCode, note });
        // Nothing to attach an inbox row to; the TAKEN shadow row records the rejection.
        return { outcome: 'REJECTED', note };
      }
      const decision = decideCallback(app, key);
      if (decision.kind === 'defer') return { defer: true, note: decision.note };
      const outcome = decision.kind === 'apply' ? 'APPLIED' : decision.kind === 'stale' ? 'STALE' : 'REJECTED';
      const note = decision.kind === 'apply' ? null : decision.note;
      if (decision.kind === 'reject') this.logger.warn({ msg: 'illegal transition rejected', ...key, dept: deptCode, state: app.state, note });
      await insertRow(em, CallbackInboxEntity, em.create(CallbackInboxEntity, {
        ...key,
        deptCode,
        outcome,
        note,
        via,
        concludeOutcome: record.outcome,
        opinion: record.opinion,
        detail: record.detail,
        handledBy: record.handledBy,
        handledAt: record.handledAt,
        writtenAt: record.writtenAt ?? new Date(),
        takenAt: new Date(),
        correlationId: cid,
      }));
      if (files.length > 0) {
        await em.upsert(ResultFileEntity, files.map((f) => ({ applyNo: key.applyNo, version: key.version, stage: key.stage, ...f })), ['applyNo', 'version', 'stage', 'fileName']);
      }
      if (decision.kind === 'apply') await this.transition(em, app, key, decision.next, record);
      return note ? { outcome, note } : { outcome };
    });
  }

  private async transition(em: EntityManager, app: ApplicationEntity, key: CallbackKey, next: ApplicationState, record: { outcome: ConcludeOutcome | null; opinion: string; detail: Record<string, unknown>; handledBy: string; handledAt: Date }): Promise<void> {
    if (key.stage === Stage.SUPPLEMENT) {
      const materials = Array.isArray(record.detail.materials) ? (record.detail.materials as SupplementRequest['materials']) : [];
      await em.update(ApplicationVersionEntity, { applyNo: app.applyNo, version: key.version }, {
        supplementRequest: { opinion: record.opinion, materials, handledBy: record.handledBy, handledAt: record.handledAt.toISOString() },
      });
    }
    const patch: Partial<ApplicationEntity> = { state: next };
    if (key.stage === Stage.CONCLUDE) {
      patch.result = record.outcome === ConcludeOutcome.REJECTED ? 'REJECTED' : 'APPROVED';
      patch.resultOpinion = record.opinion.slice(0, 1000);
      patch.concludedAt = record.handledAt;
    }
    await em.update(ApplicationEntity, { applyNo: app.applyNo }, patch);
  }
}
