import { getMetadataStorage } from 'class-validator';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PLAIN_TEXT_CONSTRAINT } from './plain-text';
import { labelOf } from './validation-messages';

/**
 * Rules every REST DTO of the three user-facing apps follows, checked on the real classes (so a new
 * DTO or field cannot forget them): each text input carries @PlainText, and each validated field has a
 * Chinese label for the validation messages (@Label, a Chinese Swagger description, or a common name).
 */
const ROOT = join(__dirname, '..', '..', '..', '..');
const APPS = ['one-window', 'ops-node', 'city-supervisor'];
const TEXT_CONSTRAINTS = new Set(['isString', 'matches', 'isUrl', 'isIp', 'isEmail', 'isObject', 'length', 'minLength', 'maxLength', 'isDefined']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'cli' || name === 'config' || name === 'database' ? [] : sourceFiles(p);
    return p.endsWith('.ts') && !p.endsWith('.spec.ts') && !p.endsWith('main.ts') ? [p] : [];
  });
}

/** Every class with class-validator rules declared in the apps' REST sources (DTOs, queries, params). */
function restDtoClasses(): Map<string, object> {
  const files = APPS.flatMap((a) => sourceFiles(join(ROOT, 'apps', a, 'src'))).filter((f) =>
    /from 'class-validator'|from '@app\/common'/.test(readFileSync(f, 'utf8')),
  );
  const before = new Set(getMetadataStorage()['validationMetadatas'].keys());
  const out = new Map<string, object>();
  for (const f of files) require(f); // eslint-disable-line @typescript-eslint/no-require-imports
  for (const target of getMetadataStorage()['validationMetadatas'].keys()) {
    const name = (target as { name?: string }).name ?? '?';
    if (before.has(target) || name.endsWith('Config')) continue;
    out.set(name, target);
  }
  return out;
}

describe('REST DTO rules (one-window, ops node, city)', () => {
  const classes = restDtoClasses();
  const metas = (target: object): { propertyName: string; name?: string; type: string }[] =>
    getMetadataStorage()['validationMetadatas'].get(target as never) ?? [];

  it('finds the DTOs', () => {
    expect(classes.size).toBeGreaterThan(30);
    for (const n of ['CreateResourceDto', 'RegisterApplicationDto', 'IssueWorkOrderDto', 'ListApplicationsQuery', 'AlertsQuery'])
      expect([...classes.keys()]).toContain(n);
  });

  it('every text input carries @PlainText (no NUL, C0/C1 or bidi controls)', () => {
    const missing: string[] = [];
    for (const [name, target] of classes) {
      const byProp = new Map<string, Set<string>>();
      for (const m of metas(target)) byProp.set(m.propertyName, (byProp.get(m.propertyName) ?? new Set()).add(m.name ?? m.type));
      for (const [prop, names] of byProp) {
        if ([...names].some((n) => TEXT_CONSTRAINTS.has(n)) && !names.has(PLAIN_TEXT_CONSTRAINT)) missing.push(`${name}.${prop}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every validated field has a Chinese label for the validation messages', () => {
    const unlabelled: string[] = [];
    for (const [name, target] of classes) {
      const props = new Set(metas(target).map((m) => m.propertyName));
      for (const prop of props) if (labelOf((target as { prototype: object }).prototype, prop).startsWith('字段 ')) unlabelled.push(`${name}.${prop}`);
    }
    expect(unlabelled).toEqual([]);
  });
});
