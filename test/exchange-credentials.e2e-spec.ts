import { DEFAULT_DEPARTMENTS } from '@app/exchange-contract';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExchangeEnv } from './support/exchange-env';
import { startApp } from './support/processes';
import { freePort } from './support/env';

/** The departments' WebService accounts come from the topology file; only APP_MODE=development derives missing ones. */
describe('department exchange credentials', () => {
  let env: ExchangeEnv;

  beforeAll(async () => {
    env = await ExchangeEnv.create();
  });

  afterAll(async () => {
    await env?.close();
  });

  function topologyWithout(code: string): string {
    const departments = DEFAULT_DEPARTMENTS.map((d) =>
      d.code === code ? d : { ...d, platformCredential: env.dept(d.code).platformCredential, deptCredential: env.dept(d.code).deptCredential },
    );
    const file = join(mkdtempSync(join(tmpdir(), 'topology-')), 'topology.json');
    writeFileSync(file, JSON.stringify({ departments }), { mode: 0o600 });
    return file;
  }

  it('the exchange runs on the credentials of the topology file, in production mode', async () => {
    await env.startPlatform();
    await env.startDeptSim();
    const clerk = await env.clerk();
    // SOAP (AMR) and HTTP/JSON (HPF) both ways
    const applyNos = await Promise.all(['AMR-001', 'HPF-002'].map((c) => clerk.apply(c)));
    for (const n of applyNos) expect((await clerk.waitForState(n, 'CONCLUDED')).result).toBe('APPROVED');
    const viaNotify = (await env.simCounters()).reduce((s, d) => s + d.counters.takenViaNotify, 0);
    expect(viaNotify).toBe(2);
    await env.platform!.stop();
    await env.deptSim!.stop();
  });

  /** Runs an app that is expected to refuse to start: its exit code and output. */
  function startRefused(name: 'one-window' | 'dept-sim', extra: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
    const proc = spawn(process.execPath, ['--disable-proto=delete', join(__dirname, '..', 'dist', 'apps', name, 'src', 'main.js')], {
      env: { ...process.env, ...env.baseEnv(), PORT: '0', ...extra },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => proc.kill('SIGKILL'), 30_000);
    return new Promise((resolve) =>
      proc.on('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, out });
      }),
    );
  }

  it('refuses to start without credentials for a department, naming it', async () => {
    const platform = await startRefused('one-window', { EXCHANGE_TOPOLOGY_FILE: topologyWithout('HPF') });
    expect(platform.code).toBe(1);
    expect(platform.out).toContain('no exchange credentials for department HPF: HPF (platformCredential), HPF (deptCredential) missing');
    const sim = await startRefused('dept-sim', { EXCHANGE_TOPOLOGY_FILE: topologyWithout('PSB') });
    expect(sim.code).toBe(1);
    expect(sim.out).toContain('no exchange credentials for department PSB');
  });

  it('derives the missing ones with APP_MODE=development only', async () => {
    const port = await freePort();
    const app = await startApp(
      'one-window',
      { ...env.baseEnv(), EXCHANGE_TOPOLOGY_FILE: topologyWithout('HPF'), APP_MODE: 'development', PORT: String(port) },
      `http://127.0.0.1:${port}/health/live`,
    );
    await app.stop();
  });
});
