import { backoffMs, chunkBySize, runWithCorrelation } from '@app/common';
import { DepartmentConfig, PLATFORM_PARTY, PeerCallError, Topology } from '@app/exchange-contract';
import { AcceptanceRecord, DeliveryAddress, FrontDbRegistry } from '@app/front-db';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CatalogService } from '../catalog/catalog.service';
import { openPiiJson, pii } from '../database/pii';
import { OneWindowConfig, TOPOLOGY } from '../config/one-window.config';
import { UnitOfWork } from '../database/unit-of-work';
import { AnswerVerdict, judgeAcceptanceAnswer, judgeCallFailure } from './acceptance-answer';
import { DepartmentNotifier } from './department-notifier';
import { OutboxState } from './dispatch-outbox.entity';
import { BackoffGroup, ClaimedRow, DispatchOutboxRepository } from './dispatch-outbox.repository';
import { ApplicationRepository } from '../applications/application.repository';
import { ApplicationMaterialRepository } from '../applications/application-material.repository';
import { ApplicationVersionRepository } from '../applications/application-version.repository';

/** A material whose content is not loaded (yet, or any more). */
const NO_CONTENT = Buffer.alloc(0);

type Claimed = ClaimedRow;

const rowKey = (r: { applyNo: string; version: number }): string => `${r.applyNo}#${r.version}`;

/**
 * 数据分发 for one batch of outbox rows:
 *  1. claim due rows (FOR UPDATE SKIP LOCKED + a lease, so replicas never share a row);
 *  2. write the acceptance, its materials and the WRITTEN shadow row into the department's
 *     front DB in one transaction (idempotent: a repeat after a crash changes nothing);
 *  3. notify the department with one message for the whole batch;
 *  4. record the outcome in ONE platform transaction: NOTIFIED rows, or WRITTEN rows with a
 *     backoff, and the applications DISPATCHED either way. A timeout or error is "unknown":
 *     the row is retried and, after the last attempt, left to the department's shadow-table
 *     scan — a delay, never a loss. An answer that refuses the message itself (1002–1008,
 *     2004, …) is not resent: UNNOTIFIED at once (acceptance-answer.ts). A row the department
 *     has taken anyway (its TAKEN shadow row) is settled as TAKEN — here, before a re-send, and
 *     by OutboxReconcileJob for rows already UNNOTIFIED.
 * A crash between 2 and 4 leaves the row PENDING under its lease: the retry re-writes the front
 * DB (a no-op) and notifies again; the department answers "already taken" for what it has.
 * Until step 4 the application shows SUBMITTED although the department may already hold it;
 * the callback rules treat SUBMITTED and DISPATCHED alike for that reason.
 */
@Injectable()
export class DispatchBatchUseCase {
  private readonly logger = new Logger(DispatchBatchUseCase.name);
  private readonly depts: Map<string, DepartmentConfig>;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly frontDbs: FrontDbRegistry,
    private readonly notifier: DepartmentNotifier,
    private readonly catalog: CatalogService,
    @Inject(OneWindowConfig) private readonly config: OneWindowConfig,
    @Inject(TOPOLOGY) topology: Topology,
  ) {
    this.depts = new Map(topology.departments.map((d) => [d.code, d]));
  }

  /** Returns how many outbox rows it handled (0 = nothing due). */
  async execute(): Promise<number> {
    const claimed = await this.claim();
    if (claimed.length === 0) return 0;
    const byDept = new Map<string, Claimed[]>();
    for (const c of claimed) byDept.set(c.deptCode, [...(byDept.get(c.deptCode) ?? []), c]);
    // departments are independent: their front DBs and endpoints are written and called in parallel
    const settled = await Promise.allSettled(
      [...byDept].map(([code, rows]) => runWithCorrelation(rows[0].correlationId, () => this.dispatchToDepartment(code, rows))),
    );
    for (const r of settled) {
      // rows of a failed department keep their lease and are retried when it expires
      if (r.status === 'rejected') this.logger.error({ msg: 'dispatch to a department failed', err: (r.reason as Error).message });
    }
    return claimed.length;
  }

  /** READ COMMITTED (the unit of work): no gap locks, so submissions inserting new outbox rows never wait on a claim. */
  private async claim(): Promise<Claimed[]> {
    return this.uow.run((tx) => tx.get(DispatchOutboxRepository).claimDue(this.config.DISPATCH_BATCH, this.config.DISPATCH_LEASE_MS));
  }

  private async dispatchToDepartment(deptCode: string, claimed: Claimed[]): Promise<void> {
    let rows = claimed;
    const dept = this.depts.get(deptCode);
    if (!dept) {
      await this.reschedule(rows, `department ${deptCode} is not in the topology`);
      return;
    }
    const pending = rows.filter((r) => r.state === OutboxState.PENDING);
    let writtenAt: Date | undefined;
    if (pending.length > 0) {
      try {
        await this.writeToFrontDb(deptCode, pending);
        writtenAt = new Date();
      } catch (err) {
        this.logger.warn({ msg: 'front DB write failed; will retry', dept: deptCode, count: pending.length, err: (err as Error).message });
        await this.reschedule(rows, `front DB: ${(err as Error).message}`);
        return;
      }
      this.crashPoint();
    }
    // from here every row is in the front DB (WRITTEN rows were written by an earlier attempt);
    // a row being notified again may have been taken meanwhile by the department's scan: settled, not resent
    const again = rows.filter((r) => r.state === OutboxState.WRITTEN);
    const taken = await this.takenByDepartment(deptCode, again);
    if (taken.size > 0) {
      await this.recordOutcome(
        rows.filter((r) => taken.has(rowKey(r))).map((row) => ({ row, outcome: 'taken' as const, error: null })),
        writtenAt,
      );
      rows = rows.filter((r) => !taken.has(rowKey(r)));
      if (rows.length === 0) return;
    }
    await this.notify(dept, rows, writtenAt);
  }

  /**
   * The batch in front-DB transactions of at most DISPATCH_TX_BYTES of materials each (each
   * idempotent; the notification follows the last), so neither a transaction nor this process
   * holds more than that of file content at once.
   */
  private async writeToFrontDb(deptCode: string, rows: Claimed[]): Promise<void> {
    const records = await this.loadRecords(rows);
    const front = this.frontDbs.get(deptCode);
    const chunks = chunkBySize(records, (r) => r.materials.reduce((n, m) => n + m.sizeBytes, 0), this.config.DISPATCH_TX_BYTES);
    if (chunks.length > 1) this.logger.log({ msg: 'front DB write split by size', dept: deptCode, applications: records.length, transactions: chunks.length });
    for (const chunk of chunks) {
      await this.loadContents(chunk);
      await front.writeAcceptances(chunk, PLATFORM_PARTY);
      for (const r of chunk) for (const m of r.materials) m.content = NO_CONTENT;
    }
  }

  /** The file contents of these records' materials, one query. */
  private async loadContents(records: AcceptanceRecord[]): Promise<void> {
    const rows = await this.uow.autocommit.get(ApplicationMaterialRepository).contents(
      records.map((r) => r.applyNo),
      [...new Set(records.map((r) => r.version))],
    );
    const content = new Map(rows.map((m) => [`${m.apply_no}#${Number(m.version)}#${m.material_code}`, m.content]));
    for (const r of records) {
      for (const m of r.materials) {
        const c = content.get(`${r.applyNo}#${r.version}#${m.materialCode}`);
        if (!c) throw new Error(`material ${m.materialCode} of ${r.applyNo} v${r.version} vanished`);
        m.content = c;
      }
    }
  }

  /** Three queries for the whole batch, materials without their content; versions are matched in memory (no row-constructor IN, which skips the index). */
  private async loadRecords(rows: Claimed[]): Promise<AcceptanceRecord[]> {
    const applyNos = rows.map((r) => r.applyNo);
    type Row = Record<string, unknown>;
    // autocommit: the three reads run in parallel on pooled connections
    const repos = this.uow.autocommit;
    const [apps, versions, materials] = (await Promise.all([
      repos.get(ApplicationRepository).loadForDispatch(applyNos),
      repos.get(ApplicationVersionRepository).loadForDispatch(applyNos),
      repos.get(ApplicationMaterialRepository).metaForDispatch(applyNos),
    ])) as [Row[], Row[], Row[]];
    const records: AcceptanceRecord[] = [];
    for (const r of rows) {
      const app = apps.find((a) => a.apply_no === r.applyNo);
      const ver = versions.find((v) => v.apply_no === r.applyNo && Number(v.version) === r.version);
      if (!app || !ver) throw new Error(`outbox ${r.id}: application ${r.applyNo} v${r.version} not found`);
      const item = await this.catalog.get(String(app.item_code));
      records.push({
        applyNo: r.applyNo,
        version: r.version,
        itemCode: item.code,
        itemName: item.name,
        deptCode: String(app.dept_code),
        applicantType: app.applicant_type as 'PERSON' | 'ORG',
        applicantName: String(app.applicant_name),
        // the department receives the numbers in clear through its front DB (the contract); the platform keeps them encrypted
        applicantIdNo: pii().decrypt(String(app.applicant_id_no)),
        applicantPhone: pii().decrypt(String(app.applicant_phone)),
        formData: openPiiJson<Record<string, unknown>>(String(ver.form_data)),
        acceptedBy: String(ver.submitted_by ?? app.created_by),
        acceptedAt: (ver.submitted_at ?? app.created_at) as Date,
        correlationId: r.correlationId,
        // front-DB contract version 2 (written only where the department's tables have the columns)
        deliveryMethod: app.delivery_method as 'PICKUP' | 'EXPRESS',
        // the department's contract has the address in clear (docs/front-db.md); the platform keeps it encrypted
        deliveryAddress: app.delivery_address ? openPiiJson<DeliveryAddress>(String(app.delivery_address)) : null,
        materials: materials
          .filter((m) => m.apply_no === r.applyNo && Number(m.version) === r.version)
          .map((m) => ({
            materialCode: String(m.material_code),
            materialName: String(m.material_name),
            fileName: String(m.file_name),
            mimeType: String(m.mime_type),
            sizeBytes: Number(m.size_bytes),
            sm3: String(m.sm3),
            content: NO_CONTENT,
          })),
      });
    }
    return records;
  }

  /** Test-only: lets the crash test kill the process between the front-DB commit and the bookkeeping. */
  private crashPoint(): void {
    if (this.config.FAULT_CRASH_POINT === 'after-front-insert') {
      process.stderr.write('FAULT_CRASH_POINT after-front-insert: SIGKILL\n');
      process.kill(process.pid, 'SIGKILL');
    }
  }

  private async notify(dept: DepartmentConfig, rows: Claimed[], writtenAt: Date | undefined): Promise<void> {
    const cid = rows[0].correlationId;
    const verdicts = new Map<string, { verdict: AnswerVerdict; error: string | null }>();
    try {
      const results = await this.notifier.notifyAcceptance(
        dept,
        rows.map((r) => ({ applyNo: r.applyNo, version: r.version })),
        cid,
      );
      const codes = new Map(results.map((r) => [rowKey(r), r.code]));
      for (const r of rows) {
        const code = codes.get(rowKey(r));
        const verdict = judgeAcceptanceAnswer(code);
        verdicts.set(rowKey(r), { verdict, error: verdict === 'settled' ? null : `department answered ${code ?? 'without this item'}` });
      }
      const done = rows.filter((r) => verdicts.get(rowKey(r))!.verdict === 'settled');
      this.logger.log({
        msg: 'dispatched',
        dept: dept.code,
        notified: done.map(rowKey),
        cids: [...new Set(rows.map((r) => r.correlationId))],
        open: rows.length - done.length,
      });
      const refused = rows.filter((r) => verdicts.get(rowKey(r))!.verdict === 'give-up');
      if (refused.length > 0)
        this.logger.error({
          msg: 'department refused notification items; left to its scan',
          dept: dept.code,
          items: refused.map((r) => `${rowKey(r)}: ${verdicts.get(rowKey(r))!.error}`),
        });
    } catch (err) {
      const e = err as PeerCallError;
      const verdict = judgeCallFailure(e);
      for (const r of rows) verdicts.set(rowKey(r), { verdict, error: `${e.kind ?? 'error'}: ${e.message}` });
      if (verdict === 'give-up')
        this.logger.error({ msg: 'department refused the notification; left to its scan', dept: dept.code, code: e.code, count: rows.length, err: e.message });
      else this.logger.warn({ msg: 'notification failed; outcome unknown, will retry', dept: dept.code, kind: e.kind, count: rows.length, err: e.message });
    }
    // whatever the answer, what the department has already taken (its scan) is settled
    const open = rows.filter((r) => verdicts.get(rowKey(r))!.verdict !== 'settled');
    const taken = await this.takenByDepartment(dept.code, open);
    await this.recordOutcome(
      rows.map((r) => {
        const v = verdicts.get(rowKey(r))!;
        return { row: r, outcome: v.verdict === 'settled' ? 'notified' : taken.has(rowKey(r)) ? 'taken' : v.verdict, error: v.error };
      }),
      writtenAt,
    );
  }

  /** The rows whose acceptance the department has taken (TAKEN shadow row); none when its front DB cannot be read now. */
  private async takenByDepartment(deptCode: string, rows: Claimed[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    try {
      return await this.frontDbs.get(deptCode).takenAcceptances(rows);
    } catch (err) {
      this.logger.warn({ msg: 'could not read the shadow table; rows stay open', dept: deptCode, err: (err as Error).message });
      return new Set();
    }
  }

  /**
   * One platform transaction per department batch: notified rows become NOTIFIED, rows the
   * department took anyway TAKEN, refused ones UNNOTIFIED at once, the others WRITTEN with a
   * backoff (UNNOTIFIED after the last attempt); and the applications of all of them
   * DISPATCHED — only those still SUBMITTED at that version (a quick callback may already
   * have moved one on).
   */
  private async recordOutcome(
    outcomes: { row: Claimed; outcome: 'notified' | 'taken' | AnswerVerdict; error: string | null }[],
    writtenAt: Date | undefined,
  ): Promise<void> {
    const ids = (o: typeof outcomes) => o.map((x) => x.row.id);
    const notified = outcomes.filter((o) => o.outcome === 'notified');
    const settledByTake = outcomes.filter((o) => o.outcome === 'taken');
    const open = outcomes.filter((o) => o.outcome === 'retry' || o.outcome === 'give-up');
    await this.uow.run(async (tx) => {
      await tx.get(DispatchOutboxRepository).markNotified(ids(notified), writtenAt);
      await tx.get(DispatchOutboxRepository).markTaken(ids(settledByTake), writtenAt);
      for (const group of this.byBackoff(open)) await tx.get(DispatchOutboxRepository).markOpen(group, writtenAt);
      await tx.get(ApplicationRepository).markDispatched(ids(outcomes));
    });
  }

  /** Nothing new reached the front DB: backoff; a WRITTEN row past its last attempt is left to the department's scan. */
  private async reschedule(rows: Claimed[], error: string): Promise<void> {
    for (const group of this.byBackoff(rows.map((row) => ({ row, outcome: 'retry' as const, error }))))
      await this.uow.autocommit.get(DispatchOutboxRepository).reschedule(group);
  }

  /** Rows grouped by their backoff and error (they share the backoff when they share the attempt count); a refused row gives up at once. */
  private byBackoff(outcomes: { row: Claimed; outcome: AnswerVerdict | 'notified' | 'taken'; error: string | null }[]): BackoffGroup[] {
    const groups = new Map<string, BackoffGroup>();
    for (const { row, outcome, error } of outcomes) {
      const giveUp = outcome === 'give-up' || row.attempts >= this.config.DISPATCH_MAX_NOTIFY_ATTEMPTS;
      const k = `${row.attempts}|${giveUp}|${error ?? ''}`;
      const g = groups.get(k) ?? { delayMs: backoffMs(row.attempts, 500, 60_000), giveUp, error: error ?? '', ids: [] };
      g.ids.push(row.id);
      groups.set(k, g);
    }
    return [...groups.values()];
  }
}
