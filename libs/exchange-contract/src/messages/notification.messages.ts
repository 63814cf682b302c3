import { AppError, ReturnCode } from '@app/common';
import { CALLBACK_STAGES, CallbackStage } from '../stages';

/** Platform → department: "acceptance records are waiting in your front DB". */
export interface AcceptanceNotice {
  applyNo: string;
  version: number;
}
export interface NotifyAcceptanceRequest {
  deptCode: string;
  items: AcceptanceNotice[];
}

/** Department → platform: "callback records are waiting in the front DB". */
export interface CallbackNotice {
  applyNo: string;
  version: number;
  stage: CallbackStage;
}
export interface NotifyCallbackRequest {
  deptCode: string;
  items: CallbackNotice[];
}

export interface ItemResult {
  applyNo: string;
  version: number;
  stage?: string;
  code: string;
  message: string;
}
export interface NotificationResponse {
  code: string;
  message: string;
  results: ItemResult[];
}

export const MAX_ITEMS_PER_NOTIFICATION = 500;
export const APPLY_NO_PATTERN = /^[0-9A-Z]{4,12}-[0-9]{8}-[0-9]{6}$/;
const DEPT_CODE = /^[A-Z][A-Z0-9_]{1,15}$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function requireField(obj: Record<string, unknown>, key: string, path: string): unknown {
  const v = Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
  if (v === undefined || v === null || v === '') throw new AppError(ReturnCode.MISSING_PARAMETER, `${path}${key}`, { field: `${path}${key}` });
  return v;
}

function asString(v: unknown, field: string, pattern: RegExp): string {
  if (typeof v !== 'string' || !pattern.test(v)) throw new AppError(ReturnCode.BAD_PARAMETER, field, { field });
  return v;
}

function asVersion(v: unknown, field: string): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^[0-9]{1,4}$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 9999) throw new AppError(ReturnCode.BAD_PARAMETER, field, { field });
  return n;
}

/** node-soap yields a lone repeated element as an object and several as an array. */
function asItemList(v: unknown, field: string): Record<string, unknown>[] {
  const list = Array.isArray(v) ? v : [v];
  if (list.length === 0) throw new AppError(ReturnCode.MISSING_PARAMETER, field, { field });
  if (list.length > MAX_ITEMS_PER_NOTIFICATION) throw new AppError(ReturnCode.BAD_PARAMETER, `${field} (at most ${MAX_ITEMS_PER_NOTIFICATION})`, { field });
  return list.map((x, i) => {
    if (!isRecord(x)) throw new AppError(ReturnCode.BAD_PARAMETER, `${field}[${i}]`, { field: `${field}[${i}]` });
    return x;
  });
}

function parseEnvelope(raw: unknown): { deptCode: string; items: Record<string, unknown>[] } {
  if (!isRecord(raw)) throw new AppError(ReturnCode.MALFORMED_MESSAGE, 'request body');
  const deptCode = asString(requireField(raw, 'deptCode', ''), 'deptCode', DEPT_CODE);
  const items = asItemList(requireField(raw, 'item', ''), 'item');
  return { deptCode, items };
}

/** Strict validation of a callback notification (SOAP args or JSON body); throws AppError with the field. */
export function parseNotifyCallback(raw: unknown): NotifyCallbackRequest {
  const { deptCode, items } = parseEnvelope(raw);
  return {
    deptCode,
    items: items.map((it, i) => {
      const p = `item[${i}].`;
      const stage = requireField(it, 'stage', p);
      if (typeof stage !== 'string' || !(CALLBACK_STAGES as readonly string[]).includes(stage)) {
        throw new AppError(ReturnCode.BAD_PARAMETER, `${p}stage`, { field: `${p}stage` });
      }
      return {
        applyNo: asString(requireField(it, 'applyNo', p), `${p}applyNo`, APPLY_NO_PATTERN),
        version: asVersion(requireField(it, 'version', p), `${p}version`),
        stage: stage as CallbackStage,
      };
    }),
  };
}

export function parseNotifyAcceptance(raw: unknown): NotifyAcceptanceRequest {
  const { deptCode, items } = parseEnvelope(raw);
  return {
    deptCode,
    items: items.map((it, i) => {
      const p = `item[${i}].`;
      return {
        applyNo: asString(requireField(it, 'applyNo', p), `${p}applyNo`, APPLY_NO_PATTERN),
        version: asVersion(requireField(it, 'version', p), `${p}version`),
      };
    }),
  };
}

/** The overall code of a batch answer: OK when every item settled or deferred, else the first failing code. */
export function summarize(results: ItemResult[]): { code: string; message: string } {
  const bad = results.find((r) => !['0000', '0001', '0002', '0003'].includes(r.code));
  return bad ? { code: bad.code, message: bad.message } : { code: '0000', message: '成功' };
}
