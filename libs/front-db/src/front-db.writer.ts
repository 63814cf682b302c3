import { BLOB_STATEMENT_BUDGET, chunkBySize } from '@app/common';
import { Stage } from '@app/exchange-contract';
import { QueryRunner } from 'typeorm';
import { FRONT_DB_V2_COLUMNS, FrontDbContractVersion } from './front-db.ddl';
import { AcceptanceRecord, CallbackFile, CallbackRecord } from './front-db.types';
import { keyId, Row, ShadowInsert } from './front-db.rows';

// The writing statements of FrontDbClient; each returns the WRITTEN shadow rows its caller inserts next.

/** The version-2 values of a record, in the order of FRONT_DB_V2_COLUMNS. */
function deliveryValues(r: AcceptanceRecord): unknown[] {
  const a = r.deliveryMethod === 'EXPRESS' ? r.deliveryAddress : null;
  return [r.deliveryMethod ?? null, a?.recipient ?? null, a?.phone ?? null, a?.address ?? null, a?.postcode ?? null];
}

/**
 * Acceptances and their materials (idempotent: a record already present changes nothing). Into a
 * version-2 front DB with the delivery method and address; a version-1 one gets its own columns only.
 */
export async function insertAcceptances(
  q: QueryRunner,
  records: AcceptanceRecord[],
  party: string,
  version: FrontDbContractVersion = 1,
): Promise<ShadowInsert[]> {
  const v2 = version >= 2;
  const acc: unknown[] = [];
  const shadows: ShadowInsert[] = [];
  for (const r of records) {
    acc.push(
      r.applyNo,
      r.version,
      r.itemCode,
      r.itemName,
      r.deptCode,
      r.applicantType,
      r.applicantName,
      r.applicantIdNo,
      r.applicantPhone,
      JSON.stringify(r.formData),
      r.acceptedBy,
      r.acceptedAt,
      r.correlationId,
      ...(v2 ? deliveryValues(r) : []),
    );
    shadows.push({
      applyNo: r.applyNo,
      version: r.version,
      stage: Stage.ACCEPTANCE,
      event: 'WRITTEN',
      operator: r.acceptedBy,
      party,
      correlationId: r.correlationId,
    });
  }
  await q.query(
    `INSERT INTO ex_acceptance (apply_no, version, item_code, item_name, dept_code, applicant_type, applicant_name, applicant_id_no, applicant_phone, form_data, accepted_by, accepted_at, correlation_id${v2 ? `, ${FRONT_DB_V2_COLUMNS.join(', ')}` : ''})
     VALUES ${records.map(() => `(?,?,?,?,?,?,?,?,?,?,?,?,?${v2 ? ',?,?,?,?,?' : ''})`).join(',')}
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
  return shadows;
}

/** Callbacks and their files in three statements whatever their number (idempotent: a record already present keeps its id and content). */
export async function insertCallbacks(q: QueryRunner, items: { record: CallbackRecord; files: CallbackFile[] }[], party: string): Promise<ShadowInsert[]> {
  const params: unknown[] = [];
  for (const { record: cb } of items)
    params.push(cb.applyNo, cb.version, cb.stage, cb.outcome, cb.opinion, JSON.stringify(cb.detail), cb.handledBy, cb.handledAt, cb.correlationId);
  await q.query(
    `INSERT INTO ex_callback (apply_no, version, stage, outcome, opinion, detail, handled_by, handled_at, correlation_id)
     VALUES ${items.map(() => '(?,?,?,?,?,?,?,?,?)').join(',')} ON DUPLICATE KEY UPDATE id = id`,
    params,
  );
  const withFiles = items.filter((i) => i.files.length > 0);
  if (withFiles.length > 0) {
    const ids = (await q.query('SELECT id, apply_no, version, stage FROM ex_callback WHERE apply_no IN (?)', [
      [...new Set(withFiles.map((i) => i.record.applyNo))],
    ])) as Row[];
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
  return items.map(({ record: cb }) => ({
    applyNo: cb.applyNo,
    version: cb.version,
    stage: cb.stage,
    event: 'WRITTEN',
    operator: cb.handledBy,
    party,
    correlationId: cb.correlationId,
  }));
}

export async function insertShadowRows(q: QueryRunner, rows: ShadowInsert[]): Promise<void> {
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
