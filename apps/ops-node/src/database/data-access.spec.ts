import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return d.name === 'migrations' ? [] : sources(p);
    return d.name.endsWith('.ts') && !d.name.endsWith('.spec.ts') ? [p] : [];
  });
}

/** Statements outside a repository, each with its reason; anything else fails. */
const SQL_ELSEWHERE: Record<string, string> = {
  'cli/migrate.ts': 'the front DB DDL applied by the migrate CLI',
  'health/health.controller.ts': 'the readiness ping (SELECT 1) of both DBs',
};
/** Transactions opened outside the unit of work. */
const TX_ELSEWHERE: Record<string, string> = {
  'database/unit-of-work.ts': 'the one transaction API of the ops DB',
  'downlink/downlink-scan.job.ts': "the ops front DB's own transaction (another DataSource, reached lazily)",
};

describe('ops-node data access', () => {
  const files = sources(SRC).map((p) => ({ path: relative(SRC, p).split('\\').join('/'), text: readFileSync(p, 'utf8') }));
  const owner = (path: string) => path.endsWith('.repository.ts') || path.endsWith('.store.ts');

  it('runs SQL only in the repositories (and the escalation store) that own the tables', () => {
    expect(files.filter((f) => owner(f.path) && /\.query\(/.test(f.text)).length).toBeGreaterThan(15);
    const stray = files.filter((f) => !owner(f.path) && !SQL_ELSEWHERE[f.path] && /\.query\(/.test(f.text)).map((f) => f.path);
    expect(stray).toEqual([]);
  });

  it('opens ops-DB transactions only through UnitOfWork', () => {
    const stray = files.filter((f) => !TX_ELSEWHERE[f.path] && /\.transaction\(/.test(f.text)).map((f) => f.path);
    expect(stray).toEqual([]);
  });

  it('lets no controller inject the DataSource', () => {
    const stray = files.filter((f) => f.path.endsWith('.controller.ts') && !SQL_ELSEWHERE[f.path] && /\bDataSource\b/.test(f.text)).map((f) => f.path);
    expect(stray).toEqual([]);
  });
});
