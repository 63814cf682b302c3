import { createHash } from 'node:crypto';

/** Printable ASCII without spaces, 1–128 characters (a UUID fits, so does a client's own scheme). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7E]{1,128}$/;

/**
 * JSON with object keys sorted at every level and undefined members left out, so the same
 * request written in another key order (or with an absent optional field spelled out as
 * undefined) has the same text.
 */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canonicalJson(x))).join(',')}]`;
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** SM3 (hex) of the canonical JSON of a validated request body. */
export function requestHash(body: unknown): string {
  return createHash('sm3').update(canonicalJson(body)).digest('hex');
}
