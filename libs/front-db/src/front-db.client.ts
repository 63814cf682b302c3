import { Stage } from '@app/exchange-contract';
import { DataSource, QueryRunner } from 'typeorm';
import { AcceptanceRecord, CallbackFile, CallbackRecord, ShadowRow, TakeDecision, TakeResult } from './front-db.types';
import { readAcceptanceRows, readShadowRows, takenAcceptanceKeys } from './front-db.reader';
import { coversAll, RecordKey, Row, ShadowInsert, TakeWho, toCallback } from './front-db.rows';
import { SCAN_FLOOR_SAFETY_MS, ScanFloors, ScanKind, untakenSql } from './front-db.scan';
import { settleTake } from './front-db.take';
import { insertAcceptances, insertCallbacks, insertShadowRows } from './front-db.writer';
import { FRONT_DB_CONTRACT_VERSION, FrontDbContractVersion } from './front-db.ddl';
import { detectContractVersion } from './front-db.schema-check';

/** How often a front DB below the current contract version is looked at again (its department may upgrade it while we run). */
export const CONTRACT_RECHECK_MS = 60_000;

// the public names of the front-DB client, wherever their code lives now
export type { RecordKey, ShadowInsert, TakeWho } from './front-db.rows';
export { SCAN_FLOOR_SAFETY_MS, SCAN_FULL_PASS_MS, type ScanKind } from './front-db.scan';

/**
 * Everything either side does to one department's front-end database.
 * The platform writes acceptances and takes callbacks; the department does the reverse.
 */
export class FrontDbClient {
  private readonly floors = new ScanFloors();
  private versionCheckedAt = Date.now();

  constructor(
    readonly deptCode: string,
    readonly ds: DataSource,
    private version: FrontDbContractVersion = 1,
  ) {}

  /** The contract version of this front DB's tables (docs/front-db.md, "Contract versions"). */
  get contractVersion(): FrontDbContractVersion {
    return this.version;
  }

  /** A front DB below the current version is judged again now and then: after its department's upgrade, version-2 data travels without a restart. */
  private async refreshVersion(): Promise<void> {
    if (this.version >= FRONT_DB_CONTRACT_VERSION || Date.now() - this.versionCheckedAt < CONTRACT_RECHECK_MS) return;
    this.versionCheckedAt = Date.now();
    this.version = await detectContractVersion(this.ds);
  }

  // ---------------------------------------------------------------- writers

  /**
   * Idempotent: re-writing a record already present (after a crash) changes nothing. The delivery
   * columns (contract version 2) are written only into a front DB that has them.
   */
  async writeAcceptances(records: AcceptanceRecord[], party: string): Promise<void> {
    if (records.length === 0) return;
    await this.refreshVersion();
    await this.inTx(async (q) => {
      const shadows = await insertAcceptances(q, records, party, this.version);
      await this.insertShadows(q, shadows);
    });
  }

  /** Writes one callback with its files and WRITTEN shadow row (idempotent). */
  async writeCallback(q: QueryRunner, cb: CallbackRecord, files: CallbackFile[], party: string): Promise<void> {
    await this.writeCallbacks(q, [{ record: cb, files }], party);
  }

  /**
   * Writes callbacks with their files and WRITTEN shadow rows in four statements whatever
   * their number. Idempotent: a record already present keeps its id and content.
   */
  async writeCallbacks(q: QueryRunner, items: { record: CallbackRecord; files: CallbackFile[] }[], party: string): Promise<void> {
    if (items.length === 0) return;
    await this.insertShadows(q, await insertCallbacks(q, items, party));
  }

  async insertShadows(q: QueryRunner, rows: ShadowInsert[]): Promise<void> {
    await insertShadowRows(q, rows);
  }

  // ---------------------------------------------------------------- readers

  /**
   * Records of the given kind that have no TAKEN shadow row and are older than lagMs,
   * oldest first. Non-locking: each candidate is claimed by take() afterwards.
   * Without an applyNo filter this is the periodic scan, and it starts at the kind's scan
   * floor instead of the first row ever written (see ScanFloors.advance), so its cost follows the
   * recent rows, not the size of the table.
   */
  async listUntaken(kind: ScanKind, lagMs: number, limit: number, applyNo?: string | string[]): Promise<{ applyNo: string; version: number; stage: Stage }[]> {
    const floor = applyNo ? undefined : this.floors.forScan(kind);
    const conds = [floor ? 'AND r.written_at >= ?' : '', applyNo ? 'AND r.apply_no IN (?)' : ''].join(' ');
    const sql = untakenSql(kind, conds);
    // the horizon is read before the scan, so it never runs ahead of what the scan saw
    const horizon = applyNo
      ? undefined
      : ((await this.ds.query('SELECT NOW(3) - INTERVAL ? MICROSECOND AS h', [(lagMs + SCAN_FLOOR_SAFETY_MS) * 1000])) as { h: Date }[])[0].h;
    const params: unknown[] = [lagMs * 1000];
    if (floor) params.push(floor);
    if (applyNo) params.push(applyNo);
    params.push(limit);
    const rows = (await this.ds.query(sql, params)) as Row[];
    if (horizon)
      this.floors.advance(
        kind,
        rows.map((r) => r.written_at as Date),
        rows.length >= limit,
        horizon,
      );
    return rows.map((r) => ({ applyNo: String(r.apply_no), version: Number(r.version), stage: r.stage as Stage }));
  }

  /** The scan floor of a kind (undefined = scan everything); for the scan and for tests. */
  scanFloor(kind: ScanKind): Date | undefined {
    return this.floors.at(kind);
  }

  /**
   * Takes many acceptance records in ONE front-DB transaction (one commit per notification
   * instead of one per record): lock what is free (SKIP LOCKED), drop what already has a
   * TAKEN row, let the handler decide for the rest, insert their TAKEN rows, commit.
   * The handler must write nothing for the keys it defers.
   */
  async takeAcceptances(
    keys: { applyNo: string; version: number }[],
    who: TakeWho,
    handler: (q: QueryRunner, candidates: RecordKey[]) => Promise<TakeDecision[]>,
  ): Promise<TakeResult[]> {
    if (keys.length === 0) return [];
    const applyNos = [...new Set(keys.map((k) => k.applyNo))];
    const asKey = (r: Row): RecordKey & { correlationId?: string } => ({
      applyNo: String(r.apply_no),
      version: Number(r.version),
      stage: Stage.ACCEPTANCE,
      correlationId: r.correlation_id ? String(r.correlation_id) : undefined,
    });
    const wanted = keys.map((k) => ({ ...k, stage: Stage.ACCEPTANCE }));
    return this.inTx(async (q) => {
      const locked = (
        (await q.query('SELECT apply_no, version, correlation_id FROM ex_acceptance WHERE apply_no IN (?) FOR UPDATE SKIP LOCKED', [applyNos])) as Row[]
      ).map(asKey);
      // the usual case: everything asked for was free and locked; only otherwise tell "missing" from "busy"
      const present = coversAll(locked, wanted)
        ? locked
        : ((await q.query('SELECT apply_no, version FROM ex_acceptance WHERE apply_no IN (?)', [applyNos])) as Row[]).map(asKey);
      return this.settle(q, wanted, applyNos, present, locked, who, (c) => handler(q, c));
    });
  }

  /**
   * Takes many callback records in ONE front-DB transaction, in the order given (the caller
   * orders by application, version and stage). The handler receives the locked, untaken
   * records with their files and decides for each.
   */
  async takeCallbacks(
    keys: RecordKey[],
    who: TakeWho,
    handler: (q: QueryRunner, candidates: { record: CallbackRecord; files: CallbackFile[] }[]) => Promise<TakeDecision[]>,
  ): Promise<TakeResult[]> {
    if (keys.length === 0) return [];
    const applyNos = [...new Set(keys.map((k) => k.applyNo))];
    return this.inTx(async (q) => {
      const locked = ((await q.query('SELECT * FROM ex_callback WHERE apply_no IN (?) FOR UPDATE SKIP LOCKED', [applyNos])) as Row[]).map(toCallback);
      const present = coversAll(locked, keys)
        ? locked
        : ((await q.query('SELECT apply_no, version, stage FROM ex_callback WHERE apply_no IN (?)', [applyNos])) as Row[]).map((r) => ({
            applyNo: String(r.apply_no),
            version: Number(r.version),
            stage: r.stage as Stage,
          }));
      return this.settle(q, keys, applyNos, present, locked, who, async (candidates) => {
        const files = (await q.query(
          'SELECT callback_id, file_name, mime_type, size_bytes, sm3, content FROM ex_callback_file WHERE callback_id IN (?) ORDER BY file_name',
          [candidates.map((c) => c.id)],
        )) as Row[];
        return handler(
          q,
          candidates.map((record) => ({
            record,
            files: files
              .filter((f) => Number(f.callback_id) === record.id)
              .map((f) => ({
                fileName: String(f.file_name),
                mimeType: String(f.mime_type),
                sizeBytes: Number(f.size_bytes),
                sm3: String(f.sm3),
                content: f.content as Buffer,
              })),
          })),
        );
      });
    });
  }

  private settle<C extends RecordKey & { correlationId?: string }>(
    q: QueryRunner,
    keys: RecordKey[],
    applyNos: string[],
    present: RecordKey[],
    locked: C[],
    who: TakeWho,
    decide: (candidates: C[]) => Promise<TakeDecision[]>,
  ): Promise<TakeResult[]> {
    return settleTake(q, keys, applyNos, present, locked, who, decide, (tx, rows) => this.insertShadows(tx, rows));
  }

  /** Bulk read of acceptances with their materials, keyed by "applyNo#version". */
  async readAcceptances(q: QueryRunner | DataSource, keys: { applyNo: string; version: number }[]): Promise<Map<string, AcceptanceRecord>> {
    return readAcceptanceRows(q, keys);
  }

  /** Which of these acceptances the department has taken (a TAKEN shadow row exists), as "applyNo#version". */
  async takenAcceptances(keys: { applyNo: string; version: number }[]): Promise<Set<string>> {
    return takenAcceptanceKeys(this.ds, keys);
  }

  async listShadow(applyNo: string): Promise<ShadowRow[]> {
    return readShadowRows(this.ds, applyNo);
  }

  async inTx<T>(fn: (q: QueryRunner) => Promise<T>): Promise<T> {
    const q = this.ds.createQueryRunner();
    await q.connect();
    try {
      await q.startTransaction('READ COMMITTED');
      const out = await fn(q);
      await q.commitTransaction();
      return out;
    } catch (err) {
      if (q.isTransactionActive) await q.rollbackTransaction().catch(() => undefined);
      throw err;
    } finally {
      await q.release();
    }
  }
}
