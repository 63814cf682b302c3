import { Stage } from '@app/exchange-contract';
import { DataSource, QueryRunner } from 'typeorm';
import { AcceptanceRecord, ShadowRow } from './front-db.types';
import { Row, toAcceptance } from './front-db.rows';

// The reading queries of FrontDbClient.

/** Bulk read of acceptances with their materials, keyed by "applyNo#version". */
export async function readAcceptanceRows(q: QueryRunner | DataSource, keys: { applyNo: string; version: number }[]): Promise<Map<string, AcceptanceRecord>> {
  const out = new Map<string, AcceptanceRecord>();
  if (keys.length === 0) return out;
  const applyNos = [...new Set(keys.map((k) => k.applyNo))];
  const wanted = new Set(keys.map((k) => `${k.applyNo}#${k.version}`));
  const rows = (await q.query('SELECT * FROM ex_acceptance WHERE apply_no IN (?)', [applyNos])) as Row[];
  const mats = (await q.query(
    'SELECT apply_no, version, material_code, material_name, file_name, mime_type, size_bytes, sm3, content FROM ex_acceptance_material WHERE apply_no IN (?) ORDER BY material_code',
    [applyNos],
  )) as Row[];
  for (const r of rows) {
    const key = `${String(r.apply_no)}#${Number(r.version)}`;
    if (!wanted.has(key)) continue;
    out.set(
      key,
      toAcceptance(
        r,
        mats.filter((m) => m.apply_no === r.apply_no && Number(m.version) === Number(r.version)),
      ),
    );
  }
  return out;
}

/** Which of these acceptances the department has taken (a TAKEN shadow row exists), as "applyNo#version". */
export async function takenAcceptanceKeys(ds: DataSource, keys: { applyNo: string; version: number }[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = (await ds.query(`SELECT apply_no, version FROM ex_shadow WHERE apply_no IN (?) AND stage = 'ACCEPTANCE' AND event = 'TAKEN'`, [
    [...new Set(keys.map((k) => k.applyNo))],
  ])) as Row[];
  const wanted = new Set(keys.map((k) => `${k.applyNo}#${k.version}`));
  return new Set(rows.map((r) => `${String(r.apply_no)}#${Number(r.version)}`).filter((k) => wanted.has(k)));
}

export async function readShadowRows(ds: DataSource, applyNo: string): Promise<ShadowRow[]> {
  const rows = (await ds.query(`SELECT * FROM ex_shadow WHERE apply_no = ? ORDER BY fetched_at, id`, [applyNo])) as Row[];
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
