import { ReturnCode } from '@app/common';
import { CallbackStage, ConcludeOutcome, Stage } from '@app/exchange-contract';
import { createHash } from 'node:crypto';

export interface CallbackUnderCheck {
  stage: CallbackStage;
  /** as stored: anything a department wrote into ex_callback.outcome */
  outcome: string | null;
  detail: Record<string, unknown>;
  /** the reader's verdict on the stored detail (not a JSON object) */
  detailProblem?: string;
}

export interface FileUnderCheck {
  fileName: string;
  sm3: string;
  content: Buffer;
}

export type ContractVerdict = { ok: true } | { ok: false; code: ReturnCode.CALLBACK_INVALID | ReturnCode.RESULT_FILE_DIGEST_MISMATCH; note: string };

const OUTCOMES: readonly string[] = [ConcludeOutcome.APPROVED, ConcludeOutcome.REJECTED];

/**
 * Does a callback record keep the front-DB contract (docs/front-db.md, "Records the platform
 * refuses")? Checked before any rule on the application's state, so a record that breaks it
 * is refused once (TAKEN, outcome REJECTED, the note says why) and nothing of it is applied:
 *  - detail must be a JSON object;
 *  - 办结 must carry outcome exactly APPROVED or REJECTED (no NULL, no other case, no spaces);
 *  - 补正补齐's detail.materials, when present, must be a list of { code, reason? };
 *  - every file must match its SM3 digest (hex, either case).
 */
export function checkCallbackContract(cb: CallbackUnderCheck, files: FileUnderCheck[]): ContractVerdict {
  if (cb.detailProblem) return { ok: false, code: ReturnCode.CALLBACK_INVALID, note: cb.detailProblem };
  if (cb.stage === Stage.CONCLUDE && (cb.outcome === null || !OUTCOMES.includes(cb.outcome))) {
    return {
      ok: false,
      code: ReturnCode.CALLBACK_INVALID,
      note: `办结 outcome 须为 APPROVED 或 REJECTED，实际为 ${cb.outcome === null ? 'NULL' : JSON.stringify(cb.outcome)}`,
    };
  }
  if (cb.stage === Stage.SUPPLEMENT && cb.detail.materials !== undefined) {
    const m = cb.detail.materials;
    const valid =
      Array.isArray(m) &&
      m.every(
        (x) =>
          typeof x === 'object' &&
          x !== null &&
          typeof (x as { code?: unknown }).code === 'string' &&
          ['string', 'undefined'].includes(typeof (x as { reason?: unknown }).reason),
      );
    if (!valid) return { ok: false, code: ReturnCode.CALLBACK_INVALID, note: 'detail.materials 须为 [{ "code": "…", "reason": "…" }] 形式的列表' };
  }
  const bad = files.filter((f) => createHash('sm3').update(f.content).digest('hex') !== f.sm3.trim().toLowerCase());
  if (bad.length > 0)
    return { ok: false, code: ReturnCode.RESULT_FILE_DIGEST_MISMATCH, note: `SM3 摘要不一致的文件：${bad.map((f) => f.fileName).join('、')}` };
  return { ok: true };
}
