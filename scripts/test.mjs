#!/usr/bin/env node
// `npm test`: one command from a fresh clone to a full test run.
//
//   1. npm ci if node_modules is missing/stale
//   2. private MariaDB on 127.0.0.1:3308 (installed via apt and initialised on first use)
//   3. npm run build (dist/ is used by the integration suites; dist/web/ holds the consoles)
//   4. lint, formatting (prettier --check) and docs/openapi/*.json checked against the code
//   5. jest --runInBand [extra args], with TEST_DB_* pointing at the private MariaDB (and Debian's chromium for the console journeys)
//   6. stop MariaDB again if this script started it; exit with jest's exit code
//
// Extra arguments go to jest: `npm test -- -t 'shadow table'`, `npm test -- --selectProjects unit`.
// Env overrides: TEST_MARIADB_DIR (default .data/mariadb-test), TEST_MARIADB_PORT (default 3308).
// Built-ins only: runs before node_modules exists.

import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNodeModules, runNpm } from './ensure-deps.mjs';
import { ensureBrowser, ensureInteropPeers } from './lib/apt.mjs';
import { ensureMariaDb, stopMariaDb } from './lib/mariadb.mjs';
import fs from 'node:fs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dbDir = path.resolve(repoRoot, process.env.TEST_MARIADB_DIR || '.data/mariadb-test');
const dbPort = Number(process.env.TEST_MARIADB_PORT || 3308);
const jestArgs = process.argv.slice(2);
const relDir = path.relative(repoRoot, dbDir);
const displayDir = relDir && !relDir.startsWith('..') ? relDir : dbDir;

const stage = (msg) => console.log(`\n[test] ${msg}`);
const log = (msg) => console.log(`[test]   ${msg}`);

let db = null; // connection info once MariaDB is up
let child = null; // currently running stage (npm / jest)
let interrupted = null; // 'SIGINT' | 'SIGTERM' once asked to stop
let cleaningUp = false;

function onSignal(sig) {
  if (interrupted) {
    // second signal: give up on a graceful exit
    console.error(
      `\n[test] ${sig} again: exiting immediately${db?.startedByUs ? ` (MariaDB left running; stop it with: node scripts/mariadb.mjs stop --dir ${displayDir})` : ''}`,
    );
    process.exit(sig === 'SIGINT' ? 130 : 143);
  }
  interrupted = sig;
  console.error(`\n[test] ${sig} received: stopping${cleaningUp ? '' : ' after the current step'}…`);
  if (child && child.exitCode === null && child.signalCode === null) {
    try {
      child.kill(sig);
    } catch {
      /* already gone */
    }
  }
}
process.on('SIGINT', () => onSignal('SIGINT'));
process.on('SIGTERM', () => onSignal('SIGTERM'));

/** Remember the running stage's process so a SIGTERM sent only to us is forwarded to it. */
function track(proc) {
  child = proc;
  proc.once('close', () => {
    if (child === proc) child = null;
  });
}

function runNode(args, env) {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: 'inherit' });
    track(proc);
    proc.on('error', reject);
    proc.on('close', (code, signal) => {
      resolve(code ?? (signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 1));
    });
  });
}

class Interrupted extends Error {}
const checkInterrupted = () => {
  if (interrupted) throw new Interrupted(interrupted);
};

async function main() {
  stage('installing node modules (npm ci if needed)…');
  await ensureNodeModules({ log, onSpawn: track });
  checkInterrupted();

  stage(`starting private MariaDB on 127.0.0.1:${dbPort} (${displayDir})…`);
  db = await ensureMariaDb({ dir: dbDir, port: dbPort, log });
  log(`MariaDB ${db.startedByUs ? 'started' : 'already running, reusing it'}: ${db.user}@${db.host}:${db.port}`);
  checkInterrupted();

  stage('checking the interop peers (python3-zeep from Debian)…');
  await ensureInteropPeers(log);
  checkInterrupted();

  stage('checking the browser for the console journeys (chromium, fonts-noto-cjk from Debian)…');
  await ensureBrowser(log);
  checkInterrupted();

  stage('building (npm run build)…');
  {
    const code = await runNpm(['run', 'build'], { cwd: repoRoot, onSpawn: track });
    checkInterrupted();
    if (code !== 0) {
      console.error(`[test] build failed (exit ${code})`);
      return code;
    }
  }

  stage('linting (eslint, type-aware)…');
  {
    const code = await runNpm(['run', 'lint'], { cwd: repoRoot, onSpawn: track });
    checkInterrupted();
    if (code !== 0) {
      console.error(`[test] lint failed (exit ${code})`);
      return code;
    }
  }

  stage('checking the formatting (prettier --check, npm run format:check)…');
  {
    const code = await runNpm(['run', 'format:check'], { cwd: repoRoot, onSpawn: track });
    checkInterrupted();
    if (code !== 0) {
      console.error('[test] files are not formatted: run npm run format');
      return code;
    }
  }

  stage('checking docs/openapi/*.json against the code (npm run openapi -- --check)…');
  {
    const code = await runNpm(['run', 'openapi', '--', '--check'], { cwd: repoRoot, onSpawn: track });
    checkInterrupted();
    if (code !== 0) {
      console.error('[test] the committed OpenAPI documents differ from the code: run npm run openapi and commit docs/openapi/');
      return code;
    }
  }

  stage(`running jest --runInBand${jestArgs.length ? ` ${jestArgs.join(' ')}` : ''}…`);
  const env = {
    ...process.env,
    TEST_DB_HOST: db.host,
    TEST_DB_PORT: String(db.port),
    TEST_DB_USER: db.user,
    TEST_DB_PASSWORD: db.password,
    TEST_DB_SOCKET: db.socket,
  };
  const resultsFile = path.join(repoRoot, '.data', 'jest-results.json');
  fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
  fs.rmSync(resultsFile, { force: true });
  const code = await runNode(
    ['--disable-proto=delete', 'node_modules/jest/bin/jest.js', '--runInBand', '--json', `--outputFile=${resultsFile}`, ...jestArgs],
    env,
  );
  log(`jest exited with code ${code}`);
  printSummary(resultsFile);
  return code;
}

/** One plain closing line that any CI can read: "N passed, N failed, N skipped". */
function printSummary(file) {
  try {
    const r = JSON.parse(fs.readFileSync(file, 'utf8'));
    console.log(`\n${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
  } catch {
    console.log('\n[test] no jest result file: the run did not complete');
  }
}

async function cleanup() {
  cleaningUp = true;
  if (db?.startedByUs) {
    stage('stopping the private MariaDB started for this run…');
    try {
      await stopMariaDb({ dir: dbDir, log });
    } catch (err) {
      console.error(`[test] could not stop MariaDB: ${err.message}`);
    }
  } else if (db) {
    log(`leaving MariaDB on port ${db.port} running (it was already running before this run)`);
  }
}

let exitCode;
try {
  exitCode = await main();
} catch (err) {
  if (err instanceof Interrupted) exitCode = interrupted === 'SIGINT' ? 130 : 143;
  else {
    console.error(`\n[test] ERROR: ${err.message}`);
    exitCode = 1;
  }
}
// ensureMariaDb may have started the server even if we got interrupted while it was starting
await cleanup();
if (interrupted && exitCode === 0) exitCode = interrupted === 'SIGINT' ? 130 : 143;
process.exit(exitCode);
