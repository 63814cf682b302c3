#!/usr/bin/env node
// `npm run build:web`: the browser consoles (apps/web).
//   1. typed API clients: openapi-typescript turns docs/openapi/<app>.json into apps/web/src/generated/<app>.ts
//   2. type check of the whole workspace (vue-tsc)
//   3. one Vite build per console into dist/web/<console>/ (served by the owning app)
//   4. each text asset also as .br and .gz beside it, so the apps serve them compressed without compressing per request
import { spawnSync } from 'node:child_process';
import zlib from 'node:zlib';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'apps', 'web');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
/** console → the app whose OpenAPI document its client is generated from */
export const CONSOLES = { workbench: 'one-window', ops: 'ops-node', city: 'city-supervisor' };

function run(cmd, args, env = {}, hint = '') {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`[build:web] ${path.basename(cmd)} ${args.join(' ')} failed (exit ${r.status ?? r.signal})${hint ? `\n[build:web] ${hint}` : ''}`);
    process.exit(r.status || 1);
  }
}

const generated = path.join(web, 'src', 'generated');
fs.mkdirSync(generated, { recursive: true });
for (const app of new Set(Object.values(CONSOLES))) {
  run(bin('openapi-typescript'), [
    path.join(root, 'docs', 'openapi', `${app}.json`),
    '-o',
    path.join(generated, `${app}.ts`),
    '--root-types',
    '--alphabetize',
    '--silent',
  ]);
}
run(
  bin('vue-tsc'),
  ['-p', path.join(web, 'tsconfig.json')],
  {},
  'if an API changed: npm run build:app && npm run build:tools && npm run openapi regenerates docs/openapi/*.json, then build again',
);
for (const name of Object.keys(CONSOLES)) {
  run(bin('vite'), ['build', '--config', path.join(web, 'vite.config.mts'), '--logLevel', 'warn'], { CONSOLE: name });
  const assets = path.join(root, 'dist', 'web', name, 'assets');
  let plain = 0;
  let br = 0;
  for (const file of fs.readdirSync(assets).filter((f) => /\.(js|css|svg|json|txt)$/.test(f))) {
    const body = fs.readFileSync(path.join(assets, file));
    const b = zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
    fs.writeFileSync(path.join(assets, `${file}.br`), b);
    fs.writeFileSync(path.join(assets, `${file}.gz`), zlib.gzipSync(body, { level: 9 }));
    plain += body.length;
    br += b.length;
  }
  console.log(`[build:web] ${name} → dist/web/${name}/ (text assets ${Math.round(plain / 1024)} KiB, ${Math.round(br / 1024)} KiB brotli)`);
}
