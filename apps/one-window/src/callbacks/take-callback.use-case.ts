import { AppError, isTransientDbError, ReturnCode, RETURN_CODES, Repositories } from '@app/common';
import { CallbackStage, ConcludeOutcome, ItemResult, PLATFORM_PARTY, Stage, STAGE_RANK } from '@app/exchange-contract';
import { CallbackFile, CallbackRecord, FrontDbRegistry, TakeDecision, TakeResult } from '@app/front-db';
import { Injectable, Logger } from '@nestjs/common';
import { smsForTriggers, SmsTrigger } from '../applicant-sms/applicant-sms.events';
import { SmsEvent } from '../applicant-sms/applicant-sms.rules';
import { SupplementRequest } from '../applications/application-version.entity';
import { CallbackPatch, LockedForCallback, ApplicationRepository } from '../applications/application.repository';
import { OneWindowConfig } from '../config/one-window.config';
import { UnitOfWork } from '../database/unit-of-work';
import { pii } from '../database/pii';
import { InboxOutcome, CallbackInboxRepository } from './callback-inbox.repository';
import { checkCallbackContract } from './callback-contract';
import { decideCallback } from './callback-rules';
import { ApplicantSmsRepository } from '../applicant-sms/applicant-sms.repository';
import { ApplicationVersionRepository } from '../applications/application-version.repository';

export interface CallbackKey {
  applyNo: string;
  version: number;
  stage: CallbackStage;
}

type Outcome = InboxOutcome;
const OUTCOME_CODE: Record<Outcome, ReturnCode> = { APPLIED: ReturnCode.OK, STALE: ReturnCode.STALE_VERSION, REJECTED: ReturnCode.ILLEGAL_TRANSITION };

export function toItemResult(key: CallbackKey, r: TakeResult): ItemResult {
  const code =
    r.status === 'taken'
      ? ((r.code as ReturnCode | undefined) ?? OUTCOME_CODE[r.outcome])
      : r.status === 'already-taken'
        ? ReturnCode.DUPLICATE
        : r.status === 'missing'
          ? ReturnCode.RECORD_NOT_IN_FRONT_DB
          : r.status === 'failed'
            ? ReturnCode.INTERNAL
            : ReturnCode.DEFERRED;
  const note = r.status === 'taken' || r.status === 'deferred' ? r.note : undefined;
  return { ...key, code, message: note ? `${RETURN_CODES[code].message}：${note}` : RETURN_CODES[code].message };
}

/** Application, version, then SUPPLEMENT/ACCEPT before CONCLUDE: the order callbacks are applied in. */
export function byApplyOrder(a: CallbackKey, b: CallbackKey): number {
  return a.applyNo.localeCompare(b.applyNo) || a.version - b.version || STAGE_RANK[a.stage] - STAGE_RANK[b.stage];
}

type AppRow = LockedForCallback;

/**
 * 数据回调: takes department callbacks from the front DB exactly once, a whole notification
 * (or scan batch) at a time. Inside one front-DB transaction (records locked, no TAKEN row
 * yet) the platform applies them in one transaction of its own, guarded by the
 * callback_inbox primary key; then the front DB gets the TAKEN shadow rows. A crash
 * between the two commits is repaired by the next take: the inbox says what was applied,
 * only the shadow rows are added.
 */
@Injectable()
export class TakeCallbackUseCase {
  private readonly logger = new Logger(TakeCallbackUseCase.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly frontDbs: FrontDbRegistry,
    private readonly config: OneWindowConfig,
  ) {}

  async execute(deptCode: string, keys: CallbackKey[], via: 'NOTIFY' | 'SCAN', correlationId: string): Promise<TakeResult[]> {
    try {
      return await this.takeBatch(deptCode, keys, via, correlationId);
    } catch (err) {
      // transient or whole-department failures are retried by the caller as they are
      if (keys.length <= 1 || isTransientDbError(err) || (err instanceof AppError && err.code === ReturnCode.FRONT_DB_UNAVAILABLE)) throw err;
      // one bad record must not hold its batch-mates hostage: take each application on its own
      this.logger.warn({ msg: 'batch take failed; retrying application by application', dept: deptCode, count: keys.length, err: (err as Error).message });
      const results: TakeResult[] = new Array<TakeResult>(keys.length);
      for (const applyNo of new Set(keys.map((k) => k.applyNo))) {
        const idx = keys.flatMap((k, i) => (k.applyNo === applyNo ? [i] : []));
        try {
          const part = await this.takeBatch(
            deptCode,
            idx.map((i) => keys[i]),
            via,
            correlationId,
          );
          idx.forEach((i, j) => (results[i] = part[j]));
        } catch (e) {
          this.logger.error({ msg: 'callback cannot be taken; left untaken and retried later', dept: deptCode, applyNo, err: (e as Error).message });
          for (const i of idx) results[i] = { status: 'failed', error: (e as Error).message.slice(0, 200) };
        }
      }
      return results;
    }
  }

  private async takeBatch(deptCode: string, keys: CallbackKey[], via: 'NOTIFY' | 'SCAN', correlationId: string): Promise<TakeResult[]> {
    const front = this.frontDbs.get(deptCode);
    const cids = new Set<string>();
    const results = await front.takeCallbacks(keys, { party: PLATFORM_PARTY, operator: `platform/${via.toLowerCase()}`, correlationId }, (_q, candidates) => {
      for (const c of candidates) cids.add(c.record.correlationId);
      // no retry here: a transient failure fails the front-DB transaction too, and the caller retries both
      return this.uow.run((tx) => this.applyAll(tx, deptCode, candidates, via, correlationId), { retries: 0 });
    });
    const taken = keys.filter((_, i) => results[i].status === 'taken').map((k) => `${k.applyNo}#${k.version}:${k.stage}`);
    if (taken.length > 0) this.logger.log({ msg: 'callbacks taken', dept: deptCode, via, taken, cids: [...cids] });
    return results;
  }

  private async applyAll(
    tx: Repositories,
    deptCode: string,
    candidates: { record: CallbackRecord; files: CallbackFile[] }[],
    via: 'NOTIFY' | 'SCAN',
    cid: string,
  ): Promise<TakeDecision[]> {
    const applyNos = [...new Set(candidates.map((c) => c.record.applyNo))].sort();
    const prior = await tx.get(CallbackInboxRepository).priorOutcomes(applyNos);
    // locked in apply_no order, so concurrent takers never wait on each other in a cycle
    const apps = await tx.get(ApplicationRepository).lockForCallbacks(applyNos);
    const writes = new BatchWrites(this.config.applicantSmsOn);
    const decisions = candidates.map(({ record, files }) =>
      this.decideOne(deptCode, apps.get(record.applyNo), prior.get(`${record.applyNo}#${record.version}#${record.stage}`), record, files, via, cid, writes),
    );
    await writes.flush(tx);
    return decisions;
  }

  /** Rules on one callback against the (in-memory, locked) application and records what to write. */
  private decideOne(
    deptCode: string,
    app: AppRow | undefined,
    prior: Outcome | undefined,
    record: CallbackRecord,
    files: CallbackFile[],
    via: 'NOTIFY' | 'SCAN',
    cid: string,
    writes: BatchWrites,
  ): TakeDecision {
    const key = { applyNo: record.applyNo, version: record.version, stage: record.stage };
    if (prior) return { outcome: prior, note: 'already applied; shadow row repaired' };
    if (!app || app.deptCode !== deptCode) {
      const note = !app ? 'unknown application' : `application belongs to ${app.deptCode}`;
      this.logger.warn({ msg: 'callback rejected', ...key, dept: deptCode, note });
      // nothing to attach an inbox row to; the TAKEN shadow row records the rejection
      return { outcome: 'REJECTED', note, code: !app ? ReturnCode.NOT_FOUND : ReturnCode.DEPARTMENT_MISMATCH };
    }
    // a record that breaks the contract is refused once, before any rule on the state: nothing of it is applied
    const verdict = checkCallbackContract({ stage: record.stage, outcome: record.outcome, detail: record.detail, detailProblem: record.detailProblem }, files);
    if (!verdict.ok) {
      this.logger.warn({ msg: 'callback refused: it breaks the front-DB contract', ...key, dept: deptCode, code: verdict.code, note: verdict.note });
      return { outcome: 'REJECTED', note: verdict.note, code: verdict.code };
    }
    const decision = decideCallback(app, key);
    if (decision.kind === 'defer') return { defer: true, note: decision.note };
    const outcome: Outcome = decision.kind === 'apply' ? 'APPLIED' : decision.kind === 'stale' ? 'STALE' : 'REJECTED';
    const note = decision.kind === 'apply' ? null : decision.note;
    if (decision.kind === 'reject') this.logger.warn({ msg: 'illegal transition rejected', ...key, dept: deptCode, state: app.state, note });
    writes.inbox.push([
      key.applyNo,
      key.version,
      key.stage,
      deptCode,
      outcome,
      note,
      via,
      record.outcome,
      record.opinion.slice(0, 1000),
      // the detail may name persons (the express recipient and address of a 办结): encrypted at rest like the application's
      pii().encrypt(JSON.stringify(record.detail)),
      record.handledBy,
      record.handledAt,
      record.writtenAt ?? new Date(),
      record.correlationId || cid,
    ]);
    for (const f of files) writes.files.push([key.applyNo, key.version, key.stage, f.fileName, f.mimeType, f.sizeBytes, f.sm3, f.content]);
    if (decision.kind === 'apply') {
      app.state = decision.next; // the next callback of this batch sees the new state
      const patch = writes.apps.get(app.applyNo) ?? { state: decision.next };
      patch.state = decision.next;
      if (key.stage === Stage.CONCLUDE) {
        // checkCallbackContract let only these two through
        patch.result = record.outcome === ConcludeOutcome.REJECTED ? 'REJECTED' : 'APPROVED';
        patch.resultOpinion = record.opinion.slice(0, 1000);
        patch.concludedAt = record.handledAt;
        writes.smsOf({
          event: SmsEvent.CONCLUDED,
          applyNo: app.applyNo,
          version: key.version,
          result: patch.result,
          correlationId: record.correlationId || cid,
        });
      }
      writes.apps.set(app.applyNo, patch);
      if (key.stage === Stage.SUPPLEMENT) {
        const materials = Array.isArray(record.detail.materials) ? (record.detail.materials as SupplementRequest['materials']) : [];
        writes.supplements.push([
          JSON.stringify({
            opinion: record.opinion,
            materials,
            handledBy: record.handledBy,
            handledAt: record.handledAt.toISOString(),
          } satisfies SupplementRequest),
          app.applyNo,
          key.version,
        ]);
        writes.smsOf({
          event: SmsEvent.SUPPLEMENT,
          applyNo: app.applyNo,
          version: key.version,
          materialCodes: materials.map((m) => m.code),
          correlationId: record.correlationId || cid,
        });
      }
    }
    return note ? { outcome, note } : { outcome };
  }
}

/** What one batch of callbacks writes to the platform DB, flushed as a few multi-row statements. */
class BatchWrites {
  readonly inbox: unknown[][] = [];
  readonly files: unknown[][] = [];
  readonly supplements: unknown[][] = [];
  /** each application's final values; its state comes from decideCallback, i.e. the state machine */
  readonly apps = new Map<string, CallbackPatch>();
  /** the SMS to the applicant of the transitions applied (docs/applicant-sms.md): queued in the same transaction */
  readonly sms: SmsTrigger[] = [];

  constructor(private readonly smsOn: boolean) {}

  smsOf(t: SmsTrigger): void {
    if (this.smsOn) this.sms.push(t);
  }

  async flush(tx: Repositories): Promise<void> {
    if (this.sms.length > 0)
      await tx
        .get(ApplicantSmsRepository)
        .queue(smsForTriggers(this.sms, await tx.get(ApplicationRepository).smsFacts([...new Set(this.sms.map((t) => t.applyNo))])));
    await tx.get(CallbackInboxRepository).insertMany(this.inbox);
    await tx.get(CallbackInboxRepository).insertResultFiles(this.files);
    await tx.get(ApplicationVersionRepository).setSupplementRequests(this.supplements);
    await tx.get(ApplicationRepository).applyCallbackPatches(this.apps);
  }
}
