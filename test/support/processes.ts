import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { waitFor } from './env';

const ROOT = join(__dirname, '..', '..');

export interface RunningApp {
  name: string;
  proc: ChildProcess;
  logs: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
  kill(): Promise<void>;
}

/** Runs a compiled CLI (migrations) to completion; throws with its output on failure. */
export async function runCli(relPath: string, env: NodeJS.ProcessEnv): Promise<string> {
  const proc = spawn(process.execPath, ['--disable-proto=delete', join(ROOT, 'dist', relPath)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => proc.on('exit', resolve));
  if (code !== 0) throw new Error(`${relPath} exited ${code}:\n${out}`);
  return out;
}

/** Starts one app from dist/ exactly as production does (node --disable-proto=delete) and waits until it answers. */
export async function startApp(
  name: 'one-window' | 'dept-sim' | 'ops-node' | 'city-supervisor' | 'smsc-sim' | 'mail-sim' | 'voice-sim',
  env: NodeJS.ProcessEnv,
  readyUrl: string,
): Promise<RunningApp> {
  const proc = spawn(process.execPath, ['--disable-proto=delete', join(ROOT, 'dist', 'apps', name, 'src', 'main.js')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const collect = (d: Buffer) => {
    for (const line of d.toString().split('\n')) if (line) logs.push(line);
    if (logs.length > 5000) logs.splice(0, logs.length - 5000);
  };
  proc.stdout!.on('data', collect);
  proc.stderr!.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  let gone = false;
  void exited.then(() => (gone = true));
  const app: RunningApp = {
    name,
    proc,
    logs,
    exited,
    async stop() {
      if (!gone) proc.kill('SIGTERM');
      const t = setTimeout(() => !gone && proc.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(t);
    },
    async kill() {
      if (!gone) proc.kill('SIGKILL');
      await exited;
    },
  };
  try {
    await waitFor(
      `${name} to answer ${readyUrl}`,
      async () => {
        if (gone) throw new Error(`${name} exited during start-up:\n${logs.slice(-20).join('\n')}`);
        const res = await fetch(readyUrl).catch(() => null);
        return res !== null && res.status < 500;
      },
      60_000,
      150,
    );
  } catch (err) {
    await app.kill();
    throw new Error(`${(err as Error).message}\n--- ${name} log tail ---\n${logs.slice(-30).join('\n')}`);
  }
  return app;
}
