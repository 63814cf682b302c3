import { BLOB_STATEMENT_BUDGET, chunkBySize } from '@app/common';
import { Stage } from '@app/exchange-contract';
import { DataSource, QueryRunner } from 'typeorm';
import { parseCallbackDetail } from './callback-detail';
import { AcceptanceRecord, CallbackFile, CallbackRecord, ShadowRow, TakeDecision, TakeResult } from './front-db.types';

type Row = Record<string, unknown>;

export interface RecordKey {
  applyNo: string;
  version: number;
  stage: Stage;
}

export interface TakeWho {
  party: string;
  operator: string;
  correlationId: string;
}

const keyId = (k: RecordKey): string => `${k.applyNo}#${k.version}#${k.stage}`;

/** Whether every key asked for is among the rows locked (then those rows are also all that matters of what is present). */
function coversAll(locked: RecordKey[], keys: RecordKey[]): boolean {
  const ids = new Set(locked.map(keyId));
  return keys.every((k) => ids.has(keyId(k)));
}

function parseJson(v: unknown): Record<string, unknown> {
  return typeof v === 'string' ? (JSON.parse(v) as Record<string, unknown>) : ((v as Record<string, unknown>) ?? {});
}

function toAcceptance(r: Row, mats: Row[]): AcceptanceRecord {
  return {
    applyNo: String(r.apply_no),
    version: Number(r.version),
    itemCode: String(r.item_code),
    itemName: String(r.item_name),
    deptCode: String(r.dept_code),
    applicantType: r.applicant_type as 'PERSON' | 'ORG',
    applicantName: String(r.applicant_name),
    applicantIdNo: String(r.applicant_id_no),
    applicantPhone: String(r.applicant_phone),
    formData: parseJson(r.form_data),
    acceptedBy: String(r.accepted_by),
    acceptedAt: r.accepted_at as Date,
    correlationId: String(r.correlation_id),
    materials: mats.map((m) => ({
      materialCode: String(m.material_code),
      materialName: String(m.material_name),
      fileName: String(m.file_name),
      mimeType: String(m.mime_type),
      sizeBytes: Number(m.size_bytes),
      sm3: String(m.sm3),
      content: m.content as Buffer,
    })),
  };
}

function toCallback(r: Row): CallbackRecord {
  const { detail, problem } = parseCallbackDetail(r.detail);
  return {
    id: Number(r.id),
    applyNo: String(r.apply_no),
    version: Number(r.version),
    stage: r.stage as CallbackRecord['stage'],
    outcome: (r.outcome as CallbackRecord['outcome']) ?? null,
    opinion: String(r.opinion),
    detail,
    handledBy: String(r.handled_by),
    handledAt: r.handled_at as Date,
    correlationId: String(r.correlation_id),
    writtenAt: r.written_at as Date,
    ...(problem ? { detailProblem: problem } : {}),
  };
}

export interface ShadowInsert {
  applyNo: string;
  version: number;
  stage: Stage;
  event: 'WRITTEN' | 'TAKEN';
  operator: string;
  party: string;
  outcome?: string | null;
  note?: string | null;
  correlationId: string;
}

export type ScanKind = 'acceptance' | 'callback';

/** How long after its written_at a row may still become visible (commit) and be found by the incremental scan. */
export const SCAN_FLOOR_SAFETY_MS = 60_000;
/** How often the scan forgets its floor and looks at every row once (for rows committed even later than that). */
export const SCAN_FULL_PASS_MS = 10 * 60_000;

/**
 * Everything either side does to one department's front-end database.
 * The platform writes acceptances and takes callbacks; the department does the reverse.
 */
export class FrontDbClient {
  private readonly floors = new Map<ScanKind, { at: Date; since: number }>();

  constructor(
    readonly deptCode: string,
    readonly ds: DataSource,
  ) {}

  // ---------------------------------------------------------------- writers

  /** Idempotent: re-writing a record already present (after a crash) changes nothing. */
  async writeAcceptances(records: AcceptanceRecord[], party: string): Promise<void> {
    if (records.length === 0) return;
    await this.inTx(async (q) => {
      const acc: unknown[] = [];
      const shadows: ShadowInsert[] = [];
      for (const r of records) {
        acc.push(r.applyNo, r.version, r.itemCode, r.itemName, r.deptCode, r.applicantType, r.applicantName, r.applicantIdNo, r.applicantPhone, JSON.stringify(r.formData), r.acceptedBy, r.acceptedAt, r.correlationId);
        shadows.push({ applyNo: r.applyNo, version: r.version, stage: Stage.ACCEPTANCE, event: 'WRITTEN', operator: r.acceptedBy, party, correlationId: r.correlationId });
      }
      await q.query(
        `INSERT INTO ex_acceptance (apply_no, version, item_code, item_name, dept_code, applicant_type, applicant_name, applicant_id_no, applicant_phone, form_data, accepted_by, accepted_at, correlation_id)
         VALUES ${records.map(() => '(?,?,?,?,?,?,?,?,?,?,?,?,?)').join(',')}
         ON DUPLICATE KEY UPDATE apply_no = apply_no`,
        acc,
      );
      const materials = records.flatMap((r) => r.materials.map((m) => ({ r, m })));
      for (const chunk of chunkBySize(materials, ({ m }) => m.sizeBytes, BLOB_STATEMENT_BUDGET)) {
        await q.query(
          `INSERT INTO ex_acceptance_material (apply_no, version, material_code, material_name, file_name, mime_type, size_bytes, sm3, content)
           VALUES ${chunk.map(() => '(?,?,?,?,?,?,?,?,?)').join(',')}
           ON DUPLICATE KEY UPDATE apply_no = apply_no`,
          chunk.flatMap(({ r, m }) => [r.applyNo, r.version, m.materialCode, m.materialName, m.fileName, m.mimeType, m.sizeBytes, m.sm3, m.content]),
        );
      }
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
    const params: unknown[] = [];
    for (const { record: cb } of items) params.push(cb.applyNo, cb.version, cb.stage, cb.outcome, cb.opinion, JSON.stringify(cb.detail), cb.handledBy, cb.handledAt, cb.correlationId);
    await q.query(
      `INSERT INTO ex_callback (apply_no, version, stage, outcome, opinion, detail, handled_by, handled_at, correlation_id)
       VALUES ${items.map(() => '(?,?,?,?,?,?,?,?,?)').join(',')} ON DUPLICATE KEY UPDATE id = id`,
      params,
    );
    const withFiles = items.filter((i) => i.files.length > 0);
    if (withFiles.length > 0) {
      const ids = (await q.query('SELECT id, apply_no, version, stage FROM ex_callback WHERE apply_no IN (?)', [[...new Set(withFiles.map((i) => i.record.applyNo))]])) as Row[];
      const idOf = new Map(ids.map((r) => [`${String(r.apply_no)}#${Number(r.version)}#${String(r.stage)}`, Number(r.id)]));
      const files = withFiles.flatMap(({ record, files: fs }) => fs.map((f) => ({ id: idOf.get(keyId(record)), f })));
      for (const chunk of chunkBySize(files, ({ f }) => f.sizeBytes, BLOB_STATEMENT_BUDGET)) {
        await q.query(
          `INSERT INTO ex_callback_file (callback_id, file_name, mime_type, size_bytes, sm3, content)
           VALUES ${chunk.map(() => '(?,?,?,?,?,?)').join(',')} ON DUPLICATE KEY UPDATE callback_id = callback_id`,
          chunk.flatMap(({ id, f }) => [id, f.fileName, f.mimeType, f.sizeBytes, f.sm3, f.content]),
        );
      }
    }
    await this.insertShadows(q, items.map(({ record: cb }) => ({ applyNo: cb.applyNo, version: cb.version, stage: cb.stage, event: 'WRITTEN', operator: cb.handledBy, party, correlationId: cb.correlationId })));
  }

  async insertShadows(q: QueryRunner, rows: ShadowInsert[]): Promise<void> {
    if (rows.length === 0) return;
    const params: unknown[] = [];
    for (const s of rows) params.push(s.applyNo, s.version, s.stage, s.event, s.operator, s.party, s.outcome ?? null, s.note ?? null, s.correlationId);
    await q.query(
      `INSERT INTO ex_shadow (apply_no, version, stage, event, fetched_at, operator, party, outcome, note, correlation_id)
       VALUES ${rows.map(() => '(?,?,?,?,NOW(3),?,?,?,?,?)').join(',')}
       ON DUPLICATE KEY UPDATE id = id`,
      params,
    );
  }

  // ---------------------------------------------------------------- readers

  /**
   * Records of the given kind that have no TAKEN shadow row and are older than lagMs,
   * oldest first. Non-locking: each candidate is claimed by take() afterwards.
   * Without an applyNo filter this is the periodic scan, and it starts at the kind's scan
   * floor instead of the first row ever written (see advanceFloor), so its cost follows the
   * recent rows, not the size of the table.
   */
  async listUntaken(kind: ScanKind, lagMs: number, limit: number, applyNo?: string | string[]): Promise<{ applyNo: string; version: number; stage: Stage }[]> {
    const floor = applyNo ? undefined : this.floorFor(kind);
    const conds = [floor ? 'AND r.written_at >= ?' : '', applyNo ? 'AND r.apply_no IN (?)' : ''].join(' ');
    const sql =
      kind === 'acceptance'
        ? `SELECT r.apply_no, r.version, 'ACCEPTANCE' AS stage, r.written_at FROM ex_acceptance r
           WHERE r.written_at <= NOW(3) - INTERVAL ? MICROSECOND ${conds}
             AND NOT EXISTS (SELECT 1 FROM ex_shadow s WHERE s.apply_no = r.apply_no AND s.version = r.version AND s.stage = 'ACCEPTANCE' AND s.event = 'TAKEN')
           ORDER BY r.written_at, r.apply_no, r.version LIMIT ?`
        : `SELECT r.apply_no, r.version, r.stage, r.written_at FROM ex_callback r
           WHERE r.written_at <= NOW(3) - INTERVAL ? MICROSECOND ${conds}
             AND NOT EXISTS (SELECT 1 FROM ex_shadow s WHERE s.apply_no = r.apply_no AND s.version = r.version AND s.stage = r.stage AND s.event = 'TAKEN')
           ORDER BY r.apply_no, r.version, FIELD(r.stage, 'SUPPLEMENT', 'ACCEPT', 'CONCLUDE'), r.id LIMIT ?`;
    // the horizon is read before the scan, so it never runs ahead of what the scan saw
    const horizon = applyNo ? undefined : ((await this.ds.query('SELECT NOW(3) - INTERVAL ? MICROSECOND AS h', [(lagMs + SCAN_FLOOR_SAFETY_MS) * 1000])) as { h: Date }[])[0].h;
    const params: unknown[] = [lagMs * 1000];
    if (floor) params.push(floor);
    if (applyNo) params.push(applyNo);
    params.push(limit);
    const rows = (await this.ds.query(sql, params)) as Row[];
    if (horizon) this.advanceFloor(kind, rows.map((r) => r.written_at as Date), rows.length >= limit, horizon);
    return rows.map((r) => ({ applyNo: String(r.apply_no), version: Number(r.version), stage: r.stage as Stage }));
  }

  /** The scan floor of a kind (undefined = scan everything); for the scan and for tests. */
  scanFloor(kind: ScanKind): Date | undefined {
    return this.floors.get(kind)?.at;
  }

  private floorFor(kind: ScanKind): Date | undefined {
    const f = this.floors.get(kind);
    if (!f) return undefined;
    if (Date.now() - f.since >= SCAN_FULL_PASS_MS) {
      // the periodic full pass: also finds a row committed long after its written_at
      this.floors.delete(kind);
      return undefined;
    }
    return f.at;
  }

  /**
   * Every row written before the floor was taken when the scan last looked. After a scan the
   * floor moves up to the oldest untaken row it found, or to the horizon (now − lag − safety)
   * if it found none — never past the horizon, because a writer's row carries the time of its
   * INSERT and becomes visible only at COMMIT. When the scan hit its limit the rows it did not
   * return may be older than those it did (callbacks are ordered by application), so only the
   * acceptance scan, ordered by written_at, may move then.
   */
  private advanceFloor(kind: ScanKind, untakenAt: Date[], full: boolean, horizon: Date): void {
    if (full && kind !== 'acceptance') return;
    let at = horizon;
    for (const t of untakenAt) if (t.getTime() < at.getTime()) at = t;
    const prev = this.floors.get(kind);
    if (prev && prev.at.getTime() >= at.getTime()) return;
    this.floors.set(kind, { at, since: prev?.since ?? Date.now() });
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
    const asKey = (r: Row): RecordKey & { correlationId?: string } => ({ applyNo: String(r.apply_no), version: Number(r.version), stage: Stage.ACCEPTANCE, correlationId: r.correlation_id ? String(r.correlation_id) : undefined });
    const wanted = keys.map((k) => ({ ...k, stage: Stage.ACCEPTANCE }));
    return this.inTx(async (q) => {
      const locked = ((await q.query('SELECT apply_no, version, correlation_id FROM ex_acceptance WHERE apply_no IN (?) FOR UPDATE SKIP LOCKED', [applyNos])) as Row[]).map(asKey);
      // the usual case: everything asked for was free and locked; only otherwise tell "missing" from "busy"
      const present = coversAll(locked, wanted) ? locked : ((await q.query('SELECT apply_no, version FROM ex_acceptance WHERE apply_no IN (?)', [applyNos])) as Row[]).map(asKey);
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
        : ((await q.query('SELECT apply_no, version, stage FROM ex_callback WHERE apply_no IN (?)', [applyNos])) as Row[]).map((r) => ({ applyNo: String(r.apply_no), version: Number(r.version), stage: r.stage as Stage }));
      return this.settle(q, keys, applyNos, present, locked, who, async (candidates) => {
        const files = (await q.query('SELECT callback_id, file_name, mime_type, size_bytes, sm3, content FROM ex_callback_file WHERE callback_id IN (?) ORDER BY file_name', [candidates.map((c) => c.id)])) as Row[];
        return handler(
          q,
          candidates.map((record) => ({
            record,
            files: files.filter((f) => Number(f.callback_id) === record.id).map((f) => ({ fileName: String(f.file_name), mimeType: String(f.mime_type), sizeBytes: Number(f.size_bytes), sm3: String(f.sm3), content: f.content as Buffer })),
          })),
        );
      });
    });
  }

  /**
   * The shared half of a take: classify each key (missing / already taken / busy / candidate),
   * let decide() rule on the candidates, write TAKEN rows for what was not deferred (with the
   * record's own correlation id, falling back to the caller's). A key
   * named twice answers as taken once and as a duplicate after that.
   */
  private async settle<C extends RecordKey & { correlationId?: string }>(q: QueryRunner, keys: RecordKey[], applyNos: string[], present: RecordKey[], locked: C[], who: TakeWho, decide: (candidates: C[]) => Promise<TakeDecision[]>): Promise<TakeResult[]> {
    const taken = new Set(((await q.query(`SELECT apply_no, version, stage FROM ex_shadow WHERE apply_no IN (?) AND event = 'TAKEN'`, [applyNos])) as Row[]).map((r) => `${String(r.apply_no)}#${Number(r.version)}#${String(r.stage)}`));
    const presentIds = new Set(present.map(keyId));
    const lockedById = new Map(locked.map((c) => [keyId(c), c]));
    const results = new Map<string, TakeResult>();
    const candidates: C[] = [];
    for (const k of keys) {
      const id = keyId(k);
      if (results.has(id) || candidates.some((c) => keyId(c) === id)) continue;
      if (!presentIds.has(id)) results.set(id, { status: 'missing' });
      else if (taken.has(id)) results.set(id, { status: 'already-taken' });
      else if (!lockedById.has(id)) results.set(id, { status: 'busy' });
      else candidates.push(lockedById.get(id)!);
    }
    const decisions = candidates.length > 0 ? await decide(candidates) : [];
    const shadows: ShadowInsert[] = [];
    candidates.forEach((c, i) => {
      const d = decisions[i];
      if ('defer' in d) {
        results.set(keyId(c), { status: 'deferred', note: d.note });
        return;
      }
      // each record keeps the correlation id of the application it belongs to, even in a batch
      shadows.push({ applyNo: c.applyNo, version: c.version, stage: c.stage, event: 'TAKEN', operator: who.operator, party: who.party, outcome: d.outcome, note: d.note?.slice(0, 255), correlationId: c.correlationId ?? who.correlationId });
      results.set(keyId(c), { status: 'taken', outcome: d.outcome, note: d.note, ...(d.code ? { code: d.code } : {}) });
    });
    await this.insertShadows(q, shadows);
    const seen = new Set<string>();
    return keys.map((k) => {
      const id = keyId(k);
      const r = results.get(id)!;
      if (seen.has(id) && r.status === 'taken') return { status: 'already-taken' };
      seen.add(id);
      return r;
    });
  }

  /** Bulk read of acceptances with their materials, keyed by "applyNo#version". */
  async readAcceptances(q: QueryRunner | DataSource, keys: { applyNo: string; version: number }[]): Promise<Map<string, AcceptanceRecord>> {
    const out = new Map<string, AcceptanceRecord>();
    if (keys.length === 0) return out;
    const applyNos = [...new Set(keys.map((k) => k.applyNo))];
    const wanted = new Set(keys.map((k) => `${k.applyNo}#${k.version}`));
    const rows = (await q.query('SELECT * FROM ex_acceptance WHERE apply_no IN (?)', [applyNos])) as Row[];
    const mats = (await q.query('SELECT apply_no, version, material_code, material_name, file_name, mime_type, size_bytes, sm3, content FROM ex_acceptance_material WHERE apply_no IN (?) ORDER BY material_code', [applyNos])) as Row[];
    for (const r of rows) {
      const key = `${String(r.apply_no)}#${Number(r.version)}`;
      if (!wanted.has(key)) continue;
      out.set(key, toAcceptance(r, mats.filter((m) => m.apply_no === r.apply_no && Number(m.version) === Number(r.version))));
    }
    return out;
  }

  /** Which of these acceptances the department has taken (a TAKEN shadow row exists), as "applyNo#version". */
  async takenAcceptances(keys: { applyNo: string; version: number }[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = (await this.ds.query(`SELECT apply_no, version FROM ex_shadow WHERE apply_no IN (?) AND stage = 'ACCEPTANCE' AND event = 'TAKEN'`, [[...new Set(keys.map((k) => k.applyNo))]])) as Row[];
    const wanted = new Set(keys.map((k) => `${k.applyNo}#${k.version}`));
    return new Set(rows.map((r) => `${String(r.apply_no)}#${Number(r.version)}`).filter((k) => wanted.has(k)));
  }

  async listShadow(applyNo: string): Promise<ShadowRow[]> {
    const rows = (await this.ds.query(`SELECT * FROM ex_shadow WHERE apply_no = ? ORDER BY fetched_at, id`, [applyNo])) as Row[];
    return rows.map((r) => ({
      id: Number(r.id),
      applyNo: String(r.apply_no),
      version: Number(r.version),
      stage: r.stage as Stage,
      event: r.event as 'WRITTEN' | 'TAKEN',
      fetchedAt: r.fetched_at as Date,
      operator: String(r.operator),
      party: String(r.party),
      outcome: (r.outcome as ShadowRow['outcome']) ?? null,
      note: (r.note as string | null) ?? null,
      correlationId: String(r.correlation_id),
    }));
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
