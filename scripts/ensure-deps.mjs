#!/usr/bin/env node
// Install node_modules when missing or out of date (built-ins only: runs before npm ci).
//
//   import { ensureNodeModules } from './ensure-deps.mjs'; await ensureNodeModules({ log });
//   node scripts/ensure-deps.mjs
//
// "Out of date" = package-lock.json is newer than node_modules/.package-lock.json (npm's hidden
// lockfile) *and* its package entries actually differ, so a fresh `git checkout` that merely
// touches the lockfile does not trigger a reinstall.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const defaultLog = (msg) => console.log(`[deps] ${msg}`);

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Do the installed packages (hidden lockfile) match package-lock.json? */
function lockContentsMatch(lockFile, hiddenFile) {
  const lock = readJson(lockFile);
  const hidden = readJson(hiddenFile);
  if (!lock?.packages || !hidden?.packages) return false;
  const key = (e) => JSON.stringify([e.version, e.resolved, e.integrity, e.link, e.dev, e.optional]);
  for (const [name, entry] of Object.entries(lock.packages)) {
    if (name === '') continue; // root project entry is not in the hidden lockfile
    const inst = hidden.packages[name];
    if (!inst) {
      if (entry.optional || entry.devOptional) continue; // e.g. platform-specific packages (fsevents)
      return false;
    }
    if (key(entry) !== key(inst)) return false;
  }
  for (const name of Object.keys(hidden.packages)) if (!(name in lock.packages)) return false;
  return true;
}

/** Why node_modules needs (re)installing, or null if it is up to date. */
export function nodeModulesStale(root = repoRoot) {
  const nm = path.join(root, 'node_modules');
  const lockFile = path.join(root, 'package-lock.json');
  const hiddenFile = path.join(nm, '.package-lock.json');
  if (!fs.existsSync(nm)) return 'node_modules is missing';
  if (!fs.existsSync(lockFile)) return fs.existsSync(hiddenFile) ? null : 'node_modules is incomplete';
  if (!fs.existsSync(hiddenFile)) return 'node_modules/.package-lock.json is missing';
  if (fs.statSync(lockFile).mtimeMs <= fs.statSync(hiddenFile).mtimeMs) return null;
  return lockContentsMatch(lockFile, hiddenFile) ? null : 'package-lock.json changed since the last install';
}

/** Command line to run npm: the npm that launched us (npm test) if known, else npm from PATH. */
function npmCommand() {
  const execPath = process.env.npm_execpath;
  if (execPath && /\.c?js$/.test(execPath) && fs.existsSync(execPath)) return [process.execPath, [execPath]];
  return ['npm', []];
}

/** Run npm with inherited stdio; resolves with its exit code. onSpawn(child) lets callers forward signals. */
export function runNpm(args, { cwd = repoRoot, env = process.env, onSpawn } = {}) {
  const [cmd, pre] = npmCommand();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, [...pre, ...args], { cwd, env, stdio: 'inherit' });
    onSpawn?.(child);
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Run `npm ci` (or `npm install` without a lockfile) if node_modules is missing/stale. */
export async function ensureNodeModules({ log = defaultLog, root = repoRoot, onSpawn } = {}) {
  const reason = nodeModulesStale(root);
  if (!reason) {
    log('node_modules is up to date');
    return false;
  }
  const hasLock = fs.existsSync(path.join(root, 'package-lock.json'));
  const args = hasLock ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'];
  log(`${reason}: running npm ${args.join(' ')}…`);
  const t0 = Date.now();
  const code = await runNpm(args, { cwd: root, onSpawn });
  if (code !== 0) throw new Error(`npm ${args[0]} failed with exit code ${code}`);
  log(`node modules installed in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureNodeModules().catch((err) => {
    console.error(`[deps] ERROR: ${err.message}`);
    process.exit(1);
  });
}
