import { REPORT_CATEGORIES, ReportCategory, ReportMode } from './categories';
import { FieldRule, ITEM_SCHEMAS, ReportItem } from './item-schemas';

/** The plaintext that is encrypted into a secure message. */
export interface ReportMessage {
  nodeCode: string;
  category: ReportCategory;
  mode: ReportMode;
  generatedAt: string;
  items: ReportItem[];
}

export interface FieldViolation {
  path: string;
  problem: 'missing' | 'type' | 'format' | 'range' | 'unknown';
  detail: string;
}

export const MAX_ITEMS_PER_MESSAGE = 20_000;

/** The top-level fields of a report's plaintext; any other field is refused (3011), like an unknown item field. */
export const REPORT_MESSAGE_FIELDS: readonly (keyof ReportMessage)[] = ['nodeCode', 'category', 'mode', 'generatedAt', 'items'];
const MAX_VIOLATIONS = 20;

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-fA-F:]{2,39}$/;
const PHONE = /^[0-9+\-() ]{5,32}$/;

export function isIsoDateTime(v: string): boolean {
  return ISO_DATETIME.test(v) && !Number.isNaN(Date.parse(v));
}

function checkField(path: string, rule: FieldRule, v: unknown): FieldViolation | undefined {
  if (v === undefined || v === null || v === '') {
    return rule.required ? { path, problem: 'missing', detail: `${rule.label} 必填` } : undefined;
  }
  const type = (problem: FieldViolation['problem'], detail: string): FieldViolation => ({ path, problem, detail: `${rule.label}${detail}` });
  switch (rule.type) {
    case 'number':
    case 'integer':
      if (typeof v !== 'number' || !Number.isFinite(v)) return type('type', ' 应为数值');
      if (rule.type === 'integer' && !Number.isInteger(v)) return type('type', ' 应为整数');
      if ((rule.min !== undefined && v < rule.min) || (rule.max !== undefined && v > rule.max))
        return type('range', ` 超出范围 [${rule.min ?? '-∞'}, ${rule.max ?? '∞'}]`);
      return undefined;
    case 'boolean':
      return typeof v === 'boolean' ? undefined : type('type', ' 应为布尔值');
    case 'string':
    case 'datetime':
    case 'ip':
    case 'url':
    case 'phone':
    case 'enum': {
      if (typeof v !== 'string') return type('type', ' 应为字符串');
      if (rule.maxLength !== undefined && v.length > rule.maxLength) return type('range', ` 长度超过 ${rule.maxLength}`);
      if (rule.type === 'datetime' && !isIsoDateTime(v)) return type('format', ' 应为 ISO 8601 时间（含时区）');
      if (rule.type === 'ip' && !IPV4.test(v) && !(v.includes(':') && IPV6.test(v))) return type('format', ' 不是合法的IP地址');
      if (rule.type === 'url' && !/^https?:\/\/[^\s]+$/.test(v)) return type('format', ' 不是合法的URL');
      if (rule.type === 'phone' && !PHONE.test(v)) return type('format', ' 不是合法的电话号码');
      if (rule.type === 'enum' && !(rule.values ?? []).includes(v)) return type('range', ` 取值应为 ${(rule.values ?? []).join('/')}`);
      return undefined;
    }
  }
}

/** Checks one item against its category's rules; unknown fields are refused so that typos surface. */
export function validateItem(category: ReportCategory, item: unknown, path: string): FieldViolation[] {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return [{ path, problem: 'type', detail: '条目应为对象' }];
  const schema = ITEM_SCHEMAS[category];
  const out: FieldViolation[] = [];
  for (const [name, rule] of Object.entries(schema)) {
    const v = checkField(`${path}.${name}`, rule, (item as Record<string, unknown>)[name]);
    if (v) out.push(v);
  }
  for (const name of Object.keys(item)) {
    if (!Object.prototype.hasOwnProperty.call(schema, name)) out.push({ path: `${path}.${name}`, problem: 'unknown', detail: `未定义的字段 ${name}` });
  }
  return out;
}

export type MessageCheck =
  { ok: true; message: ReportMessage } | { ok: false; kind: 'empty' | 'malformed' | 'invalid' | 'mismatch'; detail: string; violations?: FieldViolation[] };

/**
 * Message validation (报文校验) of a decrypted plaintext: present, well-formed JSON object, header
 * consistent with the signed parameters, items valid. Reports at most 20 violations.
 */
export function checkReportMessage(plain: Buffer, expect: { nodeCode: string; category: ReportCategory; mode: ReportMode }): MessageCheck {
  if (plain.length === 0) return { ok: false, kind: 'empty', detail: 'payload is empty' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(plain.toString('utf8'));
  } catch {
    return { ok: false, kind: 'malformed', detail: 'payload is not JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, kind: 'malformed', detail: 'payload is not a JSON object' };
  const m = parsed as Partial<Record<keyof ReportMessage, unknown>>;
  if (!Array.isArray(m.items)) return { ok: false, kind: 'malformed', detail: 'items must be an array' };
  if (typeof m.generatedAt !== 'string' || !isIsoDateTime(m.generatedAt))
    return { ok: false, kind: 'malformed', detail: 'generatedAt must be an ISO 8601 time' };
  if (!REPORT_CATEGORIES.includes(m.category as ReportCategory) || m.category !== expect.category)
    return { ok: false, kind: 'mismatch', detail: `category ${String(m.category)} ≠ ${expect.category}` };
  if (m.nodeCode !== expect.nodeCode) return { ok: false, kind: 'mismatch', detail: `nodeCode ${String(m.nodeCode)} ≠ ${expect.nodeCode}` };
  if (m.mode !== expect.mode) return { ok: false, kind: 'mismatch', detail: `mode ${String(m.mode)} ≠ ${expect.mode}` };
  // An incremental report with nothing new is legitimate; a full report of nothing is not (except alerts/work orders/performance).
  if (m.items.length === 0 && m.mode === 'FULL' && (m.category === ReportCategory.NODE_INFO || m.category === ReportCategory.RESOURCE)) {
    return { ok: false, kind: 'empty', detail: 'a full report of this category needs at least one item' };
  }
  if (m.items.length > MAX_ITEMS_PER_MESSAGE) return { ok: false, kind: 'invalid', detail: `more than ${MAX_ITEMS_PER_MESSAGE} items` };
  // a field the contract does not define is refused, not stored: a typo (or a smuggled field) surfaces at once
  const violations: FieldViolation[] = Object.keys(m)
    .filter((k) => !(REPORT_MESSAGE_FIELDS as readonly string[]).includes(k))
    .map((k) => ({ path: k, problem: 'unknown' as const, detail: `未定义的字段 ${k}` }));
  for (let i = 0; i < m.items.length && violations.length < MAX_VIOLATIONS; i++) violations.push(...validateItem(expect.category, m.items[i], `items[${i}]`));
  if (violations.length)
    return {
      ok: false,
      kind: 'invalid',
      detail: violations
        .slice(0, 3)
        .map((v) => `${v.path}: ${v.detail}`)
        .join('; '),
      violations: violations.slice(0, MAX_VIOLATIONS),
    };
  return { ok: true, message: parsed as ReportMessage };
}
