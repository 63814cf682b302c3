import { REPORT_CATEGORIES, ReportCategory, ReportMode } from '../messages/categories';

/**
 * The wire form of every district ⇄ city call (reports up, work orders down): request parameters in
 * the clear, the message SM2-encrypted (or SM4-encrypted with an SM2-wrapped key), and an SM2
 * signature binding the sender to the parameters and to the SM3 digest of the plaintext.
 * The same fields travel as SOAP elements (ops-report.wsdl) and as a JSON object (HTTP).
 */
export interface SecureMessage {
  version: string;
  nodeCode: string;
  category: ReportCategory;
  mode: ReportMode;
  messageId: string;
  timestamp: string;
  nonce: string;
  encryption: SecureEncryption;
  cipherMode: 'C1C3C2' | 'C1C2C3';
  cipherFormat: 'prefixed04' | 'raw' | 'der';
  encryptedKey?: string;
  iv?: string;
  payload: string;
  payloadDigest: string;
  signature: string;
}

export type SecureEncryption = 'SM2' | 'SM2-SM4';

export const SECURE_MESSAGE_VERSION = '1.0';
export const SIGNING_PREFIX = 'OPS-SECURE-MESSAGE/1';

export const MESSAGE_ID_RE = /^[A-Za-z0-9_.:-]{8,80}$/;
export const NODE_CODE_RE = /^[A-Za-z0-9_-]{2,32}$/;
export const NONCE_RE = /^[0-9a-f]{32}$/;
export const DIGEST_RE = /^[0-9a-f]{64}$/;
export const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;
export const TIMESTAMP_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?(Z|[+-]\d{2}:\d{2})$/;

/** What the signature covers, one field per line, in this order. */
export function signingString(
  m: Pick<SecureMessage, 'nodeCode' | 'category' | 'mode' | 'messageId' | 'timestamp' | 'nonce' | 'encryption' | 'payloadDigest'>,
): Buffer {
  return Buffer.from([SIGNING_PREFIX, m.nodeCode, m.category, m.mode, m.messageId, m.timestamp, m.nonce, m.encryption, m.payloadDigest].join('\n'), 'utf8');
}

interface ParamRule {
  required: boolean;
  pattern?: RegExp;
  values?: readonly string[];
  maxLength?: number;
}

/** Parameter rules (接口参数校验), in the order they are checked. */
export const SECURE_MESSAGE_PARAMS: Record<keyof SecureMessage, ParamRule> = {
  version: { required: true, values: [SECURE_MESSAGE_VERSION] },
  nodeCode: { required: true, pattern: NODE_CODE_RE },
  category: { required: true, values: REPORT_CATEGORIES },
  mode: { required: true, values: Object.values(ReportMode) },
  messageId: { required: true, pattern: MESSAGE_ID_RE },
  timestamp: { required: true, pattern: TIMESTAMP_RE },
  nonce: { required: true, pattern: NONCE_RE },
  encryption: { required: true, values: ['SM2', 'SM2-SM4'] },
  cipherMode: { required: true, values: ['C1C3C2', 'C1C2C3'] },
  cipherFormat: { required: true, values: ['prefixed04', 'raw', 'der'] },
  encryptedKey: { required: false, pattern: BASE64_RE, maxLength: 1024 },
  iv: { required: false, pattern: BASE64_RE, maxLength: 64 },
  payload: { required: true, pattern: BASE64_RE },
  payloadDigest: { required: true, pattern: DIGEST_RE },
  signature: { required: true, pattern: BASE64_RE, maxLength: 512 },
};

export type ParamProblem = { problem: 'missing' | 'type' | 'format'; field: string; detail: string };

/** Returns the first problem of the raw parameters (SOAP args or JSON body), or the typed message. */
export function checkSecureParams(raw: unknown): { ok: true; value: SecureMessage } | ({ ok: false } & ParamProblem) {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, problem: 'missing', field: 'request', detail: 'no parameters' };
  const src = raw as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const [field, rule] of Object.entries(SECURE_MESSAGE_PARAMS) as [keyof SecureMessage, ParamRule][]) {
    const v = src[field];
    if (v === undefined || v === null || v === '') {
      if (rule.required) return { ok: false, problem: 'missing', field, detail: `${field} is required` };
      continue;
    }
    if (typeof v !== 'string') return { ok: false, problem: 'type', field, detail: `${field} must be a string, got ${Array.isArray(v) ? 'array' : typeof v}` };
    if (rule.maxLength !== undefined && v.length > rule.maxLength)
      return { ok: false, problem: 'format', field, detail: `${field} longer than ${rule.maxLength}` };
    if (rule.pattern && !rule.pattern.test(v)) return { ok: false, problem: 'format', field, detail: `${field} has a bad format` };
    if (rule.values && !rule.values.includes(v)) return { ok: false, problem: 'format', field, detail: `${field} must be one of ${rule.values.join('/')}` };
    out[field] = v;
  }
  if (out.encryption === 'SM2-SM4' && (!out.encryptedKey || !out.iv)) {
    return { ok: false, problem: 'missing', field: out.encryptedKey ? 'iv' : 'encryptedKey', detail: 'SM2-SM4 needs encryptedKey and iv' };
  }
  return { ok: true, value: out as unknown as SecureMessage };
}

/** ISO 8601 with milliseconds in the +08:00 zone (what the wire uses). */
export function wireTimestamp(d: Date): string {
  const t = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return `${t.slice(0, 23)}+08:00`;
}
