import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface OpenApiOperation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

/**
 * Operations of an OpenAPI document that do not declare what they answer on success: no 2xx
 * response with a content schema, and no 204. (Nest's Swagger plugin adds a bare 200/201 with no
 * content to an undecorated handler, which is what a generated client cannot use.)
 */
export function untypedOperations(doc: { paths: Record<string, Record<string, OpenApiOperation>> }): string[] {
  const out: string[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const ok = Object.entries(op.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
      const declared = ok.some(([status, r]) => status === '204' || Object.values(r.content ?? {}).some((c) => c.schema !== undefined));
      if (!declared) out.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return out.sort();
}

const BASELINE_FILE = join(__dirname, '..', 'fixtures', 'untyped-operations.json');

/**
 * The operations that had no declared response when the rule came in (a ratchet): the list may
 * only shrink. `WRITE_UNTYPED_BASELINE=1` rewrites the app's entry from the running app.
 */
export function untypedBaseline(app: string, current: string[]): string[] {
  const all = (existsSync(BASELINE_FILE) ? JSON.parse(readFileSync(BASELINE_FILE, 'utf8')) : {}) as Record<string, string[]>;
  if (process.env.WRITE_UNTYPED_BASELINE === '1') {
    all[app] = current;
    writeFileSync(BASELINE_FILE, `${JSON.stringify(all, null, 2)}\n`);
  }
  return all[app] ?? [];
}
