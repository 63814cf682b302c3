import { ReturnCode, RETURN_CODES } from '@app/common';
import { CallbackStage, ConcludeOutcome, ItemResult, PLATFORM_PARTY, Stage } from '@app/exchange-contract';
import { FrontDbClient, FrontDbRegistry, TakeDecision, TakeResult } from '@app/front-db';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { SupplementRequest } from '../applications/application-version.entity';
import { ApplicationEntity, ApplicationState } from '../applications/application.entity';
import { decideCallback } from './callback-rules';

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
    return this.ds.transaction('READ COMMITTED', async (em): Promise<TakeDecision> => {
      const prior = (await em.query('SELECT outcome FROM callback_inbox WHERE apply_no = ? AND version = ? AND stage = ?', [key.applyNo, key.version, key.stage])) as { outcome: 'APPLIED' | 'STALE' | 'REJECTED' }[];
      if (prior.length > 0) return { outcome: prior[0].outcome, note: 'already applied; shadow row repaired' };
      const apps = (await em.query('SELECT apply_no AS applyNo, dept_code AS deptCode, state, current_version AS currentVersion FROM application WHERE apply_no = ? FOR UPDATE', [key.applyNo])) as Pick<ApplicationEntity, 'applyNo' | 'deptCode' | 'state' | 'currentVersion'>[];
      const app = apps[0] ? { ...apps[0], currentVersion: Number(apps[0].currentVersion) } : undefined;
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
      await em.query(
        `INSERT INTO callback_inbox (apply_no, version, stage, dept_code, outcome, note, via, conclude_outcome, opinion, detail, handled_by, handled_at, written_at, taken_at, correlation_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NOW(3), ?)`,
        [key.applyNo, key.version, key.stage, deptCode, outcome, note, via, record.outcome, record.opinion.slice(0, 1000), JSON.stringify(record.detail), record.handledBy, record.handledAt, record.writtenAt ?? new Date(), cid],
      );
      for (const f of files) {
        await em.query(
          'INSERT INTO result_file (apply_no, version, stage, file_name, mime_type, size_bytes, sm3, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE sm3 = VALUES(sm3)',
          [key.applyNo, key.version, key.stage, f.fileName, f.mimeType, f.sizeBytes, f.sm3, f.content],
        );
      }
      if (decision.kind === 'apply') await this.transition(em, app.applyNo, key, decision.next, record);
      return note ? { outcome, note } : { outcome };
    });
  }

  private async transition(em: EntityManager, applyNo: string, key: CallbackKey, next: ApplicationState, record: { outcome: ConcludeOutcome | null; opinion: string; detail: Record<string, unknown>; handledBy: string; handledAt: Date }): Promise<void> {
    if (key.stage === Stage.SUPPLEMENT) {
      const materials = Array.isArray(record.detail.materials) ? (record.detail.materials as SupplementRequest['materials']) : [];
      const request: SupplementRequest = { opinion: record.opinion, materials, handledBy: record.handledBy, handledAt: record.handledAt.toISOString() };
      await em.query('UPDATE application_version SET supplement_request = ? WHERE apply_no = ? AND version = ?', [JSON.stringify(request), applyNo, key.version]);
    }
    if (key.stage === Stage.CONCLUDE) {
      const result = record.outcome === ConcludeOutcome.REJECTED ? 'REJECTED' : 'APPROVED';
      await em.query('UPDATE application SET state = ?, result = ?, result_opinion = ?, concluded_at = ? WHERE apply_no = ?', [next, result, record.opinion.slice(0, 1000), record.handledAt, applyNo]);
    } else {
      await em.query('UPDATE application SET state = ? WHERE apply_no = ?', [next, applyNo]);
    }
  }
}
