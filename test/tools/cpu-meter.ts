import { readFileSync } from 'node:fs';

/** CPU time (user + system, ms) of named processes, read from /proc; for per-phase cost in the bench. */
export class CpuMeter {
  private readonly tick = 100; // USER_HZ on Linux
  constructor(private readonly pids: Record<string, number>) {}

  static fromEnv(spec: string | undefined): CpuMeter {
    const pids: Record<string, number> = {};
    for (const part of (spec ?? '').split(',').filter(Boolean)) {
      const [name, pid] = part.split(':');
      if (Number(pid) > 0) pids[name] = Number(pid);
    }
    pids.bench = process.pid;
    return new CpuMeter(pids);
  }

  snapshot(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [name, pid] of Object.entries(this.pids)) {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
        out[name] = ((Number(fields[11]) + Number(fields[12])) * 1000) / this.tick;
        out[`${name}.sys`] = (Number(fields[12]) * 1000) / this.tick;
      } catch {
        out[name] = NaN;
      }
    }
    return out;
  }

  /** ms of CPU per unit of work between two snapshots, per process. */
  static perUnit(before: Record<string, number>, after: Record<string, number>, units: number): Record<string, number> {
    return Object.fromEntries(
      Object.keys(after)
        .filter((k) => !k.endsWith('.sys'))
        .map((k) => [k, Math.round(((after[k] - before[k]) / units) * 100) / 100]),
    );
  }

  /** Share of each process's CPU spent in the kernel between two snapshots (loopback I/O is charged to the sender). */
  static sysShare(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
    return Object.fromEntries(
      Object.keys(after)
        .filter((k) => !k.endsWith('.sys'))
        .map((k) => [k, Math.round(((after[`${k}.sys`] - before[`${k}.sys`]) / Math.max(1, after[k] - before[k])) * 100) / 100]),
    );
  }
}
