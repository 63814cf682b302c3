import { ResourceClass, SubResourceKind } from '@app/ops-contract';
import { ResourceRecord, SubResourceRecord } from '../inventory.repository';

export interface MetricSample {
  resourceId: string;
  subResourceId: string;
  metric: string;
  value: number;
  unit: string;
}

interface SimDevice {
  resource: ResourceRecord;
  portNames: string[];
  /** which device metrics this kind of box has */
  extra: { metric: string; unit: string; base: number; spread: number }[];
}

/** A small deterministic PRNG (mulberry32) so a seed gives the same fleet and the same weather. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ports = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

const FLEET: SimDevice[] = [
  {
    resource: {
      resourceId: 'NET-CORE-01',
      resourceIp: '10.41.4.1',
      resourceClass: ResourceClass.NETWORK_DEVICE,
      name: '政务外网核心交换机',
      model: 'CloudEngine S6730-H48X6C',
      brand: '华为',
      managementPort: 22,
    },
    portNames: ports('10GE1/0/', 24),
    extra: [{ metric: 'temperature', unit: '℃', base: 42, spread: 6 }],
  },
  {
    resource: {
      resourceId: 'NET-ACC-01',
      resourceIp: '10.41.4.2',
      resourceClass: ResourceClass.NETWORK_DEVICE,
      name: '大厅接入交换机',
      model: 'S5130S-28S-EI',
      brand: '新华三',
      managementPort: 22,
    },
    portNames: ports('GE1/0/', 24),
    extra: [{ metric: 'temperature', unit: '℃', base: 38, spread: 5 }],
  },
  {
    resource: {
      resourceId: 'FW-01',
      resourceIp: '10.41.4.254',
      resourceClass: ResourceClass.FIREWALL,
      name: '互联网边界防火墙',
      model: 'SG-6000-E3668',
      brand: '山石网科',
      managementPort: 443,
    },
    portNames: ports('ethernet0/', 8),
    extra: [{ metric: 'sessions', unit: '个', base: 18000, spread: 9000 }],
  },
  {
    resource: {
      resourceId: 'LB-01',
      resourceIp: '10.41.4.10',
      resourceClass: ResourceClass.LOAD_BALANCER,
      name: '应用负载均衡',
      model: 'AD-1000-B1080',
      brand: '深信服',
      managementPort: 443,
    },
    portNames: ports('eth', 4),
    extra: [{ metric: 'connections', unit: '个', base: 2500, spread: 1500 }],
  },
];

/** cpu-spike: CPU ≥ 93 %; port-down: one port's if.status 0; unreachable: the device answers no poll (device.up 0, nothing else) */
export const DEVICE_FAULT_KINDS = ['cpu-spike', 'port-down', 'unreachable'] as const;
export type DeviceFaultKind = (typeof DEVICE_FAULT_KINDS)[number];

export interface DeviceFault {
  resourceId: string;
  subResourceId: string;
  kind: DeviceFaultKind;
  untilTick: number;
}

/**
 * Network devices, firewalls and load balancers we cannot reach from a laptop: a fixed fleet whose
 * metrics follow a daily curve plus noise, with occasional faults (a CPU spike, a port going down)
 * that last a few sampling rounds — enough to exercise thresholds, alerts and reports. Every round
 * polls each device: `device.up` is 1 when it answers, 0 when it is unreachable (an injected fault),
 * and an unreachable device yields no other metric that round.
 */
export class DeviceSimulator {
  private readonly rand: () => number;
  private tick = 0;
  private faults: DeviceFault[] = [];

  constructor(
    seed: number,
    private readonly faultRate: number,
  ) {
    this.rand = prng(seed);
  }

  resources(): ResourceRecord[] {
    return FLEET.map((d) => ({ ...d.resource }));
  }

  subResources(): SubResourceRecord[] {
    return FLEET.flatMap((d) =>
      d.portNames.map((p) => ({
        subResourceId: `${d.resource.resourceId}:${p}`,
        resourceId: d.resource.resourceId,
        kind: SubResourceKind.PORT,
        name: p,
        status: this.portDown(d.resource.resourceId, `${d.resource.resourceId}:${p}`) ? 'down' : 'up',
      })),
    );
  }

  activeFaults(): DeviceFault[] {
    return [...this.faults];
  }

  /** Forces a fault (operators and tests use it to see the alert path). */
  injectFault(f: Omit<DeviceFault, 'untilTick'>, rounds = 3): void {
    this.faults.push({ ...f, untilTick: this.tick + rounds });
  }

  /** Every metric the simulated devices report. */
  metricNames(): string[] {
    return ['device.up', 'cpu.usage', 'mem.usage', 'if.status', 'if.in.bps', 'if.out.bps', ...new Set(FLEET.flatMap((d) => d.extra.map((e) => e.metric)))];
  }

  /** Whether the fleet has this device (a fault can be injected only into one of them). */
  hasDevice(resourceId: string): boolean {
    return FLEET.some((d) => d.resource.resourceId === resourceId);
  }

  /** Whether the device has this port. */
  hasPort(resourceId: string, subResourceId: string): boolean {
    return FLEET.some((d) => d.resource.resourceId === resourceId && d.portNames.some((p) => `${resourceId}:${p}` === subResourceId));
  }

  private unreachable(resourceId: string): boolean {
    return this.faults.some((f) => f.kind === 'unreachable' && f.resourceId === resourceId);
  }

  private portDown(resourceId: string, subResourceId: string): boolean {
    return this.faults.some((f) => f.kind === 'port-down' && f.resourceId === resourceId && f.subResourceId === subResourceId);
  }

  sample(now: Date): MetricSample[] {
    this.tick++;
    this.faults = this.faults.filter((f) => f.untilTick >= this.tick);
    if (this.rand() < this.faultRate) {
      const d = FLEET[Math.floor(this.rand() * FLEET.length)];
      const port = d.portNames[Math.floor(this.rand() * d.portNames.length)];
      const kind = this.rand() < 0.5 ? 'cpu-spike' : 'port-down';
      this.faults.push({
        resourceId: d.resource.resourceId,
        subResourceId: kind === 'port-down' ? `${d.resource.resourceId}:${port}` : '',
        kind,
        untilTick: this.tick + 2 + Math.floor(this.rand() * 4),
      });
    }
    const hour = now.getHours() + now.getMinutes() / 60;
    const daily = 0.5 + 0.5 * Math.sin(((hour - 9) / 24) * 2 * Math.PI); // busiest in office hours
    const noise = (spread: number) => (this.rand() - 0.5) * spread;
    const out: MetricSample[] = [];
    for (const d of FLEET) {
      const id = d.resource.resourceId;
      const up = !this.unreachable(id);
      out.push({ resourceId: id, subResourceId: '', metric: 'device.up', value: up ? 1 : 0, unit: '' });
      if (!up) continue; // the poll got no answer: nothing else is known this round
      const spike = this.faults.some((f) => f.kind === 'cpu-spike' && f.resourceId === id);
      out.push({
        resourceId: id,
        subResourceId: '',
        metric: 'cpu.usage',
        value: round(spike ? 93 + this.rand() * 6 : clamp(15 + 35 * daily + noise(10), 1, 99)),
        unit: '%',
      });
      out.push({ resourceId: id, subResourceId: '', metric: 'mem.usage', value: round(clamp(40 + 15 * daily + noise(6), 5, 99)), unit: '%' });
      for (const e of d.extra)
        out.push({
          resourceId: id,
          subResourceId: '',
          metric: e.metric,
          value: round(Math.max(0, e.base + e.spread * (daily - 0.5) + noise(e.spread / 4))),
          unit: e.unit,
        });
      for (const p of d.portNames) {
        const sub = `${id}:${p}`;
        const down = this.portDown(id, sub);
        const load = down ? 0 : Math.max(0, (50 + 400 * daily + noise(80)) * 1e6 * (0.2 + this.rand()));
        out.push({ resourceId: id, subResourceId: sub, metric: 'if.status', value: down ? 0 : 1, unit: '' });
        out.push({ resourceId: id, subResourceId: sub, metric: 'if.in.bps', value: Math.round(load), unit: 'bps' });
        out.push({ resourceId: id, subResourceId: sub, metric: 'if.out.bps', value: Math.round(load * (0.3 + this.rand() * 0.4)), unit: 'bps' });
      }
    }
    return out;
  }
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const round = (v: number) => Math.round(v * 100) / 100;
