// Lint that catches real bugs: promises nobody awaits, promises where a callback is expected,
// switches that forget a case, `any` leaking in. Type-aware (uses tsconfig.json).
// And the shape of the code: no import cycles, apps independent of each other, libs independent of
// apps, libs used only through their public entry (@app/<lib>), and in the ops node a feature used by
// another only through its public file (its index.ts); the same for the city supervisor's features.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import pluginVue from 'eslint-plugin-vue';
import { readdirSync } from 'node:fs';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;
const dirsOf = (dir) =>
  readdirSync(`${root}/${dir}`, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
const apps = dirsOf('apps');

// ops-node: the folders that are plumbing, not features (settings, the global module, the DB, the CLI,
// small pure helpers several features share). Every other folder of src/ is a feature, so a new one is
// guarded from the start.
const OPS_INFRA = new Set(['config', 'core', 'database', 'cli', 'shared']);
const opsFeatures = dirsOf('apps/ops-node/src').filter((d) => !OPS_INFRA.has(d));

// city-supervisor: the same shape. The migrate CLI is plumbing that uses a feature (it creates the
// downlink front DBs), so only config, core and database are kept feature-free; the root files
// (main.ts, app.module.ts) assemble the features.
const CITY_INFRA = new Set(['config', 'core', 'database', 'cli']);
const cityFeatures = dirsOf('apps/city-supervisor/src').filter((d) => !CITY_INFRA.has(d));

// one-window: its features are every folder of src/ but the plumbing. Its unit of work (database/) binds
// repositories by class, so it imports no feature; only the TypeORM entity list (database/entities.ts)
// and the seeding migrations name features' code.
const OW_INFRA = new Set(['config', 'core', 'database', 'cli']);
const owFeatures = dirsOf('apps/one-window/src').filter((d) => !OW_INFRA.has(d));

/** How import-x reads the code: TypeScript files, resolved with the tsconfig paths (@app/<lib>). */
export const importSettings = {
  'import-x/extensions': ['.ts', '.js'],
  'import-x/external-module-folders': ['node_modules'],
  'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
  'import-x/resolver-next': [createTypeScriptImportResolver({ project: `${root}/tsconfig.json` })],
};

/** The import rules, shared with the spec that proves they fire (test/tools/import-rules.spec.ts lints snippets with it). */
export const importRules = {
  'import-x/no-cycle': ['error', { ignoreExternal: true }],
  'import-x/no-restricted-paths': [
    'error',
    {
      basePath: root,
      zones: [
        ...apps.map((app) => ({
          target: `./apps/${app}`,
          from: './apps',
          except: [`./${app}`],
          message: 'an app must not import another app: share the code through a lib',
        })),
        { target: './libs', from: './apps', message: 'a lib must not import an app' },
        ...opsFeatures.map((f) => ({
          target: [`./apps/ops-node/src/!(${f})/**`, './apps/ops-node/src/*.ts'],
          from: `./apps/ops-node/src/${f}`,
          except: ['./index.ts'],
          message: `another ops-node feature may import ${f} only through its public file (${f}/index.ts)`,
        })),
        // the plumbing must not depend on any feature
        {
          target: [...OPS_INFRA].map((d) => `./apps/ops-node/src/${d}/**`),
          from: opsFeatures.map((f) => `./apps/ops-node/src/${f}/**`),
          message: 'ops-node plumbing (config, core, database, cli, shared) must not import a feature',
        },
        ...cityFeatures.map((f) => ({
          target: `./apps/city-supervisor/src/!(${f})/**`,
          from: `./apps/city-supervisor/src/${f}`,
          except: ['./index.ts'],
          message: `another city-supervisor feature may import ${f} only through its public file (${f}/index.ts)`,
        })),
        {
          target: ['config', 'core', 'database'].map((d) => `./apps/city-supervisor/src/${d}/**`),
          from: cityFeatures.map((f) => `./apps/city-supervisor/src/${f}/**`),
          message: 'city-supervisor plumbing (config, core, database) must not import a feature',
        },
        {
          target: './apps/one-window/src/database/!(entities).ts',
          from: owFeatures.map((f) => `./apps/one-window/src/${f}/**`),
          message: "one-window's unit of work and DB plumbing must not import a feature (the kit takes repository classes)",
        },
      ],
    },
  ],
  'no-restricted-imports': ['error', { patterns: [{ regex: '^@app/[^/]+/', message: 'import a lib through its public entry @app/<lib> only' }] }],
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-tools/**',
      'apps/web/src/generated/**',
      'node_modules/**',
      '.data/**',
      'scripts/**',
      'jest.config.js',
      'eslint.config.mjs',
      'test/interop/**',
      '**/__lint-fixtures__/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    ignores: ['apps/web/**'],
    languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.ts'],
    ignores: ['apps/web/**'],
    plugins: { 'import-x': importX },
    settings: importSettings,
    rules: importRules,
  },
  // the browser consoles (apps/web): Vue's recommended rules and the same type-aware checks, with the
  // web workspace's own tsconfig (DOM types, the @web/* alias); a console never imports a server app
  ...pluginVue.configs['flat/recommended'].map((c) => ({ ...c, files: ['apps/web/**/*.{ts,vue}'] })),
  {
    files: ['apps/web/**/*.{ts,vue}'],
    ignores: ['apps/web/vite.config.mts'],
    languageOptions: {
      parserOptions: {
        parser: tseslint.parser,
        project: './apps/web/tsconfig.json',
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.vue'],
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // TypeScript (vue-tsc) knows the browser's globals better than a list here
      'no-undef': 'off',
      // the screens use the ideographic space (U+3000) between Chinese facts on purpose
      'no-irregular-whitespace': 'off',
      'vue/no-irregular-whitespace': ['error', { skipHTMLTextContents: true, skipStrings: true }],
      // a .ts file may build several small components (the account pages' factories)
      'vue/one-component-per-file': 'off',
      // Prettier owns the layout of templates
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
    },
  },
  {
    files: ['apps/web/**/*.{ts,vue}'],
    plugins: { 'import-x': importX },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(\\.\\./)?(one-window|ops-node|city-supervisor|dept-sim)/',
              message: 'a console talks to its app through the generated client only',
            },
            { regex: '^@app/', message: 'a console does not import the server libs' },
          ],
        },
      ],
    },
  },
  // the kit's handler signature mirrors node-soap's untyped arguments; tests poke at payloads
  { files: ['libs/soap-kit/src/**/*.ts', '**/*.spec.ts', '**/*.e2e-spec.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
);
