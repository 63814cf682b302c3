import { QueryRunner } from 'typeorm';
import { TakeDecision, TakeResult } from './front-db.types';
import { keyId, RecordKey, Row, ShadowInsert, TakeWho } from './front-db.rows';

/**
 * The shared half of a take: classify each key (missing / already taken / busy / candidate),
 * let decide() rule on the candidates, write TAKEN rows for what was not deferred (with the
 * record's own correlation id, falling back to the caller's). A key
 * named twice answers as taken once and as a duplicate after that.
 */
export async function settleTake<C extends RecordKey & { correlationId?: string }>(
  q: QueryRunner,
  keys: RecordKey[],
  applyNos: string[],
  present: RecordKey[],
  locked: C[],
  who: TakeWho,
  decide: (candidates: C[]) => Promise<TakeDecision[]>,
  insertShadows: (q: QueryRunner, rows: ShadowInsert[]) => Promise<void>,
): Promise<TakeResult[]> {
  const taken = new Set(
    ((await q.query(`SELECT apply_no, version, stage FROM ex_shadow WHERE apply_no IN (?) AND event = 'TAKEN'`, [applyNos])) as Row[]).map(
      (r) => `${String(r.apply_no)}#${Number(r.version)}#${String(r.stage)}`,
    ),
  );
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
    shadows.push({
      applyNo: c.applyNo,
      version: c.version,
      stage: c.stage,
      event: 'TAKEN',
      operator: who.operator,
      party: who.party,
      outcome: d.outcome,
      note: d.note?.slice(0, 255),
      correlationId: c.correlationId ?? who.correlationId,
    });
    results.set(keyId(c), { status: 'taken', outcome: d.outcome, note: d.note, ...(d.code ? { code: d.code } : {}) });
  });
  await insertShadows(q, shadows);
  const seen = new Set<string>();
  return keys.map((k) => {
    const id = keyId(k);
    const r = results.get(id)!;
    if (seen.has(id) && r.status === 'taken') return { status: 'already-taken' };
    seen.add(id);
    return r;
  });
}
