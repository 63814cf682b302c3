import { readFileSync, statfsSync } from 'node:fs';
import { cpus, freemem, hostname, loadavg, networkInterfaces, totalmem } from 'node:os';

export interface HostSample {
  metric: string;
  value: number;
  unit: string;
}

/** The machine the node runs on, read from the OS (CPU/memory/disk/network). Rates are deltas between calls. */
export class HostProbe {
  private lastCpu?: { idle: number; total: number };
  private lastNet?: { rx: number; tx: number; at: number };

  hostname(): string {
    return hostname();
  }

  /** First non-internal IPv4 address, else loopback. */
  ip(): string {
    for (const list of Object.values(networkInterfaces())) {
      for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
    }
    return '127.0.0.1';
  }

  sample(): HostSample[] {
    const out: HostSample[] = [];
    const c = cpus().reduce(
      (acc, cpu) => {
        const t = cpu.times;
        acc.idle += t.idle;
        acc.total += t.user + t.nice + t.sys + t.idle + t.irq;
        return acc;
      },
      { idle: 0, total: 0 },
    );
    if (this.lastCpu && c.total > this.lastCpu.total) {
      const busy = 1 - (c.idle - this.lastCpu.idle) / (c.total - this.lastCpu.total);
      out.push({ metric: 'cpu.usage', value: round(busy * 100), unit: '%' });
    }
    this.lastCpu = c;
    out.push({ metric: 'mem.usage', value: round((1 - freemem() / totalmem()) * 100), unit: '%' });
    out.push({ metric: 'load1', value: round(loadavg()[0]), unit: '' });
    try {
      const s = statfsSync('/');
      out.push({ metric: 'disk.usage', value: round((1 - s.bavail / s.blocks) * 100), unit: '%' });
    } catch {
      /* not every platform has statfs */
    }
    const net = readNetDev();
    if (net) {
      const at = Date.now();
      if (this.lastNet && at > this.lastNet.at) {
        const secs = (at - this.lastNet.at) / 1000;
        out.push({ metric: 'net.rx.bps', value: Math.round(((net.rx - this.lastNet.rx) * 8) / secs), unit: 'bps' });
        out.push({ metric: 'net.tx.bps', value: Math.round(((net.tx - this.lastNet.tx) * 8) / secs), unit: 'bps' });
      }
      this.lastNet = { ...net, at };
    }
    return out;
  }
}

/** Linux /proc/net/dev totals over every interface except loopback. */
function readNetDev(): { rx: number; tx: number } | undefined {
  try {
    const lines = readFileSync('/proc/net/dev', 'utf8').split('\n').slice(2);
    let rx = 0;
    let tx = 0;
    for (const line of lines) {
      const [name, rest] = line.split(':');
      if (!rest || name.trim() === 'lo') continue;
      const f = rest.trim().split(/\s+/).map(Number);
      rx += f[0];
      tx += f[8];
    }
    return { rx, tx };
  } catch {
    return undefined;
  }
}

const round = (v: number) => Math.round(v * 100) / 100;
