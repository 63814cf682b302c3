import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Proof that the import rules of eslint.config.mjs fire: small snippets with a forbidden import are
 * linted with exactly those rules and settings (importRules, importSettings, exported by the config) through ESLint's Node API.
 * ESLint loads its config with a dynamic import(), which jest's CommonJS runtime refuses, so the
 * linting runs in a child node process; the snippets are placed (virtually, with lintText's filePath)
 * where the rule bites: in an app, a lib, an ops-node feature. The cycle needs two real files: they are
 * written to a temporary folder under .data/ (which the normal lint ignores).
 */
const root = join(__dirname, '..', '..');

interface Case {
  name: string;
  filePath: string;
  code?: string;
}

// the child: lints each case with the import rules only (no type information needed) and prints the rule ids it reported
const CHILD = `
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { importRules, importSettings } from './eslint.config.mjs';
const cases = JSON.parse(process.argv[1]);
const eslint = new ESLint({
  cwd: process.cwd(),
  ignore: false,
  overrideConfigFile: true,
  overrideConfig: [{
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { 'import-x': importX },
    settings: importSettings,
    rules: importRules,
  }],
});
const out = {};
for (const c of cases) {
  const [r] = c.code === undefined ? await eslint.lintFiles([c.filePath]) : await eslint.lintText(c.code, { filePath: c.filePath });
  out[c.name] = r.messages.map((m) => m.ruleId ?? m.message);
}
process.stdout.write(JSON.stringify(out));
`;

function lint(cases: Case[]): Record<string, string[]> {
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', CHILD, JSON.stringify(cases)], { cwd: root, encoding: 'utf8' });
  return JSON.parse(stdout) as Record<string, string[]>;
}

describe('import rules (eslint.config.mjs)', () => {
  let tmp: string;
  beforeAll(() => {
    mkdirSync(join(root, '.data'), { recursive: true });
    tmp = mkdtempSync(join(root, '.data', 'lint-fixtures-'));
    writeFileSync(join(tmp, 'a.ts'), "import { b } from './b';\nexport const a = (): number => b() + 1;\n");
    writeFileSync(join(tmp, 'b.ts'), "import { a } from './a';\nexport const b = (): number => a() - 1;\n");
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('reports each forbidden import and leaves the allowed ones alone', () => {
    const r = lint([
      {
        name: 'app→app',
        filePath: join(root, 'apps/ops-node/src/health/probe.ts'),
        code: "import { OneWindowModule } from '../../../one-window/src/app.module';\nexport const m = OneWindowModule;\n",
      },
      {
        name: 'lib→app',
        filePath: join(root, 'libs/common/src/probe.ts'),
        code: "import { OpsNodeModule } from '../../../apps/ops-node/src/app.module';\nexport const m = OpsNodeModule;\n",
      },
      {
        name: 'deep lib',
        filePath: join(root, 'apps/ops-node/src/health/probe.ts'),
        code: "import { Clock } from '@app/common/clock';\nexport const c = Clock;\n",
      },
      {
        name: 'feature internals',
        filePath: join(root, 'apps/ops-node/src/health/probe.ts'),
        code: "import { SamplerService } from '../monitoring/sampler.service';\nexport const s = SamplerService;\n",
      },
      {
        name: 'plumbing→feature',
        filePath: join(root, 'apps/ops-node/src/config/probe.ts'),
        code: "import { MonitoringModule } from '../monitoring';\nexport const m = MonitoringModule;\n",
      },
      {
        name: 'one-window unit of work→feature',
        filePath: join(root, 'apps/one-window/src/database/unit-of-work.ts'),
        code: "import { ApplicationRepository } from '../applications/application.repository';\nexport const r = ApplicationRepository;\n",
      },
      { name: 'cycle', filePath: join(tmp, 'a.ts') },
      {
        name: 'allowed: public file, own feature, lib entry',
        filePath: join(root, 'apps/ops-node/src/health/probe.ts'),
        code: "import { Clock } from '@app/common';\nimport { SamplerService } from '../monitoring';\nimport { HealthController } from './health.controller';\nexport const x = [Clock, SamplerService, HealthController];\n",
      },
    ]);
    expect(r).toEqual({
      'app→app': ['import-x/no-restricted-paths'],
      'lib→app': ['import-x/no-restricted-paths'],
      'deep lib': ['no-restricted-imports'],
      'feature internals': ['import-x/no-restricted-paths'],
      'plumbing→feature': ['import-x/no-restricted-paths'],
      'one-window unit of work→feature': ['import-x/no-restricted-paths'],
      cycle: ['import-x/no-cycle'],
      'allowed: public file, own feature, lib entry': [],
    });
  });
});
