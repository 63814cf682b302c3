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
/** Transactions opened outside the unit of work (UnitOfWork, the kit of libs/common bound to the ops DB). */
const TX_ELSEWHERE: Record<string, string> = {
  'downlink/downlink-scan.job.ts': "the ops front DB's own transaction (another DataSource, reached lazily)",
};

describe('ops-node data access', () => {
  const files = sources(SRC).map((p) => ({ path: relative(SRC, p).split('\\').join('/'), text: readFileSync(p, 'utf8') }));
  const owner = (path: string) => path.endsWith('.repository.ts') || path.endsWith('.store.ts');

  it('runs SQL only in the repositories that own the tables', () => {
    expect(files.filter((f) => owner(f.path) && /\.query\(/.test(f.text)).length).toBeGreaterThan(15);
    const stray = files.filter((f) => !owner(f.path) && !SQL_ELSEWHERE[f.path] && /\.query\(/.test(f.text)).map((f) => f.path);
    expect(stray).toEqual([]);
  });

  it('opens ops-DB transactions only through UnitOfWork', () => {
    const stray = files.filter((f) => !TX_ELSEWHERE[f.path] && /\.transaction\(/.test(f.text)).map((f) => f.path);
    expect(stray).toEqual([]);
  });

  it('names only exceptions that are still there', () => {
    for (const [path, why] of Object.entries(SQL_ELSEWHERE))
      expect([path, why, /\.query\(/.test(files.find((f) => f.path === path)?.text ?? '')]).toEqual([path, why, true]);
    for (const [path, why] of Object.entries(TX_ELSEWHERE))
      expect([path, why, /\.transaction\(/.test(files.find((f) => f.path === path)?.text ?? '')]).toEqual([path, why, true]);
  });

  it('makes repositories per unit: a repository takes the EntityManager of its unit, never a DataSource or a unit of work', () => {
    const repos = files.filter((f) => f.path.endsWith('.repository.ts') && f.path !== 'downlink/ops-front.repository.ts');
    expect(repos.length).toBeGreaterThan(15);
    const stray = repos
      .filter((f) => !/constructor\(private readonly db: EntityManager\)/.test(f.text) || /\bDataSource\b|\bUnitOfWork\b/.test(f.text))
      .map((f) => f.path);
    expect(stray).toEqual([]);
  });

  it('lets no controller inject the DataSource', () => {
    const stray = files.filter((f) => f.path.endsWith('.controller.ts') && !SQL_ELSEWHERE[f.path] && /\bDataSource\b/.test(f.text)).map((f) => f.path);
    expect(stray).toEqual([]);
  });
});
