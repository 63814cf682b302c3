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
  'cli/migrate.ts': "the migrate CLI's one-off encryption of applicants stored in clear",
  'database/apply-no.allocator.ts': 'the 申报号 counter, bumped in its own autocommit statement on a connection of its own (UnitOfWork.allocateApplyNo)',
  'callbacks/receive-callback-notification.use-case.ts': "the SOAP replay guard's nonce store of libs/common, over the pool",
};
/** Controllers that may inject the DataSource. */
const DATASOURCE_IN_CONTROLLER: Record<string, string> = {
  'health/health.controller.ts': 'the readiness ping (SELECT 1) of the platform DB',
};

describe('one-window data access', () => {
  const files = sources(SRC).map((p) => ({ path: relative(SRC, p).split('\\').join('/'), text: readFileSync(p, 'utf8') }));

  it('runs SQL only in the repositories that own the tables', () => {
    expect(files.filter((f) => f.path.endsWith('.repository.ts') && /\.query\(/.test(f.text)).length).toBeGreaterThan(8);
    const stray = files.filter((f) => !f.path.endsWith('.repository.ts') && !SQL_ELSEWHERE[f.path] && /\.query\(/.test(f.text)).map((f) => f.path);
    expect(stray).toEqual([]);
  });

  it('opens platform transactions only through UnitOfWork (the kit of libs/common bound to the platform DB)', () => {
    const stray = files.filter((f) => /\.transaction\(/.test(f.text)).map((f) => f.path);
    expect(stray).toEqual([]);
  });

  it('reaches repositories by class: no unit of work hands out a fixed list', () => {
    const uow = files.find((f) => f.path === 'database/unit-of-work.ts')!.text;
    expect([/extends UnitOfWorkKit\b/.test(uow), /\bclass Repositories\b/.test(uow), /from '\.\.\//.test(uow)]).toEqual([true, false, false]);
    // `tx.applications.…`, `autocommit.outbox.…`: the old aggregate's fields
    const stray = files.filter((f) => /\b(?:tx|autocommit)\.(?!get\b)[A-Za-z]\w*\s*\./.test(f.text)).map((f) => f.path);
    expect(stray).toEqual([]);
  });

  it('names only exceptions that are still there', () => {
    for (const [path, why] of Object.entries(SQL_ELSEWHERE))
      expect([path, why, /\.query\(/.test(files.find((f) => f.path === path)?.text ?? '')]).toEqual([path, why, true]);
    for (const [path, why] of Object.entries(DATASOURCE_IN_CONTROLLER))
      expect([path, why, /\bDataSource\b/.test(files.find((f) => f.path === path)?.text ?? '')]).toEqual([path, why, true]);
  });

  it('makes repositories per unit: a repository takes the EntityManager of its unit, never a DataSource or a unit of work', () => {
    const repos = files.filter((f) => f.path.endsWith('.repository.ts'));
    expect(repos.length).toBeGreaterThan(10);
    const stray = repos
      .filter((f) => !/constructor\(private readonly em: EntityManager\)/.test(f.text) || /\bDataSource\b|\bUnitOfWork\b/.test(f.text))
      .map((f) => f.path);
    expect(stray).toEqual([]);
  });

  it('lets no other controller inject the DataSource', () => {
    const stray = files
      .filter((f) => f.path.endsWith('.controller.ts') && !DATASOURCE_IN_CONTROLLER[f.path] && /\bDataSource\b/.test(f.text))
      .map((f) => f.path);
    expect(stray).toEqual([]);
  });
});
