/**
 * The `detail` column of ex_callback must hold a JSON object (front-db.md). JSON_VALID in the
 * DDL lets any JSON value through (a string, an array, null, a number), and a server that does
 * not enforce CHECK constraints lets anything through. The reader never throws on it: it gets
 * an object to work with and, when the stored value is not an object, the reason to refuse it.
 */
export function parseCallbackDetail(raw: unknown): { detail: Record<string, unknown>; problem?: string } {
  let v: unknown = Buffer.isBuffer(raw) ? raw.toString('utf8') : raw;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return { detail: {}, problem: 'detail 不是合法的 JSON' };
    }
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    return { detail: {}, problem: `detail 须为 JSON 对象，实际为 ${jsonKind(v)}` };
  }
  return { detail: v as Record<string, unknown> };
}

function jsonKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return '数组 (array)';
  if (typeof v === 'string') return '字符串 (string)';
  if (typeof v === 'number') return '数字 (number)';
  if (typeof v === 'boolean') return '布尔值 (boolean)';
  return typeof v;
}
